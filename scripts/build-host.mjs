#!/usr/bin/env node
/**
 * `npm run build:host`: the cloud-function host for production (`node dist/host/main.mjs`, with the
 * flags of scripts/host-node-flags.mjs): no TypeScript compiler or `tsx` at run time, and one file for
 * Node to read instead of hundreds of modules to find and transpile — a FaaS platform pays the start
 * on every cold start (`npm run bench:coldstart`).
 *
 *   dist/host/main.mjs            the start: scripts/host-loader.mjs, which runs host.cjs from V8's code cache
 *   dist/host/host.cjs            the host, one CommonJS script (ends with its build id)
 *   dist/host/code-cache/*.bin    V8's code cache of host.cjs, written by a training run of the build
 *   dist/host/lazy/*.cjs          libraries only some calls need, required on first use
 *
 * Bundled: our code and the pure-JS dependencies. External (loaded from node_modules at run time):
 * native modules (`better-sqlite3`) and `pg` (its optional native binding is looked up at run time).
 * Libraries only some calls need (exceljs, qrcode: cloud/domain/lazy-modules.ts) are scripts of their
 * own in `lazy/`, required on the first such call instead of parsed at every start.
 *
 * CommonJS rather than an ES module: Node 20 has no compile cache for modules, while a script compiled
 * through `vm.Script` takes V8's cached data. The training run (`--no-code-cache` skips it) starts
 * the built host twice on a scratch SQLite database in demo mode — once to seed it, once to answer
 * `auth.devLogin` like a cold start — with the production flags, and the second writes the cache.
 */
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HOST_NODE_FLAGS } from './host-node-flags.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/**
 * zod re-exports all of its ≈ 45 message locales as one namespace (`z.locales`), which no bundler can
 * drop; the host never switches locale (its refusals carry our own Chinese messages), so the bundle
 * gets a `locales` module holding only `en`, the one zod installs by default. A third of zod's weight.
 */
const zodDefaultLocaleOnly = {
  name: 'zod-default-locale-only',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) => (args.importer.includes(`${path.sep}zod${path.sep}`) ? { path: path.join(path.dirname(args.importer), '../locales/en.js') } : undefined));
  },
};
// `--outdir <dir>` builds elsewhere (tests/integration/deploy.test.ts builds into a temporary folder).
const outArg = process.argv.indexOf('--outdir');
const outdir = outArg > 0 && process.argv[outArg + 1] ? path.resolve(process.argv[outArg + 1]) : path.join(root, 'dist/host');
const started = Date.now();

/** `import('exceljs')` / `import('qrcode')` become `require('./lazy/<name>.cjs')`, built below. */
const LAZY = ['exceljs', 'qrcode'];
const lazyScripts = {
  name: 'lazy-scripts',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^(${LAZY.join('|')})$`) }, (args) => (args.kind === 'dynamic-import' ? { path: `./lazy/${args.path}.cjs`, external: true } : undefined));
  },
};
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: true, keepNames: true, legalComments: 'linked', logLevel: 'warning' };

fs.rmSync(outdir, { recursive: true, force: true });
const result = await build({
  ...common,
  entryPoints: { host: path.join(root, 'cloud/host/main.ts') },
  outdir,
  outExtension: { '.js': '.cjs' },
  sourcemap: 'linked',
  // A script run through vm.Script has no module loader for `import()`: esbuild turns every one into
  // a `require` (of a lazy script, or of an external module).
  supported: { 'dynamic-import': false },
  external: ['better-sqlite3', 'pg', 'pg-native'],
  metafile: true,
  plugins: [zodDefaultLocaleOnly, lazyScripts],
});
await build({ ...common, absWorkingDir: root, entryPoints: Object.fromEntries(LAZY.map((m) => [m, m])), outdir: path.join(outdir, 'lazy'), outExtension: { '.js': '.cjs' } });

// The build id on the last line names the code cache of this exact source (scripts/host-loader.mjs).
const hostFile = path.join(outdir, 'host.cjs');
const code = fs.readFileSync(hostFile);
fs.appendFileSync(hostFile, `\n//# union-build=${createHash('sha256').update(code).digest('hex').slice(0, 16)}\n`);
fs.copyFileSync(path.join(root, 'scripts/host-loader.mjs'), path.join(outdir, 'main.mjs'));
const bytes = fs.statSync(hostFile).size;
const inputs = Object.keys(result.metafile.inputs).length;
process.stdout.write(`built ${path.relative(root, hostFile)}: ${(bytes / 1024).toFixed(0)} KiB from ${inputs} files in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

if (!process.argv.includes('--no-code-cache')) {
  const at = Date.now();
  await trainCodeCache();
  const caches = fs.readdirSync(path.join(outdir, 'code-cache'));
  const cacheBytes = caches.reduce((n, f) => n + fs.statSync(path.join(outdir, 'code-cache', f)).size, 0);
  process.stdout.write(`code cache for node ${HOST_NODE_FLAGS.join(' ')}: ${(cacheBytes / 1024).toFixed(0)} KiB in ${((Date.now() - at) / 1000).toFixed(1)} s\n`);
}

/** Starts the built host (seeding a scratch database), then again to answer a login and write the code cache. */
async function trainCodeCache() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-code-cache-'));
  try {
    await trainingStart(dataDir, 'off');
    await trainingStart(dataDir, 'write');
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  if (!fs.existsSync(path.join(outdir, 'code-cache'))) throw new Error('the training run wrote no code cache');
}

async function trainingStart(dataDir, mode) {
  const env = {
    PATH: process.env.PATH ?? '',
    // better-sqlite3 from this install also when building elsewhere (--outdir in a scratch folder).
    NODE_PATH: path.join(root, 'node_modules'),
    UNION_CODE_CACHE: mode,
    UNION_MODE: 'demo',
    UNION_DATA_DIR: dataDir,
    UNION_STATIC_DIR: path.join(dataDir, 'no-h5'),
    UNION_RATE_LIMITS: 'off',
    PORT: '0',
    HOST: '127.0.0.1',
  };
  const child = spawn(process.execPath, [...HOST_NODE_FLAGS, path.join(outdir, 'main.mjs')], { cwd: dataDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const url = await new Promise((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += String(d);
        const m = /union host ready at (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]);
      });
      child.stderr.on('data', (d) => (out += String(d)));
      child.once('exit', (code) => reject(new Error(`the training start exited (${code}):\n${out}`)));
    });
    const ts = Date.now();
    const sign = createHash('md5').update(`${ts}union-demo-key`).digest('hex');
    const res = await fetch(`${url}/1.1/functions/auth.devLogin`, {
      method: 'POST',
      headers: { 'X-LC-Id': 'union-demo', 'X-LC-Sign': `${sign},${ts}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ persona: 'staff', unionId: 'bu-cy01' }),
    });
    if (res.status !== 200) throw new Error(`the training call answered ${res.status}: ${await res.text()}`);
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
  }
  const code = await exited;
  if (code !== 0) throw new Error(`the training start stopped with ${code}:\n${out}`);
}
