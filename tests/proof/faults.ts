/**
 * Fault test (issue 14, item 1): PostgreSQL connections lost under load. A real host process on a
 * fresh PostgreSQL database takes calls from `concurrency` workers in the test process (check-ins,
 * which go through the coalesced statements; `org.invite`, a transaction; `auth.me`, reads), while
 * the test terminates every backend of that database (`pg_terminate_backend`) `kills` times at
 * random moments. Every acknowledged (HTTP 200) write is recorded. Counted: host restarts (the
 * host died; it is started again so the run goes on), answers by status and reason, network errors.
 * Then every acknowledged write must be in the database.
 *
 * Last, the drain: calls held in flight (their inserts wait for a table lock the test holds), SIGTERM
 * to the host, the lock let go; every call must be answered and the host exit 0.
 *
 * `npm run test:faults` (FAULT_KILLS, default 200); CI runs the short variant through jest
 * (`tests/integration/faults.test.ts`, 50 kills).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { checkInOf, seedCheckIns, type CheckInSeed } from '../../bench/seed-checkin';
import { openStorage } from '../../cloud/storage/db';
import { freshPostgres } from '../support/host';
import { APP_ID, APP_KEY, callFn, mustCall, spawnHost, type Answer, type ChildHost } from './child-host';

export interface FaultOptions {
  /** Rounds of `pg_terminate_backend` that hit at least one backend of the host. */
  kills: number;
  /** Calls kept in flight. */
  concurrency?: number;
  /** Wait between two kill rounds: uniform in [minGapMs, maxGapMs]. */
  minGapMs?: number;
  maxGapMs?: number;
  /** Calls held in flight when SIGTERM is sent. */
  drainCalls?: number;
  /** The server to create the throwaway database on (default TEST_DATABASE_URL). */
  baseUrl?: string;
  /** Appends the host's output here (FAULT_LOG in `npm run test:faults`). */
  logFile?: string;
  log?: (line: string) => void;
}

export interface FaultReport {
  kills: number;
  backendsTerminated: number;
  restarts: number;
  calls: number;
  ok: number;
  unavailable: number;
  /** The 503 answers by function (check-ins go through the coalesced statements, invitations through a transaction, auth.me reads). */
  unavailableByFn: Record<string, number>;
  /** 503 answers without a `Retry-After` header (none expected). */
  withoutRetryAfter: number;
  other5xx: number;
  /** 4xx answers by reason (none expected). */
  refused: Record<string, number>;
  networkErrors: number;
  acknowledgedWrites: number;
  acknowledgedCheckIns: number;
  acknowledgedInvites: number;
  present: number;
  /** Reads the host asked again on a fresh connection (from its log). */
  readsRetried: number;
  seconds: number;
  concurrency: number;
  drain: DrainReport;
}

export interface DrainReport {
  inFlight: number;
  answered: number;
  ok: number;
  /** Answers that told the client to close its connection (`Connection: close`): all, while draining. */
  connectionClose: number;
  /** Did a new connection get refused while the host drained? */
  refusedNewConnection: boolean;
  exitCode: number | null;
  drainMs: number;
  present: number;
}

interface Seed {
  checkIns: CheckInSeed;
  staffSession: string;
}

export async function runPgFaultTest(opts: FaultOptions): Promise<FaultReport> {
  const { kills, concurrency = 24, minGapMs = 20, maxGapMs = 120, drainCalls = 20 } = opts;
  const log = opts.log ?? (() => undefined);
  const started = Date.now();
  const pgdb = await freshPostgres(opts.baseUrl, 'union_fault');
  const dbName = new URL(pgdb.url).pathname.slice(1);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-fault-'));
  const env = { DATABASE_URL: pgdb.url };
  const admin = new pg.Client({ connectionString: opts.baseUrl ?? process.env.TEST_DATABASE_URL });
  await admin.connect();
  let host: ChildHost | null = null;
  let stopping = false;
  let restarts = 0;
  const hosts: ChildHost[] = [];

  // The host, started again whenever it dies on its own (each time counted as a restart).
  const start = async (): Promise<ChildHost> => {
    const h = await spawnHost({ dataDir, env, logFile: opts.logFile });
    hosts.push(h);
    void h.exited.then(async () => {
      if (stopping || host !== h) return;
      restarts++;
      log(`host died (${h.output().split('\n').filter((l) => /Unhandled|Error|error/.test(l)).slice(-3).join(' | ')}); starting it again`);
      // A start during the kills may itself be cut (its migrations): try until one comes up.
      for (let attempt = 1; !stopping; attempt++) {
        try {
          host = await start();
          return;
        } catch (err) {
          if (attempt >= 50) throw err;
          await sleep(200);
        }
      }
    });
    return h;
  };

  try {
    host = await start();
    const seed: Seed = {
      checkIns: await seedOn(pgdb.url),
      staffSession: (await mustCall<{ sessionToken: string }>(host.url, 'auth.devLogin', { persona: 'staff', unionId: 'bu-cy01', key: 'fault-test' })).sessionToken,
    };

    // Load: `concurrency` workers, one call at a time each, until the kills are done.
    const tally: Tally = { calls: 0, ok: 0, unavailable: 0, unavailableByFn: {}, withoutRetryAfter: 0, other5xx: 0, networkErrors: 0, refused: {} };
    const ackedCheckIns = new Set<string>();
    const ackedInvites = new Set<string>();
    let seq = 0;
    let loading = true;
    const worker = async () => {
      while (loading) {
        const n = seq++;
        const url = host!.url;
        try {
          const kind = n % 4;
          if (kind <= 1) {
            const c = checkInOf(seed.checkIns, n);
            const a = await callFn(url, 'activity.checkIn', { code: c.code, nonce: `fault-${String(n).padStart(8, '0')}` }, c.session, AbortSignal.timeout(20_000));
            if (count(tally, 'activity.checkIn', a)) ackedCheckIns.add(`${c.activityId}|${c.memberId}`);
          } else if (kind === 2) {
            const a = await callFn<{ token: string }>(url, 'org.invite', { unionId: 'bu-cy01', expiresInDays: 7 }, seed.staffSession, AbortSignal.timeout(20_000));
            if (count(tally, 'org.invite', a)) ackedInvites.add(invitationOf(a.result.token));
          } else {
            count(tally, 'auth.me', await callFn(url, 'auth.me', {}, seed.checkIns.sessions[n % seed.checkIns.sessions.length], AbortSignal.timeout(20_000)));
          }
        } catch {
          tally.calls++;
          tally.networkErrors++;
          await sleep(20);
        }
      }
    };
    const workers = Array.from({ length: concurrency }, () => worker());

    // The kills: every backend of the test database, at random moments, while the workers run.
    await sleep(300);
    let done = 0;
    let backendsTerminated = 0;
    const killStarted = Date.now();
    while (done < kills) {
      await sleep(minGapMs + Math.random() * (maxGapMs - minGapMs));
      const r = await admin.query<{ n: string }>('select count(pg_terminate_backend(pid)) as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [dbName]);
      const n = Number(r.rows[0].n);
      if (n > 0) {
        done++;
        backendsTerminated += n;
      }
      if (Date.now() - killStarted > kills * 2000 + 30_000) throw new Error(`only ${done} of ${kills} kills hit a backend`);
    }
    await sleep(300); // calls cut by the last kill are answered
    loading = false;
    await Promise.all(workers);
    const faultSeconds = (Date.now() - started) / 1000;

    const drain = await drainTest(host!, admin, pgdb.url, seed.staffSession, drainCalls, () => (stopping = true));
    stopping = true;
    const output = hosts.map((h) => h.output()).join('');

    const present = await countPresent(pgdb.url, [...ackedCheckIns], [...ackedInvites]);
    const report: FaultReport = {
      kills: done,
      backendsTerminated,
      restarts,
      calls: tally.calls,
      ok: tally.ok,
      unavailable: tally.unavailable,
      unavailableByFn: tally.unavailableByFn,
      withoutRetryAfter: tally.withoutRetryAfter,
      other5xx: tally.other5xx,
      refused: tally.refused,
      networkErrors: tally.networkErrors,
      acknowledgedWrites: ackedCheckIns.size + ackedInvites.size,
      acknowledgedCheckIns: ackedCheckIns.size,
      acknowledgedInvites: ackedInvites.size,
      present,
      readsRetried: (output.match(/read asked again/g) ?? []).length,
      seconds: faultSeconds,
      concurrency,
      drain,
    };
    return report;
  } finally {
    stopping = true;
    for (const h of hosts) if (h.proc.exitCode === null && h.proc.signalCode === null) await h.crash();
    await admin.end().catch(() => undefined);
    await pgdb.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** SIGTERM while `n` calls wait in PostgreSQL (their inserts need a lock the test holds): all answered, exit 0. */
async function drainTest(host: ChildHost, admin: pg.Client, dbUrl: string, session: string, n: number, markStopping: () => void): Promise<DrainReport> {
  const dbName = new URL(dbUrl).pathname.slice(1);
  const locker = new pg.Client({ connectionString: dbUrl });
  await locker.connect();
  try {
    await locker.query('begin');
    await locker.query('lock table invitations in exclusive mode');
    const agent = new http.Agent({ keepAlive: true });
    const calls = Array.from({ length: n }, () => inviteWithHeaders(host.url, session, agent).catch((err: unknown) => err as Error));
    // Wait until the pool's connections are all stuck on the lock (the rest wait for a connection).
    const waitUntil = Date.now() + 15_000;
    for (;;) {
      const r = await admin.query<{ n: string }>(`select count(*) as n from pg_stat_activity where datname = $1 and wait_event_type = 'Lock'`, [dbName]);
      if (Number(r.rows[0].n) >= Math.min(n, 10)) break;
      if (Date.now() > waitUntil) throw new Error(`drain: only ${r.rows[0].n} calls reached the lock`);
      await sleep(20);
    }
    markStopping();
    const sent = Date.now();
    host.proc.kill('SIGTERM');
    await sleep(300);
    const refusedNewConnection = await new Promise<boolean>((resolve) => {
      const port = Number(new URL(host.url).port);
      const s = net.connect({ port, host: '127.0.0.1' });
      s.once('connect', () => (s.destroy(), resolve(false)));
      s.once('error', () => resolve(true));
    });
    await locker.query('commit');
    const answers = await Promise.all(calls);
    agent.destroy();
    const { code } = await host.exited;
    const answered = answers.filter((a): a is { status: number; token?: string; connection: string | null } => !(a instanceof Error));
    const acked = answered.filter((a) => a.status === 200 && a.token);
    const present = await countPresent(dbUrl, [], acked.map((a) => invitationOf(a.token!)));
    return {
      inFlight: n,
      answered: answered.length,
      ok: acked.length,
      connectionClose: answered.filter((a) => a.connection?.toLowerCase() === 'close').length,
      refusedNewConnection,
      exitCode: code,
      drainMs: Date.now() - sent,
      present,
    };
  } finally {
    await locker.end().catch(() => undefined);
  }
}

/** `org.invite` as staff over a keep-alive connection (node:http: fetch hides `Connection`), keeping the answer's `Connection` header. */
function inviteWithHeaders(url: string, session: string, agent: http.Agent): Promise<{ status: number; token?: string; connection: string | null }> {
  const ts = Date.now();
  const body = JSON.stringify({ unionId: 'bu-cy01', expiresInDays: 7 });
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/1.1/functions/org.invite`, {
      method: 'POST',
      agent,
      timeout: 30_000,
      headers: { 'X-LC-Id': APP_ID, 'X-LC-Sign': `${createHash('md5').update(`${ts}${APP_KEY}`).digest('hex')},${ts}`, 'X-LC-Session': session, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        try {
          const parsed = JSON.parse(text) as { result?: { token: string } };
          resolve({ status: res.statusCode ?? 0, token: parsed.result?.token, connection: res.headers.connection ?? null });
        } catch (err) {
          reject(err as Error);
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

/** Seeds 200 members signed up to 40 activities, through the repositories (8,000 distinct check-ins). */
async function seedOn(url: string): Promise<CheckInSeed> {
  const storage = await openStorage({ kind: 'postgres', url, poolSize: 2 });
  try {
    return await seedCheckIns(storage.db, { members: 200, activities: 40, tag: 'fault' });
  } finally {
    await storage.close();
  }
}

interface Tally {
  calls: number;
  ok: number;
  unavailable: number;
  unavailableByFn: Record<string, number>;
  withoutRetryAfter: number;
  other5xx: number;
  networkErrors: number;
  refused: Record<string, number>;
}

/** Tallies one answer; true when it was acknowledged. */
function count(t: Tally, fn: string, a: Answer<unknown>): a is Extract<Answer<unknown>, { ok: true }> {
  t.calls++;
  if (a.ok) t.ok++;
  else if (a.status === 503 && a.reason === 'service_unavailable') {
    t.unavailable++;
    t.unavailableByFn[fn] = (t.unavailableByFn[fn] ?? 0) + 1;
    if (a.retryAfter === null) t.withoutRetryAfter++;
  }
  else if (a.status >= 500) {
    t.other5xx++;
    t.refused[`${a.status} ${a.reason}`] = (t.refused[`${a.status} ${a.reason}`] ?? 0) + 1;
  } else t.refused[a.reason] = (t.refused[a.reason] ?? 0) + 1;
  return a.ok;
}

/** The invitation id inside a join token (`<base64url JSON payload>.<signature>`). */
function invitationOf(token: string): string {
  return (JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')) as { inv: string }).inv;
}

async function countPresent(url: string, checkIns: string[], invites: string[]): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    let n = 0;
    if (checkIns.length) {
      const r = await c.query<{ n: string }>(
        'select count(*) as n from activity_checkins k join unnest($1::text[], $2::text[]) as q(a, m) on k.activity_id = q.a and k.member_id = q.m',
        [checkIns.map((k) => k.split('|')[0]), checkIns.map((k) => k.split('|')[1])],
      );
      n += Number(r.rows[0].n);
    }
    if (invites.length) {
      const r = await c.query<{ n: string }>('select count(*) as n from invitations where id = any($1::text[])', [invites]);
      n += Number(r.rows[0].n);
    }
    return n;
  } finally {
    await c.end();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export function formatFaultReport(r: FaultReport): string {
  const refused = Object.entries(r.refused).map(([k, v]) => `${v} × ${k}`).join(', ') || 'none';
  return [
    `faults (PostgreSQL): ${r.kills} kills (${r.backendsTerminated} backends terminated) with ${r.concurrency} calls in flight, ${r.seconds.toFixed(1)} s`,
    `  host restarts: ${r.restarts}`,
    `  calls: ${r.calls} — ${r.ok} × 200, ${r.unavailable} × 503 service_unavailable (${Object.entries(r.unavailableByFn).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}; without Retry-After: ${r.withoutRetryAfter}), ${r.other5xx} × other 5xx, network errors ${r.networkErrors}; other refusals: ${refused}`,
    `  acknowledged writes: ${r.acknowledgedWrites} (${r.acknowledgedCheckIns} check-ins, ${r.acknowledgedInvites} invitations), present: ${r.present}`,
    `  reads asked again on a fresh connection: ${r.readsRetried}`,
    `  SIGTERM with ${r.drain.inFlight} calls in flight: ${r.drain.answered} answered (${r.drain.ok} × 200), with Connection: close ${r.drain.connectionClose}, new connection refused: ${r.drain.refusedNewConnection ? 'yes' : 'no'}, exit code ${r.drain.exitCode}, ${r.drain.drainMs} ms, acknowledged present: ${r.drain.present}`,
  ].join('\n');
}

/** What must hold; empty when the run passed. */
export function faultFailures(r: FaultReport, kills: number): string[] {
  const f: string[] = [];
  if (r.kills < kills) f.push(`${r.kills} of ${kills} kills`);
  if (r.restarts !== 0) f.push(`${r.restarts} host restarts`);
  if (r.other5xx !== 0) f.push(`${r.other5xx} answers 5xx other than 503 service_unavailable`);
  if (r.withoutRetryAfter !== 0) f.push(`${r.withoutRetryAfter} answers 503 without Retry-After`);
  if (r.networkErrors !== 0) f.push(`${r.networkErrors} calls without an answer`);
  if (r.present !== r.acknowledgedWrites) f.push(`${r.acknowledgedWrites - r.present} acknowledged writes missing`);
  if (r.ok === 0) f.push('no call was acknowledged');
  if (r.drain.answered !== r.drain.inFlight) f.push(`drain: ${r.drain.inFlight - r.drain.answered} calls in flight not answered`);
  if (r.drain.exitCode !== 0) f.push(`drain: exit code ${r.drain.exitCode}`);
  if (r.drain.connectionClose !== r.drain.answered) f.push(`drain: ${r.drain.answered - r.drain.connectionClose} answers kept their connection open`);
  if (!r.drain.refusedNewConnection) f.push('drain: a new connection was accepted after SIGTERM');
  if (r.drain.present !== r.drain.ok) f.push(`drain: ${r.drain.ok - r.drain.present} acknowledged invitations missing`);
  return f;
}
