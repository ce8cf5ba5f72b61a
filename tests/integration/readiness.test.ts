/**
 * `GET /readyz` (docs/deploy.md, "Health and readiness"): 200 when the database answers and has run
 * every migration this build knows; 503 with a stable reason when not. `/healthz` stays 200 while
 * the process lives. On both backends; the lost database on PostgreSQL, where it can be lost.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { MIGRATION_NAMES } from '../../cloud/storage/db';
import { BACKENDS, startTestHost, type TestHost } from '../support/host';

async function get(t: TestHost, path: string) {
  const res = await fetch(`${t.url}${path}`);
  return { status: res.status, id: res.headers.get('x-request-id'), body: (await res.json()) as { ready?: boolean; reason?: string; error?: string; pending?: string[]; requestId?: string } };
}

describe.each(BACKENDS)('readiness on %s', (backend) => {
  let t: TestHost;
  beforeAll(async () => {
    t = await startTestHost({ backend });
  });
  afterAll(() => t.close());

  it('is ready once started: the database answers and every migration has run', async () => {
    expect(await get(t, '/readyz')).toMatchObject({ status: 200, body: { ready: true } });
    expect((await get(t, '/healthz')).status).toBe(200);
  });

  it('answers 503 migrations_pending, naming the migration, while one is missing from the database, and 200 again once it is back', async () => {
    const last = MIGRATION_NAMES[MIGRATION_NAMES.length - 1];
    const { rows } = await sql<{ name: string; timestamp: string }>`select name, timestamp from kysely_migration where name = ${last}`.execute(t.host.storage.db);
    expect(rows).toHaveLength(1);
    await sql`delete from kysely_migration where name = ${last}`.execute(t.host.storage.db);
    try {
      const r = await get(t, '/readyz');
      expect(r).toMatchObject({ status: 503, body: { ready: false, reason: 'migrations_pending', pending: [last] } });
      expect(r.body.error).toMatch(/[\u4e00-\u9fa5]/);
      expect(r.body.requestId).toBe(r.id);
      expect((await get(t, '/healthz')).status).toBe(200);
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${rows[0].name}, ${rows[0].timestamp})`.execute(t.host.storage.db);
    }
    expect((await get(t, '/readyz')).status).toBe(200);
  });
});

const reason = process.env.TEST_DATABASE_URL ? null : 'TEST_DATABASE_URL is not set, so there is no PostgreSQL database to lose';
if (reason) {
  process.stdout.write(`readiness.test.ts: lost-database case skipped: ${reason}\n`);
  it.skip(`answers 503 database_unavailable when its PostgreSQL database is gone (skipped: ${reason})`, () => undefined);
} else {
  it('answers 503 database_unavailable when its PostgreSQL database is gone, and logs why; /healthz stays 200', async () => {
    const t = await startTestHost({ backend: 'postgres' });
    try {
      expect((await get(t, '/readyz')).status).toBe(200);
      // The database is dropped under the running host: its connections are terminated and new ones refused.
      const name = new URL(t.host.config.storage.kind === 'postgres' ? t.host.config.storage.url : '').pathname.slice(1);
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
      const started = Date.now();
      const r = await get(t, '/readyz');
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(r).toMatchObject({ status: 503, body: { ready: false, reason: 'database_unavailable' } });
      expect(r.body.requestId).toBe(r.id);
      expect(JSON.stringify(r.body)).not.toContain(name); // the cause is for the log, not for whoever asks
      const line = t.logs.find((l) => l.startsWith('readiness check failed') && l.includes(r.id ?? '\u0000'));
      expect(line).toMatch(/"outcome":"database_unavailable"/);
      expect((await get(t, '/healthz')).status).toBe(200);
    } finally {
      await t.close();
    }
  });
}

it('answers 503 draining once SIGTERM handling has begun, to a request that arrives on a connection still open', async () => {
  const t = await startTestHost();
  const net = await import('node:net');
  const socket = net.connect(t.host.port, '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  let answer = '';
  socket.on('data', (b: Buffer) => (answer += b.toString()));
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  // The request is begun before the host starts closing (a connection sending a request is not idle,
  // so it is not cut), and finished after.
  socket.write(`GET /readyz HTTP/1.1\r\nHost: 127.0.0.1:${t.host.port}\r\n`);
  await new Promise((r) => setTimeout(r, 100));
  const closing = t.host.close();
  await new Promise((r) => setTimeout(r, 100));
  socket.write('\r\n');
  await ended;
  await closing;
  expect(answer).toMatch(/^HTTP\/1\.1 503 /);
  expect(answer).toMatch(/\r\nconnection: close\r\n/i);
  expect(answer).toContain('"reason":"draining"');
  await t.close(); // the host is closed already (closing again is harmless); this removes its folder
});
