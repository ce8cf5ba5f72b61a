import { againIfLost, storageFault } from './faults';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

it('names a lost or refused PostgreSQL connection unavailable', () => {
  expect(storageFault(withCode('57P01', 'terminating connection due to administrator command'))).toBe('unavailable');
  expect(storageFault(withCode('08006'))).toBe('unavailable');
  expect(storageFault(withCode('53300', 'sorry, too many clients already'))).toBe('unavailable');
  expect(storageFault(withCode('ECONNREFUSED'))).toBe('unavailable');
  expect(storageFault(new Error('Connection terminated unexpectedly'))).toBe('unavailable');
  expect(storageFault(new Error('Client has encountered a connection error and is not queryable'))).toBe('unavailable');
  expect(storageFault(withCode('SQLITE_BUSY', 'database is locked'))).toBe('unavailable');
});

it('names a full disk full, for both databases and the file store', () => {
  expect(storageFault(withCode('SQLITE_FULL', 'database or disk is full'))).toBe('full');
  expect(storageFault(withCode('53100', 'could not extend file'))).toBe('full');
  expect(storageFault(withCode('ENOSPC', 'no space left on device'))).toBe('full');
});

it('leaves every other error alone (constraints, bugs, refusals)', () => {
  expect(storageFault(withCode('23505', 'duplicate key'))).toBeNull();
  expect(storageFault(withCode('SQLITE_CONSTRAINT_UNIQUE'))).toBeNull();
  expect(storageFault(withCode('22012', 'division by zero'))).toBeNull();
  expect(storageFault(new TypeError('x is undefined'))).toBeNull();
  expect(storageFault('Connection terminated')).toBeNull();
  expect(storageFault(undefined)).toBeNull();
});

it('runs an operation again after a lost connection, at most twice more, and never after another error', async () => {
  let calls = 0;
  await expect(againIfLost(async () => (++calls < 3 ? Promise.reject(withCode('57P01')) : 'done'))).resolves.toBe('done');
  expect(calls).toBe(3);
  calls = 0;
  await expect(againIfLost(async () => (++calls, Promise.reject(withCode('57P01'))))).rejects.toMatchObject({ code: '57P01' });
  expect(calls).toBe(3);
  calls = 0;
  await expect(againIfLost(async () => (++calls, Promise.reject(withCode('23505'))))).rejects.toMatchObject({ code: '23505' });
  expect(calls).toBe(1);
});
