/**
 * Member lifecycle rules (动态管理): transfers between unions (会籍转接), leaving (退会) and the
 * member's own data requests (查阅、更正、删除). Pure functions; the functions in
 * `cloud/functions/lifecycle.ts` apply them.
 *
 * Transfer states (会籍转接状态):
 *   pending (待接收) → confirmed (已转入: the member moves, a new member number in the receiving union)
 *   pending → rejected (未接收, with the receiving union's reason)
 *   pending → cancelled (已撤回, by the member or the sending union's staff; also when the member leaves)
 * Data request states (个人信息请求): pending (待处理) → done (已办理) | rejected (不予办理, with a reason).
 */
import { createHash } from 'node:crypto';
import { chinaDate } from './time';
export { CORRECTION_FIELDS, CORRECTION_FIELD_LABELS, RETENTION_YEARS, type CorrectionField } from '../contract/lifecycle.labels';
import { RETENTION_YEARS } from '../contract/lifecycle.labels';

/** The China date (YYYY-MM-DD) plus whole years; 29 February becomes 28 February in a common year. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const year = y + years;
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${year}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The first China date on which a record of someone who left at `leftAt` (ISO) is anonymised. */
export function retentionEndsOn(leftAt: string, years = RETENTION_YEARS): string {
  return addYears(chinaDate(new Date(leftAt)), years);
}

/** Is the retention period over on the China date of `now` (the end day itself counts as over)? */
export function retentionExpired(leftAt: string, now: Date, years = RETENTION_YEARS): boolean {
  return chinaDate(now) >= retentionEndsOn(leftAt, years);
}

/** A bound for the purge query: every record whose retention is over left before this (ISO); filter with `retentionExpired`. */
export function retentionQueryBound(now: Date, years = RETENTION_YEARS): string {
  return new Date(now.getTime() - (years * 365 - 2) * 86400_000).toISOString();
}

/** The name an anonymised member is shown by (已注销会员#xxxx): stable per record, reveals nothing. */
export function pseudonym(memberId: string): string {
  return `已注销会员#${createHash('sha256').update(memberId).digest('hex').slice(0, 6)}`;
}

/**
 * Where a transfer may go: another union of the system, with a unit that belongs to it. A base
 * union's workers belong to one of its units (chosen, or its only one); the industry union takes
 * workers of units without a base union, or of an employer typed in.
 */
export type TransferTarget =
  | { ok: true; unionId: string; unitId: string | null; unitName: string | null }
  | { ok: false; reason: 'same_union' | 'validation_error' | 'not_found'; field?: string; message: string };

export function transferTarget(a: {
  fromUnionId: string;
  union: { id: string; kind: 'industry' | 'base' } | undefined;
  /** Units of the target union (a base union's own; the industry union's units without a base union). */
  units: { id: string }[];
  unitId?: string;
  unitName?: string;
}): TransferTarget {
  if (!a.union) return { ok: false, reason: 'not_found', field: 'toUnionId', message: '找不到要转入的工会' };
  if (a.union.id === a.fromUnionId) return { ok: false, reason: 'same_union', message: '已是该工会会员；同一工会内更换单位请联系本会工会干部' };
  if (a.unitId) {
    if (!a.units.some((u) => u.id === a.unitId)) return { ok: false, reason: 'validation_error', field: 'toUnitId', message: '所选单位不属于要转入的工会' };
    return { ok: true, unionId: a.union.id, unitId: a.unitId, unitName: null };
  }
  if (a.union.kind === 'base') {
    if (a.units.length === 1) return { ok: true, unionId: a.union.id, unitId: a.units[0]!.id, unitName: null };
    return { ok: false, reason: 'validation_error', field: 'toUnitId', message: '请选择新的工作单位' };
  }
  if (a.unitName) return { ok: true, unionId: a.union.id, unitId: null, unitName: a.unitName };
  return { ok: false, reason: 'validation_error', field: 'toUnitId', message: '请选择新的工作单位，或填写单位名称' };
}

