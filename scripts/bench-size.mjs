#!/usr/bin/env node
/**
 * `npm run bench:size [-- --page pages/join/index] [--no-build]`: the bundle budget (issue 7, item 2).
 *
 * Builds both targets with webpack stats (UNION_BUNDLE_STATS, see config/bundle-stats.ts), then prints
 * - weapp: main-package size (every file outside the sub-package roots, as WeChat counts it) and total;
 * - H5: the JS a phone downloads to open one page (the scripts index.html loads, plus the page's lazy
 *   chunks), raw and gzip; default page: the join page when it exists, else the login page;
 * - the share of each large dependency in both, and pass/fail against the budget:
 *   main package ≤ 1 MB (WeChat's hard limit is 2 MB), page JS ≤ 250 KB gzip.
 * A dependency's share: its modules' sources (from webpack stats) minified one by one with terser,
 * the minifier webpack itself uses, over the sum for all modules; applied to the emitted bytes.
 * Exits 1 when a budget is exceeded.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const argValue = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const statsDir = path.join(root, 'dist', 'stats');
const KB = 1024;
const BUDGET = { weappMain: 1024 * KB, pageGzip: 250 * KB };

function build(type) {
  const file = path.join(statsDir, `${type}.json`);
  const started = Date.now();
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', type], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NODE_ENV: 'production', UNION_BUNDLE_STATS: file },
  });
  fs.mkdirSync(statsDir, { recursive: true });
  fs.writeFileSync(path.join(statsDir, `${type}.log`), `${r.stdout ?? ''}${r.stderr ?? ''}`);
  if (r.status !== 0 || !fs.existsSync(file)) {
    console.error(`${r.stdout ?? ''}${r.stderr ?? ''}\n✖ ${type} build failed`);
    process.exit(1);
  }
  process.stdout.write(`built ${type} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

if (!args.includes('--no-build')) {
  fs.rmSync(statsDir, { recursive: true, force: true });
  build('weapp');
  build('h5');
}
const weappStats = JSON.parse(fs.readFileSync(path.join(statsDir, 'weapp.json'), 'utf8'));
const h5Stats = JSON.parse(fs.readFileSync(path.join(statsDir, 'h5.json'), 'utf8'));

/** Which package (or which of our folders) a module comes from. */
function owner(name) {
  const i = name.lastIndexOf('node_modules/');
  if (i >= 0) {
    const parts = name.slice(i + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (/(^|\/)cloud\//.test(name)) return '(ours) cloud/contract';
  if (/(^|\/)src\//.test(name)) return '(ours) src';
  return '(webpack runtime and other)';
}

// terser comes with webpack (terser-webpack-plugin): the same minifier as the real output.
const { minify_sync: minifySync } = createRequire(import.meta.url)('terser');
const minifiedCache = new Map();
function minifiedSize(m) {
  const key = m.identifier ?? m.name;
  if (minifiedCache.has(key)) return minifiedCache.get(key);
  let size = m.size ?? 0;
  if (typeof m.source === 'string') {
    try {
      size = (minifySync(m.source, { compress: true, mangle: true, module: true }).code ?? '').length;
    } catch {
      size = m.source.length; // not plain JS to terser (e.g. a wrapper): count it as written
    }
  }
  minifiedCache.set(key, size);
  return size;
}

/** Minified JS bytes per owner over the given chunks (concatenated modules split into their parts; CSS left out). */
function modulesByOwner(chunks) {
  const by = new Map();
  const seen = new Set();
  const add = (m) => {
    if (m.modules?.length) return m.modules.forEach(add);
    if (String(m.moduleType ?? '').startsWith('css')) return;
    const key = m.identifier ?? m.name;
    if (seen.has(key)) return;
    seen.add(key);
    const o = owner(m.name ?? '');
    by.set(o, (by.get(o) ?? 0) + minifiedSize(m));
  };
  for (const c of chunks) for (const m of c.modules ?? []) add(m);
  return by;
}

function printShares(by, emittedBytes, label, unit) {
  const total = [...by.values()].reduce((a, b) => a + b, 0);
  const rows = [...by.entries()].sort((a, b) => b[1] - a[1]);
  process.stdout.write(`  share of ${label} by dependency (≥ 2 %):\n`);
  let other = 0;
  for (const [o, bytes] of rows) {
    const share = bytes / total;
    if (share < 0.02) {
      other += share;
      continue;
    }
    process.stdout.write(`    ${o.padEnd(34)} ${(share * 100).toFixed(1).padStart(5)} %  ≈ ${((share * emittedBytes) / KB).toFixed(0).padStart(4)} KB ${unit}\n`);
  }
  if (other > 0) process.stdout.write(`    ${'(smaller ones together)'.padEnd(34)} ${(other * 100).toFixed(1).padStart(5)} %\n`);
}

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const results = [];
const verdict = (label, value, limit) => {
  const ok = value <= limit;
  results.push({ label, ok });
  return `${(value / KB).toFixed(1)} KB of ${(limit / KB).toFixed(0)} KB budget: ${ok ? 'PASS' : 'FAIL'}`;
};

// ---- weapp ----
const weappDir = path.join(root, 'dist', 'weapp');
const appJson = JSON.parse(fs.readFileSync(path.join(weappDir, 'app.json'), 'utf8'));
const subRoots = (appJson.subPackages ?? appJson.subpackages ?? []).map((s) => s.root.replace(/\/$/, '') + '/');
const files = walk(weappDir).filter((f) => !f.endsWith('.map')).map((f) => ({ rel: path.relative(weappDir, f), bytes: fs.statSync(f).size }));
const inSub = (rel) => subRoots.some((r) => rel.startsWith(r));
const mainBytes = files.filter((f) => !inSub(f.rel)).reduce((a, f) => a + f.bytes, 0);
const totalBytes = files.reduce((a, f) => a + f.bytes, 0);
const mainJs = files.filter((f) => !inSub(f.rel) && f.rel.endsWith('.js')).reduce((a, f) => a + f.bytes, 0);
process.stdout.write(`\nweapp (dist/weapp, sizes as WeChat counts them: uncompressed)\n`);
process.stdout.write(`  main package: ${verdict('weapp main package', mainBytes, BUDGET.weappMain)}  (WeChat limit 2048 KB)\n`);
process.stdout.write(`  total with sub-packages (${subRoots.join(', ') || 'none'}): ${(totalBytes / KB).toFixed(1)} KB; main-package JS ${(mainJs / KB).toFixed(1)} KB\n`);
const mainChunks = weappStats.chunks.filter((c) => c.files.some((f) => f.endsWith('.js') && !inSub(f)));
printShares(modulesByOwner(mainChunks), mainJs, 'main-package JS', 'raw');

// ---- H5 ----
const h5Dir = path.join(root, 'dist', 'h5');
const html = fs.readFileSync(path.join(h5Dir, 'index.html'), 'utf8');
const initialJs = [...html.matchAll(/<script[^>]*\ssrc="\/?([^"]+\.js)"/g)].map((m) => m[1]);
const origins = new Set(h5Stats.chunks.flatMap((c) => (c.origins ?? []).map((o) => o.request)));
const requested = argValue('--page');
const page = requested ?? (origins.has('./pages/join/index') ? 'pages/join/index' : 'pages/login/index');
if (!origins.has(`./${page}`)) {
  console.error(`✖ no lazy chunk for ${page} in the H5 build (pages: ${[...origins].filter((o) => o.startsWith('./pages') || o.startsWith('./packages')).join(', ')})`);
  process.exit(1);
}
const pageChunks = h5Stats.chunks.filter((c) => (c.origins ?? []).some((o) => o.request === `./${page}`));
const initialChunks = h5Stats.chunks.filter((c) => c.initial);
const jsOf = (chunks) => chunks.flatMap((c) => c.files.filter((f) => f.endsWith('.js')));
const pageJs = [...new Set([...initialJs, ...jsOf(pageChunks)])];
let raw = 0;
let gz = 0;
const perFile = [];
for (const f of pageJs) {
  const buf = fs.readFileSync(path.join(h5Dir, f));
  const g = zlib.gzipSync(buf, { level: 6 }).length;
  raw += buf.length;
  gz += g;
  perFile.push(`${f} ${(buf.length / KB).toFixed(0)}/${(g / KB).toFixed(0)}`);
}
const css = [...new Set([...html.matchAll(/<link[^>]*href="\/?([^"]+\.css)"/g)].map((m) => m[1]).concat(pageChunks.flatMap((c) => c.files.filter((f) => f.endsWith('.css')))))];
const cssGz = css.reduce((a, f) => a + zlib.gzipSync(fs.readFileSync(path.join(h5Dir, f)), { level: 6 }).length, 0);
process.stdout.write(`\nH5 (dist/h5): JS loaded to open #/${page}${requested ? '' : origins.has('./pages/join/index') ? '' : ' (the join page is not built yet: measuring the login page)'}\n`);
process.stdout.write(`  ${pageJs.length} files, ${(raw / KB).toFixed(1)} KB raw, gzip ${verdict(`H5 ${page} JS gzip`, gz, BUDGET.pageGzip)}\n`);
process.stdout.write(`  files (raw/gzip KB): ${perFile.join(', ')}\n`);
process.stdout.write(`  CSS besides: ${css.length} files, ${(cssGz / KB).toFixed(1)} KB gzip\n`);
printShares(modulesByOwner([...initialChunks, ...pageChunks]), gz, `the page's JS`, 'gzip');

const failed = results.filter((r) => !r.ok);
process.stdout.write(`\nbudget: ${results.length - failed.length}/${results.length} pass${failed.length ? ` — FAIL: ${failed.map((r) => r.label).join(', ')}` : ''}\n`);
process.exit(failed.length ? 1 : 0);
