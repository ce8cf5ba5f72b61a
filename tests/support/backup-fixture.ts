/**
 * Set-up shared by the backup tests: temporary data folders and child hosts that are removed and
 * stopped after the file's tests, and `npm run backup` / `restore` (`cloud/ops/backup-cli.ts`) run
 * as an operator would, with its exit code and output.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, spawnHost, type ChildHost, type SpawnOptions } from '../proof/child-host';

export interface BackupFixture {
  /** A fresh folder under the OS temp dir (`union-<name>-…`). */
  tmp(name: string): string;
  /** Starts a child host; it is stopped after all tests if still running. */
  spawnHost(opts: SpawnOptions): Promise<ChildHost>;
  /** Runs the backup CLI with these arguments. */
  runCli(args: string[]): Promise<{ code: number | null; out: string }>;
}

/**
 * Call once at the top of a test file (it registers an `afterAll`). `cliEnv` is added to the CLI's
 * environment; DATABASE_URL is always blanked ('' counts as unset) so the CLI uses the data folder's SQLite.
 */
export function backupFixture(cliEnv: Record<string, string> = {}): BackupFixture {
  const dirs: string[] = [];
  const hosts: ChildHost[] = [];
  afterAll(async () => {
    for (const h of hosts) if (h.proc.exitCode === null && h.proc.signalCode === null) await h.stop();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });
  return {
    tmp(name) {
      const d = fs.mkdtempSync(path.join(os.tmpdir(), `union-${name}-`));
      dirs.push(d);
      return d;
    },
    async spawnHost(opts) {
      const host = await spawnHost(opts);
      hosts.push(host);
      return host;
    },
    runCli(args) {
      return new Promise((resolve) => {
        const p = spawn(process.execPath, ['--import', 'tsx', 'cloud/ops/backup-cli.ts', ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', ...cliEnv } });
        let out = '';
        p.stdout.on('data', (c: Buffer) => (out += c.toString()));
        p.stderr.on('data', (c: Buffer) => (out += c.toString()));
        p.on('exit', (code) => resolve({ code, out }));
      });
    },
  };
}
