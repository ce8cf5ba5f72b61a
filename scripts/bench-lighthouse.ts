/**
 * `npm run bench:lighthouse`: Lighthouse (pinned 12.2.3: 13 needs Node 22) on the H5 join page
 * as a worker opens it from a QR code, with Lighthouse's mobile emulation (Moto G Power screen,
 * 4× CPU slowdown, simulated slow 4G) in Debian's headless Chromium. Goal: performance ≥ 90.
 *
 * Builds dist/h5 when it is missing, starts the real host in demo mode on a temporary data
 * folder (serving that build, as `npm start` does), makes the join link of the demo invitation of
 * 青山县餐饮行业工会联合会 (`inv_demo_ind`, docs/join.md), and runs Lighthouse on it RUNS times.
 * Prints per run and the median: performance score, LCP, FCP, TBT, CLS, Speed Index, total bytes, and
 * the accessibility score (goal ≥ 95, issue 18 item 10). Then the same for the member's fund notice
 * (经费公示详情, demo notice of bu-cy01), opened by a member who logged in beforehand: the browser
 * profile is logged in with playwright-core first and handed to Lighthouse (`--disable-storage-reset`).
 * Lighthouse lives in bench/lighthouse (its own package.json, installed here on first use, never
 * by the app's npm install).
 *   BENCH_RUNS=3  CHROMIUM_PATH=/usr/bin/chromium  LIGHTHOUSE_JSON=path (keep the last report)
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deriveKeys } from '../cloud/domain/crypto';
import { inviteToken } from '../cloud/domain/invitation';
import { chromium } from 'playwright-core';
import { DEMO_FUND_IDS } from '../cloud/seed/demo-fund-ids';
import { startHost } from '../cloud/host/server';
import { demoLogin } from '../tests/support/e2e';

const ROOT = path.resolve(__dirname, '..');
const H5 = path.join(ROOT, 'dist/h5');
const LH_DIR = path.join(ROOT, 'bench/lighthouse');
const LH_CLI = path.join(LH_DIR, 'node_modules/lighthouse/cli/index.js');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const INVITATION = 'inv_demo_ind';

function installLighthouse(): void {
  if (fs.existsSync(path.join(LH_DIR, 'node_modules/.union-installed')) && fs.existsSync(LH_CLI)) return;
  process.stdout.write('installing bench/lighthouse (lighthouse 12.2.3) …\n');
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: LH_DIR, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm install in bench/lighthouse failed');
  fs.writeFileSync(path.join(LH_DIR, 'node_modules/.union-installed'), '');
}

function buildH5(): void {
  if (!fs.existsSync(path.join(H5, 'index.html'))) {
    process.stdout.write('building dist/h5 …\n');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', 'h5'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('H5 build failed');
  }
  // As npm run build:h5 and npm start leave it: .br/.gz beside the files (kept when up to date).
  if (!process.env.BENCH_NO_PRECOMPRESS) spawnSync(process.execPath, [path.join(ROOT, 'scripts/precompress.mjs'), H5], { cwd: ROOT, stdio: 'inherit' });
}

interface Audit {
  numericValue?: number;
  score: number | null;
}
interface Report {
  categories: { performance: { score: number }; accessibility?: { score: number } };
  audits: Record<string, Audit>;
  lighthouseVersion: string;
  environment: { hostUserAgent: string; benchmarkIndex: number };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk`);
  installLighthouse();
  buildH5();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-lighthouse-'));
  const host = await startHost({ env: { PORT: '0', HOST: '127.0.0.1', UNION_MODE: 'demo', UNION_DATA_DIR: dataDir, UNION_STATIC_DIR: H5 } });
  try {
    const token = inviteToken(deriveKeys(host.config.dataKey).token, INVITATION);
    const url = `${host.url}/#/pages/join/index?t=${encodeURIComponent(token)}`;
    await measure('join page', url, dataDir);
    // The notice page as a member sees it: a member logs in on a profile that Lighthouse then reuses.
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'union-lh-member-'));
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'], viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    await demoLogin(context.pages()[0] ?? (await context.newPage()), host.url, '会员');
    await context.close();
    await measure('notice page', `${host.url}/#/pages/notice/index?id=${DEMO_FUND_IDS.notice}`, dataDir, profile);
    fs.rmSync(profile, { recursive: true, force: true });
  } finally {
    await host.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs Lighthouse RUNS times on `url`, printing each run and the median; `profile`: a logged-in browser profile to reuse. */
async function measure(label: string, url: string, dataDir: string, profile?: string): Promise<void> {
  process.stdout.write(`${label}: ${url}\n`);
  const reports: Report[] = [];
  for (let n = 1; n <= RUNS; n++) {
    const out = path.join(dataDir, `lighthouse-${label.replace(/\W+/g, '-')}-${n}.json`);
    const userDir = profile ?? fs.mkdtempSync(path.join(os.tmpdir(), 'union-lh-profile-'));
    // Asynchronously: the host answering the page runs in this process, so its event loop must keep turning.
    const r = await run(process.execPath, [
      LH_CLI,
      url,
      '--only-categories=performance,accessibility',
      '--form-factor=mobile',
      '--output=json',
      `--output-path=${out}`,
      '--quiet',
      ...(profile ? ['--disable-storage-reset'] : []),
      `--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=${userDir}`,
    ], { ...process.env, CHROME_PATH: CHROMIUM });
    if (!profile) fs.rmSync(userDir, { recursive: true, force: true });
    if (r.status !== 0 || !fs.existsSync(out)) throw new Error(`lighthouse failed (${r.status}): ${r.output.slice(-2000)}`);
    const report = JSON.parse(fs.readFileSync(out, 'utf8')) as Report;
    reports.push(report);
    if (process.env.LIGHTHOUSE_JSON) fs.copyFileSync(out, process.env.LIGHTHOUSE_JSON);
    process.stdout.write(`${label} run ${n}: ${line(report)}\n`);
  }
  const pick = (f: (r: Report) => number) => median(reports.map(f));
  const a = (r: Report, id: string) => r.audits[id]?.numericValue ?? NaN;
  const perf = pick((r) => r.categories.performance.score) * 100;
  const access = pick((r) => r.categories.accessibility?.score ?? 0) * 100;
  process.stdout.write(
    [
      `Lighthouse ${reports[0].lighthouseVersion}, mobile emulation (simulated slow 4G, 4× CPU slowdown), ${path.basename(CHROMIUM)} headless; machine benchmarkIndex ${reports.map((r) => Math.round(r.environment.benchmarkIndex)).join(', ')}`,
      `${label}, median of ${RUNS}: performance ${Math.round(perf)}, accessibility ${Math.round(access)}${failedA11y(reports[reports.length - 1])}, LCP ${(pick((r) => a(r, 'largest-contentful-paint')) / 1000).toFixed(2)} s, FCP ${(pick((r) => a(r, 'first-contentful-paint')) / 1000).toFixed(2)} s, TBT ${pick((r) => a(r, 'total-blocking-time')).toFixed(0)} ms, CLS ${pick((r) => a(r, 'cumulative-layout-shift')).toFixed(3)}, Speed Index ${(pick((r) => a(r, 'speed-index')) / 1000).toFixed(2)} s, total ${(pick((r) => a(r, 'total-byte-weight')) / 1024).toFixed(0)} KiB transferred`,
      `${label}: performance ≥ 90 ${perf >= 90 ? 'met' : 'NOT met'}; accessibility ≥ 95 ${access >= 95 ? 'met' : 'NOT met'}`,
    ].join('\n') + '\n',
  );
}

/** The accessibility audits that failed (score 0), for the reader to fix. */
function failedA11y(r: Report): string {
  const failed = Object.entries(r.audits).filter(([id, x]) => x.score === 0 && A11Y_AUDITS.has(id)).map(([id]) => id);
  return failed.length ? ` (failed: ${failed.join(', ')})` : '';
}
const A11Y_AUDITS = new Set(['color-contrast', 'meta-viewport', 'image-alt', 'button-name', 'link-name', 'label', 'list', 'listitem', 'aria-required-children', 'aria-required-parent', 'aria-allowed-attr', 'aria-allowed-role', 'document-title', 'html-has-lang', 'heading-order', 'target-size', 'label-content-name-mismatch', 'aria-hidden-focus', 'tabindex']);

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}

function line(r: Report): string {
  const a = (id: string) => r.audits[id]?.numericValue ?? NaN;
  return `performance ${Math.round(r.categories.performance.score * 100)}, accessibility ${Math.round((r.categories.accessibility?.score ?? NaN) * 100)}, LCP ${(a('largest-contentful-paint') / 1000).toFixed(2)} s, FCP ${(a('first-contentful-paint') / 1000).toFixed(2)} s, TBT ${a('total-blocking-time').toFixed(0)} ms, CLS ${a('cumulative-layout-shift').toFixed(3)}, SI ${(a('speed-index') / 1000).toFixed(2)} s, ${(a('total-byte-weight') / 1024).toFixed(0)} KiB`;
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
