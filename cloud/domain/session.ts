/**
 * Session lifetimes (会话有效期). A session ends when unused for its idle window,
 * and in any case at its absolute expiry; logging out revokes it at once.
 *
 * - Members and workers: idle 30 days, absolute 90 days. The mini-program logs in
 *   again silently with `wx.login`, so a long window mostly spares H5 users.
 * - Anyone holding a staff role (staff, chair, reviewer, industryAdmin): idle 8 hours,
 *   absolute 7 days, because these sessions can reveal personal data and move money.
 */
import type { RoleGrant } from '../contract/labels';

export const MEMBER_SESSION = { idleSeconds: 30 * 86400, absoluteSeconds: 90 * 86400 } as const;
export const STAFF_SESSION = { idleSeconds: 8 * 3600, absoluteSeconds: 7 * 86400 } as const;

/** `last_seen_at` is written at most this often, so reads don't turn into writes. */
export const TOUCH_INTERVAL_SECONDS = 60;

export function sessionLifetime(roles: readonly RoleGrant[]): { idleSeconds: number; absoluteSeconds: number } {
  return roles.length > 0 ? STAFF_SESSION : MEMBER_SESSION;
}

export interface SessionTimes {
  lastSeenAt: string;
  idleSeconds: number;
  absoluteExpiresAt: string;
  revokedAt: string | null;
}

export type SessionState = 'active' | 'idle_expired' | 'expired' | 'revoked';

export function sessionState(s: SessionTimes, now: Date): SessionState {
  if (s.revokedAt) return 'revoked';
  if (now.getTime() >= Date.parse(s.absoluteExpiresAt)) return 'expired';
  if (now.getTime() >= Date.parse(s.lastSeenAt) + s.idleSeconds * 1000) return 'idle_expired';
  return 'active';
}

export function needsTouch(s: SessionTimes, now: Date): boolean {
  return now.getTime() - Date.parse(s.lastSeenAt) >= TOUCH_INTERVAL_SECONDS * 1000;
}
