/**
 * Rate limits (限流) on the calls people can hammer: logins, join applications,
 * check-ins. One table keyed by function name; the host consults it for every call
 * (a name not registered on this host is simply never called, so listing functions
 * that land later is harmless).
 *
 * Each entry limits per client IP (before the input is read) and, where the call names
 * an identity, per identity (after validation: a username, the caller's user). Token
 * buckets: `limit` calls at once, refilled evenly over a minute. A refusal is HTTP 429
 * `rate_limited` (code 429) with `Retry-After` in seconds.
 *
 * Where the buckets live: in the host process's memory, and — for the groups in SHARED_GROUPS
 * (logins, applications, join links: the ones an attacker or a WeChat quota cares about) when the host
 * runs on PostgreSQL — also in the database (`rate_buckets`), shared by every instance: one upsert per
 * call there, and the local bucket first, so a flood already over the limit on this instance is
 * refused without touching the database. CHECKIN stays per instance (a door rush must not pay a
 * database write per call for a limit that protects nothing sensitive: a repeated check-in is
 * answered `duplicate`): behind N instances up to N × its figures.
 * The client IP is the socket's address; `X-Forwarded-For` is read only when
 * `UNION_TRUST_PROXY` says how many proxies of ours stand in front (then the address that
 * many hops from the right, which a client cannot forge).
 */
import { createHash } from 'node:crypto';

/** `limit` calls per minute, allowed in a burst and refilled evenly. */
export interface Rule {
  limit: number;
}

export interface RateLimitEntry {
  /** The group's name in settings: `UNION_RATE_<GROUP>_IP`, `UNION_RATE_<GROUP>_IDENTITY`. */
  group: RateGroup;
  /** The identity a call counts against, from the validated input and the caller; null: IP limit only. */
  identity?: (input: Record<string, unknown>, userId: string | null) => string | null;
}

export type RateGroup = 'LOGIN' | 'APPLY' | 'CHECKIN' | 'LINK' | 'VERIFY';

/** The groups counted in the database, for all instances together, when a shared store is given. */
export const SHARED_GROUPS: ReadonlySet<RateGroup> = new Set(['LOGIN', 'APPLY', 'LINK']);

/** Buckets every instance shares (cloud/storage/rate-buckets.repository.ts over `rate_buckets`). */
export interface SharedBuckets {
  take(key: string, limit: number, windowMs: number, nowMs: number): Promise<{ allowed: boolean; tokens: number }>;
  sweep(olderThanMs: number): Promise<unknown>;
}

/**
 * Calls per minute. Why these figures:
 * - LOGIN: a staff member types a password a few times; 10 per username stops password
 *   guessing long before the 5-failures lockout matters across many usernames; 120 per IP
 *   leaves room for an office or a dormitory behind one NAT address.
 * - APPLY: a poster at a workplace: many workers on the same Wi-Fi apply within minutes.
 * - CHECKIN: an event's whole audience on the venue's Wi-Fi checks in within a few minutes;
 *   a repeated check-in answers success (`duplicate`), so 30 per member is plenty.
 * - LINK: the H5 join page asks once per opening for the invitation's URL Link (kept per
 *   invitation, so WeChat is asked about once a month per code); a workplace on one Wi-Fi opening a
 *   poster's link at once stays well under 60; per invitation, 120 (a forged or guessed token is
 *   refused before any WeChat call, and cannot exhaust the link quota).
 * - VERIFY: `fund.verifyNotice` rebuilds a quarter's notice from the ledger (≈ 1 s of the host at
 *   100,000 entries): a member checks a notice now and then; 6 per person and 30 per IP keep a
 *   script from turning it into load.
 */
export const DEFAULT_LIMITS: Record<RateGroup, { ip: number; identity: number }> = {
  LOGIN: { ip: 120, identity: 10 },
  APPLY: { ip: 60, identity: 10 },
  CHECKIN: { ip: 600, identity: 30 },
  LINK: { ip: 60, identity: 120 },
  VERIFY: { ip: 30, identity: 6 },
};

const hashed = (v: unknown) => (typeof v === 'string' ? createHash('sha256').update(v.trim().toLowerCase()).digest('base64url').slice(0, 22) : null);

/** Which functions are limited, and by what identity. */
export const RATE_LIMITED_FUNCTIONS: Record<string, RateLimitEntry> = {
  'auth.staffLogin': { group: 'LOGIN', identity: (i) => (typeof i.username === 'string' ? `user:${i.username.trim().toLowerCase()}` : null) },
  // The wx.login code is one-time: there is no stable identity before WeChat answers (WeChat limits code2Session itself).
  'auth.wechatLogin': { group: 'LOGIN' },
  // Demo only: a keyed persona is one identity; without a key each call is a new person.
  'auth.devLogin': { group: 'LOGIN', identity: (i) => (typeof i.key === 'string' ? `dev:${String(i.persona)}:${String(i.unionId ?? '')}:${i.key}` : null) },
  // The applicant's account; before login (if ever allowed) the ID number, hashed (no personal data kept in memory).
  'membership.apply': { group: 'APPLY', identity: (i, userId) => (userId ? `usr:${userId}` : i.idNumber ? `idn:${hashed(i.idNumber)}` : null) },
  'activity.checkIn': { group: 'CHECKIN', identity: (_i, userId) => (userId ? `usr:${userId}` : null) },
  'fund.verifyNotice': { group: 'VERIFY', identity: (_i, userId) => (userId ? `usr:${userId}` : null) },
  'membership.joinUrlLink': { group: 'LINK', identity: (i) => (typeof i.token === 'string' ? `inv:${hashed(i.token)}` : null) },
};

export interface RateLimitSettings {
  enabled: boolean;
  limits: Record<RateGroup, { ip: number; identity: number }>;
  /** How many reverse proxies of ours stand in front of the host (0: use the socket address). */
  trustProxyHops: number;
}

export class RateLimitConfigError extends Error {}

/** Reads `UNION_RATE_LIMITS` (`on`|`off`), `UNION_RATE_<GROUP>_IP|_IDENTITY` (per minute) and `UNION_TRUST_PROXY`. */
export function rateLimitSettingsFromEnv(env: Record<string, string | undefined>, mode: 'demo' | 'production'): RateLimitSettings {
  const switchValue = (env.UNION_RATE_LIMITS ?? 'on').toLowerCase();
  if (switchValue !== 'on' && switchValue !== 'off') throw new RateLimitConfigError('UNION_RATE_LIMITS 只能是 on 或 off');
  if (switchValue === 'off' && mode === 'production') throw new RateLimitConfigError('生产模式不能关闭限流（UNION_RATE_LIMITS=off）');
  const positive = (name: string, fallback: number) => {
    const v = env[name];
    if (v === undefined || v === '') return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new RateLimitConfigError(`${name} 须为正整数（每分钟次数）`);
    return n;
  };
  const limits = {} as RateLimitSettings['limits'];
  for (const g of Object.keys(DEFAULT_LIMITS) as RateGroup[]) {
    limits[g] = { ip: positive(`UNION_RATE_${g}_IP`, DEFAULT_LIMITS[g].ip), identity: positive(`UNION_RATE_${g}_IDENTITY`, DEFAULT_LIMITS[g].identity) };
  }
  const hops = env.UNION_TRUST_PROXY ? Number(env.UNION_TRUST_PROXY) : 0;
  if (!Number.isInteger(hops) || hops < 0 || hops > 5) throw new RateLimitConfigError('UNION_TRUST_PROXY 须为 0–5（前置代理的层数）');
  return { enabled: switchValue === 'on', limits, trustProxyHops: hops };
}

export const DEFAULT_SETTINGS: RateLimitSettings = { enabled: true, limits: DEFAULT_LIMITS, trustProxyHops: 0 };

interface Bucket {
  tokens: number;
  at: number;
}

const WINDOW_MS = 60_000;
const SWEEP_ABOVE = 20_000;

/** The answer to one check: allowed, or refused with the seconds until a call is allowed again. */
export type Verdict = { ok: true } | { ok: false; retryAfterSec: number };

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep = 0;
  private lastSharedSweep = 0;

  /** `shared`: the database's buckets (PostgreSQL), for the SHARED_GROUPS; without it every group is per instance. */
  constructor(
    private readonly settings: RateLimitSettings,
    private readonly shared: SharedBuckets | null = null,
  ) {}

  /** Before reading the input: the client IP's bucket for this function's group (a promise only for a shared group). */
  checkIp(fnName: string, ip: string, nowMs: number): Verdict | Promise<Verdict> {
    const entry = RATE_LIMITED_FUNCTIONS[fnName];
    if (!entry || !this.settings.enabled) return { ok: true };
    return this.check(entry.group, `ip:${entry.group}:${ip}`, this.settings.limits[entry.group].ip, nowMs);
  }

  /** After validation: the identity's bucket, when the function names one. */
  checkIdentity(fnName: string, input: unknown, userId: string | null, nowMs: number): Verdict | Promise<Verdict> {
    const entry = RATE_LIMITED_FUNCTIONS[fnName];
    if (!entry?.identity || !this.settings.enabled || input === null || typeof input !== 'object') return { ok: true };
    const id = entry.identity(input as Record<string, unknown>, userId);
    if (!id) return { ok: true };
    return this.check(entry.group, `id:${entry.group}:${id}`, this.settings.limits[entry.group].identity, nowMs);
  }

  /** Whether this group is counted for all instances together here. */
  isShared(group: RateGroup): boolean {
    return this.shared !== null && SHARED_GROUPS.has(group);
  }

  /**
   * The local bucket first: this instance alone over the limit means all together are too (the
   * shared count includes this instance's calls), refused without a database write. Then, for a
   * shared group, the database's bucket decides.
   */
  private check(group: RateGroup, key: string, limit: number, nowMs: number): Verdict | Promise<Verdict> {
    const local = this.take(key, limit, nowMs);
    if (!local.ok || !this.shared || !SHARED_GROUPS.has(group)) return local;
    const shared = this.shared;
    if (nowMs - this.lastSharedSweep >= WINDOW_MS) {
      this.lastSharedSweep = nowMs;
      // Rows of full buckets; a failed sweep is tried again a minute later.
      void shared.sweep(nowMs - WINDOW_MS).catch(() => undefined);
    }
    return shared.take(key, limit, WINDOW_MS, nowMs).then((t) =>
      t.allowed ? { ok: true as const } : { ok: false as const, retryAfterSec: Math.max(1, Math.ceil(((1 - t.tokens) * WINDOW_MS) / limit / 1000)) },
    );
  }

  /** The client address: the socket's, or (behind `trustProxyHops` proxies of ours) from `X-Forwarded-For`. */
  clientIp(socketAddress: string | undefined, forwardedFor: string | undefined): string {
    const socket = socketAddress ?? 'unknown';
    if (this.settings.trustProxyHops === 0 || !forwardedFor) return socket;
    // Each proxy appends the address it saw; the nearest `hops` entries are ours, the one before them is the client.
    const chain = forwardedFor.split(',').map((s) => s.trim()).filter(Boolean);
    const pick = chain[chain.length - this.settings.trustProxyHops];
    return pick ?? chain[0] ?? socket;
  }

  /** Buckets held now (for tests and monitoring). */
  get size(): number {
    return this.buckets.size;
  }

  private take(key: string, limit: number, nowMs: number): Verdict {
    this.sweep(nowMs);
    const rate = limit / WINDOW_MS;
    const b = this.buckets.get(key);
    const tokens = b ? Math.min(limit, b.tokens + Math.max(0, nowMs - b.at) * rate) : limit;
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, at: nowMs });
      return { ok: true };
    }
    this.buckets.set(key, { tokens, at: nowMs });
    return { ok: false, retryAfterSec: Math.max(1, Math.ceil((1 - tokens) / rate / 1000)) };
  }

  /** Forgets buckets that have refilled (a full bucket is the same as none), so memory stays bounded. */
  private sweep(nowMs: number): void {
    if (this.buckets.size < SWEEP_ABOVE || nowMs - this.lastSweep < 1000) return;
    this.lastSweep = nowMs;
    for (const [k, b] of this.buckets) if (nowMs - b.at >= WINDOW_MS) this.buckets.delete(k);
  }
}
