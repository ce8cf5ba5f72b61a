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
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../contract/errors';
import { authorize, createContext, validationError, type Principal, type Registry } from '../functions/registry';
import type { Services } from '../functions/services';
import { describeFault, storageFault } from '../storage/faults';
import type { Db } from '../storage/schema';
import { resolveSession } from '../storage/users.repository';
import { DEFAULT_SETTINGS, RateLimiter, type RateLimitSettings, type SharedBuckets, type Verdict } from './rate-limit';

export const MAX_BODY_BYTES = 1024 * 1024;
/** `Retry-After` of a `service_unavailable` refusal: the pool opens a new connection at once, so a second is enough. */
export const SERVICE_UNAVAILABLE_RETRY_AFTER_SEC = 1;
export interface Logger {
  error(message: string, meta?: Record<string, unknown>): void;
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
  /** Buckets shared by every instance (PostgreSQL): logins, applications and join links are limited for all together. */
  sharedRateBuckets?: SharedBuckets | null;
}

const jsonLogger: Logger = {
  error(message, meta) {
    process.stderr.write(`${JSON.stringify({ level: 'error', at: new Date().toISOString(), message, ...meta })}\n`);
  },
};

export function createApp(deps: AppDeps): Hono {
  const clock = deps.clock ?? (() => new Date());
  const log = deps.log ?? jsonLogger;
  const limiter = new RateLimiter(deps.rateLimits ?? DEFAULT_SETTINGS, deps.sharedRateBuckets ?? null);
  const app = new Hono();

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

  const tooLarge = (c: Context) => {
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
  const limit: MiddlewareHandler = async (c, next) => {
    const maxSize = deps.registry.get(c.req.param('name') ?? '')?.maxBodyBytes ?? MAX_BODY_BYTES;
    // A declared length is judged here from the header, as Hono's bodyLimit would: its first step
    // (`c.req.raw.body`) makes @hono/node-server build a full web Request with a stream for the
    // body (≈ 12 % of a check-in's CPU), where our readJson reads the Node request directly.
    const length = c.req.header('content-length');
    if (length !== undefined && /^\d{1,15}$/.test(length) && c.req.header('transfer-encoding') === undefined) {
      return Number(length) > maxSize ? tooLarge(c) : next();
    }
    return limiterFor(maxSize)(c, next);
  };

  const handle = async (c: Context) => {
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

    const ctx = createContext({ db: deps.db, principal, now, services: deps.services, fnName: name });
    const result = await fn.handler(parsed.data, ctx);
    return c.json({ result });
  };

  // Hono hands only `Error` instances to onError: anything else thrown (a string, or an error made in
  // another realm, as Node's own fs and net errors are under a test runner's sandbox) would escape it
  // as an empty 500 with nothing logged. Such a value is wrapped, keeping its message and code.
  const guarded = async (c: Context) => {
    try {
      return await handle(c);
    } catch (err) {
      throw err instanceof Error ? err : foreignError(err);
    }
  };
  app.post('/1.1/functions/:name', limit, guarded);
  app.post('/1.1/call/:name', limit, guarded);
  app.all('/1.1/*', (c) => refuse(c, c.req.method === 'POST' ? new AppError('unknown_function') : new AppError('method_not_allowed')));
  app.get('/healthz', (c) => c.json({ ok: true }));

  app.onError((err, c) => {
    if (err instanceof AppError) return refuse(c, err);
    // The storage failed, not the call: a stable refusal, and the cause in the log for the operator.
    const fault = storageFault(err);
    if (fault === 'unavailable') {
      log.error('storage unavailable', { fn: c.req.param('name'), error: describeFault(err) });
      c.header('Retry-After', String(SERVICE_UNAVAILABLE_RETRY_AFTER_SEC));
      return refuse(c, new AppError('service_unavailable'));
    }
    if (fault === 'full') {
      log.error('storage full', { fn: c.req.param('name'), error: describeFault(err) });
      return refuse(c, new AppError('storage_full'));
    }
    log.error('unhandled error', { fn: c.req.param('name'), error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
    return refuse(c, new AppError('internal_error'));
  });
  return app;
}

function foreignError(thrown: unknown): Error {
  const o = (typeof thrown === 'object' && thrown !== null ? thrown : {}) as { message?: unknown; name?: unknown; code?: unknown };
  const err = new Error(typeof o.message === 'string' ? o.message : String(thrown), { cause: thrown });
  if (typeof o.name === 'string') err.name = o.name;
  if (typeof o.code === 'string') Object.assign(err, { code: o.code });
  return err;
}

/** A refused rate-limit check becomes 429 `rate_limited` with `Retry-After`. */
function enforce(c: Context, verdict: Verdict): void {
  if (verdict.ok) return;
  c.header('Retry-After', String(verdict.retryAfterSec));
  throw new AppError('rate_limited', `操作过于频繁，请 ${verdict.retryAfterSec} 秒后再试`);
}

/** The peer address of the TCP connection (Node server); undefined when served another way. */
function socketAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress;
}

function refuse(c: Context, err: AppError) {
  return c.json(err.toBody(), err.status as 400);
}

/** `X-LC-Id` must be ours; `X-LC-Sign` (or the plain `X-LC-Key`) must match our key; master keys are refused. */
function checkApp(c: Context, deps: AppDeps): void {
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

async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('invalid_json');
  }
}

