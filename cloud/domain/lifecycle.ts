/**
 * Member lifecycle rules (动态管理): transfers between unions (会籍转接), leaving (退会) and the
 * member's own data requests (查阅、更正、删除). Pure functions; the functions in
 * `cloud/functions/membership/` (transfer.ts, data-requests.ts, purge.ts) apply them.
 *
 * Transfer states (会籍转接状态):
 *   pending (待接收) → confirmed (已转入: the member moves, a new member number in the receiving union)
 *   pending → rejected (未接收, with the receiving union's reason)
 *   pending → cancelled (已撤回, by the member or the sending union's staff; also when the member leaves)
 * Data request states (个人信息请求): pending (待处理) → done (已办理) | rejected (不予办理, with a reason).
 */
import { createHash } from 'node:crypto';
import { chinaDate } from './time';
export { CORRECTION_FIELDS, CORRECTION_FIELD_LABELS, RETENTION_YEARS, type CorrectionField } from '../contract/membership/lifecycle.labels';
import { RETENTION_YEARS, type CorrectionField } from '../contract/membership/lifecycle.labels';
import { EDUCATION_LEVELS, ETHNICITIES, HOUSEHOLD_TYPES, POLITICAL_STATUSES } from '../contract/membership/labels';
import { maskIdNumber, parseIdNumber } from '../contract/fields/id-number';
import { parsePersonName } from '../contract/fields/person-name';
import { maskPhone, parsePhone } from '../contract/fields/phone';

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


/** A corrected value checked like the join form checks it: the value to store and what staff see (numbers masked). */
export type CheckedCorrection = { ok: true; value: string; masked: string } | { ok: false; reason: 'invalid_id_number' | 'invalid_phone' | 'validation_error'; message: string };

export function checkCorrection(field: CorrectionField, raw: string, today: string): CheckedCorrection {
  const bad = (message: string): CheckedCorrection => ({ ok: false, reason: field === 'idNumber' ? 'invalid_id_number' : field === 'phone' ? 'invalid_phone' : 'validation_error', message });
  const same = (v: string): CheckedCorrection => ({ ok: true, value: v, masked: v });
  switch (field) {
    case 'name': {
      const r = parsePersonName(raw);
      return r.ok ? same(r.value) : bad(r.message);
    }
    case 'phone': {
      const r = parsePhone(raw);
      return r.ok ? { ok: true, value: r.value, masked: maskPhone(r.value) } : bad(r.message);
    }
    case 'idNumber': {
      const r = parseIdNumber(raw, today);
      return r.ok ? { ok: true, value: r.value, masked: maskIdNumber(r.value) } : bad(r.message);
    }
    case 'ethnicity':
      return (ETHNICITIES as readonly string[]).includes(raw) ? same(raw) : bad('请选择民族');
    case 'education':
      return (EDUCATION_LEVELS as readonly string[]).includes(raw) ? same(raw) : bad(`学历只能是：${EDUCATION_LEVELS.join('、')}`);
    case 'politicalStatus':
      return (POLITICAL_STATUSES as readonly string[]).includes(raw) ? same(raw) : bad(`政治面貌只能是：${POLITICAL_STATUSES.join('、')}`);
    case 'householdType':
      return (HOUSEHOLD_TYPES as readonly string[]).includes(raw) ? same(raw) : bad(`户籍类型只能是：${HOUSEHOLD_TYPES.join('、')}`);
    case 'job': {
      const v = raw.trim();
      return v.length >= 1 && v.length <= 30 ? same(v) : bad('岗位最多 30 个字');
    }
  }
}

/** The fields of a member record a correction can name, as stored (numbers masked). */
export interface CorrectableRecord {
  name: string;
  phone_masked: string;
  id_number_masked: string;
  ethnicity: string;
  education: string;
  political_status: string;
  job: string;
  household_type: string;
}

/** The current value of a field on the record, masked for numbers. */
export function currentValue(m: CorrectableRecord, field: CorrectionField): string {
  const map: Record<CorrectionField, string> = {
    name: m.name,
    phone: m.phone_masked,
    idNumber: m.id_number_masked,
    ethnicity: m.ethnicity,
    education: m.education,
    politicalStatus: m.political_status,
    job: m.job,
    householdType: m.household_type,
  };
  return map[field];
}
