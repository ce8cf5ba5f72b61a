#!/usr/bin/env node
/**
 * `npm start`: builds the H5 app when it is missing or older than its sources, then
 * starts the cloud-function host (demo mode by default), which serves the app too.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { HOST_NODE_FLAGS } from './host-node-flags.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const index = path.join(root, 'dist/h5/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

const sources = ['src', 'config', 'cloud/contract'].map((d) => path.join(root, d)).filter((d) => fs.existsSync(d));
const builtAt = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
if (builtAt < Math.max(...sources.map(newestMtime))) {
  const started = Date.now();
  console.log('正在构建 H5 应用：双核机器上首次约 40 秒到 2 分钟，之后只在源码变化时重新构建…');
  // Taro's progress bar is noise here: keep its output, show it only when the build fails; say
  // every 10 s that the build is still going, so a long first build does not look like a hang.
  const r = await new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', 'h5'], { cwd: root });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const ticker = setInterval(() => console.log(`  仍在构建 H5 应用（已 ${Math.round((Date.now() - started) / 1000)} 秒）…`), 10_000);
    child.on('exit', (status) => {
      clearInterval(ticker);
      resolve({ status, output });
    });
  });
  if (r.status !== 0) {
    console.error(r.output.split('\n').slice(-60).join('\n'));
    console.error('H5 构建失败');
    process.exit(r.status ?? 1);
  }
  console.log(`H5 应用构建完成（${Math.round((Date.now() - started) / 1000)} 秒）`);
}
// .br/.gz beside the built files, served to browsers that accept them (kept when up to date).
spawnSync(process.execPath, [path.join(root, 'scripts/precompress.mjs'), path.join(root, 'dist/h5')], { cwd: root, stdio: 'inherit' });

const host = spawn(process.execPath, [...HOST_NODE_FLAGS, '--import', 'tsx', path.join(root, 'cloud/host/main.ts')], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => host.kill(sig));
host.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
