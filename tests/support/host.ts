/**
 * Starts the real host (real HTTP, real database) for a test, on a free port, and
 * gives the test a real `leancloud-storage` SDK pointed at it.
 * - `sqlite`: a fresh data folder under the OS temp dir;
 * - `postgres`: a fresh database created on `TEST_DATABASE_URL`'s server, dropped on close.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FunctionName, InputOf, OutputOf } from '../../cloud/contract';
import type { Logger } from '../../cloud/host/app';
import { startHost, type RunningHost } from '../../cloud/host/server';

export type Backend = 'sqlite' | 'postgres';

/** The backends to run against: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const BACKENDS: Backend[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export const APP_ID = 'union-demo';
export const APP_KEY = 'union-demo-key';

type AV = typeof import('leancloud-storage');

export interface TestHost {
  host: RunningHost;
  url: string;
  /** Calls a function through the real SDK (`AV.Cloud.run`). */
  call<N extends FunctionName>(name: N, input: InputOf<N>, sessionToken?: string): Promise<OutputOf<N>>;
  /** Calls through the SDK and returns the error it throws (fails the test if it resolves). */
  refusal(name: string, input: unknown, sessionToken?: string): Promise<{ code: number; rawMessage: string; reason: string; fields?: { path: string; message: string }[] }>;
  /** Logged-in session token for a demo persona. */
  login(persona: InputOf<'auth.devLogin'>['persona'], unionId?: string, key?: string): Promise<string>;
  logs: string[];
  close(): Promise<void>;
}

export interface StartOptions {
  backend?: Backend;
  env?: Record<string, string>;
  clock?: () => Date;
}

/**
 * A fresh, empty PostgreSQL database on the server of `base` (default: the test server); returns its
 * URL and a drop function. The benches use it too, with their own name prefix.
 */
export async function freshPostgres(base = process.env.TEST_DATABASE_URL, prefix = 'union_test'): Promise<{ url: string; drop(): Promise<void> }> {
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function startTestHost(opts: StartOptions = {}): Promise<TestHost> {
  const backend = opts.backend ?? 'sqlite';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-test-'));
  const pgdb = backend === 'postgres' ? await freshPostgres() : null;
  const logs: string[] = [];
  const log: Logger = { error: (message, meta) => logs.push(`${message} ${JSON.stringify(meta ?? {})}`) };
  const env: Record<string, string | undefined> = {
    PORT: '0',
    HOST: '127.0.0.1',
    UNION_DATA_DIR: dataDir,
    UNION_STATIC_DIR: path.join(dataDir, 'no-h5'),
    // One test client logs in hundreds of times from 127.0.0.1; tests/integration/rate-limit.test.ts turns limits on.
    ...(opts.env?.UNION_MODE === 'production' ? {} : { UNION_RATE_LIMITS: 'off' }),
    ...(pgdb ? { DATABASE_URL: pgdb.url } : {}),
    ...opts.env,
  };
  let host: RunningHost;
  try {
    host = await startHost({ env, clock: opts.clock, log });
  } catch (err) {
    // A host that refuses to start (tests of bad configuration) must not leave its folder or database behind.
    await pgdb?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  // A separate SDK instance per host: the SDK is a module-level singleton.
  let AV!: AV;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    AV = require('leancloud-storage') as AV;
  });
  AV.init({ appId: env.UNION_APP_ID ?? APP_ID, appKey: env.UNION_APP_KEY ?? APP_KEY, serverURL: host.url });

  const call = <N extends FunctionName>(name: N, input: InputOf<N>, sessionToken?: string) =>
    AV.Cloud.run(name, input, sessionToken ? { sessionToken } : {}) as Promise<OutputOf<N>>;

  return {
    host,
    url: host.url,
    call,
    async refusal(name, input, sessionToken) {
      try {
        await AV.Cloud.run(name, input as Record<string, unknown>, sessionToken ? { sessionToken } : {});
      } catch (err) {
        return err as Awaited<ReturnType<TestHost['refusal']>>;
      }
      throw new Error(`${name} was expected to be refused but succeeded`);
    },
    async login(persona, unionId, key) {
      const r = await call('auth.devLogin', { persona, ...(unionId ? { unionId } : {}), ...(key ? { key } : {}) });
      return r.sessionToken;
    },
    logs,
    async close() {
      await host.close();
      await pgdb?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Raw protocol request (for what the SDK cannot send: bad JSON, bad signatures, huge bodies). */
export function signHeaders(appKey = APP_KEY, ts = Date.now()): Record<string, string> {
  const md5 = createHash('md5').update(`${ts}${appKey}`).digest('hex');
  return { 'X-LC-Id': APP_ID, 'X-LC-Sign': `${md5},${ts}`, 'Content-Type': 'application/json' };
}
