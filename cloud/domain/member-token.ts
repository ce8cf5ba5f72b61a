/**
 * The member QR token (电子会员卡二维码): short-lived and signed, naming the member
 * by internal id only (never the ID number or the WeChat openid). The card page
 * refreshes it while open; staff scanners (activity check-in) verify it.
 */
import { signToken, verifyToken } from './crypto';

/** How long one card QR stays valid. The card page refreshes before this. */
export const MEMBER_TOKEN_TTL_SECONDS = 120;

export interface MemberTokenPayload {
  memberId: string;
  unionId: string;
  expiresAt: Date;
}

export function issueMemberToken(key: Buffer, memberId: string, unionId: string, now: Date): { token: string; expiresAt: Date } {
  const expiresAt = new Date(now.getTime() + MEMBER_TOKEN_TTL_SECONDS * 1000);
  return { token: signToken(key, { k: 'card', m: memberId, u: unionId, x: Math.floor(expiresAt.getTime() / 1000) }), expiresAt };
}

export type MemberTokenResult = { ok: true; payload: MemberTokenPayload } | { ok: false; problem: 'invalid' | 'expired' };

/** `expired` is reported only for a genuine token; anything forged or garbled is `invalid`. */
export function verifyMemberToken(key: Buffer, token: string, now: Date): MemberTokenResult {
  const p = verifyToken(key, token);
  if (!p || p.k !== 'card' || typeof p.m !== 'string' || typeof p.u !== 'string' || typeof p.x !== 'number') return { ok: false, problem: 'invalid' };
  if (now.getTime() >= p.x * 1000) return { ok: false, problem: 'expired' };
  return { ok: true, payload: { memberId: p.m, unionId: p.u, expiresAt: new Date(p.x * 1000) } };
}
