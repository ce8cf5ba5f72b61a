#!/usr/bin/env node
/**
 * `npm test`: every test. Provisions the test browser when missing, type-checks,
 * builds both targets (the H5 build is what the browser test drives; the weapp
 * build is checked for missing pages and the 2 MB main-package limit), then runs
 * jest: unit, integration (real host, real SDK, SQLite and — with TEST_DATABASE_URL —
 * PostgreSQL), UI components, build checks and the headless-Chromium end-to-end test.
 * Extra arguments go to jest (e.g. `npm test -- tests/integration`).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureBrowser } from './ensure-browser.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = (p) => path.join(root, 'node_modules', p);
const started = Date.now();

/** Runs one step; `quiet` keeps the output (Taro's progress bar) unless the step fails. */
function step(label, args, env = {}, { quiet = false } = {}) {
  const t = Date.now();
  process.stdout.write(`\n▶ ${label}\n`);
  const r = spawnSync(process.execPath, args, {
    cwd: root,
    stdio: quiet ? 'pipe' : 'inherit',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ...env },
  });
  if (r.status !== 0) {
    if (quiet) process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').slice(-80).join('\n'));
    console.error(`✖ ${label} 失败（退出码 ${r.status ?? r.signal}）`);
    process.exit(r.status ?? 1);
  }
  process.stdout.write(`✔ ${label}（${((Date.now() - t) / 1000).toFixed(1)} s）\n`);
}

ensureBrowser();
step('类型检查 tsc --noEmit', [bin('typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json']);
const taro = bin('@tarojs/cli/bin/taro');
step('构建 H5（dist/h5）', [taro, 'build', '--type', 'h5'], { NODE_ENV: 'production' }, { quiet: true });
step('构建微信小程序（dist/weapp）', [taro, 'build', '--type', 'weapp'], { NODE_ENV: 'production' }, { quiet: true });
step('jest：单元、集成、界面、构建检查、端到端', [bin('jest/bin/jest.js'), ...process.argv.slice(2)]);
process.stdout.write(`\n全部通过，用时 ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
