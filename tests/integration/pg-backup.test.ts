/**
 * PostgreSQL backup and restore (scripts/pg-backup.sh, scripts/pg-restore.sh; docs/deploy.md,
 * "Backups"): an online backup of a seeded database with the host running, restored into a fresh
 * database: every table has the same rows, a session made before the backup still signs in, and a
 * host on the restored database is ready. A database that has tables is refused as a target.
 * Needs TEST_DATABASE_URL (pg_dump, pg_restore and psql on the PATH).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { freshPostgres, startTestHost } from '../support/host';

const run = promisify(execFile);
const root = path.join(__dirname, '../..');
const reason = process.env.TEST_DATABASE_URL ? null : 'TEST_DATABASE_URL is not set, so there is no PostgreSQL database to back up';

jest.setTimeout(120_000);

/** Exact row counts of every table of the public schema, counted by us (not by the script under test). */
async function rowCounts(url: string): Promise<Record<string, number>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ table_name: string }>("select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name");
    const counts: Record<string, number> = {};
    for (const { table_name } of rows) {
      const r = await c.query<{ n: string }>(`select count(*) as n from public."${table_name.replace(/"/g, '""')}"`);
      counts[table_name] = Number(r.rows[0].n);
    }
    return counts;
  } finally {
    await c.end();
  }
}

if (reason) {
  process.stdout.write(`pg-backup.test.ts: skipped: ${reason}\n`);
  it.skip(`backs up a seeded PostgreSQL database and restores it into a fresh one (skipped: ${reason})`, () => undefined);
} else {
  it('backs up a seeded PostgreSQL database online and restores it into a fresh one with the same rows', async () => {
    const dataKey = randomBytes(32).toString('base64');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-pg-backup-'));
    const source = await startTestHost({ backend: 'postgres', env: { UNION_DATA_KEY: dataKey } });
    const target = await freshPostgres();
    try {
      const sourceUrl = source.host.config.storage.kind === 'postgres' ? source.host.config.storage.url : '';
      // Rows beyond the demo seed: sessions, a member with encrypted personal data, audit events.
      const session = await source.login('member', 'bu-cy01', 'backup');
      const before = await source.call('auth.me', {}, session);
      await source.login('staff', 'bu-cy01', 'backup');

      // An archive past the retention (UNION_PG_BACKUP_KEEP_DAYS=14) is deleted after a good backup; other files are not.
      const old = path.join(dir, 'union-20200101T000000Z.dump');
      const notOurs = path.join(dir, 'notes-20200101.dump');
      for (const f of [old, notOurs]) {
        fs.writeFileSync(f, 'x');
        fs.utimesSync(f, new Date('2020-01-01'), new Date('2020-01-01'));
      }
      const backup = await run('bash', [path.join(root, 'scripts/pg-backup.sh'), dir], { env: { ...process.env, DATABASE_URL: sourceUrl, UNION_PG_BACKUP_KEEP_DAYS: '14' } });
      expect(backup.stdout).toMatch(/^备份完成：.*union-\d{8}T\d{6}Z\.dump/);
      expect(backup.stdout).toContain(`已删除过期备份：${old}`);
      const archives = fs.readdirSync(dir).filter((f) => f !== path.basename(notOurs));
      expect(fs.existsSync(notOurs)).toBe(true);
      expect(archives).toHaveLength(1); // the new archive; no partial file left behind
      const archive = path.join(dir, archives[0]);
      expect(fs.statSync(archive).mode & 0o077).toBe(0); // readable by its owner only

      const counts = await rowCounts(sourceUrl);
      expect(counts.members).toBeGreaterThan(0);
      expect(counts.kysely_migration).toBeGreaterThan(0);
      expect(counts.sessions).toBeGreaterThan(0);
      await source.close();

      const restore = await run('bash', [path.join(root, 'scripts/pg-restore.sh'), archive, target.url]);
      const printed = Object.fromEntries(restore.stdout.split('\n').flatMap((l) => {
        const m = /^([a-z0-9_]+) (\d+)$/.exec(l);
        return m ? [[m[1], Number(m[2])]] : [];
      }));
      expect(printed).toEqual(counts);
      expect(await rowCounts(target.url)).toEqual(counts);

      // Never over a database that has tables.
      const again = await run('bash', [path.join(root, 'scripts/pg-restore.sh'), archive, target.url]).then(() => null, (err: { code: number; stderr: string }) => err);
      expect(again).toMatchObject({ code: 3 });
      expect(again!.stderr).toContain('拒绝覆盖');

      // A host on the restored database: ready, and the member's session from before the backup still works.
      const restored = await startTestHost({ env: { DATABASE_URL: target.url, UNION_DATA_KEY: dataKey } });
      try {
        const ready = await fetch(`${restored.url}/readyz`);
        expect(ready.status).toBe(200);
        expect(await restored.call('auth.me', {}, session)).toEqual(before);
      } finally {
        await restored.close();
      }
    } finally {
      await source.close().catch(() => undefined);
      await target.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to run without DATABASE_URL, and keeps no archive when pg_dump fails', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-pg-backup-'));
    try {
      const env = { ...process.env };
      delete env.DATABASE_URL;
      const none = await run('bash', [path.join(root, 'scripts/pg-backup.sh'), dir], { env }).then(() => null, (err: { code: number; stderr: string }) => err);
      expect(none).toMatchObject({ code: 2 });
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/union_no_such_db_${randomBytes(4).toString('hex')}`;
      const failed = await run('bash', [path.join(root, 'scripts/pg-backup.sh'), dir], { env: { ...process.env, DATABASE_URL: url.toString() } }).then(() => null, (err: { code: number }) => err);
      expect(failed).not.toBeNull();
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
