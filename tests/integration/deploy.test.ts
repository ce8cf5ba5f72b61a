/**
 * What docs/deploy.md ships, checked without a container engine or systemd (neither runs here):
 * - the Dockerfile and the systemd unit start the bundle with the host's V8 flags
 *   (scripts/host-node-flags.mjs), the image runs as a user other than root, and its HEALTHCHECK asks /readyz;
 * - the container's runtime stage, rebuilt as a plain folder (the bundle from `build-host.mjs --outdir`,
 *   the node_modules of scripts/host-runtime-modules.mjs, nothing else), starts, and the Dockerfile's
 *   own HEALTHCHECK command passes against it, on SQLite and on PostgreSQL; SIGTERM ends it with 0.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { BACKENDS, freshPostgres } from '../support/host';

const run = promisify(execFile);
const root = path.join(__dirname, '../..');
const read = (f: string) => fs.readFileSync(path.join(root, f), 'utf8');
const HOST_NODE_FLAGS = JSON.parse(/HOST_NODE_FLAGS = (\[[^\]]*\]);/.exec(read('scripts/host-node-flags.mjs'))![1].replace(/'/g, '"')) as string[];

jest.setTimeout(120_000);

describe('the shipped files', () => {
  const dockerfile = read('Dockerfile');

  it('Dockerfile: the bundle with the host flags, a user other than root, HEALTHCHECK on /readyz, from a multi-stage build', () => {
    expect(dockerfile).toContain(`CMD ${JSON.stringify(['node', ...HOST_NODE_FLAGS, 'dist/host/main.mjs']).replace(/","/g, '", "')}`);
    const users = [...dockerfile.matchAll(/^USER (\S+)$/gm)].map((m) => m[1]);
    expect(users).toEqual(['node']);
    expect(dockerfile).toMatch(/^HEALTHCHECK [^\n]*\\\n[^\n]*\/readyz/m);
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toContain('node scripts/host-runtime-modules.mjs /runtime');
  });

  it('systemd: the unit starts the bundle with the host flags, and a timer runs the backup', () => {
    const unit = read('deploy/systemd/union-host.service');
    expect(unit).toMatch(new RegExp(`^ExecStart=/usr/bin/node ${HOST_NODE_FLAGS.join(' ')} dist/host/main\\.mjs$`, 'm'));
    expect(unit).toMatch(/^KillSignal=SIGTERM$/m);
    expect(read('deploy/systemd/union-pg-backup.service')).toMatch(/^ExecStart=\S*scripts\/pg-backup\.sh$/m);
    expect(read('deploy/systemd/union-pg-backup.timer')).toMatch(/^OnCalendar=/m);
  });
});

describe('docs/deploy.md', () => {
  const doc = read('docs/deploy.md');

  it('is linked from the README, and every file and script it names exists', () => {
    expect(read('README.md')).toContain('docs/deploy.md');
    const named = new Set([...doc.matchAll(/`((?:deploy|scripts)\/[\w./-]+\.(?:service|timer|sh|mjs)|Dockerfile)[` ]/g)].map((m) => m[1]));
    expect([...named]).toEqual(expect.arrayContaining(['Dockerfile', 'deploy/systemd/union-host.service', 'deploy/systemd/union-pg-backup.service', 'scripts/pg-backup.sh']));
    for (const f of named) expect(fs.existsSync(path.join(root, f))).toBe(true);
  });

  it('names only metrics the host writes', () => {
    const source = read('cloud/host/metrics.ts');
    // Inline code spans that start with a metric name (`union_calls_total{fn, outcome}`), and names inside PromQL spans.
    const spans = [...doc.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]).filter((c) => /^(union|process|nodejs)_|rate\(|histogram_quantile/.test(c));
    const names = new Set(spans.flatMap((c) => [...c.matchAll(/\b((?:union|process|nodejs)_[a-z_]*[a-z])\b/g)].map((m) => m[1].replace(/_bucket$/, ''))));
    expect(names.size).toBeGreaterThan(6);
    for (const n of names) expect(source).toContain(`'${n}'`);
  });
});

/** The Dockerfile's HEALTHCHECK command, run as Docker would run it (exec form). */
function healthcheckCommand(): string[] {
  const m = /^HEALTHCHECK [^\n]*\\\n\s*CMD (\[.*\])$/m.exec(read('Dockerfile'));
  return JSON.parse(m![1]) as string[];
}

describe.each(BACKENDS)("the container's runtime stage as a plain folder, on %s", (backend) => {
  let dir: string;
  let child: ChildProcess | null = null;
  let pgdb: Awaited<ReturnType<typeof freshPostgres>> | null = null;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-runtime-'));
    await run(process.execPath, [path.join(root, 'scripts/build-host.mjs'), '--outdir', path.join(dir, 'dist/host')]);
    await run(process.execPath, [path.join(root, 'scripts/host-runtime-modules.mjs'), dir]);
    if (backend === 'postgres') pgdb = await freshPostgres();
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await pgdb?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('holds only the bundle and the run-time modules, starts, passes its HEALTHCHECK, and stops with 0 on SIGTERM', async () => {
    expect(fs.readdirSync(path.join(dir, 'node_modules')).sort()).toEqual(expect.arrayContaining(['better-sqlite3', 'pg']));
    expect(fs.existsSync(path.join(dir, 'node_modules/typescript'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'node_modules/prebuild-install'))).toBe(false);

    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      UNION_DATA_DIR: path.join(dir, 'data'),
      UNION_STATIC_DIR: path.join(dir, 'dist/h5'),
      ...(pgdb ? { DATABASE_URL: pgdb.url } : {}),
    };
    const c = spawn(process.execPath, [...HOST_NODE_FLAGS, 'dist/host/main.mjs'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    let out = '';
    let err = '';
    c.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      c.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /union host ready at http:\/\/localhost:(\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      c.once('exit', (code) => reject(new Error(`host exited with ${code} before it was ready:\n${out}\n${err}`)));
    });
    expect(out).toContain(backend === 'postgres' ? 'PostgreSQL' : 'SQLite');

    const [cmd, ...args] = healthcheckCommand();
    expect(cmd).toBe('node');
    await expect(run(process.execPath, args, { env: { PATH: env.PATH, PORT: String(port) } })).resolves.toBeDefined();
    // The same check fails where nothing answers (it is not a check that always passes).
    await expect(run(process.execPath, args, { env: { PATH: env.PATH, PORT: '9' } })).rejects.toMatchObject({ code: 1 });

    const exited = new Promise<number | null>((resolve) => c.once('exit', (code) => resolve(code)));
    c.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('union host stopped');
  });
});
