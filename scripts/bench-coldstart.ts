/**
 * `npm run bench:coldstart`: spawn → first answered call, the cost a FaaS platform pays on every cold
 * start. In one run, BENCH_RUNS times each (default 7), medians and ratios:
 *   - a trivial Node HTTP server (spawn → first answer): the floor of any Node service here;
 *   - the bundled host (`npm run build:host`, `node dist/host/main.mjs`) on SQLite;
 *   - the bundled host on PostgreSQL (when DATABASE_URL or TEST_DATABASE_URL names a server; a fresh
 *     database is created and dropped);
 *   - today's `tsx` start (`node --import tsx cloud/host/main.ts`) on SQLite.
 * The call is `auth.devLogin` in demo mode: it touches the registry, the session store and the
 * database. Every database is seeded by one start before the timed ones. Goal: bundled ≤ 3× trivial.
 * `BENCH_REBUILD=0` uses the dist/host already built (with its code cache); `BENCH_TSX=0` leaves out
 * the tsx start (a quicker run); the load average is printed at the start and the end of the run.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { freshPostgres } from '../tests/support/host';
import { HOST_NODE_FLAGS } from './host-node-flags.mjs';

const ROOT = path.resolve(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const BUNDLE = path.join(ROOT, 'dist/host/main.mjs');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** One POST; resolves with the status, or rejects when nothing listens yet. */
function post(port: number, pathName: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathName, method: pathName === '/' ? 'GET' : 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function devLoginHeaders(): Record<string, string> {
  const ts = Date.now();
  const sign = createHash('md5').update(`${ts}union-demo-key`).digest('hex');
  return { 'X-LC-Id': 'union-demo', 'X-LC-Sign': `${sign},${ts}`, 'Content-Type': 'application/json' };
}

interface Subject {
  label: string;
  args: (port: number) => string[];
  env: Record<string, string>;
  /** The first answered call: `/` for the trivial server, auth.devLogin for the host. */
  probe: 'trivial' | 'devLogin';
}

/** Spawns, then asks every 2 ms until the call is answered; returns the milliseconds. */
async function coldStart(s: Subject): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, s.args(port), { cwd: ROOT, env: { ...process.env, ...s.env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${s.label} exited (${child.exitCode}): ${stderr.slice(-500)}`);
      try {
        const status = s.probe === 'trivial' ? await post(port, '/', '', {}) : await post(port, '/1.1/functions/auth.devLogin', JSON.stringify({ persona: 'staff', unionId: 'bu-cy01' }), devLoginHeaders());
        if (status !== 200) throw new Error(`${s.label}: answered ${status}`);
        return performance.now() - started;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ECONNREFUSED' && (err as NodeJS.ErrnoException).code !== 'ECONNRESET') throw err;
        if (performance.now() - started > 60_000) throw new Error(`${s.label}: no answer within 60 s`);
        await new Promise((r) => setTimeout(r, 2));
      }
    }
  } finally {
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function main(): Promise<void> {
  if (!fs.existsSync(BUNDLE) || process.env.BENCH_REBUILD !== '0') {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-host.mjs')], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm run build:host failed');
  }
  const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-coldstart-'));
  const noH5 = path.join(sqliteDir, 'no-h5');
  const base = { UNION_DATA_DIR: sqliteDir, UNION_STATIC_DIR: noH5, UNION_RATE_LIMITS: 'off' };
  const pgBase = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const pg = pgBase ? await freshPostgres(pgBase, 'union_coldstart') : null;
  const subjects: Subject[] = [
    { label: 'trivial Node HTTP server', args: () => ['-e', "require('http').createServer((q,s)=>s.end('ok')).listen(+process.env.PORT,'127.0.0.1')"], env: {}, probe: 'trivial' },
    { label: 'bundled host, SQLite', args: () => [...HOST_NODE_FLAGS, BUNDLE], env: base, probe: 'devLogin' },
    ...(pg ? [{ label: 'bundled host, PostgreSQL', args: () => [...HOST_NODE_FLAGS, BUNDLE], env: { ...base, DATABASE_URL: pg.url }, probe: 'devLogin' as const }] : []),
    ...(process.env.BENCH_TSX === '0' ? [] : [{ label: 'tsx host (today), SQLite', args: () => [...HOST_NODE_FLAGS, '--import', 'tsx', 'cloud/host/main.ts'], env: base, probe: 'devLogin' as const }]),
  ];
  const loadAtStart = os.loadavg()[0];
  try {
    // Seed each database once (the first start writes the demo data), untimed.
    for (const s of subjects.filter((x) => x.probe === 'devLogin' && x.label.startsWith('bundled'))) await coldStart(s);
    const times = new Map<string, number[]>(subjects.map((s) => [s.label, []]));
    // Interleaved, so a slow minute of the machine falls on every subject alike.
    for (let i = 0; i < RUNS; i++) for (const s of subjects) times.get(s.label)!.push(await coldStart(s));
    const floor = median(times.get(subjects[0].label)!);
    process.stdout.write(`cold start: spawn → first answered call, ${RUNS} runs each, Node ${process.version}, ${os.cpus().length} cores, load ${loadAtStart.toFixed(1)} → ${os.loadavg()[0].toFixed(1)}\n`);
    for (const s of subjects) {
      const t = times.get(s.label)!;
      const m = median(t);
      process.stdout.write(`  ${s.label.padEnd(28)} median ${m.toFixed(0).padStart(5)} ms  (${t.map((x) => x.toFixed(0)).join(', ')})  ${(m / floor).toFixed(2)}× trivial\n`);
    }
    const bundled = median(times.get('bundled host, SQLite')!);
    process.stdout.write(`goal: bundled host ≤ 3× the trivial server: ${bundled / floor <= 3 ? 'met' : 'NOT met'} (${(bundled / floor).toFixed(2)}×)\n`);
  } finally {
    await pg?.drop();
    fs.rmSync(sqliteDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
