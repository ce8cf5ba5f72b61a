/**
 * Request ids (docs/api.md, "Request ids"): every answer carries `X-Request-Id` — the caller's when it
 * is a sane one, else a new one — every refusal body carries the same id as `requestId`, and the
 * host's error lines name it with the function, the outcome and the duration.
 */
import { sql } from 'kysely';
import { signHeaders, startTestHost, type TestHost } from '../support/host';

let t: TestHost;
beforeAll(async () => {
  t = await startTestHost();
});
afterAll(() => t.close());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function call(name: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${t.url}/1.1/functions/${name}`, { method: 'POST', headers: { ...signHeaders(), ...headers }, body });
  return { status: res.status, id: res.headers.get('x-request-id'), body: (await res.json()) as { result?: unknown; reason?: string; requestId?: string } };
}

it('gives every answer a new id when the caller sends none, a different one each time', async () => {
  const a = await call('org.tree', '{}');
  const b = await call('org.tree', '{}');
  expect(a.status).toBe(200);
  expect(a.id).toMatch(UUID);
  expect(b.id).toMatch(UUID);
  expect(a.id).not.toBe(b.id);
  expect(a.body).not.toHaveProperty('requestId'); // a success body is the contract's {result} only
});

it("keeps a sane incoming id and replaces one that is too short, too long or has other characters", async () => {
  expect((await call('org.tree', '{}', { 'X-Request-Id': 'gw-2026.12.08_0001' })).id).toBe('gw-2026.12.08_0001');
  for (const bad of ['short', 'x'.repeat(65), 'has space inside', 'quote"inside1', '<script>alert</script>']) {
    const r = await call('org.tree', '{}', { 'X-Request-Id': bad });
    expect(r.id).toMatch(UUID);
  }
});

it('puts the same id in every refusal body as requestId', async () => {
  const cases: [string, string, Record<string, string>, string][] = [
    ['auth.me', '{}', {}, 'unauthenticated'],
    ['org.tree', '{"a":', {}, 'invalid_json'],
    ['org.tree', '{"role":1}', {}, 'validation_error'],
    ['no.such', '{}', {}, 'unknown_function'],
    ['org.tree', '{}', signHeaders('wrong-key'), 'bad_signature'],
    ['org.tree', JSON.stringify({ x: 'x'.repeat(1024 * 1024 + 10) }), {}, 'payload_too_large'],
  ];
  for (const [name, body, headers, reason] of cases) {
    const r = await call(name, body, headers);
    expect(r.body.reason).toBe(reason);
    expect(r.id).toMatch(UUID);
    expect(r.body.requestId).toBe(r.id);
  }
  const mine = await call('auth.me', '{}', { 'X-Request-Id': 'trace-from-the-app-42' });
  expect(mine.body).toMatchObject({ reason: 'unauthenticated', requestId: 'trace-from-the-app-42' });
  // The method refusal of the protocol's other paths too.
  const get = await fetch(`${t.url}/1.1/functions/org.tree`);
  expect((await get.json()) as unknown).toMatchObject({ reason: 'method_not_allowed', requestId: get.headers.get('x-request-id') });
});

it('carries the header on the other answers: health, readiness, a preflight, an unknown path', async () => {
  const answers = [
    await fetch(`${t.url}/healthz`),
    await fetch(`${t.url}/readyz`),
    await fetch(`${t.url}/no/such/path`),
    await fetch(`${t.url}/1.1/functions/auth.me`, { method: 'OPTIONS', headers: { Origin: 'http://example.test', 'Access-Control-Request-Method': 'POST' } }),
  ];
  expect(answers.map((r) => r.status)).toEqual([200, 200, 404, 204]);
  for (const r of answers) expect(r.headers.get('x-request-id')).toMatch(UUID);
});

it('names the request, the function, the outcome and the duration in the error line of a failed call', async () => {
  // A real fault: the table org.tree reads is gone for a moment (renamed, then renamed back).
  const db = t.host.storage.db;
  await sql`alter table units rename to units_gone`.execute(db);
  let r: Awaited<ReturnType<typeof call>>;
  try {
    r = await call('org.tree', '{}', { 'X-Request-Id': 'fault-trace-0001' });
  } finally {
    await sql`alter table units_gone rename to units`.execute(db);
  }
  expect(r.status).toBe(500);
  expect(r.body).toMatchObject({ reason: 'internal_error', requestId: 'fault-trace-0001' });
  const line = t.logs.find((l) => l.includes('fault-trace-0001'));
  expect(line).toBeDefined();
  const meta = JSON.parse(line!.slice(line!.indexOf('{'))) as Record<string, unknown>;
  expect(meta).toMatchObject({ requestId: 'fault-trace-0001', fn: 'org.tree', outcome: 'internal_error' });
  expect(typeof meta.durationMs).toBe('number');
  expect(meta.error).toMatch(/units/);
  expect((await call('org.tree', '{}')).status).toBe(200);
});

it('writes those lines as JSON on stderr when no logger is given (the production logger)', async () => {
  const { jsonLogger } = await import('../../cloud/host/app');
  const written: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
  try {
    jsonLogger.error('unhandled error', { requestId: 'abc12345', fn: 'org.tree', outcome: 'internal_error', durationMs: 1.5 });
  } finally {
    spy.mockRestore();
  }
  expect(JSON.parse(written.join(''))).toMatchObject({ level: 'error', message: 'unhandled error', requestId: 'abc12345', fn: 'org.tree', outcome: 'internal_error', durationMs: 1.5 });
});
