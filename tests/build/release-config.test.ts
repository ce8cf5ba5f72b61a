/**
 * A release build of the mini-program refuses the demo app id and key and a server that is not
 * https:// (config/release.ts), and the refusal stops `taro build` itself before anything is built.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { releaseProblems } from '../../config/release';

const good = { UNION_APP_ID: 'union-qs', UNION_APP_KEY: 'k-9f2c1e7a', UNION_SERVER_URL: 'https://gh.example.cn' };

describe('releaseProblems', () => {
  it('accepts a deployment’s own id, key and https server', () => {
    expect(releaseProblems(good)).toEqual([]);
  });

  it.each([
    ['no settings at all', {}, 3],
    ['the demo id', { ...good, UNION_APP_ID: 'union-demo' }, 1],
    ['the demo key', { ...good, UNION_APP_KEY: 'union-demo-key' }, 1],
    ['plain http', { ...good, UNION_SERVER_URL: 'http://gh.example.cn' }, 1],
    ['the developer’s machine', { ...good, UNION_SERVER_URL: 'https://127.0.0.1:3000' }, 1],
    ['not a URL', { ...good, UNION_SERVER_URL: 'gh.example.cn' }, 1],
  ])('refuses %s', (_label, env, count) => {
    expect(releaseProblems(env)).toHaveLength(count);
  });
});

it('UNION_RELEASE=1 npm run build:weapp with the demo settings fails before building, saying why', () => {
  const root = path.join(__dirname, '../..');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', 'weapp'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, UNION_RELEASE: '1', UNION_APP_ID: '', UNION_APP_KEY: '', UNION_SERVER_URL: '', NODE_ENV: 'production' },
    timeout: 60_000,
  });
  expect(r.status).not.toBe(0);
  expect(`${r.stdout}${r.stderr}`).toContain('小程序发布构建（UNION_RELEASE=1）被拒绝');
}, 70_000);
