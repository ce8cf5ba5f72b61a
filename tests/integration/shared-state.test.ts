/**
 * What several host instances share through the database (019), on SQLite and (with
 * TEST_DATABASE_URL) PostgreSQL: the file store in the `files` table against the local-disk one
 * (one contract for both), the periodic-job lease (100 runners at once: the job runs once), and the
 * shared rate-limit bucket (100 takes at once of a limit of 10: exactly 10 allowed).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../cloud/host/config';
import { JobRunner, chinaDay, type PeriodicJob } from '../../cloud/host/jobs';
import { openStorage, type Storage } from '../../cloud/storage/db';
import { DatabaseFileStore, LocalDiskFileStore, newFileKey, type FileStore } from '../../cloud/storage/file-store';
import { readJobRun } from '../../cloud/storage/jobs.repository';
import { sweepRateBuckets, takeRateToken } from '../../cloud/storage/rate-buckets.repository';
import { BACKENDS, freshPostgres } from '../support/host';

jest.setTimeout(60_000);

const NOW = new Date('2026-12-08T02:00:00Z');

describe('settings', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-shared-config-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  it('keeps files in PostgreSQL by default with DATABASE_URL, on disk without; database without PostgreSQL, or s3 without its settings, is refused', () => {
    expect(loadConfig({ UNION_DATA_DIR: dataDir, DATABASE_URL: 'postgres://x@h/db' }).filesStore).toBe('database');
    expect(loadConfig({ UNION_DATA_DIR: dataDir, DATABASE_URL: 'postgres://x@h/db', UNION_FILES_STORE: 'disk' }).filesStore).toBe('disk');
    expect(loadConfig({ UNION_DATA_DIR: dataDir }).filesStore).toBe('disk');
    expect(() => loadConfig({ UNION_DATA_DIR: dataDir, UNION_FILES_STORE: 'database' })).toThrow(ConfigError);
    expect(() => loadConfig({ UNION_DATA_DIR: dataDir, UNION_FILES_STORE: 'ftp' })).toThrow(/只能是 database、s3 或 disk/);
    expect(() => loadConfig({ UNION_DATA_DIR: dataDir, UNION_FILES_STORE: 's3', UNION_S3_ENDPOINT: 'http://127.0.0.1:9000' })).toThrow(/缺少配置：UNION_S3_BUCKET、UNION_S3_ACCESS_KEY_ID、UNION_S3_SECRET_ACCESS_KEY/);
    const s3 = { UNION_FILES_STORE: 's3', UNION_S3_BUCKET: 'b', UNION_S3_ACCESS_KEY_ID: 'k', UNION_S3_SECRET_ACCESS_KEY: 's' };
    expect(() => loadConfig({ UNION_DATA_DIR: dataDir, ...s3, UNION_S3_ENDPOINT: 'cos.example.cn' })).toThrow(/UNION_S3_ENDPOINT/);
    expect(loadConfig({ UNION_DATA_DIR: dataDir, ...s3, UNION_S3_ENDPOINT: 'https://cos.example.cn' }).s3).toMatchObject({ bucket: 'b', region: 'us-east-1' });
    expect(() => loadConfig({ UNION_DATA_DIR: dataDir, UNION_JOB_TICK_MS: '5' })).toThrow(/UNION_JOB_TICK_MS/);
  });
});

describe.each(BACKENDS)('shared state on %s', (backend) => {
  let storage: Storage;
  let dir: string;
  let drop: () => Promise<void> = async () => undefined;
  const logs: string[] = [];
  const log = { error: (m: string, meta?: Record<string, unknown>) => logs.push(`${m} ${JSON.stringify(meta ?? {})}`) };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-shared-'));
    if (backend === 'sqlite') storage = await openStorage({ kind: 'sqlite', file: path.join(dir, 'u.db') });
    else {
      const pg = await freshPostgres();
      drop = pg.drop;
      storage = await openStorage({ kind: 'postgres', url: pg.url });
    }
  });
  afterAll(async () => {
    await storage.close();
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    logs.length = 0;
  });

  describe.each(['database', 'disk'] as const)('the %s file store', (kind) => {
    const store = (): FileStore => (kind === 'database' ? new DatabaseFileStore(storage.db) : new LocalDiskFileStore(path.join(dir, 'files')));

    it('gives back every byte it stored, replaces on a second put, and forgets on delete', async () => {
      const s = store();
      const key = newFileKey('attachments', NOW);
      const bytes = Buffer.from(Array.from({ length: 256 * 40 }, (_, i) => i % 256));
      await s.put(key, bytes);
      expect((await store().get(key))?.equals(bytes)).toBe(true);
      await s.put(key, Buffer.from('第二版'));
      expect((await s.get(key))?.toString()).toBe('第二版');
      await s.delete(key);
      expect(await s.get(key)).toBeNull();
      await s.delete(key);
      expect(await s.get('attachments/2026/12/missing')).toBeNull();
    });

    it('refuses keys that are not ours', async () => {
      await expect(store().put('../x', Buffer.from('x'))).rejects.toThrow(/bad key/);
      await expect(store().get('A/b')).rejects.toThrow(/bad key/);
    });
  });

  it('the database store still reads, and deletes, files an earlier disk store left in its folder', async () => {
    const legacyDir = path.join(dir, 'legacy-files');
    const old = new LocalDiskFileStore(legacyDir);
    const key = newFileKey('photos', NOW);
    await old.put(key, Buffer.from('旧照片'));
    const s = new DatabaseFileStore(storage.db, { legacyDir });
    expect((await s.get(key))?.toString()).toBe('旧照片');
    expect(await storage.db.selectFrom('files').select('key').where('key', '=', key).executeTakeFirst()).toBeUndefined();
    await s.delete(key);
    expect(await old.get(key)).toBeNull();
  });

  describe('shared rate-limit buckets', () => {
    it('100 takes at once of a bucket of 10 per minute: exactly 10 allowed; one more once 6 s have refilled a token; swept when full again', async () => {
      const t0 = NOW.getTime();
      const takes = await Promise.all(Array.from({ length: 100 }, () => takeRateToken(storage.db, 'id:LOGIN:user:race', 10, 60_000, t0)));
      expect(takes.filter((t) => t.allowed)).toHaveLength(10);
      expect(takes.filter((t) => !t.allowed).every((t) => t.tokens < 1)).toBe(true);
      expect(await takeRateToken(storage.db, 'id:LOGIN:user:race', 10, 60_000, t0 + 5_000)).toMatchObject({ allowed: false });
      expect(await takeRateToken(storage.db, 'id:LOGIN:user:race', 10, 60_000, t0 + 6_100)).toMatchObject({ allowed: true });
      expect(await takeRateToken(storage.db, 'id:LOGIN:user:race', 10, 60_000, t0 + 6_100)).toMatchObject({ allowed: false });
      // A clock a little behind (another instance) neither refills nor moves the bucket back.
      expect(await takeRateToken(storage.db, 'id:LOGIN:user:race', 10, 60_000, t0)).toMatchObject({ allowed: false });
      expect(await sweepRateBuckets(storage.db, t0 + 6_100)).toBe(0);
      expect(await sweepRateBuckets(storage.db, t0 + 66_101)).toBe(1);
    });
  });

  describe('periodic jobs', () => {
    const counting = (name: string, runs: string[], opts: { fail?: boolean; ms?: number } = {}): PeriodicJob => ({
      name,
      period: chinaDay,
      run: async (now) => {
        runs.push(chinaDay(now));
        await new Promise((r) => setTimeout(r, opts.ms ?? 20));
        if (opts.fail) throw new Error('任务失败');
      },
    });

    it('100 instances looking at once: the job runs once per period, by one of them', async () => {
      let now = NOW;
      const runs: string[] = [];
      const runners = Array.from({ length: 100 }, () => new JobRunner({ db: storage.db, clock: () => now, log, tickMs: 3600_000, jobs: [counting('once', runs)] }));
      await Promise.all(runners.map((r) => r.tick()));
      expect(runs).toEqual(['2026-12-08']);
      expect(runners.filter((r) => r.completed.length === 1)).toHaveLength(1);
      await Promise.all(runners.map((r) => r.tick()));
      expect(runs).toHaveLength(1);
      // 16:00 UTC is midnight in China: a new period, again once.
      now = new Date('2026-12-08T16:00:00Z');
      await Promise.all(runners.map((r) => r.tick()));
      expect(runs).toEqual(['2026-12-08', '2026-12-09']);
      expect(await readJobRun(storage.db, 'once')).toMatchObject({ donePeriod: '2026-12-09', runs: 2, leaseHolder: null, leaseUntil: null });
      // An instance whose clock lags behind does not run an older period again.
      now = new Date('2026-12-08T15:59:00Z');
      await runners[0].tick();
      expect(runs).toHaveLength(2);
      expect(logs).toEqual([]);
    });

    it('a failed run lets the lease go: the next tick of any instance runs it again, and logs the failure', async () => {
      const runs: string[] = [];
      const a = new JobRunner({ db: storage.db, clock: () => NOW, log, tickMs: 3600_000, jobs: [counting('flaky', runs, { fail: true })] });
      const b = new JobRunner({ db: storage.db, clock: () => NOW, log, tickMs: 3600_000, jobs: [counting('flaky', runs)] });
      await a.tick();
      expect(logs).toEqual([expect.stringContaining('flaky job failed')]);
      await b.tick();
      expect(runs).toHaveLength(2);
      expect(await readJobRun(storage.db, 'flaky')).toMatchObject({ donePeriod: chinaDay(NOW), runs: 1 });
    });

    it('a holder that died: its lease lapses and another instance runs the job', async () => {
      const runs: string[] = [];
      let now = NOW;
      const dead = new JobRunner({ db: storage.db, clock: () => now, log, tickMs: 3600_000, leaseMs: 60_000, jobs: [counting('orphan', runs, { ms: 300 })] });
      const other = new JobRunner({ db: storage.db, clock: () => now, log, tickMs: 3600_000, leaseMs: 60_000, jobs: [counting('orphan', runs)] });
      const first = dead.tick(); // still running: holds the lease
      await new Promise((r) => setTimeout(r, 100));
      await other.tick();
      expect(runs).toHaveLength(1);
      await first;
      // Its finish is recorded; take the lease as if it had died mid-run instead.
      await storage.db.updateTable('job_runs').set({ done_period: null, lease_holder: 'inst_dead', lease_until: new Date(now.getTime() + 60_000).toISOString() }).where('name', '=', 'orphan').execute();
      await other.tick();
      expect(runs).toHaveLength(1);
      now = new Date(NOW.getTime() + 61_000);
      await other.tick();
      expect(runs).toHaveLength(2);
      expect(other.completed).toEqual([`orphan:${chinaDay(now)}`]);
    });
  });
});
