/**
 * Activity rules (活动规则) as pure functions: who may take part, when sign-up and
 * check-in are open, how places are given, and what one check-in attempt comes to.
 * Time is always passed in; nothing here reads the clock.
 */
import type { ActivityPhase, ActivityStatus, Audience, SignUpStatus } from '../contract/activity/labels';
import { ACTIVITY_STATUS_LABELS, DEFAULT_CHECK_IN_LEAD_MINUTES } from '../contract/activity/labels';
import { AppError, type Reason } from '../contract/errors';

/** The parts of an activity the rules look at (times as ISO strings, as stored). */
export interface ActivityRules {
  status: ActivityStatus;
  unionId: string;
  industryUnionId: string;
  audience: Audience;
  startAt: string;
  endAt: string;
  signUpDeadline: string;
  checkInFrom: string;
  checkInUntil: string;
  allowWalkIn: boolean;
}

/** A member as far as activities care: their union and that union's industry union. */
export interface MemberScope {
  unionId: string;
  industryUnionId: string;
}

const t = (iso: string) => Date.parse(iso);

/** The industry union a union belongs to: its parent, or itself for the industry union. */
export function industryOf(union: { id: string; parent_id: string | null }): string {
  return union.parent_id ?? union.id;
}

/** Default check-in window: from 30 minutes before the start until the end. */
export function defaultCheckInWindow(startAt: string, endAt: string): { from: string; until: string } {
  return { from: new Date(t(startAt) - DEFAULT_CHECK_IN_LEAD_MINUTES * 60000).toISOString(), until: new Date(t(endAt)).toISOString() };
}

/** May this member take part? `union`: members of the organising union; `industry`: every member of its industry union. */
export function inAudience(a: Pick<ActivityRules, 'audience' | 'unionId' | 'industryUnionId'>, m: MemberScope): boolean {
  return a.audience === 'industry' ? m.industryUnionId === a.industryUnionId : m.unionId === a.unionId;
}

export function phaseOf(a: Pick<ActivityRules, 'startAt' | 'endAt'>, now: Date): ActivityPhase {
  if (now.getTime() < t(a.startAt)) return 'upcoming';
  if (now.getTime() < t(a.endAt)) return 'ongoing';
  return 'ended';
}

/** Why sign-up (or cancelling a sign-up) is not possible now, or null when it is. */
export function signUpRefusal(a: Pick<ActivityRules, 'status' | 'signUpDeadline' | 'endAt'>, now: Date): Reason | null {
  if (a.status === 'cancelled') return 'activity_cancelled';
  if (a.status !== 'published') return 'signup_closed';
  if (now.getTime() > t(a.signUpDeadline) || now.getTime() >= t(a.endAt)) return 'signup_closed';
  return null;
}

export function checkInOpen(a: Pick<ActivityRules, 'status' | 'checkInFrom' | 'checkInUntil'>, at: Date): boolean {
  return a.status === 'published' && at.getTime() >= t(a.checkInFrom) && at.getTime() <= t(a.checkInUntil);
}

/** A new sign-up gets a place while places are left, otherwise waits (候补). */
export function admit(quota: number | null, signedUp: number): 'signed_up' | 'waitlisted' {
  return quota === null || signedUp < quota ? 'signed_up' : 'waitlisted';
}

/** How many waiting members a quota change lets in (quota null: all of them). */
export function promotable(quota: number | null, signedUp: number, waitlisted: number): number {
  return quota === null ? waitlisted : Math.max(0, Math.min(waitlisted, quota - signedUp));
}

/** What is known when a check-in attempt arrives. */
export interface CheckInFacts {
  activity: ActivityRules;
  /** The proof of presence: the station code (member) or the member card token (staff scan). */
  proof: 'ok' | 'expired' | 'invalid';
  /** The member checking in; null when the caller is not an active member. */
  member: MemberScope | null;
  /** The member's sign-up, if any. */
  signUp: SignUpStatus | null;
  /** When the member already checked in, if they did. */
  checkedInAt: string | null;
  /** When the attempt happened (the request time, or the scan time for an offline scan). */
  at: Date;
}

export type CheckInDecision =
  | { kind: 'check_in'; walkIn: boolean }
  | { kind: 'duplicate'; checkedInAt: string }
  | { kind: 'refuse'; reason: Reason };

/**
 * The one place that decides a check-in. In order:
 * 1. a code or card that is not genuine → invalid (`invalid_checkin_code` / `invalid_member_token` by the caller);
 * 2. the activity cancelled → `activity_cancelled`; not published → the code is invalid;
 * 3. not an active member in the audience → `not_member`;
 * 4. already checked in → duplicate (success, with the first time), even with an old code;
 * 5. a genuine but old code → `code_expired`;
 * 6. outside the check-in window (or finished) → `outside_checkin_window`;
 * 7. not signed up (or only waiting) and walk-ins not allowed → `not_signed_up`.
 */
export function decideCheckIn(f: CheckInFacts, invalid: Reason): CheckInDecision {
  if (f.proof === 'invalid') return { kind: 'refuse', reason: invalid };
  if (f.activity.status === 'cancelled') return { kind: 'refuse', reason: 'activity_cancelled' };
  if (f.activity.status === 'draft') return { kind: 'refuse', reason: invalid };
  if (!f.member || !inAudience(f.activity, f.member)) return { kind: 'refuse', reason: 'not_member' };
  if (f.checkedInAt) return { kind: 'duplicate', checkedInAt: f.checkedInAt };
  if (f.proof === 'expired') return { kind: 'refuse', reason: 'code_expired' };
  if (!checkInOpen(f.activity, f.at)) return { kind: 'refuse', reason: 'outside_checkin_window' };
  if (f.signUp === 'signed_up') return { kind: 'check_in', walkIn: false };
  if (f.activity.allowWalkIn) return { kind: 'check_in', walkIn: true };
  return { kind: 'refuse', reason: 'not_signed_up' };
}

/** An offline scan's own time, bounded: never later than the upload, never more than 7 days before it. */
export function scanTime(scannedAt: string, now: Date): Date | null {
  const at = t(scannedAt);
  if (at < now.getTime() - 7 * 86400000) return null;
  return new Date(Math.min(at, now.getTime()));
}

/** Which fields changed, as `{field: [before, after]}` (for the audit trail of edits). */
export function diff<T extends Record<string, unknown>>(before: T, after: Partial<T>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const [k, v] of Object.entries(after)) {
    if (v !== undefined && before[k] !== v) out[k] = [before[k], v];
  }
  return out;
}

/**
 * Guessing the 6-digit code is bounded per member and activity (签到码防猜): `limit` wrong codes
 * in `windowMs`, and the last of them locks code check-in for `lockMs` (every code refused, the
 * right one too, as `rate_limited`; a staff scan of the member card still works).
 */
export interface WrongCodeLimit {
  limit: number;
  windowMs: number;
  lockMs: number;
}

/** The guard of one member and activity as it stands when a wrong code arrives (read under its row lock). */
export interface WrongCodeGuard {
  /** The lock set earlier, if any (possibly over). */
  lockedUntil: string | null;
  /** Wrong codes counted in the window before this one. */
  wrongCodesBefore: number;
}

/**
 * What one more wrong code does: refused as `rate_limited` while a lock holds; otherwise counted,
 * and the last one allowed sets the lock (`lockUntil`).
 */
export type WrongCodeVerdict = { locked: true; lockedUntil: string } | { locked: false; lockUntil: string | null };

export function judgeWrongCode(g: WrongCodeGuard, now: Date, l: WrongCodeLimit): WrongCodeVerdict {
  if (g.lockedUntil && g.lockedUntil > now.toISOString()) return { locked: true, lockedUntil: g.lockedUntil };
  return { locked: false, lockUntil: g.wrongCodesBefore + 1 >= l.limit ? new Date(now.getTime() + l.lockMs).toISOString() : null };
}

/** Refuses an action the activity's state does not allow (`invalid_activity_state`, naming the state). */
export function requireState(status: ActivityStatus, allowed: readonly ActivityStatus[], action: string): void {
  if (allowed.includes(status)) return;
  throw new AppError('invalid_activity_state', `活动${ACTIVITY_STATUS_LABELS[status]}，不能${action}`);
}
