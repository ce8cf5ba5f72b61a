/**
 * Membership rules (入会规则) as pure functions: what a worker's status is, the member number
 * format, the membership rate, how a roster search is read, and the reveal limit.
 */
import type { ApplicationStatus, MyMembershipStatus } from '../contract/membership/labels';
import { parseIdNumber } from '../contract/fields/id-number';
import { parsePhone } from '../contract/fields/phone';

/**
 * Member numbers (会员编号): `<工会代码>-<6 位序号>`, e.g. `CY01-000042`; unique per union, handed
 * out in order by `nextMemberNo` (never reused, also not after 退会).
 */
export const MEMBER_NO_PATTERN = /^[A-Z0-9]{2,10}-\d{6}$/;

export interface StatusFacts {
  /** The caller's active membership, if any. */
  activeMember?: { unionId: string; memberNo: string; joinedAt: string };
  /** The caller's latest membership that ended (退会), if any. */
  leftMember?: { unionId: string; memberNo: string; leftAt: string | null };
  /** The caller's latest application, if any. */
  latestApplication?: { id: string; unionId: string; status: ApplicationStatus; createdAt: string; rejectReason: string | null };
}

export interface DerivedStatus {
  status: MyMembershipStatus;
  unionId?: string;
  memberNo?: string;
  reason?: string;
  applicationId?: string;
}

/**
 * 入会状态, in order of precedence: an active membership (member); else the latest application
 * when it is pending or rejected and newer than any ended membership; else the ended membership
 * (left); else none.
 */
export function deriveMyStatus(f: StatusFacts): DerivedStatus {
  if (f.activeMember) return { status: 'member', unionId: f.activeMember.unionId, memberNo: f.activeMember.memberNo };
  const app = f.latestApplication;
  const leftAt = f.leftMember?.leftAt ?? '';
  if (app && app.status !== 'approved' && (!f.leftMember || app.createdAt > leftAt)) {
    if (app.status === 'pending') return { status: 'pending', unionId: app.unionId, applicationId: app.id };
    return { status: 'rejected', unionId: app.unionId, applicationId: app.id, reason: app.rejectReason ?? undefined };
  }
  if (f.leftMember) return { status: 'left', unionId: f.leftMember.unionId, memberNo: f.leftMember.memberNo };
  return { status: 'none' };
}

/** 入会率 in percent with one decimal (members / employees); null when a unit reports no employees. */
export function membershipRate(members: number, employees: number): number | null {
  if (employees <= 0) return null;
  return Math.round((members / employees) * 1000) / 10;
}

export type RosterQuery =
  | { kind: 'none' }
  | { kind: 'idNumber'; value: string }
  | { kind: 'phone'; value: string }
  | { kind: 'phoneTail'; value: string }
  /** A whole member number (`CY01-000042`) or its digits (`42`, `000042`: of this union). */
  | { kind: 'memberNo'; value: string }
  /** The start of a member number (`CY01-0000`). */
  | { kind: 'memberNoPrefix'; value: string }
  /** The start of a name (`欧阳`, `王小`). */
  | { kind: 'text'; value: string };

/**
 * How a roster search box entry is read: a full ID number or phone is looked up by its blind
 * index (exact), four digits by the last four of the phone, other digits (up to 6) as the
 * number part of a member number of this union, a whole member number exactly, its start
 * (`CY01-00`) as a prefix, anything else as the start of a name. Every kind reads an index,
 * so a search stays fast on a roster of 100,000 (docs/quality.md); a name is found by its
 * start (surname first), not by a character in the middle.
 */
export function classifyRosterQuery(raw: string | undefined, today: string): RosterQuery {
  const q = (raw ?? '').trim();
  if (!q) return { kind: 'none' };
  const id = parseIdNumber(q, today);
  if (id.ok) return { kind: 'idNumber', value: id.value };
  const phone = parsePhone(q);
  if (phone.ok) return { kind: 'phone', value: phone.value };
  if (/^\d{4}$/.test(q)) return { kind: 'phoneTail', value: q };
  if (/^\d{1,6}$/.test(q)) return { kind: 'memberNo', value: q };
  const upper = q.toUpperCase();
  if (/^[A-Z0-9]{1,12}-\d{6}$/.test(upper)) return { kind: 'memberNo', value: upper };
  if (/^[A-Z0-9]{1,12}-\d{0,5}$/.test(upper)) return { kind: 'memberNoPrefix', value: upper };
  return { kind: 'text', value: q };
}

/**
 * The smallest string after every string that starts with `prefix`, in code-point order: the
 * last code point plus one (`王小` → `王尐`), so `x >= prefix AND x < bound` is "starts with".
 */
export function prefixUpperBound(prefix: string): string {
  const points = [...prefix];
  const last = points.pop()!.codePointAt(0)!;
  // U+10FFFF has no successor (never in a name): the bound is then past every character.
  return last >= 0x10ffff ? `${points.join('')}\u{10ffff}\u{10ffff}` : points.join('') + String.fromCodePoint(last + 1 === 0xd800 ? 0xe000 : last + 1);
}

/** At most this many reveals (查看完整) per staffer per hour; more is `rate_limited`. */
export const REVEAL_LIMIT_PER_HOUR = 30;

/** Full roster exports (完整号码, for 报送) per union per China calendar day. */
export const FULL_EXPORT_LIMIT_PER_DAY = 3;

/** Applications one bulk approval may carry. */
export const BULK_APPROVE_MAX = 100;

/** Age in whole years on `today` (both `YYYY-MM-DD`), for the review queue. */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}
