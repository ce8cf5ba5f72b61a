/**
 * The production bundle of the host (`npm run build:host`): `node dist/host/main.mjs` starts in
 * production mode with only Node and the external native/driver modules — no TypeScript compiler or
 * `tsx` at run time — prints its `ready` line, and answers the protocol.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { parse } from 'acorn';

jest.setTimeout(60_000);

const root = path.join(__dirname, '../..');
const bundle = path.join(root, 'dist/host/main.mjs');

beforeAll(() => {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/build-host.mjs')], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build:host failed: ${r.stdout}${r.stderr}`);
});

it('is one module (with its own chunks) that imports only Node and the external native/driver modules (no tsx, no typescript)', () => {
  const ast = parse(fs.readFileSync(bundle, 'utf8'), { ecmaVersion: 'latest', sourceType: 'module' });
  const imported = ast.body.filter((n) => n.type === 'ImportDeclaration').map((n) => String((n as unknown as { source: { value: string } }).source.value));
  const outside = imported.filter((m) => !m.startsWith('node:') && !builtinModules.includes(m) && !m.startsWith('./chunks/'));
  expect(outside.filter((m) => !['better-sqlite3', 'pg'].includes(m))).toEqual([]);
});

/** Starts the bundle with `env` in a fresh folder; resolves with its URL once it printed its ready line (in `mode`). */
async function startBundle(env: Record<string, string>, mode: '生产模式' | '演示模式'): Promise<{ url: string; stop(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-bundle-'));
  const child = spawn(process.execPath, [bundle], {
    cwd: dataDir,
    env: { PATH: process.env.PATH ?? '', UNION_DATA_DIR: dataDir, UNION_STATIC_DIR: path.join(dataDir, 'no-h5'), PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += String(d);
        const m = new RegExp(`union host ready at (http://\\S+) \\(${mode}`).exec(out);
        if (m) resolve(m[1]);
      });
      child.stderr.on('data', (d) => (out += String(d)));
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    return { url, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

it('runs the host in production mode: ready line, then protocol answers', async () => {
  const { url, stop } = await startBundle(
    {
      UNION_MODE: 'production',
      UNION_APP_ID: 'union-prod',
      UNION_APP_KEY: 'prod-key-123',
      UNION_DATA_KEY: randomBytes(32).toString('base64'),
      WECHAT_APP_ID: 'wx-prod',
      WECHAT_APP_SECRET: 'wx-prod-secret',
    },
    '生产模式',
  );
  try {
    const res = await fetch(`${url}/1.1/functions/auth.me`, { method: 'POST', headers: { 'X-LC-Id': 'union-prod', 'X-LC-Key': 'prod-key-123', 'Content-Type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { reason: string }).reason).toBe('unauthenticated');
    // Production never offers the demo login.
    const demo = await fetch(`${url}/1.1/functions/auth.devLogin`, { method: 'POST', headers: { 'X-LC-Id': 'union-prod', 'X-LC-Key': 'prod-key-123', 'Content-Type': 'application/json' }, body: '{"persona":"staff"}' });
    expect(demo.status).toBe(404);
  } finally {
    await stop();
  }
});

it('loads what only some calls need on first use: the poster’s QR code and a workbook, from their chunks', async () => {
  const { url, stop } = await startBundle({ UNION_RATE_LIMITS: 'off' }, '演示模式');
  try {
    const call = async (name: string, input: unknown, session?: string) => {
      const res = await fetch(`${url}/1.1/functions/${name}`, {
        method: 'POST',
        headers: { 'X-LC-Id': 'union-demo', 'X-LC-Key': 'union-demo-key', 'Content-Type': 'application/json', ...(session ? { 'X-LC-Session': session } : {}) },
        body: JSON.stringify(input),
      });
      const body = (await res.json()) as { result?: Record<string, unknown>; error?: string };
      if (!res.ok) throw new Error(`${name}: ${res.status} ${body.error}`);
      return body.result as Record<string, unknown>;
    };
    const staff = String((await call('auth.devLogin', { persona: 'staff', unionId: 'bu-cy01' })).sessionToken);
    const inv = await call('org.invite', { unionId: 'bu-cy01', label: '打包测试' }, staff);
    const png = await call('org.invitePoster', { invitationId: inv.id, format: 'png' }, staff);
    expect(Buffer.from(String(png.base64), 'base64').subarray(1, 4).toString()).toBe('PNG');
    const admin = String((await call('auth.devLogin', { persona: 'industryAdmin' })).sessionToken);
    const xlsx = await call('org.exportComplianceOverview', { unionId: 'ind-cy' }, admin);
    expect(Buffer.from(String(xlsx.base64), 'base64').subarray(0, 2).toString()).toBe('PK');
  } finally {
    await stop();
  }
});
