/**
 * Scale-out (issue 17 item 3): three host processes on one PostgreSQL database behind a round-robin
 * proxy on 127.0.0.1. A door rush of check-ins through all three (nobody twice, every acknowledged
 * check-in stored), the last seats of an activity raced over the three (quota never exceeded), a file
 * uploaded through one instance and downloaded through the others, a login limit reached across the
 * instances, a logout effective on every instance within the session cache time, and the daily
 * retention job run by one instance at a time. Needs TEST_DATABASE_URL; skipped with the reason without.
 */
import { createHash } from 'node:crypto';
import { demoPng } from '../../cloud/seed/files-demo';
import { openStorage, type Storage } from '../../cloud/storage/db';
import { readJobRun } from '../../cloud/storage/jobs.repository';
import { buildActivityInput, nonce } from '../support/activity-factories';
import { callFn, mustCall } from '../proof/child-host';
import { startCluster, type Cluster } from '../proof/cluster';

const reason = process.env.TEST_DATABASE_URL ? null : 'TEST_DATABASE_URL is not set, so there is no PostgreSQL server for the instances to share';
const SESSION_CACHE_MS = 1500;
const RUSH = 150;

jest.setTimeout(90_000);

interface Login {
  sessionToken: string;
}

if (reason) {
  process.stdout.write(`scale-out.test.ts: skipped: ${reason}\n`);
  it.skip(`three instances behind a proxy (skipped: ${reason})`, () => undefined);
} else {
  describe('three host instances on one PostgreSQL database behind a round-robin proxy', () => {
    let cluster: Cluster;
    let db: Storage;
    let proxy: string;
    let staff: string;
    let members: string[];
    const started = Date.now();

    const login = async (url: string, persona: string, key: string, unionId = 'bu-cy01') => (await mustCall<Login>(url, 'auth.devLogin', { persona, unionId, key })).sessionToken;
    const publish = async (overrides: Parameters<typeof buildActivityInput>[1] = {}) => {
      const { id } = await mustCall<{ id: string }>(proxy, 'activity.create', buildActivityInput(new Date(), overrides), staff);
      await mustCall(proxy, 'activity.publish', { id }, staff);
      return id;
    };

    beforeAll(async () => {
      cluster = await startCluster({
        instances: 3,
        env: {
          UNION_RATE_LIMITS: 'on',
          // One test client is every caller: only the per-identity login limit is at its default (10 a minute).
          UNION_RATE_LOGIN_IP: '100000',
          UNION_RATE_CHECKIN_IP: '100000',
          UNION_RATE_APPLY_IP: '100000',
          UNION_SESSION_CACHE_MS: String(SESSION_CACHE_MS),
          UNION_JOB_TICK_MS: '200',
          UNION_PG_POOL: '5',
        },
      });
      proxy = cluster.proxy.url;
      db = await openStorage({ kind: 'postgres', url: cluster.databaseUrl, poolSize: 3 });
      staff = await login(proxy, 'staff', 'scale-staff');
      members = [];
      for (let i = 0; i < RUSH; i += 30) members.push(...(await Promise.all(Array.from({ length: Math.min(30, RUSH - i) }, (_, j) => login(proxy, 'member', `scale-m-${i + j}`)))));
    });
    afterAll(async () => {
      await db?.close();
      await cluster?.stop();
      process.stdout.write(`scale-out: 3 instances, requests per instance ${cluster?.proxy.forwarded.join('/')}, ${((Date.now() - started) / 1000).toFixed(1)} s in all\n`);
    });

    it('door rush: 150 members check in through all three at once (30 of them twice): each stored once, every acknowledged check-in stored', async () => {
      const id = await publish({ title: '三实例签到' });
      await Promise.all(members.map((m) => mustCall(proxy, 'activity.signUp', { id }, m)));
      const { code } = await mustCall<{ code: string }>(proxy, 'activity.checkInCode', { id }, staff);
      const before = [...cluster.proxy.forwarded];
      const calls = [...members, ...members.slice(0, 30)].map((m) => callFn<{ checkedInAt: string; duplicate: boolean }>(proxy, 'activity.checkIn', { code, nonce: nonce() }, m));
      const answers = await Promise.all(calls);
      expect(answers.filter((a) => !a.ok)).toEqual([]);
      const ok = answers.map((a) => (a.ok ? a.result : null)!);
      expect(ok.filter((a) => !a.duplicate)).toHaveLength(RUSH);
      // A member's two answers name the same time: the first check-in.
      for (let i = 0; i < 30; i++) expect(ok[RUSH + i].checkedInAt).toBe(ok[i].checkedInAt);
      const rows = await db.db.selectFrom('activity_checkins').select('member_id').where('activity_id', '=', id).execute();
      expect(rows).toHaveLength(RUSH);
      expect(new Set(rows.map((r) => r.member_id)).size).toBe(RUSH);
      // Every instance took a share of the rush.
      cluster.proxy.forwarded.forEach((n, i) => expect(n - before[i]).toBeGreaterThanOrEqual(50));
    });

    it('last seats: 150 sign-ups for 10 places spread over the three: exactly 10 signed up, 140 waiting', async () => {
      const id = await publish({ quota: 10, title: '三实例抢名额' });
      const answers = await Promise.all(members.map((m) => mustCall<{ status: string; position?: number }>(proxy, 'activity.signUp', { id }, m)));
      expect(answers.filter((a) => a.status === 'signed_up')).toHaveLength(10);
      const waiting = answers.filter((a) => a.status === 'waitlisted');
      expect(waiting.map((a) => a.position).sort((x, y) => x! - y!)).toEqual(Array.from({ length: 140 }, (_, i) => i + 1));
      const signedUp = await db.db.selectFrom('activity_signups').select('member_id').where('activity_id', '=', id).where('status', '=', 'signed_up').execute();
      expect(signedUp).toHaveLength(10);
      await expect(mustCall(proxy, 'activity.attendance', { id }, staff)).resolves.toMatchObject({ signedUp: 10, waitlisted: 140 });
    });

    it('a file uploaded through one instance is downloaded through each of the others', async () => {
      const [a, b, c] = cluster.hosts.map((h) => h.url);
      const { user } = await mustCall<{ user: { memberOf: { memberId: string } } }>(a, 'auth.me', {}, members[0]);
      const bytes = demoPng(32, 32, [9, 8, 7]);
      const { attachment } = await mustCall<{ attachment: { id: string; sha256: string } }>(a, 'membership.attach', { memberId: user.memberOf.memberId, kind: 'diploma', fileName: '毕业证.png', base64: bytes.toString('base64') }, staff);
      expect(attachment.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      for (const url of [b, c]) {
        const got = await mustCall<{ base64: string; sha256: string }>(url, 'membership.attachment', { attachmentId: attachment.id }, staff);
        expect(Buffer.from(got.base64, 'base64').equals(bytes)).toBe(true);
      }
      // In the database, sealed (never the plain bytes), not in any instance's folder.
      const stored = await db.db.selectFrom('files').select(['key', 'size_bytes']).execute();
      expect(stored.some((f) => f.size_bytes === bytes.length + 32)).toBe(true);
    });

    it('the login limit (10 a minute per identity) holds for the three together: 1 login, then 30 at once, 9 through', async () => {
      // The first login makes the demo persona (a first login of one key on several instances at once
      // races on creating it: a demo-only fault outside this test's subject).
      await mustCall(proxy, 'auth.devLogin', { persona: 'worker', key: 'scale-limited' });
      const answers = await Promise.all(Array.from({ length: 30 }, () => callFn(proxy, 'auth.devLogin', { persona: 'worker', key: 'scale-limited' })));
      expect(answers.filter((a) => !a.ok && a.reason !== 'rate_limited')).toEqual([]);
      // Per instance the three would let 30 through (10 each); shared, 10 in all.
      expect(answers.filter((a) => a.ok)).toHaveLength(9);
      const refused = answers.filter((a) => !a.ok);
      expect(refused).toHaveLength(21);
      for (const r of refused) expect(r).toMatchObject({ status: 429, reason: 'rate_limited' });
    });

    it(`a logout through one instance: refused there at once, on every instance within the session cache time (${SESSION_CACHE_MS} ms)`, async () => {
      const token = await login(proxy, 'member', 'scale-logout');
      const urls = cluster.hosts.map((h) => h.url);
      // Each instance has the session in its cache.
      for (const url of urls) await mustCall(url, 'auth.me', {}, token);
      const loggedOutAt = Date.now();
      await mustCall(urls[0], 'auth.logout', {}, token);
      expect(await callFn(urls[0], 'auth.me', {}, token)).toMatchObject({ ok: false, reason: 'unauthenticated' });
      const refusedAfter = await Promise.all(
        urls.map(async (url) => {
          for (;;) {
            const a = await callFn(url, 'auth.me', {}, token);
            if (!a.ok) return Date.now() - loggedOutAt;
            await new Promise((r) => setTimeout(r, 50));
          }
        }),
      );
      process.stdout.write(`scale-out: logout refused on the instances after ${refusedAfter.join(' / ')} ms (cache ${SESSION_CACHE_MS} ms)\n`);
      for (const ms of refusedAfter) expect(ms).toBeLessThanOrEqual(SESSION_CACHE_MS + 1000);
    });

    it('the retention job: run once at the start of three instances, and once per new day while all three look every 200 ms', async () => {
      expect(await readJobRun(db.db, 'retention')).toMatchObject({ runs: 1, leaseHolder: null });
      for (let day = 1; day <= 3; day++) {
        // As if a new China day began: the job is due again.
        await db.db.updateTable('job_runs').set({ done_period: '2000-01-01' }).where('name', '=', 'retention').execute();
        const deadline = Date.now() + 5000;
        while ((await readJobRun(db.db, 'retention'))!.runs < day + 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        // Several ticks of every instance later, still one run for the day.
        await new Promise((r) => setTimeout(r, 700));
        expect((await readJobRun(db.db, 'retention'))!.runs).toBe(day + 1);
      }
    });

    it('no instance logged an error', () => {
      for (const h of cluster.hosts) expect(h.output().split('\n').filter((l) => l.includes('"level":"error"'))).toEqual([]);
    });
  });
}
