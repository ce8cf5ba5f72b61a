/**
 * A short-lived in-process cache of resolved sessions (user and roles), so an ordinary call
 * does not read `sessions` and `role_grants` again within a few seconds. Expiry is still
 * judged on every call from the cached times; only an `active` answer is served from here.
 *
 * Revocation: `auth.logout` (revokeSession) forgets the token at once in this process and
 * refuses to cache it again for the cache's lifetime, so a lookup racing with the logout
 * cannot bring it back. With several host instances, a session revoked on one of them may
 * still be accepted by another for up to the lifetime (UNION_SESSION_CACHE_MS, default
 * 5,000 ms; 0 turns the cache off). Role changes of a signed-in user take as long to show;
 * code that changes roles calls `forgetUser`.
 */
import type { RoleGrant } from '../contract/labels';
import type { SessionTimes } from '../domain/session';

export interface CachedSession {
  userId: string;
  roles: RoleGrant[];
  times: SessionTimes;
}

const MAX_ENTRIES = 100_000;
const entries = new Map<string, { value: CachedSession; until: number }>();
const tombstones = new Map<string, number>();
let lifetimeMs = readLifetime(process.env.UNION_SESSION_CACHE_MS);

function readLifetime(raw: string | undefined): number {
  const n = raw === undefined || raw === '' ? 5000 : Number(raw);
  return Number.isFinite(n) && n >= 0 ? Math.min(n, 60_000) : 5000;
}

/** The lifetime in milliseconds (0: off). */
export function sessionCacheLifetime(): number {
  return lifetimeMs;
}

/** Sets the lifetime (tests, configuration); clears the cache. */
export function setSessionCacheLifetime(ms: number): void {
  lifetimeMs = Math.max(0, ms);
  entries.clear();
  tombstones.clear();
}

export function getCachedSession(tokenHash: string, nowMs: number): CachedSession | undefined {
  if (lifetimeMs === 0) return undefined;
  const e = entries.get(tokenHash);
  if (!e) return undefined;
  if (e.until <= nowMs) {
    entries.delete(tokenHash);
    return undefined;
  }
  return e.value;
}

export function cacheSession(tokenHash: string, value: CachedSession, nowMs: number): void {
  if (lifetimeMs === 0) return;
  const dead = tombstones.get(tokenHash);
  if (dead !== undefined) {
    if (dead > nowMs) return;
    tombstones.delete(tokenHash);
  }
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  entries.set(tokenHash, { value, until: nowMs + lifetimeMs });
}

/** The session was revoked: forget it and do not cache it again for one lifetime. */
export function forgetSession(tokenHash: string, nowMs: number = Date.now()): void {
  entries.delete(tokenHash);
  if (lifetimeMs === 0) return;
  if (tombstones.size >= MAX_ENTRIES) tombstones.clear();
  tombstones.set(tokenHash, nowMs + lifetimeMs);
}

/** The user's roles changed: forget every cached session of theirs. */
export function forgetUser(userId: string): void {
  for (const [k, e] of entries) if (e.value.userId === userId) entries.delete(k);
}
