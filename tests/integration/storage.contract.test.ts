/**
 * The storage contract: the same suite against the embedded SQLite database and,
 * when TEST_DATABASE_URL is set, PostgreSQL (keyv-style shared test suite).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { deriveKeys } from '../../cloud/domain/crypto';
import { demoPerson } from '../../cloud/domain/demo-people';
import { createContext, Registry } from '../../cloud/functions/registry';
import type { Services } from '../../cloud/functions/services';
import { seedDemo } from '../../cloud/seed/demo';
import { assertSqliteDurability, cachePreparedStatements, isUniqueViolation, openStorage, type Storage } from '../../cloud/storage/db';
import { groupCommitOf } from '../../cloud/storage/group-commit';
import { setSessionCacheLifetime } from '../../cloud/storage/session-cache';
import { LocalDiskFileStore } from '../../cloud/storage/file-store';
import { insertMember } from '../../cloud/storage/members.repository';
import { createSession, resolveSession, revokeSession } from '../../cloud/storage/users.repository';
import { BACKENDS, freshPostgres } from '../support/host';

const keys = deriveKeys(Buffer.alloc(32, 3));
const services: Services = { mode: 'demo', keys, publicUrl: 'http://localhost', wechat: null, files: new LocalDiskFileStore(path.join(os.tmpdir(), 'union-storage-contract-files')) };
const NOW = new Date('2026-11-25T08:00:00Z');

describe.each(BACKENDS)('storage contract on %s', (backend) => {
  let storage: Storage;
  let reopen: () => Promise<Storage>;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    if (backend === 'sqlite') {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-store-'));
      const file = path.join(dir, 'union.db');
      reopen = () => openStorage({ kind: 'sqlite', file });
      cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
    } else {
      const pg = await freshPostgres();
      reopen = () => openStorage({ kind: 'postgres', url: pg.url });
      cleanup = pg.drop;
    }
    storage = await reopen();
    await seedDemo(storage.db, keys, 'Demo-password-1', NOW);
  });
  afterAll(async () => {
    await storage.close();
    await cleanup();
  });

  it('runs migrations once: opening again changes nothing and keeps the data', async () => {
    const second = await reopen();
    try {
      const unions = await second.db.selectFrom('unions').select('id').execute();
      expect(unions.length).toBe(4);
    } finally {
      await second.close();
    }
  });

  it('seeds the demo once', async () => {
    expect(await seedDemo(storage.db, keys, 'Demo-password-1', NOW)).toBe(false);
  });

  it('hands out distinct, gap-free member numbers under 20 concurrent transactions', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        storage.db.transaction().execute((trx) =>
          insertMember(trx, keys, { userId: null, unionId: 'bu-cy03', unitId: 'unit-dzkc', unitName: null, data: demoPerson(`concurrent:${i}`, '440305'), now: NOW, today: '2026-11-25' }),
        ),
      ),
    );
    const numbers = results.map((r) => r.memberNo).sort();
    expect(new Set(numbers).size).toBe(20);
    const seqs = numbers.map((n) => Number(n.split('-')[1]));
    expect(seqs[seqs.length - 1] - seqs[0]).toBe(19);
  });

  it('allows one active membership per ID number, enforced by the database', async () => {
    const person = demoPerson('dup-test', '510104');
    const args = { userId: null, unionId: 'bu-cy01', unitId: 'unit-wxy', unitName: null, data: person, now: NOW, today: '2026-11-25' };
    const first = await storage.db.transaction().execute((trx) => insertMember(trx, keys, args));
    let error: unknown;
    try {
      await storage.db.transaction().execute((trx) => insertMember(trx, keys, { ...args, unionId: 'bu-cy02', unitId: 'unit-zjmg' }));
    } catch (e) {
      error = e;
    }
    expect(isUniqueViolation(error)).toBe(true);
    // After leaving (退会), the same person may join again.
    await storage.db.updateTable('members').set({ status: 'left' }).where('id', '=', first.id).execute();
    await expect(storage.db.transaction().execute((trx) => insertMember(trx, keys, { ...args, unionId: 'bu-cy02', unitId: 'unit-zjmg' }))).resolves.toBeTruthy();
  });

  it('stores personal fields encrypted and masked', async () => {
    const row = await storage.db.selectFrom('members').selectAll().where('union_id', '=', 'bu-cy01').executeTakeFirstOrThrow();
    expect(row.id_number_enc.startsWith('v1.')).toBe(true);
    expect(row.id_number_masked).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    expect(row.phone_masked).toMatch(/^1\d{2}\*{4}\d{4}$/);
  });

  it('resolves, idles out and revokes sessions', async () => {
    const user = await storage.db.selectFrom('users').select('id').executeTakeFirstOrThrow();
    const token = await createSession(storage.db, user.id, [], NOW);
    expect((await resolveSession(storage.db, token, NOW)).state).toBe('active');
    expect((await resolveSession(storage.db, 'nope', NOW)).state).toBe('unknown');
    expect((await resolveSession(storage.db, token, new Date(NOW.getTime() + 31 * 86400000))).state).toBe('idle_expired');
    const active = await resolveSession(storage.db, token, NOW);
    if (active.state !== 'active') throw new Error('expected active');
    await revokeSession(storage.db, active.tokenHash, NOW);
    expect((await resolveSession(storage.db, token, NOW)).state).toBe('revoked');
  });

  it('keeps a resolved session a few seconds in this process; a logout here ends it at once', async () => {
    const user = await storage.db.selectFrom('users').select('id').executeTakeFirstOrThrow();
    const revokeElsewhere = (hash: string) => storage.db.updateTable('sessions').set({ revoked_at: NOW.toISOString() }).where('token_hash', '=', hash).execute();
    try {
      setSessionCacheLifetime(5000);
      const token = await createSession(storage.db, user.id, [], NOW);
      const a = await resolveSession(storage.db, token, NOW);
      if (a.state !== 'active') throw new Error('expected active');
      // Revoked by another instance (straight in the database): accepted here until the cache entry ends.
      await revokeElsewhere(a.tokenHash);
      expect((await resolveSession(storage.db, token, new Date(NOW.getTime() + 4000))).state).toBe('active');
      expect((await resolveSession(storage.db, token, new Date(NOW.getTime() + 5001))).state).toBe('revoked');

      // Revoked here (auth.logout): refused at once, even while a lookup could re-fill the cache.
      const token2 = await createSession(storage.db, user.id, [], NOW);
      const b = await resolveSession(storage.db, token2, NOW);
      if (b.state !== 'active') throw new Error('expected active');
      await revokeSession(storage.db, b.tokenHash, NOW);
      expect((await resolveSession(storage.db, token2, NOW)).state).toBe('revoked');

      // Off: every call reads the database.
      setSessionCacheLifetime(0);
      const token3 = await createSession(storage.db, user.id, [], NOW);
      const c = await resolveSession(storage.db, token3, NOW);
      if (c.state !== 'active') throw new Error('expected active');
      await revokeElsewhere(c.tokenHash);
      expect((await resolveSession(storage.db, token3, NOW)).state).toBe('revoked');
    } finally {
      setSessionCacheLifetime(5000);
    }
  });

  it('writes the audit event in the same transaction as the change: both or neither', async () => {
    const ctx = createContext({ db: storage.db, principal: null, now: NOW, services, fnName: 'test.audit' });
    await expect(
      ctx.transaction(async (w) => {
        await w.db.updateTable('units').set({ employees: 999 }).where('id', '=', 'unit-hlj').execute();
        await w.audit({ objectType: 'unit', objectId: 'unit-hlj' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const unit = await storage.db.selectFrom('units').select('employees').where('id', '=', 'unit-hlj').executeTakeFirstOrThrow();
    expect(unit.employees).toBe(15);
    expect(await storage.db.selectFrom('audit_events').select('id').where('action', '=', 'test.audit').executeTakeFirst()).toBeUndefined();

    await ctx.transaction(async (w) => {
      await w.db.updateTable('units').set({ employees: 16 }).where('id', '=', 'unit-hlj').execute();
      await w.audit({ objectType: 'unit', objectId: 'unit-hlj', detail: { employees: 16 } });
    });
    expect(await storage.db.selectFrom('audit_events').select('detail').where('action', '=', 'test.audit').executeTakeFirstOrThrow()).toEqual({ detail: '{"employees":16}' });
  });

  it('commits waiting mutations together (SQLite group commit): a failing one alone is rolled back, each answered after the commit', async () => {
    const batcher = groupCommitOf(storage.db);
    if (backend === 'postgres') {
      expect(batcher).toBeUndefined();
      return;
    }
    expect(batcher).toBeDefined();
    const before = { ...batcher!.stats };
    const ctx = createContext({ db: storage.db, principal: null, now: NOW, services, fnName: 'test.group' });
    const write = (unitId: string, employees: number, fail?: 'throw' | 'silent') =>
      ctx.transaction(async (w) => {
        await w.db.updateTable('units').set({ employees }).where('id', '=', unitId).execute();
        if (fail !== 'silent') await w.audit({ objectType: 'unit', objectId: unitId, detail: { employees } });
        if (fail === 'throw') throw new Error(`refused ${unitId}`);
        // Visible inside the batch before the commit; the caller is answered after it.
        return (await w.db.selectFrom('units').select('employees').where('id', '=', unitId).executeTakeFirstOrThrow()).employees;
      });
    const results = await Promise.allSettled([write('unit-hlj', 101), write('unit-schg', 102, 'throw'), write('unit-wxy', 103), write('unit-hlj', 104, 'silent'), write('unit-hlj', 105)]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : String((r.reason as Error).message)))).toEqual([101, 'refused unit-schg', 103, expect.stringMatching(/audit/), 105]);
    expect(batcher!.stats.batches - before.batches).toBe(1);
    expect(batcher!.stats.bodies - before.bodies).toBe(5);
    const units = await storage.db.selectFrom('units').select(['id', 'employees']).where('id', 'in', ['unit-hlj', 'unit-schg', 'unit-wxy']).orderBy('id').execute();
    expect(Object.fromEntries(units.map((u) => [u.id, u.employees]))).toMatchObject({ 'unit-hlj': 105, 'unit-wxy': 103 });
    expect(units.find((u) => u.id === 'unit-schg')!.employees).not.toBe(102);
    const audits = await storage.db.selectFrom('audit_events').select('object_id').where('action', '=', 'test.group').execute();
    expect(audits.map((a) => a.object_id).sort()).toEqual(['unit-hlj', 'unit-hlj', 'unit-wxy']);
  });

  it('refuses to commit a mutation that wrote no audit event', async () => {
    const ctx = createContext({ db: storage.db, principal: null, now: NOW, services, fnName: 'test.silent' });
    await expect(ctx.transaction((w) => w.db.updateTable('units').set({ employees: 1 }).where('id', '=', 'unit-schg').execute())).rejects.toThrow(/audit/);
    const unit = await storage.db.selectFrom('units').select('employees').where('id', '=', 'unit-schg').executeTakeFirstOrThrow();
    expect(unit.employees).toBe(22);
  });

  it('enforces foreign keys', async () => {
    let error: unknown;
    try {
      await storage.db.insertInto('units').values({ id: 'u-x', name: 'x', employees: 1, industry_union_id: 'no-such', base_union_id: null, created_at: NOW.toISOString() }).execute();
    } catch (e) {
      error = e;
    }
    expect(error).toBeDefined();
  });
});

describe('SQLite durability', () => {
  it('runs in WAL with synchronous=NORMAL by default, FULL when configured, and checks the level it runs at (and recursive_triggers)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-wal-'));
    const s = await openStorage({ kind: 'sqlite', file: path.join(dir, 'u.db') });
    expect(s.describe).toMatch(/synchronous=NORMAL/);
    await s.close();
    const full = await openStorage({ kind: 'sqlite', file: path.join(dir, 'u.db'), synchronous: 'FULL' });
    expect(full.describe).toMatch(/synchronous=FULL/);
    await full.close();
    const check = new BetterSqlite3(path.join(dir, 'u.db'));
    check.pragma('synchronous = NORMAL');
    check.pragma('foreign_keys = ON');
    check.pragma('recursive_triggers = ON');
    expect(() => assertSqliteDurability(check, 'FULL')).toThrow(/synchronous/);
    expect(() => assertSqliteDurability(check, 'NORMAL')).not.toThrow();
    // Without recursive_triggers, INSERT OR REPLACE would slip past the ledger's DELETE triggers.
    check.pragma('recursive_triggers = OFF');
    expect(() => assertSqliteDurability(check, 'NORMAL')).toThrow(/recursive_triggers/);
    check.close();
    const raw = new BetterSqlite3(path.join(dir, 'u.db'));
    expect(String(raw.pragma('journal_mode', { simple: true }))).toBe('wal');
    raw.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shares one prepared statement per SQL text (bounded) and does not cache schema changes', () => {
    const raw = new BetterSqlite3(':memory:');
    const cached = cachePreparedStatements(raw, 2);
    raw.exec('CREATE TABLE t (x integer)');
    const a = cached.prepare('SELECT x FROM t');
    expect(cached.prepare('SELECT x FROM t')).toBe(a);
    cached.prepare('SELECT x + 1 FROM t');
    cached.prepare('SELECT x + 2 FROM t');
    expect(cached.prepare('SELECT x FROM t')).not.toBe(a);
    expect(cached.prepare('CREATE TABLE u (y integer)')).not.toBe(cached.prepare('CREATE TABLE u (y integer)'));
    cached.prepare('INSERT INTO t VALUES (?)').run(7);
    expect(cached.prepare('SELECT x FROM t').all()).toEqual([{ x: 7 }]);
    cached.close();
    expect(raw.open).toBe(false);
  });

  it('refuses to start when WAL cannot be enabled (e.g. an in-memory database)', () => {
    const mem = new BetterSqlite3(':memory:');
    mem.pragma('journal_mode = WAL');
    expect(() => assertSqliteDurability(mem, 'FULL')).toThrow(/WAL/);
    mem.close();
  });
});

describe('registry', () => {
  it('cannot register a function without a policy', () => {
    const fn = { contract: { name: 'x.y', input: {}, summary: '' }, kind: 'query', sample: () => ({}), handler: async () => ({}) };
    expect(() => new Registry().register(fn as never)).toThrow(/policy/);
  });
});

// PostgreSQL only (CI sets TEST_DATABASE_URL).
if (BACKENDS.includes('postgres')) {
  describe('PostgreSQL connection loss', () => {
    it('survives the server cutting idle connections, and serves the next query', async () => {
      const pgdb = await freshPostgres();
      const s = await openStorage({ kind: 'postgres', url: pgdb.url });
      try {
        await s.db.selectFrom('unions').select('id').execute();
        const admin = new (await import('pg')).default.Client({ connectionString: process.env.TEST_DATABASE_URL });
        await admin.connect();
        await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [new URL(pgdb.url).pathname.slice(1)]);
        await admin.end();
        await new Promise((r) => setTimeout(r, 100));
        await expect(s.db.selectFrom('unions').select('id').execute()).resolves.toEqual([]);
      } finally {
        await s.close();
        await pgdb.drop();
      }
    });
  });
}
