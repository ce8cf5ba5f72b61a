#!/usr/bin/env node
/**
 * Makes sure the end-to-end test browser is here: Debian `chromium` and the CJK
 * fonts (without them Chinese renders as boxes). As root it installs them with
 * apt-get; otherwise it names the command to run and fails.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function hasFonts() {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', 'fonts-noto-cjk'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

export function ensureBrowser() {
  const missing = [];
  if (!fs.existsSync(CHROMIUM)) missing.push('chromium');
  if (!hasFonts()) missing.push('fonts-noto-cjk');
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(`端到端测试需要 ${missing.join(' 和 ')}。请先运行：\n  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`);
    process.exit(1);
  }
  console.log(`正在安装测试浏览器：apt-get install -y ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  // Try without an update first (fast when the lists are fresh), then with one.
  if (install().status !== 0) {
    execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
    if (install().status !== 0) {
      console.error('安装测试浏览器失败');
      process.exit(1);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) ensureBrowser();
