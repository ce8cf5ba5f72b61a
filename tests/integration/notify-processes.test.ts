/**
 * Notifications (issue 16) with real host processes on one PostgreSQL database and the fake WeChat
 * over real HTTP (docs/notifications.md, "How a message travels"):
 * - two instances, both sending every 100 ms in small batches: 20 approvals → each WeChat message
 *   taken by WeChat exactly once in total (counted at the fake server);
 * - a host killed (SIGKILL) after the approval committed and before its sender sent it → after a
 *   restart the message is sent (never lost);
 * - the one window: a host killed after WeChat took the message and before the row says `sent` →
 *   sent again once the lease lapses (twice, never lost).
 * Needs TEST_DATABASE_URL; skipped with the reason without.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { openStorage, type Storage } from '../../cloud/storage/db';
import { deliveryStates } from '../../cloud/storage/notifications.repository';
import { startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { freshPostgres } from '../support/host';
import { buildApplicant } from '../support/membership-factories';
import { mustCall, spawnHost, type ChildHost } from '../proof/child-host';
import { startCluster, type Cluster } from '../proof/cluster';

const reason = process.env.TEST_DATABASE_URL ? null : 'TEST_DATABASE_URL is not set, so there is no PostgreSQL server for the host processes to share';

jest.setTimeout(90_000);

/** The same templates as tests/integration/notify.test.ts. */
const TEMPLATES = {
  review_result: { templateId: 'TPL-review', fields: { title: 'thing1', result: 'phrase2', note: 'thing3', time: 'time4' } },
  activity: { templateId: 'TPL-activity', fields: { title: 'thing1', time: 'time2', place: 'thing3', note: 'thing4' } },
  request: { templateId: 'TPL-request', fields: { title: 'thing1', result: 'phrase2', note: 'thing3', time: 'time4' } },
  notice: { templateId: 'TPL-notice', fields: { title: 'thing1', time: 'time2', note: 'thing3' } },
  staff_todo: { templateId: 'TPL-todo', fields: { title: 'thing1', count: 'number2', time: 'time3' } },
};
const REVIEW = TEMPLATES.review_result.templateId;

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

if (reason) {
  process.stdout.write(`notify-processes.test.ts: skipped: ${reason}\n`);
  it.skip(`notifications with host processes on one PostgreSQL (skipped: ${reason})`, () => undefined);
} else {
  describe('notifications with real host processes on one PostgreSQL database', () => {
    let wx: FakeWechat;
    let n = 0;
    const wechatEnv = () => ({
      WECHAT_APP_ID: wx.appId,
      WECHAT_APP_SECRET: wx.appSecret,
      WECHAT_API_BASE: wx.url,
      UNION_WECHAT_TEMPLATES: JSON.stringify(TEMPLATES),
    });

    beforeAll(async () => {
      wx = await startFakeWechat();
      for (const t of Object.values(TEMPLATES)) wx.addTemplate(t.templateId, Object.values(t.fields));
    });
    afterAll(async () => {
      await wx?.close();
    });
    beforeEach(() => {
      wx.sendMode = 'normal';
    });

    /** A worker logged in with WeChat who accepted the review template `accept` times and applied to bu-cy01. */
    async function applicant(url: string, token: string, accept = 1): Promise<{ openid: string; applicationId: string }> {
      const name = `proc-${++n}-${randomBytes(4).toString('hex')}`;
      const { sessionToken } = await mustCall<{ sessionToken: string }>(url, 'auth.wechatLogin', { code: `ok-${name}` });
      const openid = `openid-${name}`;
      wx.accept(openid, REVIEW, accept);
      for (let i = 0; i < accept; i++) await mustCall(url, 'notify.subscribe', { answers: { [REVIEW]: 'accept' } }, sessionToken);
      const { applicationId } = await mustCall<{ applicationId: string }>(url, 'membership.apply', buildApplicant(token, { unitId: 'unit-wxy' }), sessionToken);
      return { openid, applicationId };
    }
    async function staffAndToken(url: string): Promise<{ staff: string; token: string }> {
      const { sessionToken: staff } = await mustCall<{ sessionToken: string }>(url, 'auth.devLogin', { persona: 'staff', unionId: 'bu-cy01', key: `proc-staff-${randomBytes(3).toString('hex')}` });
      const { token } = await mustCall<{ token: string }>(url, 'org.invite', { unionId: 'bu-cy01' }, staff);
      return { staff, token };
    }
    const sentTo = (openid: string) => wx.delivered.filter((d) => d.touser === openid).length;

    describe('two instances, and a host killed and restarted', () => {
      let cluster: Cluster;
      let clusterDb: Storage;
      let pgdb: { url: string; drop(): Promise<void> };
      let db: Storage;
      const hosts: ChildHost[] = [];
      const dirs: string[] = [];
      const dataKey = randomBytes(32).toString('base64');
      /** The single host of the crash tests (on its own database); the one running now. */
      let current: ChildHost;
      const start = async (env: Record<string, string>) => {
        const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-notify-proc-'));
        dirs.push(dataDir);
        const h = await spawnHost({ dataDir, env: { DATABASE_URL: pgdb.url, UNION_DATA_KEY: dataKey, ...wechatEnv(), ...env }, readyTimeoutMs: 60_000 });
        hosts.push(h);
        return (current = h);
      };

      beforeAll(async () => {
        pgdb = await freshPostgres(undefined, 'union_notify_crash');
        // The cluster and the crash tests' first host start side by side (each on its own database).
        // That host's sender ticks once at start and then not for an hour: approvals stay pending.
        [cluster] = await Promise.all([
          startCluster({
            instances: 2,
            prefix: 'union_notify',
            env: { ...wechatEnv(), UNION_NOTIFY_TICK_MS: '100', UNION_NOTIFY_BATCH: '3', UNION_NOTIFY_CONCURRENCY: '2', UNION_PG_POOL: '5' },
          }),
          start({ UNION_NOTIFY_TICK_MS: '3600000' }),
        ]);
        clusterDb = await openStorage({ kind: 'postgres', url: cluster.databaseUrl, poolSize: 2 });
        db = await openStorage({ kind: 'postgres', url: pgdb.url, poolSize: 2 });
      });
      afterAll(async () => {
        await clusterDb?.close();
        await cluster?.stop();
        await db?.close();
        for (const h of hosts) if (h.proc.exitCode === null && h.proc.signalCode === null) await h.stop();
        for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
        await pgdb?.drop();
      });

      it('two instances sending at once, 20 approvals in one call: each message reaches WeChat exactly once in total', async () => {
        const [a, b] = cluster.hosts.map((h) => h.url) as [string, string];
        const { staff, token } = await staffAndToken(a);
        const workers = await Promise.all(Array.from({ length: 20 }, (_, i) => applicant(i % 2 ? a : b, token)));
        const before = wx.delivered.length;
        // One call: 20 deliveries become due together, for both senders to race over.
        const done = await mustCall<{ approved: number }>(b, 'membership.approveMany', { unionId: 'bu-cy01', applicationIds: workers.map((w) => w.applicationId) }, staff);
        expect(done.approved).toBe(20);
        const states = async () => (await Promise.all(workers.map((w) => deliveryStates(clusterDb.db, `application_approved:${w.applicationId}`)))).flat();
        await waitFor('20 deliveries sent', async () => (await states()).filter((s) => s.status === 'sent').length === 20);
        // Both senders keep ticking: nothing more goes out.
        await sleep(1000);
        expect(wx.delivered.length - before).toBe(20);
        expect(workers.map((w) => sentTo(w.openid))).toEqual(workers.map(() => 1));
        expect(await states()).toEqual(workers.map(() => expect.objectContaining({ status: 'sent', attempts: 1 })));
        for (const w of workers) expect(wx.acceptancesLeft(w.openid, REVIEW)).toBe(0);
      });

      it('a host killed (SIGKILL) after the approval committed and before the send: sent after the restart, once', async () => {
        const { staff, token } = await staffAndToken(current.url);
        const w = await applicant(current.url, token);
        await mustCall(current.url, 'membership.review', { applicationId: w.applicationId, decision: 'approve' }, staff);
        expect(await deliveryStates(db.db, `application_approved:${w.applicationId}`)).toEqual([expect.objectContaining({ status: 'pending', attempts: 0 })]);
        await current.crash();
        expect(sentTo(w.openid)).toBe(0);

        // Restarted with a short lease and a WeChat timeout longer than the test (for the next test).
        await start({ UNION_NOTIFY_TICK_MS: '100', UNION_NOTIFY_LEASE_MS: '1000', WECHAT_TIMEOUT_MS: '60000' });
        await waitFor('the row marked sent after the restart', async () => (await deliveryStates(db.db, `application_approved:${w.applicationId}`))[0]?.status === 'sent');
        await sleep(500);
        expect(sentTo(w.openid)).toBe(1);
        expect(wx.delivered.find((d) => d.touser === w.openid)).toMatchObject({ templateId: REVIEW, page: 'pages/card/index' });
      });

      it('the one window: a host killed after WeChat took the message and before the row says sent → sent again when the lease lapses (twice, never lost)', async () => {
        const { staff, token } = await staffAndToken(current.url);
        const w = await applicant(current.url, token, 2);
        wx.sendMode = 'take-and-hang';
        await mustCall(current.url, 'membership.review', { applicationId: w.applicationId, decision: 'approve' }, staff);
        await waitFor('WeChat to take the message', () => sentTo(w.openid) === 1);
        await current.crash();
        expect(await deliveryStates(db.db, `application_approved:${w.applicationId}`)).toEqual([expect.objectContaining({ status: 'sending' })]);
        wx.sendMode = 'normal';

        await start({ UNION_NOTIFY_TICK_MS: '100' });
        await waitFor('the row marked sent', async () => (await deliveryStates(db.db, `application_approved:${w.applicationId}`))[0]?.status === 'sent');
        await sleep(500);
        expect(sentTo(w.openid)).toBe(2);
        process.stdout.write(`notify-processes: host start ${hosts.map((h) => h.startMs).join('/')} ms, cluster ${cluster.hosts.map((h) => h.startMs).join('/')} ms\n`);
      });
    });
  });
}
