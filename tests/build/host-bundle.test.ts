/**
 * The production bundle of the host (`npm run build:host`): `node dist/host/main.mjs` starts in
 * production mode with only Node and the external native/driver modules — no TypeScript compiler or
 * `tsx` at run time — prints its `ready` line, and answers the protocol; it runs from V8's code cache
 * written by the build, and starts the same without it (rejected, missing, switched off).
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
const hostScript = path.join(root, 'dist/host/host.cjs');
/** The production start's V8 flags (scripts/host-node-flags.mjs), which the build's code cache is written for. */
const HOST_NODE_FLAGS = JSON.parse(/HOST_NODE_FLAGS = (\[[^\]]*\]);/.exec(fs.readFileSync(path.join(root, 'scripts/host-node-flags.mjs'), 'utf8'))![1].replace(/'/g, '"')) as string[];

beforeAll(() => {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/build-host.mjs')], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build:host failed: ${r.stdout}${r.stderr}`);
});

/** The modules a script requires by name (`require("x")`). */
function requiredModules(file: string): string[] {
  const found: string[] = [];
  const walk = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    const node = n as { type?: string; callee?: { type: string; name?: string }; arguments?: { type: string; value?: unknown }[] };
    if (node.type === 'CallExpression' && node.callee?.type === 'Identifier' && node.callee.name === 'require' && node.arguments?.[0]?.type === 'Literal') found.push(String(node.arguments[0].value));
    for (const v of Object.values(node)) if (v && typeof v === 'object') walk(v);
  };
  walk(parse(fs.readFileSync(file, 'utf8'), { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true }));
  return found;
}
const outsideNode = (m: string) => !m.startsWith('node:') && !builtinModules.includes(m);

it('is one script (with its lazy scripts) that requires only Node and the external native/driver modules (no tsx, no typescript), started by a loader that imports only Node', () => {
  const loader = parse(fs.readFileSync(bundle, 'utf8'), { ecmaVersion: 'latest', sourceType: 'module' });
  const imported = loader.body.filter((n) => n.type === 'ImportDeclaration').map((n) => String((n as unknown as { source: { value: string } }).source.value));
  expect(imported.filter(outsideNode)).toEqual([]);
  const required = requiredModules(hostScript).filter(outsideNode);
  expect(required.filter((m) => !['better-sqlite3', 'pg', 'pg-native'].includes(m) && !m.startsWith('./lazy/'))).toEqual([]);
  expect([...new Set(required.filter((m) => m.startsWith('./lazy/')))].sort()).toEqual(['./lazy/exceljs.cjs', './lazy/qrcode.cjs']);
  for (const lazy of fs.readdirSync(path.join(root, 'dist/host/lazy')).filter((f) => f.endsWith('.cjs'))) expect(requiredModules(path.join(root, 'dist/host/lazy', lazy)).filter(outsideNode)).toEqual([]);
});

/** Starts the bundle with `env` in a fresh folder; resolves with its URL once it printed its ready line (in `mode`). */
async function startBundle(
  env: Record<string, string>,
  mode: '生产模式' | '演示模式',
  opts: { nodeArgs?: string[]; main?: string } = {},
): Promise<{ url: string; readyLine: string; stop(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-bundle-'));
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), opts.main ?? bundle], {
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
    const [url, readyLine] = await new Promise<[string, string]>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += String(d);
        const m = new RegExp(`union host ready at (http://\\S+) \\(${mode}.*`).exec(out);
        if (m) resolve([m[1], m[0]]);
      });
      child.stderr.on('data', (d) => (out += String(d)));
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    return { url, readyLine, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

it('runs the host in production mode from the code cache the build wrote: ready line, then protocol answers', async () => {
  const { url, readyLine, stop } = await startBundle(
    {
      UNION_MODE: 'production',
      UNION_APP_ID: 'union-prod',
      UNION_APP_KEY: 'prod-key-123',
      UNION_DATA_KEY: randomBytes(32).toString('base64'),
      WECHAT_APP_ID: 'wx-prod',
      WECHAT_APP_SECRET: 'wx-prod-secret',
    },
    '生产模式',
    { nodeArgs: HOST_NODE_FLAGS },
  );
  try {
    expect(readyLine).toContain('code cache used');
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

it('loads what only some calls need on first use: the poster’s QR code and a workbook, from their lazy scripts', async () => {
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

/** The loader's name for a code cache file: the build id, then FNV-1a of Node's version, arch and flags (scripts/host-loader.mjs). */
function cacheFileName(build: string, execArgv: string[], nodeOptions = ''): string {
  const key = [process.version, process.arch, ...execArgv, nodeOptions].join('\0');
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return `${build}-${h.toString(16).padStart(8, '0')}.bin`;
}

async function devLogin(url: string): Promise<number> {
  const res = await fetch(`${url}/1.1/functions/auth.devLogin`, { method: 'POST', headers: { 'X-LC-Id': 'union-demo', 'X-LC-Key': 'union-demo-key', 'Content-Type': 'application/json' }, body: '{"persona":"staff","unionId":"bu-cy01"}' });
  await res.arrayBuffer();
  return res.status;
}

it('starts the same when V8 rejects the code cache (other flags, a damaged file) or it is switched off, and writes one for its own flags for the next start', async () => {
  // A copy of the build, so the real dist/host keeps its cache; better-sqlite3 from this install.
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'union-bundle-copy-'));
  try {
    fs.cpSync(path.join(root, 'dist/host'), copy, { recursive: true });
    const main = path.join(copy, 'main.mjs');
    const build = /\/\/# union-build=(\w+)\s*$/.exec(fs.readFileSync(path.join(copy, 'host.cjs'), 'utf8'))![1];
    const cacheDir = path.join(copy, 'code-cache');
    const trained = path.join(cacheDir, cacheFileName(build, HOST_NODE_FLAGS));
    expect(fs.existsSync(trained)).toBe(true);
    const env = { NODE_PATH: path.join(root, 'node_modules'), UNION_RATE_LIMITS: 'off', UNION_CODE_CACHE_WRITE_MS: '300' };

    // The cache of the production flags, offered to a start without them: V8's flag check rejects it.
    const plain = path.join(cacheDir, cacheFileName(build, []));
    fs.copyFileSync(trained, plain);
    let host = await startBundle(env, '演示模式', { main });
    try {
      expect(host.readyLine).toContain('code cache rejected');
      expect(await devLogin(host.url)).toBe(200);
      // …and this start writes its own in the place of the rejected one.
      const deadline = Date.now() + 10_000;
      const offered = fs.readFileSync(trained);
      while (fs.readFileSync(plain).equals(offered) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    } finally {
      await host.stop();
    }
    await new Promise((r) => setTimeout(r, 100));
    host = await startBundle(env, '演示模式', { main });
    try {
      expect(host.readyLine).toContain('code cache used');
      expect(await devLogin(host.url)).toBe(200);
    } finally {
      await host.stop();
    }

    // A damaged file.
    fs.writeFileSync(trained, randomBytes(4096));
    host = await startBundle(env, '演示模式', { main, nodeArgs: HOST_NODE_FLAGS });
    try {
      expect(host.readyLine).toContain('code cache rejected');
      expect(await devLogin(host.url)).toBe(200);
    } finally {
      await host.stop();
    }

    // Switched off: compiled afresh, nothing read or written.
    fs.rmSync(cacheDir, { recursive: true, force: true });
    host = await startBundle({ ...env, UNION_CODE_CACHE: 'off' }, '演示模式', { main, nodeArgs: HOST_NODE_FLAGS });
    try {
      expect(host.readyLine).toContain('code cache off');
      expect(await devLogin(host.url)).toBe(200);
      await new Promise((r) => setTimeout(r, 600));
      expect(fs.existsSync(cacheDir)).toBe(false);
    } finally {
      await host.stop();
    }
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
});
