/**
 * `npm run bench:notify`: 10,000 activity reminders due at once (issue 16). Starts the real host
 * (embedded SQLite by default; PostgreSQL on a fresh database when TEST_DATABASE_URL or DATABASE_URL
 * is set) and the fake WeChat server (tests/support/fake-wechat.ts) in a process of its own, seeds one
 * draft activity starting in 1 h 59 min with BENCH_REMINDERS (default 10,000) signed-up members who
 * log in with WeChat and accepted the `activity` template once, and a second activity open for
 * check-in with members of its own.
 *
 * 1. Baseline: BENCH_BASELINE check-ins (default 2,000, 50 clients) with nothing to send.
 * 2. The reminder activity is published (clock starts): the sender's next tick (UNION_NOTIFY_TICK_MS,
 *    1 s here) schedules the reminder into the message centre and the outbox, and sends through the
 *    fake WeChat. Meanwhile check-ins run in rounds of 500 (50 clients) until WeChat holds all of them.
 *    The clock stops when the fake WeChat has taken all BENCH_REMINDERS messages.
 * The load client is scripts/bench-checkin.ts's (its BENCH_ROLE=client child), so check-ins are
 * measured the same way as in `npm run bench:checkin`.
 *   BENCH_REMINDERS=10000  BENCH_BASELINE=2000  BENCH_DURING=20000 (pool of check-in members for step 2)
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { newId } from '../cloud/domain/crypto';
import { demoPerson } from '../cloud/domain/demo-people';
import { buildIdNumber } from '../cloud/contract/fields/id-number';
import { startHost } from '../cloud/host/server';
import { insertMember } from '../cloud/storage/members.repository';
import { recordSubscription } from '../cloud/storage/notifications.repository';
import { createSession } from '../cloud/storage/users.repository';
import { freshPostgres } from '../tests/support/host';
import { startFakeWechat } from '../tests/support/fake-wechat';

const REMINDERS = Number(process.env.BENCH_REMINDERS ?? 10000);
const BASELINE = Number(process.env.BENCH_BASELINE ?? 2000);
const DURING = Number(process.env.BENCH_DURING ?? 20000);
const ROUND = 500;
const CLIENTS = 50;
const TEMPLATE = { templateId: 'TPL-activity', fields: { title: 'thing1', time: 'time2', place: 'thing3', note: 'thing4' } };
const openidOf = (i: number) => `openid-bench-${i}`;

interface PhaseResult {
  ok: number;
  errors: number;
  seconds: number;
  p50: number;
  p99: number;
  max: number;
  statuses?: string;
}

const execArgv = process.execArgv.length ? process.execArgv : ['--import', 'tsx'];

/** One round of check-ins through bench-checkin's load client (a child process). */
function checkIns(port: number, sessions: string[], activityId: string, secret: string): Promise<PhaseResult> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'bench-checkin.ts'), [], { env: { ...process.env, BENCH_ROLE: 'client' }, execArgv });
    child.once('message', (m) => {
      resolve(m as PhaseResult);
      child.disconnect();
    });
    child.once('error', reject);
    child.once('exit', (code) => (code ? reject(new Error(`load client exited with ${code}`)) : undefined));
    child.send({ port, sessions, concurrency: CLIENTS, activityId, secret });
  });
}

/** The fake WeChat in a process of its own (this script with BENCH_ROLE=wechat): it tells when it holds `count` messages. */
function wechatProcess(count: number): Promise<{ url: string; appId: string; appSecret: string; child: ChildProcess; all: Promise<number>; delivered(): number }> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [], { env: { ...process.env, BENCH_ROLE: 'wechat', BENCH_WECHAT_COUNT: String(count) }, execArgv });
    let delivered = 0;
    let allDone!: (at: number) => void;
    const all = new Promise<number>((r) => (allDone = r));
    child.on('message', (m: { url?: string; appId?: string; appSecret?: string; delivered?: number; all?: boolean }) => {
      if (m.url) resolve({ url: m.url, appId: m.appId!, appSecret: m.appSecret!, child, all, delivered: () => delivered });
      if (m.delivered !== undefined) delivered = m.delivered;
      if (m.all) allDone(performance.now());
    });
    child.once('error', reject);
  });
}

async function wechatRole(): Promise<void> {
  const count = Number(process.env.BENCH_WECHAT_COUNT);
  const wx = await startFakeWechat();
  wx.addTemplate(TEMPLATE.templateId, Object.values(TEMPLATE.fields));
  for (let i = 0; i < count; i++) wx.accept(openidOf(i), TEMPLATE.templateId, 1);
  // Reports progress; `all` as soon as WeChat took every message (checked often: it is the stop watch).
  const push = wx.delivered.push.bind(wx.delivered);
  let last = 0;
  wx.delivered.push = (...items) => {
    const n = push(...items);
    if (n >= count) process.send!({ delivered: n, all: true });
    else if (n - last >= 500) {
      last = n;
      process.send!({ delivered: n });
    }
    return n;
  };
  process.send!({ url: wx.url, appId: wx.appId, appSecret: wx.appSecret });
  process.on('disconnect', () => void wx.close().then(() => process.exit(0)));
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-bench-'));
  const base = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  const pgdb = base ? await freshPostgres(base, 'union_bench') : null;
  const wx = await wechatProcess(REMINDERS);
  const host = await startHost({
    env: {
      ...process.env, ...(pgdb ? { DATABASE_URL: pgdb.url } : {}), PORT: '0', HOST: '127.0.0.1', UNION_DATA_DIR: dataDir, UNION_STATIC_DIR: path.join(dataDir, 'none'), UNION_MODE: 'demo',
      UNION_RATE_LIMITS: 'off', WECHAT_APP_ID: wx.appId, WECHAT_APP_SECRET: wx.appSecret, WECHAT_API_BASE: wx.url,
      UNION_WECHAT_TEMPLATES: JSON.stringify({ activity: TEMPLATE }), UNION_NOTIFY_TICK_MS: '1000',
    },
    log: { error: (m, meta) => process.stderr.write(`${m} ${JSON.stringify(meta)}\n`) },
  });
  const db = host.storage.db;
  process.stdout.write(`host on ${host.url}, ${host.storage.describe}; fake WeChat on ${wx.url} (own process)\n`);
  try {
    const t0 = performance.now();
    const now = new Date();
    const at = now.toISOString();
    const staff = await db.selectFrom('users').select('id').limit(1).executeTakeFirstOrThrow();
    const secret = 'ab'.repeat(32);
    const activity = (id: string, startAt: Date, status: 'draft' | 'published', publishedAt: string | null, count: number) => ({
      id, union_id: 'bu-cy01', industry_union_id: 'ind-cy', type: 'sports' as const, title: '压测活动', description: '', place: '体育馆', organizer: '工会',
      start_at: startAt.toISOString(), end_at: new Date(startAt.getTime() + 3600000).toISOString(), sign_up_deadline: at, quota: null, audience: 'union' as const,
      check_in_from: new Date(now.getTime() - 60000).toISOString(), check_in_until: new Date(now.getTime() + 3 * 3600000).toISOString(), allow_walk_in: 0,
      status, cancel_reason: null, checkin_secret: secret, signed_up_count: count, waitlisted_count: 0, next_seq: count + 1,
      created_by: staff.id, created_at: at, updated_at: at, published_at: publishedAt, cancelled_at: null, finished_at: null,
    });
    // The reminded activity: starts in 1 h 59 min, so its reminder (2 h before) is due as soon as it is published.
    const remindId = newId('act');
    await db.insertInto('activities').values(activity(remindId, new Date(now.getTime() + 2 * 3600000 - 60000), 'draft', null, REMINDERS)).execute();
    // The check-in activity: started a minute ago (no reminder).
    const checkinId = newId('act');
    const CHECKINS = BASELINE + DURING;
    await db.insertInto('activities').values(activity(checkinId, new Date(now.getTime() - 60000), 'published', at, CHECKINS)).execute();
    const keys = { field: Buffer.alloc(32, 1), blindIndex: Buffer.alloc(32, 2), token: Buffer.alloc(32, 3) };
    const tokens: string[] = [];
    const total = REMINDERS + CHECKINS;
    for (let start = 0; start < total; start += 500) {
      await db.transaction().execute(async (trx) => {
        for (let i = start; i < Math.min(total, start + 500); i++) {
          const reminded = i < REMINDERS;
          const userId = newId('usr');
          await trx.insertInto('users').values({ id: userId, display_name: `压测${i}`, wechat_openid: reminded ? openidOf(i) : null, wechat_unionid: null, dev_key: null, created_at: at }).execute();
          const birth = new Date(Date.UTC(1980, 0, 1 + Math.floor(i / 1000))).toISOString().slice(0, 10);
          const data = { ...demoPerson(`bench:${i}`), idNumber: buildIdNumber({ area: '330106', birthDate: birth, sequence: i % 1000 }) };
          const m = await insertMember(trx, keys, { userId, unionId: 'bu-cy01', unitId: 'unit-wxy', unitName: null, data, now, today: at.slice(0, 10) });
          await trx
            .insertInto('activity_signups')
            .values({ activity_id: reminded ? remindId : checkinId, member_id: m.id, status: 'signed_up', seq: i + 1, signed_up_at: at, updated_at: at, promoted_at: null, cancelled_at: null })
            .execute();
          if (reminded) await recordSubscription(trx, userId, 'activity', 'accept', at);
          else tokens.push(await createSession(trx, userId, [], now));
        }
      });
    }
    process.stdout.write(`seeded ${REMINDERS} reminded members (WeChat, 1 acceptance each) and ${CHECKINS} check-in members in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

    // 1. Baseline, nothing to send.
    let next = 0;
    const take = (n: number) => tokens.slice(next, (next += n));
    await checkIns(host.port, take(Math.min(500, BASELINE)), checkinId, secret); // warm-up (not a figure)
    const baseline = await checkIns(host.port, take(BASELINE - Math.min(500, BASELINE)), checkinId, secret);

    // 2. Publish: the reminder is due at once.
    const published = new Date().toISOString();
    const tPub = performance.now();
    await db.updateTable('activities').set({ status: 'published', published_at: new Date(Date.parse(published) - 3600000).toISOString(), updated_at: published }).where('id', '=', remindId).execute();
    let done: number | null = null;
    void wx.all.then((t) => (done = t));
    const rounds: PhaseResult[] = [];
    while (done === null && next < tokens.length) rounds.push(await checkIns(host.port, take(ROUND), checkinId, secret));
    const poolOut = done === null;
    const tAll = await Promise.race([wx.all, new Promise<number>((r) => setTimeout(() => r(NaN), 600_000))]);
    const sendSeconds = (tAll - tPub) / 1000;
    const states = await db.selectFrom('notify_deliveries').select(['status']).select((eb) => eb.fn.countAll().as('n')).groupBy('status').execute();
    const during = rounds.length
      ? { n: rounds.reduce((a, r) => a + r.ok, 0), errors: rounds.reduce((a, r) => a + r.errors, 0), p50: median(rounds.map((r) => r.p50)), p99: Math.max(...rounds.map((r) => r.p99)), max: Math.max(...rounds.map((r) => r.max)) }
      : null;
    const line = '─'.repeat(72);
    process.stdout.write(
      [
        line,
        `bench:notify — ${REMINDERS} reminders due at once, ${host.storage.describe}, ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
        `  all ${wx.delivered()} taken by the fake WeChat in ${sendSeconds.toFixed(2)} s after publishing = ${Math.round(REMINDERS / sendSeconds)} messages/s (includes up to one 1 s sender tick)`,
        `  deliveries afterwards: ${states.map((s) => `${s.status} ${Number(s.n)}`).join(', ')}`,
        `  check-ins, ${CLIENTS} clients, nothing to send:  ${baseline.ok} ok, p50 ${baseline.p50.toFixed(1)} ms, p99 ${baseline.p99.toFixed(1)} ms, errors ${baseline.errors}`,
        during
          ? `  check-ins while sending (${rounds.length} rounds of ${ROUND}): ${during.n} ok, p50 ${during.p50.toFixed(1)} ms (median of rounds), p99 ${during.p99.toFixed(1)} ms (worst round), max ${during.max.toFixed(1)} ms, errors ${during.errors}`
          : '  check-ins while sending: none (sending finished first)',
        poolOut ? `  (check-in pool of ${DURING} used up before the sending ended: raise BENCH_DURING)` : '',
        line,
      ]
        .filter(Boolean)
        .join('\n') + '\n',
    );
    if (wx.delivered() < REMINDERS || !Number.isFinite(sendSeconds)) process.exitCode = 1;
  } finally {
    await host.close();
    wx.child.kill('SIGTERM');
    await pgdb?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

if (process.env.BENCH_ROLE === 'wechat') void wechatRole();
else
  main().then(
    // Keep-alive sockets of the sender's WeChat client may hold the loop open: the figures are printed, end here.
    () => process.exit(process.exitCode ?? 0),
    (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
    },
  );
