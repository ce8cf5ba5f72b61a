#!/usr/bin/env node
/**
 * `npm run bench:peer`: our host against Parse Server 9 (what LeanCloud users most often move
 * to), issue 7 item 1. One run, one load client (bench/peer/load.mjs), the same concurrency:
 *   1. Parse Server 9.10 + PostgreSQL, Cloud Code check-in (unique per activity and member);
 *   2. our host + PostgreSQL;
 *   3. our host + the embedded SQLite database (WAL; synchronous from UNION_SQLITE_SYNC, default of the host).
 * Our side sends the real `activity.checkIn` (bench/peer/ours.mjs); every system's stored rows are
 * compared with the check-ins it acknowledged.
 * Prints check-ins/s and latency per system and our/Parse ratios against the goals
 * (≥ 5× on PostgreSQL, ≥ 3× on SQLite, each at equal or lower p99).
 *
 * bench/peer has its own package.json, installed here (never by the app's npm install).
 * Settings: BENCH_CONNECTIONS (50), BENCH_SECONDS (10), BENCH_WARMUP (2),
 * BENCH_DATABASE_URL (default TEST_DATABASE_URL or postgres://root@127.0.0.1:5432/test: only the
 * server is used; fresh databases are created and dropped), BENCH_OUR_WRITE (see bench/peer/ours.mjs).
 * Rate limits are off in our host for the run: one client on 127.0.0.1 is the set-up, not an attack.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { runLoad } from '../bench/peer/load.mjs';
import { pickOurWrite } from '../bench/peer/ours.mjs';
import { HOST_NODE_FLAGS } from './host-node-flags.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const peerDir = path.join(root, 'bench', 'peer');
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const PG_BASE = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';

function installPeer() {
  const stamp = path.join(peerDir, 'node_modules', '.union-installed');
  const lock = path.join(peerDir, 'package-lock.json');
  if (fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs >= fs.statSync(lock).mtimeMs) return;
  process.stdout.write('installing bench/peer (Parse Server) …\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: peerDir, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm install in bench/peer failed');
  fs.writeFileSync(stamp, new Date().toISOString());
}

async function freshDb(tag) {
  const name = `bench_${tag}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_BASE });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_BASE);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_BASE });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Spawns a server process and resolves with its URL from the `ready at <url>` line. */
function startProcess(args, env, cwd = root) {
  const proc = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`not ready in 60 s:\n${out}`));
    }, 60_000);
    const onData = (c) => {
      out += c.toString();
      const m = /ready at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1].replace('//localhost:', '//127.0.0.1:'),
          stop: () => new Promise((r) => (proc.exitCode !== null ? r() : (proc.once('exit', r), proc.kill('SIGTERM')))),
        });
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', (c) => (out += c.toString()));
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code}) before ready:\n${out}`));
    });
  });
}

async function parseJson(url, p, body, headers) {
  const res = await fetch(`${url}${p}`, { method: 'POST', headers: { 'X-Parse-Application-Id': 'bench', 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const json = await res.json();
  if (!res.ok) throw new Error(`${p}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function benchParse() {
  const db = await freshDb('parse');
  // Parse's default logger writes ./logs at import time: keep its files in the temp folder.
  const logs = path.join(os.tmpdir(), 'union-bench-parse-logs');
  const server = await startProcess([path.join(peerDir, 'parse-server.mjs')], { PARSE_DATABASE_URI: db.url, PORT: '', PARSE_SERVER_LOGS_FOLDER: logs }, os.tmpdir());
  try {
    const master = { 'X-Parse-Master-Key': 'bench-master-key' };
    await parseJson(server.url, '/schemas/CheckIn', { className: 'CheckIn', fields: { activityId: { type: 'String' }, memberId: { type: 'String' }, nonce: { type: 'String' }, by: { type: 'String' } } }, master);
    // One check-in per (activity, member), enforced by the database as on our side.
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    await c.query('CREATE UNIQUE INDEX checkin_activity_member_uq ON "CheckIn" ("activityId", "memberId")');
    const user = await parseJson(server.url, '/users', { username: 'bench-member', password: 'bench-password-1' });
    // Correctness first: a repeat is a duplicate, not a second row.
    const first = await parseJson(server.url, '/functions/checkIn', { activityId: 'probe', memberId: 'm', nonce: 'n1' }, { 'X-Parse-Session-Token': user.sessionToken });
    const again = await parseJson(server.url, '/functions/checkIn', { activityId: 'probe', memberId: 'm', nonce: 'n2' }, { 'X-Parse-Session-Token': user.sessionToken });
    if (first.result.duplicate !== false || again.result.duplicate !== true) throw new Error('Parse check-in is not duplicate-safe');
    const base = new URL(server.url);
    const result = await runLoad({
      base: server.url,
      connections: CONNECTIONS,
      seconds: SECONDS,
      warmupSeconds: WARMUP,
      request: (seq) => ({
        path: `${base.pathname}/functions/checkIn`,
        headers: { 'X-Parse-Application-Id': 'bench', 'X-Parse-Session-Token': user.sessionToken, 'Content-Type': 'application/json' },
        body: JSON.stringify({ activityId: 'act-bench', memberId: `m-${seq}`, nonce: `n-${seq}` }),
      }),
    });
    const rows = Number((await c.query('SELECT count(*) AS n FROM "CheckIn" WHERE "activityId" = $1', ['act-bench'])).rows[0].n);
    await c.end();
    return { ...result, stored: rows };
  } finally {
    await server.stop();
    await db.drop();
  }
}

async function benchOurs(backend) {
  const adapter = pickOurWrite();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-bench-'));
  const db = backend === 'postgres' ? await freshDb('union') : null;
  const host = await startProcess([...HOST_NODE_FLAGS, '--import', 'tsx', 'cloud/host/main.ts'], {
    PORT: '0',
    HOST: '127.0.0.1',
    UNION_DATA_DIR: dataDir,
    UNION_STATIC_DIR: path.join(dataDir, 'no-h5'),
    UNION_RATE_LIMITS: 'off',
    DATABASE_URL: db ? db.url : '',
  });
  const where = { storage: db ? { kind: 'postgres', url: db.url, poolSize: 2 } : { kind: 'sqlite', file: path.join(dataDir, 'union.db') } };
  try {
    const state = await adapter.prepare(host.url, where);
    const result = await runLoad({ base: host.url, connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: WARMUP, request: (seq) => adapter.request(state, seq) });
    const stored = adapter.stored ? await adapter.stored(where, state) : undefined;
    return { ...result, stored, label: adapter.label };
  } finally {
    await host.stop();
    await db?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const f = (n, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '–');

async function main() {
  installPeer();
  const cpus = os.cpus().length;
  const load = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  process.stdout.write(`bench:peer — ${CONNECTIONS} connections, ${SECONDS} s (+${WARMUP} s warm-up) per system, ${cpus} CPU cores (load average ${load} at start), one load client for all\n`);
  const rows = [];
  const run = async (name, fn) => {
    process.stdout.write(`… ${name}\n`);
    const r = await fn();
    rows.push({ name, ...r });
    process.stdout.write(`  ${f(r.rps)} check-ins/s, p50 ${f(r.p50, 1)} ms, p99 ${f(r.p99, 1)} ms, errors ${r.errors}${r.firstError ? ` (first: ${r.firstError})` : ''}\n`);
    return r;
  };
  const parse = await run('Parse Server 9.10 + PostgreSQL (Cloud Code)', benchParse);
  const oursPg = await run('our host + PostgreSQL', () => benchOurs('postgres'));
  const oursSqlite = await run('our host + SQLite (embedded)', () => benchOurs('sqlite'));

  process.stdout.write(`\nour side: ${oursPg.label}\n`);
  process.stdout.write(`| system | check-ins/s | p50 ms | p99 ms | errors |\n|---|---|---|---|---|\n`);
  for (const r of rows) process.stdout.write(`| ${r.name} | ${f(r.rps)} | ${f(r.p50, 1)} | ${f(r.p99, 1)} | ${r.errors} |\n`);
  const goal = (label, ours, times) => {
    const ratio = ours.rps / parse.rps;
    const ok = ratio >= times && ours.p99 <= parse.p99;
    process.stdout.write(`${label}: ${f(ratio, 1)}× Parse's throughput (goal ≥ ${times}×), p99 ${f(ours.p99, 1)} vs ${f(parse.p99, 1)} ms: ${ok ? 'PASS' : 'FAIL'}\n`);
  };
  goal('our host + PostgreSQL', oursPg, 5);
  goal('our host + SQLite', oursSqlite, 3);
  for (const r of rows) {
    if (r.stored === undefined) continue;
    const same = r.stored === r.acknowledged;
    process.stdout.write(`${r.name}: ${r.stored} check-in rows stored for ${r.acknowledged} acknowledged (warm-up included)${same ? '' : '  ✖ MISMATCH'}\n`);
    if (!same) process.exitCode = 1;
  }
  process.stdout.write(`load average at the end: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} (other work on the machine skews all three alike only if it stays constant)\n`);
  const errors = rows.reduce((a, r) => a + r.errors, 0);
  process.exit(errors || process.exitCode ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
