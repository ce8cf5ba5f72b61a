/**
 * Crash test (issue 7, item 5): a child host takes durable writes (check-ins by default); every write it
 * acknowledges (HTTP 200) is recorded here; the host is killed with SIGKILL at a random
 * moment while writes are in flight, the database is checked (`PRAGMA integrity_check`,
 * every acknowledged write present), and the host is started again on the same folder.
 * Some cycles kill the host during start-up instead (migrations, demo seed, secrets file),
 * and the next start must still succeed.
 *
 * `npm run test:crash` (CRASH_CYCLES, default 200); CI runs ~10 cycles through jest.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { checkInOf, seedCheckIns, type CheckInSeed } from '../../bench/seed-checkin';
import { openStorage } from '../../cloud/storage/db';
import { callFn, mustCall, spawnHost, type ChildHost } from './child-host';

/** One kind of durable write. The test is written against this interface only. */
export interface DurableWrite<S> {
  label: string;
  /** Once per data folder, with the first host up (`dbFile`: its database); what it returns must live in the database (it is reused after restarts). */
  prepare(url: string, dbFile: string): Promise<S>;
  /** One write; resolves to the key of the acknowledged row, throws if not acknowledged. */
  write(url: string, state: S, seq: number, signal: AbortSignal): Promise<string>;
  /** How many of `keys` are in the database. */
  countPresent(db: BetterSqlite3.Database, keys: string[]): number;
}

/**
 * The default: `activity.checkIn {code, nonce}` as members (issue 7 asks for acknowledged
 * check-ins). Prepared through the repositories (bench/seed-checkin.ts): 40 published
 * activities with check-in open, 500 members signed up to all, one session each. Write `seq`
 * checks member `seq % 500` in at activity `floor(seq / 500)`; its key names the one
 * `activity_checkins` row (unique per activity and member) that must exist afterwards.
 */
export const checkInWrite: DurableWrite<CheckInSeed> = {
  label: 'activity.checkIn (members of bu-cy01, distinct activity and member) → activity_checkins row',
  async prepare(_url, dbFile) {
    const storage = await openStorage({ kind: 'sqlite', file: dbFile });
    try {
      return await seedCheckIns(storage.db, { members: 500, activities: 40, tag: 'crash' });
    } finally {
      await storage.close();
    }
  },
  async write(url, seed, seq, signal) {
    const c = checkInOf(seed, seq);
    const a = await callFn<{ duplicate: boolean }>(url, 'activity.checkIn', { code: c.code, nonce: `crash-${String(seq).padStart(10, '0')}` }, c.session, signal);
    if (!a.ok) throw new Error(`activity.checkIn refused: ${a.status} ${a.reason}`);
    return `${c.activityId}|${c.memberId}`;
  },
  countPresent(db, keys) {
    let n = 0;
    const stmt = db.prepare('SELECT count(*) AS n FROM activity_checkins WHERE activity_id = ? AND member_id = ?');
    for (const k of new Set(keys)) {
      const [activityId, memberId] = k.split('|');
      n += (stmt.get(activityId, memberId) as { n: number }).n;
    }
    // Keys repeat only past members × activities (a duplicate answer names the same row).
    return n + (keys.length - new Set(keys).size);
  },
};

/** `org.invite` as staff of bu-cy01: each acknowledged `{token}` names one `invitations` row. */
export const inviteWrite: DurableWrite<{ session: string }> = {
  label: 'org.invite (staff of bu-cy01) → invitations row',
  async prepare(url) {
    const login = await mustCall<{ sessionToken: string }>(url, 'auth.devLogin', { persona: 'staff', unionId: 'bu-cy01', key: 'crash-test' });
    return { session: login.sessionToken };
  },
  async write(url, state, _seq, signal) {
    const a = await callFn<{ token: string }>(url, 'org.invite', { unionId: 'bu-cy01', expiresInDays: 7 }, state.session, signal);
    if (!a.ok) throw new Error(`org.invite refused: ${a.status} ${a.reason}`);
    // The token is `<base64url JSON payload>.<signature>`; the payload names the invitation.
    const payload = JSON.parse(Buffer.from(a.result.token.split('.')[0], 'base64url').toString('utf8')) as { inv: string };
    return payload.inv;
  },
  countPresent(db, keys) {
    let n = 0;
    for (let i = 0; i < keys.length; i += 500) {
      const chunk = keys.slice(i, i + 500);
      const row = db.prepare(`SELECT count(*) AS n FROM invitations WHERE id IN (${chunk.map(() => '?').join(',')})`).get(...chunk) as { n: number };
      n += row.n;
    }
    return n;
  },
};

export interface CrashOptions {
  cycles: number;
  /** Concurrent writers while the host is up. */
  concurrency?: number;
  /** The host is killed this long after it is ready: uniform in [minUpMs, maxUpMs]. */
  minUpMs?: number;
  maxUpMs?: number;
  /** Every n-th cycle kills the host during start-up instead (0: never). */
  startupKillEvery?: number;
  /**
   * The random wait before the kill starts only once this many writes of the cycle were
   * acknowledged (or after 30 s): on a loaded machine a fixed wait alone may end before the first
   * write, and a cycle without writes proves nothing.
   */
  minAckedPerCycle?: number;
  log?: (line: string) => void;
}

export interface CrashReport {
  cycles: number;
  startupKills: number;
  acknowledged: number;
  lost: number;
  failedRestarts: number;
  integrityFailures: number;
  refusedWrites: number;
  medianStartMs: number;
  seconds: number;
  write: string;
}

export async function runCrashTest<S>(opts: CrashOptions, step: DurableWrite<S> = checkInWrite as unknown as DurableWrite<S>): Promise<CrashReport> {
  const { cycles, concurrency = 4, minUpMs = 20, maxUpMs = 400, startupKillEvery = 10, minAckedPerCycle = 0 } = opts;
  const log = opts.log ?? (() => undefined);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-crash-'));
  const dbFile = path.join(dataDir, 'union.db');
  const acked: string[] = [];
  const startTimes: number[] = [];
  let state: S | undefined;
  let seq = 0;
  let failedRestarts = 0;
  let integrityFailures = 0;
  let refusedWrites = 0;
  let startupKills = 0;
  let lost = 0;
  const started = Date.now();
  const rand = (a: number, b: number) => a + Math.random() * (b - a);

  try {
    for (let cycle = 1; cycle <= cycles; cycle++) {
      if (startupKillEvery > 0 && cycle % startupKillEvery === 0) {
        // Kill somewhere in start-up (process load, migrations, seed, listening).
        startupKills++;
        let proc: import('node:child_process').ChildProcess | undefined;
        const delay = rand(0, 1500);
        const attempt = spawnHost({ dataDir, onSpawn: (p) => { proc = p; setTimeout(() => p.kill('SIGKILL'), delay); } });
        const host = await attempt.catch(() => null);
        if (host) await host.exited;
        else if (proc && proc.exitCode === null && proc.signalCode === null) await new Promise((r) => proc!.once('exit', r));
      }

      let host: ChildHost;
      try {
        host = await spawnHost({ dataDir });
      } catch (err) {
        failedRestarts++;
        log(`cycle ${cycle}: restart failed: ${String(err).slice(0, 400)}`);
        break;
      }
      startTimes.push(host.startMs);
      if (state === undefined) state = await step.prepare(host.url, dbFile);

      const abort = new AbortController();
      let up = true;
      const writer = async () => {
        while (up) {
          const n = ++seq;
          try {
            acked.push(await step.write(host.url, state!, n, abort.signal));
          } catch (err) {
            // Refused while the host was alive: a real failure; cut off by the kill: expected.
            if (up && /refused/.test(String(err))) {
              refusedWrites++;
              log(`cycle ${cycle}: write ${n} ${String(err).slice(0, 200)}`);
            }
            if (!up || host.proc.exitCode !== null || host.proc.signalCode !== null) return;
          }
        }
      };
      const ackedBefore = acked.length;
      const writers = Array.from({ length: concurrency }, writer);
      const warmUntil = Date.now() + 30_000;
      while (acked.length - ackedBefore < minAckedPerCycle && Date.now() < warmUntil && host.proc.exitCode === null) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, rand(minUpMs, maxUpMs)));
      await host.crash();
      up = false;
      abort.abort();
      await Promise.all(writers);

      const db = new BetterSqlite3(dbFile);
      try {
        const integrity = db.pragma('integrity_check', { simple: true });
        if (integrity !== 'ok') {
          integrityFailures++;
          log(`cycle ${cycle}: integrity_check: ${String(integrity)}`);
        }
        const present = step.countPresent(db, acked);
        if (present !== acked.length) {
          lost = acked.length - present;
          log(`cycle ${cycle}: ${lost} acknowledged writes missing`);
        }
      } finally {
        db.close();
      }
      if (cycle % 20 === 0 || cycle === cycles) log(`cycle ${cycle}/${cycles}: ${acked.length} acknowledged, ${lost} lost`);
      if (lost || integrityFailures) break;
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const sorted = [...startTimes].sort((a, b) => a - b);
  return {
    cycles: startTimes.length,
    startupKills,
    acknowledged: acked.length,
    lost,
    failedRestarts,
    integrityFailures,
    refusedWrites,
    medianStartMs: sorted.length ? sorted[Math.floor(sorted.length / 2)] : 0,
    seconds: (Date.now() - started) / 1000,
    write: step.label,
  };
}

export function formatCrashReport(r: CrashReport): string {
  return (
    `crash test: ${r.cycles} SIGKILL cycles (+${r.startupKills} kills during start-up), write = ${r.write}\n` +
    `  acknowledged writes ${r.acknowledged}, lost ${r.lost}, failed restarts ${r.failedRestarts}, ` +
    `integrity failures ${r.integrityFailures}, refused writes ${r.refusedWrites}; median start ${r.medianStartMs} ms; ${r.seconds.toFixed(1)} s`
  );
}
