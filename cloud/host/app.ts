/**
 * The cloud-function host: the LeanCloud cloud-function protocol on Hono.
 *
 *     POST /1.1/functions/<name>   (and /1.1/call/<name>, used by AV.Cloud.rpc)
 *     X-LC-Id: <appId>
 *     X-LC-Sign: md5(timestamp + appKey),timestamp
 *     X-LC-Session: <sessionToken>   (optional)
 *     body: the input object (JSON)
 *
 * Answers `{"result": …}` or a 4xx/5xx `{"code", "error", "reason", "fields"?}`.
 * Web-standard (a Hono app object), so it can be served by Node or a FaaS runtime.
 * The app key ships inside client apps: the signature only ties a call to this app (any
 * copy of the app can make one, at any time); the session token is the authentication.
 *
 * For the operator: every answer carries `X-Request-Id` (the caller's, when it is a sane one, else a
 * new UUID), every refusal body carries it as `requestId`, and every error line in the log names it
 * with the function, the outcome and the duration. `GET /healthz` says the process is alive,
 * `GET /readyz` whether it can serve (the database answers, its migrations are current, not
 * draining); `GET /metrics` (only with a token) gives Prometheus the figures of `metrics.ts`.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../contract/errors';
import { authorize, createContext, validationError, type Principal, type Registry } from '../functions/registry';
import type { Services } from '../functions/services';
import { pendingMigrations } from '../storage/db';
import { describeFault, storageFault } from '../storage/faults';
import type { Db } from '../storage/schema';
import { resolveSession } from '../storage/users.repository';
import { METRICS_CONTENT_TYPE, UNKNOWN_FN, type HostMetrics } from './metrics';
import { DEFAULT_SETTINGS, RateLimiter, type RateLimitSettings, type SharedBuckets, type Verdict } from './rate-limit';

export const MAX_BODY_BYTES = 1024 * 1024;
/** `Retry-After` of a `service_unavailable` refusal: the pool opens a new connection at once, so a second is enough. */
export const SERVICE_UNAVAILABLE_RETRY_AFTER_SEC = 1;
/** How long `GET /readyz` waits for the database before it answers 503. */
export const READY_TIMEOUT_MS = 2000;
/** An incoming `X-Request-Id` is kept when it looks like this (a proxy's or a client's id); else the host makes one. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{8,64}$/;

export interface Logger {
  error(message: string, meta?: Record<string, unknown>): void;
}

/** What the host keeps about the request being answered (Hono context variables). */
export interface HostEnv {
  Variables: {
    requestId: string;
    /** performance.now() when the request arrived. */
    startedAt: number;
    /** The function called (UNKNOWN_FN for a name that is not one); unset for other paths. */
    fn: string;
    /** The refusal reason, once the call was refused. */
    outcome: string;
  };
}

export interface AppDeps {
  registry: Registry;
  db: Db;
  services: Services;
  appId: string;
  appKey: string;
  corsOrigins: string[] | '*';
  clock?: () => Date;
  log?: Logger;
  /** Login, apply and check-in limits (default: on, with the documented figures). */
  rateLimits?: RateLimitSettings;
  /** `GET /metrics`, answered only with `Authorization: Bearer <token>`; absent: no such path (404). */
  metrics?: { registry: HostMetrics; token: string } | null;
  /** True once the host is shutting down: `GET /readyz` then answers 503 `draining`. */
  draining?: () => boolean;
  /** Buckets shared by every instance (PostgreSQL): logins, applications and join links are limited for all together. */
  sharedRateBuckets?: SharedBuckets | null;
}

/** The host's log when none is given: one JSON line per event on stderr. */
export const jsonLogger: Logger = {
  error(message, meta) {
    process.stderr.write(`${JSON.stringify({ level: 'error', at: new Date().toISOString(), message, ...meta })}\n`);
  },
};

/** The id of this request: the caller's `X-Request-Id` when it is a sane one, else a new UUID. */
export function requestIdOf(incoming: string | undefined): string {
  return incoming !== undefined && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
}

export function createApp(deps: AppDeps): Hono<HostEnv> {
  const clock = deps.clock ?? (() => new Date());
  const log = deps.log ?? jsonLogger;
  const limiter = new RateLimiter(deps.rateLimits ?? DEFAULT_SETTINGS, deps.sharedRateBuckets ?? null);
  const metrics = deps.metrics ?? null;
  const app = new Hono<HostEnv>();

  // Every answer carries X-Request-Id, also the H5 files and the 404s of the host this app is mounted
  // in (a '*' middleware of a mounted app runs for the parent's routes too). Set with `c.header` before
  // the handler runs, like the CORS headers below: the same header on every kind of answer, at the
  // cost of a header. A call's duration and outcome go to the metrics when they are on.
  app.use('*', async (c, next) => {
    const startedAt = performance.now();
    const requestId = requestIdOf(c.req.header('x-request-id'));
    c.set('requestId', requestId);
    c.set('startedAt', startedAt);
    c.header('X-Request-Id', requestId);
    await next();
    if (metrics) {
      const fn = c.get('fn');
      if (fn !== undefined) metrics.registry.record(fn, c.get('outcome') ?? 'ok', (performance.now() - startedAt) / 1000);
    }
  });

  const preflight = cors({
    origin: deps.corsOrigins === '*' ? '*' : deps.corsOrigins,
    allowMethods: ['POST', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'X-LC-Id', 'X-LC-Sign', 'X-LC-Key', 'X-LC-Session', 'X-LC-UA', 'X-LC-Prod', 'X-LC-Hook-Key'],
    maxAge: 86400,
  });
  // Preflights go through Hono's cors. For the calls themselves the same headers are set with
  // `c.header` before the handler runs: Hono's cors sets them on `c.res` (creating a Response
  // before the handler's own), and Hono then copies them into the handler's Response, which makes
  // @hono/node-server build a full web Response instead of writing the JSON string directly
  // (≈ 10 % of a check-in's CPU). Same headers, same values (Vary: Origin unless the origin is '*').
  const origins = deps.corsOrigins;
  app.use('/1.1/*', async (c, next) => {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    const origin = c.req.header('origin') ?? '';
    const allow = origins === '*' ? '*' : origins.includes(origin) ? origin : null;
    if (allow) c.header('Access-Control-Allow-Origin', allow);
    if (origins !== '*') c.header('Vary', 'Origin', { append: true });
    await next();
  });

  const tooLarge = (c: Context<HostEnv>) => {
    // The rest of the body is not read: close the connection so a keep-alive client cannot reuse a half-read socket.
    c.header('Connection', 'close');
    return refuse(c, new AppError('payload_too_large'));
  };
  // The body limit is per function: 1 MB by default, more for the few that take a file
  // (FunctionDef.maxBodyBytes). An unknown name gets the default; it is refused later anyway.
  const limiters = new Map<number, MiddlewareHandler>();
  const limiterFor = (maxSize: number): MiddlewareHandler => {
    let m = limiters.get(maxSize);
    if (!m) {
      m = bodyLimit({ maxSize, onError: tooLarge });
      limiters.set(maxSize, m);
    }
    return m;
  };
  const limit: MiddlewareHandler<HostEnv> = async (c, next) => {
    const fn = deps.registry.get(c.req.param('name') ?? '');
    c.set('fn', fn ? fn.contract.name : UNKNOWN_FN);
    const maxSize = fn?.maxBodyBytes ?? MAX_BODY_BYTES;
    // A declared length is judged here from the header, as Hono's bodyLimit would: its first step
    // (`c.req.raw.body`) makes @hono/node-server build a full web Request with a stream for the
    // body (≈ 12 % of a check-in's CPU), where our readJson reads the Node request directly.
    const length = c.req.header('content-length');
    if (length !== undefined && /^\d{1,15}$/.test(length) && c.req.header('transfer-encoding') === undefined) {
      return Number(length) > maxSize ? tooLarge(c) : next();
    }
    return limiterFor(maxSize)(c, next);
  };

  const handle = async (c: Context<HostEnv>) => {
    const now = clock();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cache-Control', 'no-store');
    checkApp(c, deps);
    const name = c.req.param('name') ?? '';
    const fn = deps.registry.get(name);
    if (!fn) throw new AppError('unknown_function', `没有这个云函数：${name.slice(0, 64)}`);
    // Before the body is read: a flood from one address costs as little as possible.
    const ip = limiter.clientIp(socketAddress(c), c.req.header('x-forwarded-for'));
    // A promise only for a shared group (logins…): the check-in path stays synchronous.
    const byIp = limiter.checkIp(name, ip, now.getTime());
    enforce(c, byIp instanceof Promise ? await byIp : byIp);

    const raw = await readJson(c);

    let principal: Principal | null = null;
    const token = c.req.header('x-lc-session');
    if (token) {
      const s = await resolveSession(deps.db, token, now);
      if (s.state === 'active') principal = { userId: s.userId, roles: s.roles, sessionTokenHash: s.tokenHash };
      // A stale token does not stop a login; anything else needs a live session.
      else if (fn.policy.kind !== 'public') throw new AppError('unauthenticated', '登录已过期，请重新登录');
    }
    if (fn.policy.kind !== 'public' && !principal) throw new AppError('unauthenticated');

    const parsed = fn.contract.input.safeParse(raw);
    if (!parsed.success) throw validationError(parsed.error);
    const byIdentity = limiter.checkIdentity(name, parsed.data, principal?.userId ?? null, now.getTime());
    enforce(c, byIdentity instanceof Promise ? await byIdentity : byIdentity);
    await authorize(fn.policy, parsed.data, principal, deps.db);

    // The functions' own error lines name the request too.
    const services = { ...deps.services, log: scopedLog(deps.services.log ?? log, c) };
    const ctx = createContext({ db: deps.db, principal, now, services, fnName: name });
    const result = await fn.handler(parsed.data, ctx);
    return c.json({ result });
  };

  // Hono hands only `Error` instances to onError: anything else thrown (a string, or an error made in
  // another realm, as Node's own fs and net errors are under a test runner's sandbox) would escape it
  // as an empty 500 with nothing logged. Such a value is wrapped, keeping its message and code.
  const guarded = async (c: Context<HostEnv>) => {
    try {
      return await handle(c);
    } catch (err) {
      throw err instanceof Error ? err : foreignError(err);
    }
  };
  app.post('/1.1/functions/:name', limit, guarded);
  app.post('/1.1/call/:name', limit, guarded);
  app.all('/1.1/*', (c) => refuse(c, c.req.method === 'POST' ? new AppError('unknown_function') : new AppError('method_not_allowed')));
  /** Alive: the process answers HTTP. Says nothing about the database (that is /readyz). */
  app.get('/healthz', (c) => c.json({ ok: true }));

  /**
   * Ready to serve calls: not shutting down, the database answers within READY_TIMEOUT_MS, and it has
   * run every migration this build knows. Else 503 with a stable `reason` (`draining`,
   * `database_unavailable`, `migrations_pending`), a Chinese `error` and the `requestId`; the cause of a
   * database failure goes to the log, not to the (unauthenticated) caller.
   */
  app.get('/readyz', async (c) => {
    c.header('Cache-Control', 'no-store');
    const notReady = (reason: string, error: string, extra: Record<string, unknown> = {}) => c.json({ ready: false, reason, error, ...extra, requestId: c.get('requestId') }, 503);
    if (deps.draining?.()) return notReady('draining', '主机正在停止');
    let timer: NodeJS.Timeout | undefined;
    try {
      const pending = await Promise.race([
        pendingMigrations(deps.db),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS))),
      ]);
      if (pending.length > 0) return notReady('migrations_pending', '数据库结构不是最新的（有未执行的迁移）', { pending });
      return c.json({ ready: true });
    } catch (err) {
      log.error('readiness check failed', { requestId: c.get('requestId'), outcome: 'database_unavailable', durationMs: elapsedMs(c), error: describeFault(err) });
      return notReady('database_unavailable', '数据库暂时无法访问');
    } finally {
      clearTimeout(timer);
    }
  });

  if (metrics) {
    const expected = `Bearer ${metrics.token}`;
    app.get('/metrics', (c) => {
      c.header('Cache-Control', 'no-store');
      if (!safeEqual(c.req.header('authorization') ?? '', expected)) {
        c.header('WWW-Authenticate', 'Bearer');
        return refuse(c, new AppError('unauthenticated', '需要指标访问令牌（Authorization: Bearer …）'));
      }
      return c.body(metrics.registry.render(), 200, { 'Content-Type': METRICS_CONTENT_TYPE });
    });
  }

  app.onError((err, c) => {
    if (err instanceof AppError) return refuse(c, err);
    // The storage failed, not the call: a stable refusal, and the cause in the log for the operator.
    const fault = storageFault(err);
    if (fault === 'unavailable') {
      log.error('storage unavailable', callMeta(c, 'service_unavailable', describeFault(err)));
      c.header('Retry-After', String(SERVICE_UNAVAILABLE_RETRY_AFTER_SEC));
      return refuse(c, new AppError('service_unavailable'));
    }
    if (fault === 'full') {
      log.error('storage full', callMeta(c, 'storage_full', describeFault(err)));
      return refuse(c, new AppError('storage_full'));
    }
    log.error('unhandled error', callMeta(c, 'internal_error', err instanceof Error ? `${err.name}: ${err.message}` : String(err)));
    return refuse(c, new AppError('internal_error'));
  });
  return app;
}

function elapsedMs(c: Context<HostEnv>): number {
  return Math.round((performance.now() - c.get('startedAt')) * 10) / 10;
}

/** What every error line about a call names: the request, the function, the outcome, the time so far, the cause. */
function callMeta(c: Context<HostEnv>, outcome: string, error: string): Record<string, unknown> {
  return { requestId: c.get('requestId'), fn: c.get('fn') ?? c.req.path, outcome, durationMs: elapsedMs(c), error };
}

/** The log as a function sees it during one call: each line also names the request and the function. */
function scopedLog(base: Logger, c: Context<HostEnv>): Logger {
  return {
    error: (message, meta) => base.error(message, { requestId: c.get('requestId'), fn: c.get('fn'), durationMs: elapsedMs(c), ...meta }),
  };
}

function foreignError(thrown: unknown): Error {
  const o = (typeof thrown === 'object' && thrown !== null ? thrown : {}) as { message?: unknown; name?: unknown; code?: unknown };
  const err = new Error(typeof o.message === 'string' ? o.message : String(thrown), { cause: thrown });
  if (typeof o.name === 'string') err.name = o.name;
  if (typeof o.code === 'string') Object.assign(err, { code: o.code });
  return err;
}

/** A refused rate-limit check becomes 429 `rate_limited` with `Retry-After`. */
function enforce(c: Context<HostEnv>, verdict: Verdict): void {
  if (verdict.ok) return;
  c.header('Retry-After', String(verdict.retryAfterSec));
  throw new AppError('rate_limited', `操作过于频繁，请 ${verdict.retryAfterSec} 秒后再试`);
}

/** The peer address of the TCP connection (Node server); undefined when served another way. */
function socketAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress;
}

/** A refusal on the wire: the reason's body plus the `requestId` (also in the X-Request-Id header). */
function refuse(c: Context<HostEnv>, err: AppError) {
  c.set('outcome', err.reason);
  return c.json({ ...err.toBody(), requestId: c.get('requestId') }, err.status as 400);
}

/** `X-LC-Id` must be ours; `X-LC-Sign` (or the plain `X-LC-Key`) must match our key; master keys are refused. */
function checkApp(c: Context<HostEnv>, deps: AppDeps): void {
  const id = c.req.header('x-lc-id');
  if (!id) throw new AppError('unknown_app', '缺少应用 ID（X-LC-Id）');
  if (!safeEqual(id, deps.appId)) throw new AppError('unknown_app');
  const sign = c.req.header('x-lc-sign');
  if (sign) {
    const [digest, ts, extra] = sign.split(',');
    if (extra !== undefined || !digest || !ts || !/^\d{10,16}$/.test(ts)) throw new AppError('bad_signature');
    const expected = createHash('md5').update(ts + deps.appKey).digest('hex');
    // The timestamp is the phone's clock and is not held against the server's: the key is in
    // every client, so a time window would stop no attacker, only phones set to the wrong time
    // (the SDK signs with Date.now()). The H5 build sends X-LC-Key with no time at all.
    if (!safeEqual(digest.toLowerCase(), expected)) throw new AppError('bad_signature');
    return;
  }
  const key = c.req.header('x-lc-key');
  if (key && !key.includes(',') && safeEqual(key, deps.appKey)) return;
  throw new AppError('bad_signature');
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function readJson(c: Context<HostEnv>): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('invalid_json');
  }
}

