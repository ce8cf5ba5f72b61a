/**
 * Several host processes on one fresh PostgreSQL database behind the round-robin proxy: what an
 * operator runs behind a load balancer. The first instance starts alone (it migrates and seeds the
 * demo), the others then together. Every instance has its own data folder (nothing shared on disk)
 * and the same UNION_DATA_KEY.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { freshPostgres } from '../support/host';
import { startRoundRobinProxy, type RoundRobinProxy } from '../support/round-robin-proxy';
import { spawnHost, type ChildHost } from './child-host';

export interface Cluster {
  hosts: ChildHost[];
  proxy: RoundRobinProxy;
  databaseUrl: string;
  stop(): Promise<void>;
}

export async function startCluster(opts: { instances: number; base?: string; env?: Record<string, string>; prefix?: string }): Promise<Cluster> {
  const pgdb = await freshPostgres(opts.base, opts.prefix ?? 'union_scale');
  const dirs: string[] = [];
  const hosts: ChildHost[] = [];
  const env = { DATABASE_URL: pgdb.url, UNION_DATA_KEY: randomBytes(32).toString('base64'), UNION_TRUST_PROXY: '1', ...opts.env };
  const spawnOne = () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-scale-'));
    dirs.push(dataDir);
    return spawnHost({ dataDir, env, readyTimeoutMs: 60_000 });
  };
  const cleanup = async () => {
    await Promise.all(hosts.map((h) => h.stop()));
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    await pgdb.drop();
  };
  try {
    hosts.push(await spawnOne());
    const rest = await Promise.allSettled(Array.from({ length: opts.instances - 1 }, spawnOne));
    for (const r of rest) if (r.status === 'fulfilled') hosts.push(r.value);
    const failed = rest.find((r) => r.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
  } catch (err) {
    await cleanup();
    throw err;
  }
  const proxy = await startRoundRobinProxy(hosts.map((h) => h.url));
  return {
    hosts,
    proxy,
    databaseUrl: pgdb.url,
    async stop() {
      await proxy.close();
      await cleanup();
    },
  };
}
