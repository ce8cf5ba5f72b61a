/**
 * The real host as a child process (`node --import tsx cloud/host/main.ts`), as an
 * operator would run it: its own data folder, PORT=0, and the URL parsed from the
 * `ready` line it prints. Used by the crash test, the backup test and the PII scan.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface ChildHost {
  url: string;
  pid: number;
  proc: ChildProcess;
  /** Everything the host wrote to stdout and stderr. */
  output(): string;
  /** Resolves when the process has exited (with its code or signal). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Milliseconds from spawn to the ready line. */
  startMs: number;
  /** SIGKILL and wait for the exit. */
  crash(): Promise<void>;
  /** SIGTERM (graceful close) and wait for the exit. */
  stop(): Promise<void>;
}

export interface SpawnOptions {
  dataDir: string;
  env?: Record<string, string>;
  /** Appends the host's stdout and stderr to this file (the "logs" of a run). */
  logFile?: string;
  readyTimeoutMs?: number;
  /** Called with the process right after spawning (e.g. to kill it during start-up). */
  onSpawn?: (proc: ChildProcess) => void;
  /** Node flags before `--import tsx` (the bench gives the host the flags of `npm run host`). */
  nodeArgs?: string[];
}

/** Starts the host; rejects if it exits or stays silent past the timeout. */
export function spawnHost(opts: SpawnOptions): Promise<ChildHost> {
  const started = Date.now();
  const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', 'cloud/host/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      UNION_DATA_DIR: opts.dataDir,
      UNION_STATIC_DIR: path.join(opts.dataDir, 'no-h5'),
      // One client hammering from 127.0.0.1 is the test's set-up, not an attack.
      UNION_RATE_LIMITS: 'off',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  opts.onSpawn?.(proc);
  let out = '';
  let ready = false;
  const log = opts.logFile ? fs.createWriteStream(opts.logFile, { flags: 'a' }) : null;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.once('exit', (code, signal) => {
      log?.end();
      resolve({ code, signal });
    });
  });
  return new Promise<ChildHost>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`host not ready after ${opts.readyTimeoutMs ?? 30000} ms:\n${out}`));
    }, opts.readyTimeoutMs ?? 30000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      log?.write(chunk);
      const m = /ready at (http:\/\/\S+)/.exec(out);
      if (m && !ready) {
        ready = true;
        clearTimeout(timer);
        const url = m[1].replace('//localhost:', '//127.0.0.1:');
        resolve({
          url,
          pid: proc.pid!,
          proc,
          output: () => out,
          exited,
          startMs: Date.now() - started,
          async crash() {
            proc.kill('SIGKILL');
            await exited;
          },
          async stop() {
            proc.kill('SIGTERM');
            await exited;
          },
        });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      log?.write(chunk);
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`host exited before ready (code ${code}, signal ${signal}):\n${out}`));
    });
  });
}

export const APP_ID = 'union-demo';
export const APP_KEY = 'union-demo-key';

/** The protocol's answer: `{result}` or a refusal. */
export type Answer<T> = { ok: true; status: number; result: T } | { ok: false; status: number; reason: string; error: string; retryAfter: string | null };

/** One signed cloud-function call over HTTP (what the SDK sends), without the SDK. */
export async function callFn<T = unknown>(url: string, name: string, input: unknown, sessionToken?: string, signal?: AbortSignal): Promise<Answer<T>> {
  const ts = Date.now();
  const sign = `${createHash('md5').update(`${ts}${APP_KEY}`).digest('hex')},${ts}`;
  const res = await fetch(`${url}/1.1/functions/${name}`, {
    method: 'POST',
    headers: { 'X-LC-Id': APP_ID, 'X-LC-Sign': sign, 'Content-Type': 'application/json', ...(sessionToken ? { 'X-LC-Session': sessionToken } : {}) },
    body: JSON.stringify(input),
    signal,
  });
  const body = (await res.json()) as { result?: T; reason?: string; error?: string };
  if (res.status === 200) return { ok: true, status: 200, result: body.result as T };
  return { ok: false, status: res.status, reason: body.reason ?? 'unknown', error: body.error ?? '', retryAfter: res.headers.get('retry-after') };
}

/** Like `callFn`, but throws on a refusal. */
export async function mustCall<T>(url: string, name: string, input: unknown, sessionToken?: string): Promise<T> {
  const a = await callFn<T>(url, name, input, sessionToken);
  if (!a.ok) throw new Error(`${name} refused: ${a.status} ${a.reason} ${a.error}`);
  return a.result;
}
