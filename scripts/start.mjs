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
  console.log('正在构建 H5 应用（首次约 20 秒）…');
  // Taro's progress bar is noise here: keep its output, show it only when the build fails.
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', 'h5'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    console.error(`${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').slice(-60).join('\n'));
    console.error('H5 构建失败');
    process.exit(r.status ?? 1);
  }
}
// .br/.gz beside the built files, served to browsers that accept them (kept when up to date).
spawnSync(process.execPath, [path.join(root, 'scripts/precompress.mjs'), path.join(root, 'dist/h5')], { cwd: root, stdio: 'inherit' });

const host = spawn(process.execPath, [...HOST_NODE_FLAGS, '--import', 'tsx', path.join(root, 'cloud/host/main.ts')], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => host.kill(sig));
host.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
