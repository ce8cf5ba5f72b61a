/**
 * Starts the host on Node: configuration, storage (migrations run automatically),
 * demo seed, the function app, and the built H5 app on the same port.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { deriveKeys } from '../domain/crypto';
import { buildRegistry } from '../functions';
import { runRetentionJob } from '../functions/membership/purge';
import type { Services } from '../functions/services';
import { PID_FILE_NAME } from '../ops/backup';
import { seedDemo } from '../seed/demo';
import { openStorage, type Storage } from '../storage/db';
import { sweepRateBuckets, takeRateToken } from '../storage/rate-buckets.repository';
import { S3FileStore } from '../storage/s3-file-store';
import { DatabaseFileStore, LocalDiskFileStore, type FileStore } from '../storage/file-store';
import { createApp, jsonLogger, type Logger } from './app';
import { loadConfig, type HostConfig } from './config';
import { chinaDay, JobRunner } from './jobs';
import { HostMetrics } from './metrics';
import { COMMON_SECURITY_HEADERS, NON_PAGE_POLICY, pagePolicy } from './security-headers';
import { createWechatClient } from './wechat';
import { NotifySender, notifyConfigFromEnv } from './notify-sender';

export interface RunningHost {
  url: string;
  port: number;
  config: HostConfig;
  storage: Storage;
  /** The file store the functions use (tests look at it). */
  files: FileStore;
  /** The figures behind `GET /metrics` (null when `UNION_METRICS_TOKEN` is not set). */
  metrics: HostMetrics | null;
  /** The periodic jobs of this instance (tests look at what it ran). */
  jobs: JobRunner;
  /** The notification scheduler and sender of this instance (tests tick it). */
  notify: NotifySender;
  seeded: boolean;
  close(): Promise<void>;
}

export async function startHost(opts: { env?: Record<string, string | undefined>; clock?: () => Date; log?: Logger } = {}): Promise<RunningHost> {
  const env = opts.env ?? process.env;
  const config = loadConfig(env);
  const storage = await openStorage(config.storage);
  const keys = deriveKeys(config.dataKey);
  const services: Services = {
    mode: config.mode,
    keys,
    publicUrl: config.publicUrl,
    // The access token lives in the database, shared by every instance (wechat-token.ts).
    wechat: config.wechat ? createWechatClient(config.wechat, { db: storage.db, sealKey: keys.field, log: opts.log ?? jsonLogger }) : null,
    // With several instances every one must see every file: PostgreSQL's `files` table (the default
    // with DATABASE_URL), an S3-compatible store, or one folder they all mount.
    files:
      config.filesStore === 'database'
        ? new DatabaseFileStore(storage.db, { legacyDir: config.filesDir })
        : config.filesStore === 's3' && config.s3
          ? new S3FileStore(config.s3)
          : new LocalDiskFileStore(config.filesDir),
    log: opts.log ?? jsonLogger,
  };
  const clock = opts.clock ?? (() => new Date());
  const seeded = config.mode === 'demo' && config.demoStaffPassword ? await seedDemo(storage.db, keys, config.demoStaffPassword, clock(), services.files) : false;

  const metrics = config.metricsToken ? new HostMetrics(() => storage.figures()) : null;
  // While closing, /readyz answers 503 and every answer says `Connection: close` (below).
  let draining = false;
  const api = createApp({
    registry: buildRegistry(config.mode),
    db: storage.db,
    services,
    appId: config.appId,
    appKey: config.appKey,
    corsOrigins: config.corsOrigins,
    clock,
    log: opts.log,
    rateLimits: config.rateLimits,
    metrics: config.metricsToken && metrics ? { registry: metrics, token: config.metricsToken } : null,
    draining: () => draining,
    // On PostgreSQL several instances may share the database: the security-relevant limits are counted
    // there for all of them (rate-limit.ts, SHARED_GROUPS). The embedded database has one instance.
    sharedRateBuckets:
      storage.kind === 'postgres'
        ? { take: (key, limit, windowMs, nowMs) => takeRateToken(storage.db, key, limit, windowMs, nowMs), sweep: (olderThanMs) => sweepRateBuckets(storage.db, olderThanMs) }
        : null,
  });
  const root = new Hono();
  root.use('*', securityHeaders);
  root.route('/', api);
  mountH5(root, config.staticDir);

  const server = serve({ fetch: root.fetch, port: config.port, hostname: config.host }) as Server;
  // While closing, every answer says `Connection: close` (also those of calls taken before): a
  // keep-alive client does not send another call on a connection that is about to close.
  const answering = new Set<ServerResponse>();
  const forget = function (this: ServerResponse) {
    answering.delete(this);
  };
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (draining) return res.setHeader('Connection', 'close');
    answering.add(res);
    res.once('close', forget);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  // Tells `npm run restore` (cloud/ops/backup.ts) that this folder's database is in use.
  const pidFile = config.storage.kind === 'sqlite' ? path.join(config.dataDir, PID_FILE_NAME) : null;
  if (pidFile) fs.writeFileSync(pidFile, `${process.pid}\n`);
  // PORT=0 (tests) picks a free port: links in QR codes must name the real one.
  if (config.port === 0 && !env.UNION_PUBLIC_URL) config.publicUrl = services.publicUrl = `http://localhost:${port}`;
  // 保存期限: former members' personal data is anonymised when its period is over (docs/api.md,
  // Member lifecycle): once per China day, by one instance of those sharing the database (jobs.ts),
  // looked at on start and every UNION_JOB_TICK_MS. A failure is logged and retried at the next tick.
  const jobs = new JobRunner({
    db: storage.db,
    clock,
    log: opts.log ?? jsonLogger,
    tickMs: config.jobTickMs,
    jobs: [{ name: 'retention', period: chinaDay, run: async (now) => void (await runRetentionJob(storage.db, keys, now, services.files)) }],
  });
  // The first look runs once the server listens: a call arriving meanwhile (the one that woke a FaaS
  // instance) is answered at once instead of waiting for it (`npm run bench:coldstart`). The host
  // is reported started, and the `ready` line printed, after it (tests count on the job having run).
  await jobs.tick();
  jobs.start();
  // Reminders, digests and WeChat subscribe messages: scheduled and sent inside the host, off the
  // request path (notify-sender.ts); several instances share the outbox by row leases.
  const notify = new NotifySender({ db: storage.db, wechat: services.wechat, config: notifyConfigFromEnv(env), clock, log: opts.log ?? jsonLogger });
  await notify.start();
  return {
    url: `http://localhost:${port}`,
    port,
    config,
    storage,
    files: services.files,
    metrics,
    jobs,
    notify,
    seeded,
    async close() {
      const jobsStopped = jobs.stop();
      const notifyStopped = notify.stop();
      // Drain: stop accepting connections, answer every call already taken (their statements still
      // have the database), close connections as they fall idle, then close the storage. A client
      // that keeps a connection busy past the drain time is cut off.
      draining = true;
      for (const res of answering) if (!res.headersSent) res.setHeader('Connection', 'close');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const deadline = setTimeout(() => server.closeAllConnections(), config.drainMs);
      try {
        await closed;
      } finally {
        clearInterval(sweep);
        clearTimeout(deadline);
      }
      await jobsStopped;
      await notifyStopped;
      await storage.close();
      if (pidFile && fs.existsSync(pidFile) && fs.readFileSync(pidFile, 'utf8').trim() === String(process.pid)) fs.rmSync(pidFile, { force: true });
    },
  };
}

/** Serves the built H5 app (hash router: every page is under `/`). */
function mountH5(app: Hono, staticDir: string): void {
  const index = path.join(staticDir, 'index.html');
  if (!fs.existsSync(index)) {
    app.get('/', (c) =>
      c.html('<!doctype html><meta charset="utf-8"><title>工会</title><p>H5 应用尚未构建：请先运行 <code>npm run build:h5</code>（<code>npm start</code> 会自动构建）。</p>', 503),
    );
    return;
  }
  const root = path.relative(process.cwd(), staticDir) || '.';
  // `.br`/`.gz` written beside the files by scripts/precompress.mjs (npm run build:h5, npm start) are
  // sent to browsers that accept them; without them the plain file is sent.
  app.use('/*', serveStatic({ root, precompressed: true, onFound: cacheHeaders }));
  app.get('/', serveStatic({ path: path.relative(process.cwd(), index), precompressed: true, onFound: cacheHeaders }));
}

/** Content-hashed build files (`app.7d30b21c.js`) never change: cached for a year; everything else (index.html) revalidated. */
function cacheHeaders(file: string, c: Context): void {
  const name = path.basename(file).replace(/\.(br|gz)$/, '');
  c.header('Cache-Control', /\.[0-9a-f]{8,}\.(js|css)$/.test(name) ? 'public, max-age=31536000, immutable' : 'no-cache');
  if (name.endsWith('.html')) c.header('Content-Security-Policy', pageCsp(file.replace(/\.(br|gz)$/, '')));
}

/** The page's policy names its inline scripts by hash: read from the file as it is now (a rebuild changes them). */
const pageCspCache = new Map<string, { mtimeMs: number; policy: string }>();
function pageCsp(htmlFile: string): string {
  const mtimeMs = fs.statSync(htmlFile).mtimeMs;
  const cached = pageCspCache.get(htmlFile);
  if (cached?.mtimeMs === mtimeMs) return cached.policy;
  const policy = pagePolicy(fs.readFileSync(htmlFile, 'utf8'));
  pageCspCache.set(htmlFile, { mtimeMs, policy });
  return policy;
}

/** COMMON_SECURITY_HEADERS on every answer; a policy that loads nothing on every answer that is not the page. */
const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) c.res.headers.set(name, value);
  if (!c.res.headers.has('Content-Security-Policy')) c.res.headers.set('Content-Security-Policy', NON_PAGE_POLICY);
};
