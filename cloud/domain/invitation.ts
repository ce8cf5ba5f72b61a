/**
 * Join invitations (入会邀请码): the signed token in the QR code, its short form for the
 * mini-program `scene` (at most 32 characters), its state, and which union a worker joins.
 *
 * Invitation states: active → revoked (staff 停用) ; active → expired (its expiry passed).
 * Pure functions; time is passed in.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { signToken, verifyToken } from './crypto';

/** The long token (`t=` of the link): `signToken({v:1, inv})`. */
export function inviteToken(key: Buffer, invitationId: string): string {
  return signToken(key, { v: 1, inv: invitationId });
}

const SHORT_SIG_BYTES = 6; // 8 base64url characters: 48 bits, checked server-side with rate-limited lookups

function shortSig(key: Buffer, invitationId: string): Buffer {
  return createHmac('sha256', key).update(`scene:${invitationId}`).digest().subarray(0, SHORT_SIG_BYTES);
}

/**
 * The mini-program code's `scene` (wxacode.getUnlimited allows 32 characters): `<id>.<sig>`.
 * Invitation ids are `inv_` + 16 characters, so the scene is 29 characters.
 */
export function inviteScene(key: Buffer, invitationId: string): string {
  return `${invitationId}.${shortSig(key, invitationId).toString('base64url')}`;
}

/** The invitation id a token (long or scene form) names, or null when forged or garbled. */
export function readInviteToken(key: Buffer, token: string): string | null {
  const value = token.trim();
  const short = /^(inv_[A-Za-z0-9_-]{1,40})\.([A-Za-z0-9_-]{8})$/.exec(value);
  if (short) {
    const given = Buffer.from(short[2], 'base64url');
    const expected = shortSig(key, short[1]);
    return given.length === expected.length && timingSafeEqual(given, expected) ? short[1] : null;
  }
  const payload = verifyToken(key, value);
  if (!payload || payload.v !== 1 || typeof payload.inv !== 'string') return null;
  return payload.inv;
}

export type InvitationState = 'active' | 'revoked' | 'expired';

export function invitationState(inv: { revoked_at: string | null; expires_at: string | null }, now: Date): InvitationState {
  if (inv.revoked_at) return 'revoked';
  if (inv.expires_at && Date.parse(inv.expires_at) <= now.getTime()) return 'expired';
  return 'active';
}

export const INVITATION_STATE_MESSAGES: Record<Exclude<InvitationState, 'active'>, string> = {
  revoked: '该入会二维码已停用，请向工会索取新的二维码',
  expired: '该入会二维码已过期，请向工会索取新的二维码',
};

/** A unit as the routing rule needs it. */
export interface UnitPlace {
  id: string;
  name: string;
  /** The unit's own base union, or null: its workers join the industry union directly. */
  baseUnionId: string | null;
  industryUnionId: string;
}

export type JoinTarget =
  | { ok: true; unionId: string; unitId: string | null; unitName: string | null; rerouted: boolean }
  | { ok: false; field: 'unitId' | 'unitName'; message: string };

/**
 * Which union a worker joins (DOMAIN.md, Joining): a worker whose employer has a base union
 * joins through it; otherwise through the industry union directly.
 * - A code naming a unit fixes the employer.
 * - A base union's code: one of that union's units (a joint base union has several).
 * - The industry union's code: any unit of the industry (a unit with its own base union routes the
 *   application there: `rerouted`), or "other" with a typed name (joins the industry union).
 */
export function joinTarget(args: {
  invitation: { unionId: string; unionKind: 'industry' | 'base'; unitId: string | null };
  chosenUnit: UnitPlace | null;
  unitIdGiven: string | undefined;
  unitName: string | undefined;
}): JoinTarget {
  const { invitation, chosenUnit, unitIdGiven, unitName } = args;
  if (invitation.unitId) {
    if (unitIdGiven && unitIdGiven !== invitation.unitId) return { ok: false, field: 'unitId', message: '此二维码只用于本单位职工入会' };
    if (unitName) return { ok: false, field: 'unitName', message: '此二维码已指定工作单位' };
    return { ok: true, unionId: invitation.unionId, unitId: invitation.unitId, unitName: null, rerouted: false };
  }
  if (unitIdGiven) {
    if (!chosenUnit) return { ok: false, field: 'unitId', message: '请选择工作单位' };
    if (invitation.unionKind === 'base') {
      if (chosenUnit.baseUnionId !== invitation.unionId) return { ok: false, field: 'unitId', message: '该单位不属于本工会，请扫描本单位工会的二维码' };
      return { ok: true, unionId: invitation.unionId, unitId: chosenUnit.id, unitName: null, rerouted: false };
    }
    if (chosenUnit.industryUnionId !== invitation.unionId) return { ok: false, field: 'unitId', message: '该单位不属于本行业工会' };
    if (chosenUnit.baseUnionId) return { ok: true, unionId: chosenUnit.baseUnionId, unitId: chosenUnit.id, unitName: null, rerouted: true };
    return { ok: true, unionId: invitation.unionId, unitId: chosenUnit.id, unitName: null, rerouted: false };
  }
  if (unitName) {
    if (invitation.unionKind === 'base') return { ok: false, field: 'unitId', message: '请从列表中选择工作单位' };
    return { ok: true, unionId: invitation.unionId, unitId: null, unitName, rerouted: false };
  }
  return { ok: false, field: 'unitId', message: '请选择工作单位' };
}
