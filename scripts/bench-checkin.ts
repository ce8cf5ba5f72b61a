/**
 * `npm run bench:checkin`: the door rush. Starts the real host (embedded SQLite by
 * default, PostgreSQL when DATABASE_URL is set), seeds one activity with 5,000 members
 * signed up (each with a session), then fires `activity.checkIn` over loopback HTTP
 * through the cloud-function protocol: first with 50 concurrent clients, then with 200,
 * every request a distinct member. Prints check-ins/s, p50 and p99 latency, and the
 * number of check-in rows afterwards (must equal the distinct members sent).
 *
 * The load generator runs in a child process on the same machine (so it shares the 2
 * cores with the host, as the target requires, but not the host's event loop): raw
 * keep-alive HTTP/1.1 connections like autocannon, one request at a time on each.
 * BENCH_INPROCESS=1 runs the old way (the clients in the host's own process).
 *
 * Before the measured phases, BENCH_WARMUP further members (default 1,000; 0 = none) check in
 * at 50 clients, reported apart: a host at a door rush has been running for a while, and a cold
 * one spends its first thousand requests compiling (≈ 1.2 against 0.75 ms of CPU per check-in).
 * They are members of their own (signed up to the same activity, sessions never used before), so
 * the measured members' sessions are not in the host's session cache; their rows are counted in
 * the total afterwards like the others.
 *   BENCH_MEMBERS=5000  BENCH_WARMUP=1000  BENCH_PHASES=50,200  UNION_SQLITE_SYNC=FULL|NORMAL  BENCH_KEEP_DB=1 (PostgreSQL: keep the database, print its URL)
 *
 * `--instances N` (PostgreSQL only): N-1 more host processes on the same database, and the
 * round-robin proxy of the scale-out test (tests/support/round-robin-proxy.ts) in a process of its
 * own. Each concurrency then runs three ways, with members of their own, in the same run: one
 * instance directly, one instance through the proxy (the proxy's cost alone), N instances through the
 * proxy. The warm-up goes half to the first instance directly, half through the N-instance proxy (it
 * warms the other hosts and the proxy). Phases default to 50 clients in this mode.
 */
import { fork } from 'node:child_process';
import net from 'node:net';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { stationCode } from '../cloud/domain/checkin-code';
import { newId } from '../cloud/domain/crypto';
import { demoPerson } from '../cloud/domain/demo-people';
import { buildIdNumber } from '../cloud/contract/fields/id-number';
import { startHost } from '../cloud/host/server';
import { coalescerStats, type CoalescerStats } from '../cloud/storage/coalesce';
import { groupCommitOf } from '../cloud/storage/group-commit';
import { insertMember } from '../cloud/storage/members.repository';
import { createSession } from '../cloud/storage/users.repository';
import { spawnHost, type ChildHost } from '../tests/proof/child-host';
import { freshPostgres } from '../tests/support/host';
import { startRoundRobinProxy } from '../tests/support/round-robin-proxy';

function instancesArg(argv: string[]): number {
  const i = argv.indexOf('--instances');
  if (i < 0) return 1;
  const n = Number(argv[i + 1]);
  if (!Number.isInteger(n) || n < 1 || n > 8) throw new Error('--instances 须为 1–8');
  return n;
}

const MEASURED = Number(process.env.BENCH_MEMBERS ?? 5000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1000);
/** Everyone seeded: the warm-up's members first, then the measured ones. */
const MEMBERS = WARMUP + MEASURED;
const INSTANCES = instancesArg(process.argv);
const PHASES = (process.env.BENCH_PHASES ?? (INSTANCES > 1 ? '50' : '50,200')).split(',').map(Number);
const APP_ID = 'union-demo';
const APP_KEY = 'union-demo-key';

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-bench-'));
  // PostgreSQL: a fresh database on DATABASE_URL's server, dropped afterwards (the seeded members'
  // ID numbers would collide with an earlier run's in the same database).
  const pgdb = process.env.DATABASE_URL ? await freshPostgres(process.env.DATABASE_URL, 'union_bench') : null;
  if (INSTANCES > 1 && !pgdb) throw new Error('--instances needs PostgreSQL: set DATABASE_URL (the instances share its database)');
  const host = await startHost({
    env: { ...process.env, ...(pgdb ? { DATABASE_URL: pgdb.url } : {}), PORT: '0', HOST: '127.0.0.1', UNION_DATA_DIR: dataDir, UNION_STATIC_DIR: path.join(dataDir, 'none'), UNION_MODE: 'demo',
      // One load client on 127.0.0.1 is the set-up, not an attack (the per-IP limit would refuse most of it).
      UNION_RATE_LIMITS: 'off' },
    log: { error: (m, meta) => process.stderr.write(`${m} ${JSON.stringify(meta)}\n`) },
  });
  const db = host.storage.db;
  process.stdout.write(`host on ${host.url}, ${host.storage.describe}\n`);
  try {
    // ---- seed: one activity, MEMBERS members signed up, one session each
    const t0 = performance.now();
    const now = new Date();
    const at = now.toISOString();
    const staff = await db.selectFrom('users').select('id').limit(1).executeTakeFirstOrThrow();
    const activityId = newId('act');
    const secret = 'ab'.repeat(32);
    await db
      .insertInto('activities')
      .values({
        id: activityId, union_id: 'bu-cy01', industry_union_id: 'ind-cy', type: 'sports', title: '压测活动', description: '', place: '体育馆', organizer: '工会',
        start_at: at, end_at: new Date(now.getTime() + 3600000).toISOString(), sign_up_deadline: at, quota: null, audience: 'union',
        check_in_from: new Date(now.getTime() - 60000).toISOString(), check_in_until: new Date(now.getTime() + 3600000).toISOString(), allow_walk_in: 0,
        status: 'published', cancel_reason: null, checkin_secret: secret, signed_up_count: MEMBERS, waitlisted_count: 0, next_seq: MEMBERS + 1,
        created_by: staff.id, created_at: at, updated_at: at, published_at: at, cancelled_at: null, finished_at: null,
      })
      .execute();
    const tokens: string[] = [];
    const keys = { field: Buffer.alloc(32, 1), blindIndex: Buffer.alloc(32, 2), token: Buffer.alloc(32, 3) };
    for (let start = 0; start < MEMBERS; start += 500) {
      await db.transaction().execute(async (trx) => {
        for (let i = start; i < Math.min(MEMBERS, start + 500); i++) {
          const userId = newId('usr');
          await trx.insertInto('users').values({ id: userId, display_name: `压测${i}`, wechat_openid: null, wechat_unionid: null, dev_key: null, created_at: at }).execute();
          // Distinct ID numbers: the birth date walks by day, the sequence by member.
          const birth = new Date(Date.UTC(1980, 0, 1 + Math.floor(i / 1000))).toISOString().slice(0, 10);
          const data = { ...demoPerson(`bench:${i}`), idNumber: buildIdNumber({ area: '330106', birthDate: birth, sequence: i % 1000 }) };
          const m = await insertMember(trx, keys, { userId, unionId: 'bu-cy01', unitId: 'unit-wxy', unitName: null, data, now, today: at.slice(0, 10) });
          await trx.insertInto('activity_signups').values({ activity_id: activityId, member_id: m.id, status: 'signed_up', seq: i + 1, signed_up_at: at, updated_at: at, promoted_at: null, cancelled_at: null }).execute();
          tokens.push(await createSession(trx, userId, [], now));
        }
      });
    }
    process.stdout.write(`seeded ${MEMBERS} signed-up members (${WARMUP} for the warm-up) with sessions in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

    if (INSTANCES > 1) {
      await scaleOut(host.port, pgdb!.url, host.config.dataKey.toString('base64'), tokens, activityId, secret, db);
      return;
    }

    // ---- load
    const url = new URL(host.url);
    let next = 0;
    let acknowledged = 0;
    const inProcess = process.env.BENCH_INPROCESS === '1';
    if (WARMUP > 0) {
      const warm = tokens.slice(0, WARMUP);
      const r = inProcess ? await fire(url, warm, 50, activityId, secret) : await fireFromChild(host.port, warm, 50, activityId, secret);
      next = WARMUP;
      acknowledged += r.ok;
      process.stdout.write(`warm-up (not a figure): ${r.ok} check-ins at 50 clients, ${Math.round(r.ok / r.seconds)}/s\n`);
    }
    for (const concurrency of PHASES) {
      const share = Math.floor(MEASURED / PHASES.length);
      const batch = tokens.slice(next, next + share);
      next += share;
      const cpu0 = process.cpuUsage();
      const pg0 = pgdb ? postgresCpuMs() : null;
      const gc0 = { ...(groupCommitOf(db)?.stats ?? { batches: 0, bodies: 0, largest: 0 }) };
      const co0 = coalescerStats(db);
      const result = inProcess ? await fire(url, batch, concurrency, activityId, secret) : await fireFromChild(host.port, batch, concurrency, activityId, secret);
      const cpu = process.cpuUsage(cpu0);
      const pg1 = pgdb ? postgresCpuMs() : null;
      const gc = groupCommitOf(db)?.stats;
      acknowledged += result.ok;
      process.stdout.write(
        `${String(concurrency).padStart(3)} concurrent: ${result.ok} check-ins in ${result.seconds.toFixed(2)} s = ${Math.round(result.ok / result.seconds)} check-ins/s; ` +
          `p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, max ${result.max.toFixed(1)} ms; errors ${result.errors}${result.statuses ? ` ${result.statuses}` : ''}; ` +
          `${inProcess ? 'host+client' : 'host'} CPU ${((cpu.user + cpu.system) / 1000 / batch.length).toFixed(2)} ms/check-in` +
          (result.clientCpuMs !== undefined ? `, client ${(result.clientCpuMs / batch.length).toFixed(2)}` : '') +
          (pg0 !== null && pg1 !== null ? `, PostgreSQL ${((pg1 - pg0) / batch.length).toFixed(2)}` : '') +
          (gc ? `; ${gc.batches - gc0.batches} commits (${((gc.bodies - gc0.bodies) / Math.max(1, gc.batches - gc0.batches)).toFixed(1)} per commit)` : '') +
          coalesced(co0, coalescerStats(db)) +
          '\n',
      );
    }
    const rows = await db.selectFrom('activity_checkins').select((eb) => eb.fn.countAll().as('n')).where('activity_id', '=', activityId).executeTakeFirstOrThrow();
    const sent = next;
    process.stdout.write(
      `check-in rows afterwards: ${Number(rows.n)} (distinct members sent: ${sent}, acknowledged: ${acknowledged})${Number(rows.n) === sent && acknowledged === sent ? '' : '  ✖ MISMATCH'}\n`,
    );
    if (Number(rows.n) !== sent || acknowledged !== sent) process.exitCode = 1;
  } finally {
    await host.close();
    if (process.env.BENCH_KEEP_DB === '1') process.stdout.write(`kept ${pgdb?.url}\n`);
    else await pgdb?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * `--instances N`: the same members' check-ins one instance directly, one through the proxy, and N
 * through the proxy (after a warm-up), at each concurrency; then the rows are counted.
 */
async function scaleOut(port: number, databaseUrl: string, dataKey: string, tokens: string[], activityId: string, secret: string, db: import('../cloud/storage/schema').Db): Promise<void> {
  const dirs: string[] = [];
  const others: ChildHost[] = [];
  const proxies: { port: number; stop(): void }[] = [];
  try {
    const spawnOne = () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-bench-'));
      dirs.push(dataDir);
      // The flags of `npm run host` (and of this script's own host).
      return spawnHost({ dataDir, nodeArgs: ['--max-semi-space-size=64'], env: { DATABASE_URL: databaseUrl, UNION_DATA_KEY: dataKey, UNION_MODE: 'demo', UNION_TRUST_PROXY: '1' }, readyTimeoutMs: 60_000 });
    };
    for (const r of await Promise.allSettled(Array.from({ length: INSTANCES - 1 }, spawnOne))) {
      if (r.status === 'rejected') throw r.reason;
      others.push(r.value);
    }
    const self = `http://127.0.0.1:${port}`;
    proxies.push(await proxyProcess([self]), await proxyProcess([self, ...others.map((h) => h.url)]));
    const [viaOne, viaAll] = proxies;
    process.stdout.write(`${INSTANCES} instances on one PostgreSQL database; proxies: 1 instance on :${viaOne.port}, ${INSTANCES} on :${viaAll.port}\n`);
    let next = 0;
    let acknowledged = 0;
    const take = (n: number) => tokens.slice(next, (next += n));
    if (WARMUP > 0) {
      const half = Math.floor(WARMUP / 2);
      const a = await fireFromChild(port, take(half), 50, activityId, secret);
      const b = await fireFromChild(viaAll.port, take(WARMUP - half), 50, activityId, secret);
      acknowledged += a.ok + b.ok;
      process.stdout.write(`warm-up (not a figure): ${a.ok} direct, ${b.ok} through the ${INSTANCES}-instance proxy\n`);
    }
    const share = Math.floor(MEASURED / PHASES.length / 3);
    for (const concurrency of PHASES) {
      for (const [label, target] of [['1 instance, direct', port], ['1 instance, through the proxy', viaOne.port], [`${INSTANCES} instances, through the proxy`, viaAll.port]] as const) {
        const r = await fireFromChild(target, take(share), concurrency, activityId, secret);
        acknowledged += r.ok;
        const line = `${String(concurrency).padStart(3)} clients, ${label.padEnd(32)} ${String(Math.round(r.ok / r.seconds)).padStart(6)} check-ins/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, errors ${r.errors}${r.statuses ? ` ${r.statuses}` : ''}`;
        process.stdout.write(`${line}\n`);
      }
    }
    const counted = await db.selectFrom('activity_checkins').select((eb) => eb.fn.countAll().as('n')).where('activity_id', '=', activityId).executeTakeFirstOrThrow();
    const ok = Number(counted.n) === next && acknowledged === next;
    process.stdout.write(`check-in rows afterwards: ${Number(counted.n)} (distinct members sent: ${next}, acknowledged: ${acknowledged})${ok ? '' : '  ✖ MISMATCH'}\n`);
    process.stdout.write(`(${os.cpus().length} cores shared by PostgreSQL, ${INSTANCES} hosts, the proxy and the load client: more instances add processes, not cores)\n`);
    if (!ok) process.exitCode = 1;
  } finally {
    for (const p of proxies) p.stop();
    await Promise.all(others.map((h) => h.stop()));
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  }
}

/** The round-robin proxy in a process of its own (this script with BENCH_ROLE=proxy), so it has its own event loop. */
function proxyProcess(targets: string[]): Promise<{ port: number; stop(): void }> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [], { env: { ...process.env, BENCH_ROLE: 'proxy', BENCH_PROXY_TARGETS: targets.join(',') }, execArgv: process.execArgv.length ? process.execArgv : ['--import', 'tsx'] });
    child.once('message', (m) => resolve({ port: Number((m as { port: number }).port), stop: () => void child.kill('SIGTERM') }));
    child.once('error', reject);
    child.once('exit', (code) => (code ? reject(new Error(`proxy exited with ${code}`)) : undefined));
  });
}

/** PostgreSQL: statements sent for the phase's calls, per coalesced statement (cloud/storage/coalesce.ts). */
function coalesced(before: Record<string, CoalescerStats>, after: Record<string, CoalescerStats>): string {
  const parts = Object.entries(after).map(([name, a]) => {
    const b = before[name] ?? { batches: 0, items: 0, largest: 0, ms: 0 };
    const n = a.batches - b.batches;
    return `${name} ${a.items - b.items} in ${n} statements (${((a.ms - b.ms) / Math.max(1, n)).toFixed(1)} ms each)`;
  });
  return parts.length ? `; ${parts.join(', ')}` : '';
}

interface PhaseResult {
  ok: number;
  errors: number;
  seconds: number;
  p50: number;
  p99: number;
  max: number;
  /** Non-200 answers by status, e.g. `{0: 3, 429: 1}` (0 = connection error). */
  statuses?: string;
  /** CPU milliseconds the load client spent on the phase (child process only). */
  clientCpuMs?: number;
}

/**
 * CPU milliseconds used so far by the local PostgreSQL server's processes (Linux /proc; null
 * elsewhere or when none is found): the server shares the 2 cores with the host and the client.
 */
function postgresCpuMs(): number | null {
  try {
    const tick = 10; // USER_HZ is 100 on Linux
    let total = 0;
    let found = false;
    for (const pid of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let stat: string;
      try {
        stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
      } catch {
        continue;
      }
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
      const f = stat.slice(close + 2).split(' ');
      total += (Number(f[11]) + Number(f[12])) * tick;
      found = true;
    }
    return found ? total : null;
  } catch {
    return null;
  }
}

/** `concurrency` keep-alive clients, each taking the next member until all have checked in once. */
async function fire(url: URL, sessions: string[], concurrency: number, activityId: string, secret: string): Promise<PhaseResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let errors = 0;
  let i = 0;
  const started = performance.now();
  const client = async () => {
    while (i < sessions.length) {
      const session = sessions[i++];
      const code = stationCode(secret, activityId, new Date()).code;
      const body = JSON.stringify({ code, nonce: `bench-${i}-${Math.random().toString(36).slice(2)}` });
      const ts = Date.now();
      const sign = `${createHash('md5').update(`${ts}${APP_KEY}`).digest('hex')},${ts}`;
      const t = performance.now();
      const status = await post(agent, url, body, { 'X-LC-Id': APP_ID, 'X-LC-Sign': sign, 'X-LC-Session': session });
      latencies.push(performance.now() - t);
      if (status !== 200) errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return { ok: latencies.length - errors, errors, seconds, p50: q(0.5), p99: q(0.99), max: latencies[latencies.length - 1] };
}

function post(agent: http.Agent, url: URL, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      { agent, host: url.hostname, port: url.port, method: 'POST', path: '/1.1/functions/activity.checkIn', headers: { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

/** Runs one phase in a child process (this script with BENCH_ROLE=client) and returns its figures. */
function fireFromChild(port: number, sessions: string[], concurrency: number, activityId: string, secret: string): Promise<PhaseResult> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [], { env: { ...process.env, BENCH_ROLE: 'client' }, execArgv: process.execArgv.length ? process.execArgv : ['--import', 'tsx'] });
    child.once('message', (m) => {
      resolve(m as PhaseResult);
      child.disconnect();
    });
    child.once('error', reject);
    child.once('exit', (code) => (code ? reject(new Error(`load client exited with ${code}`)) : undefined));
    child.send({ port, sessions, concurrency, activityId, secret });
  });
}

/**
 * The load client: `concurrency` raw keep-alive HTTP/1.1 connections to 127.0.0.1, each sending
 * the next member's check-in and waiting for the whole answer before the next (like autocannon).
 */
async function fireRaw(port: number, sessions: string[], concurrency: number, activityId: string, secret: string): Promise<PhaseResult> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let i = 0;
  let signAt = 0;
  let sign = '';
  let codeAt = 0;
  let code = '';
  const request = (session: string, n: number) => {
    const now = Date.now();
    // The signature is valid for 15 minutes and the code rotates slowly: computed once a second.
    if (now - signAt > 1000) {
      signAt = now;
      sign = `${createHash('md5').update(`${now}${APP_KEY}`).digest('hex')},${now}`;
    }
    if (now - codeAt > 1000) {
      codeAt = now;
      code = stationCode(secret, activityId, new Date(now)).code;
    }
    const body = JSON.stringify({ code, nonce: `bench-${n}-${Math.random().toString(36).slice(2)}` });
    return (
      `POST /1.1/functions/activity.checkIn HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\nContent-Type: application/json\r\n` +
      `X-LC-Id: ${APP_ID}\r\nX-LC-Sign: ${sign}\r\nX-LC-Session: ${session}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
    );
  };
  // Connections are opened (and each answered one GET /healthz) before the clock starts, as a
  // station's phones would be connected already: Node's event loop accepts only one pending
  // connection per turn, so 200 connects into a busy host would measure the accept queue instead
  // (the multi-second p99 of earlier runs; BENCH_COLD=1 keeps the connects inside the measurement).
  const cold = process.env.BENCH_COLD === '1';
  const open = () =>
    new Promise<net.Socket>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port });
      s.setNoDelay(true);
      if (cold) return resolve(s);
      s.once('connect', () => {
        s.once('data', () => resolve(s));
        s.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
      });
    });
  const sockets = await Promise.all(Array.from({ length: concurrency }, open));
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const client = (first: net.Socket) =>
    new Promise<void>((done) => {
      let socket = first;
      let buf = Buffer.alloc(0);
      let t = 0;
      let pending: string | null = null;
      const send = () => {
        if (i >= sessions.length) {
          socket.end();
          done();
          return;
        }
        const n = i++;
        pending = sessions[n];
        buf = Buffer.alloc(0);
        t = performance.now();
        socket.write(request(pending, n));
      };
      const finish = (status: number) => {
        latencies.push(performance.now() - t);
        if (status !== 200) statuses.set(status, (statuses.get(status) ?? 0) + 1);
        pending = null;
        send();
      };
      const attach = () => {
        socket.on('data', (chunk: Buffer) => {
          buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
          const end = buf.indexOf('\r\n\r\n');
          if (end < 0) return;
          const head = buf.subarray(0, end).toString('latin1');
          const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? NaN);
          if (Number.isFinite(length) ? buf.length < end + 4 + length : !buf.subarray(buf.length - 5).equals(Buffer.from('0\r\n\r\n'))) return;
          finish(Number(head.slice(9, 12)));
        });
        socket.on('error', () => undefined);
        socket.on('close', () => {
          // The server closed the connection: count the open request as failed and reconnect.
          if (pending !== null) finish(0);
          if (i < sessions.length) {
            socket = net.connect({ host: '127.0.0.1', port });
            socket.setNoDelay(true);
            attach();
            socket.once('connect', send);
          } else done();
        });
      };
      attach();
      if (cold) socket.once('connect', send);
      else send();
    });
  await Promise.all(sockets.map(client));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  const errors = [...statuses.values()].reduce((a, b) => a + b, 0);
  return {
    ok: latencies.length - errors, errors, seconds, p50: q(0.5), p99: q(0.99), max: latencies[latencies.length - 1],
    statuses: statuses.size ? JSON.stringify(Object.fromEntries(statuses)) : undefined,
    clientCpuMs: (cpu.user + cpu.system) / 1000,
  };
}

if (process.env.BENCH_ROLE === 'proxy') {
  void startRoundRobinProxy((process.env.BENCH_PROXY_TARGETS ?? '').split(',')).then((p) => process.send!({ port: Number(new URL(p.url).port) }));
} else if (process.env.BENCH_ROLE === 'client') {
  process.once('message', (m: { port: number; sessions: string[]; concurrency: number; activityId: string; secret: string }) => {
    void fireRaw(m.port, m.sessions, m.concurrency, m.activityId, m.secret).then((r) => process.send!(r));
  });
} else main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
