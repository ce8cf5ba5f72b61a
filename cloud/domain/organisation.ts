/**
 * Organisation rules (组织建设, DOMAIN.md): which committees a union must have, their sizes,
 * terms and re-elections, and the standardisation checklist (规范化建设). Pure: dates are
 * passed in as China dates (`YYYY-MM-DD`, see `chinaDate`).
 */

/** 工会委员会 | 经费审查委员会 (or 经费审查员) | 女职工委员会 (or 女职工委员). */
export type CommitteeKind = 'union' | 'audit' | 'women';
/** A full committee (委员会) or a single office-holder (经审员 / 女职工委员). */
export type CommitteeForm = 'committee' | 'single';

/** From this many active members a 经费审查委员会 is required; below, one 经费审查员 suffices. */
export const AUDIT_COMMITTEE_FROM_MEMBERS = 25;
/** From this many active women members a 女职工委员会 is required; below, one 女职工委员 suffices. */
export const WOMEN_COMMITTEE_FROM_WOMEN = 10;
/** 行业工会委员会: 5–11 members. */
export const INDUSTRY_COMMITTEE_MIN = 5;
export const INDUSTRY_COMMITTEE_MAX = 11;
/** 每届任期 3–5 years. */
export const TERM_MIN_YEARS = 3;
export const TERM_MAX_YEARS = 5;
/** Re-elections this many months ahead are listed as due (应换届). */
export const REELECTION_NOTICE_MONTHS = 6;

/** The form the rules require for a committee kind, given the live roster counts. */
export function requiredForm(kind: CommitteeKind, counts: { members: number; women: number }): CommitteeForm {
  if (kind === 'audit') return counts.members >= AUDIT_COMMITTEE_FROM_MEMBERS ? 'committee' : 'single';
  if (kind === 'women') return counts.women >= WOMEN_COMMITTEE_FROM_WOMEN ? 'committee' : 'single';
  return 'committee';
}

/**
 * Is `size` (seats held) right for a committee? Industry union's 工会委员会: 5–11; base-union
 * committees: odd (3, 5, 7…); a single office: exactly one. Answers the problem in Chinese, or null.
 */
export function sizeProblem(unionKind: 'industry' | 'base', kind: CommitteeKind, form: CommitteeForm, size: number): string | null {
  if (form === 'single') return size === 1 ? null : size === 0 ? '尚未确定人选' : '只能由一人担任';
  if (unionKind === 'industry' && kind === 'union') {
    return size >= INDUSTRY_COMMITTEE_MIN && size <= INDUSTRY_COMMITTEE_MAX ? null : `行业工会委员会应为 ${INDUSTRY_COMMITTEE_MIN}–${INDUSTRY_COMMITTEE_MAX} 人，现为 ${size} 人`;
  }
  if (size < 3) return `委员会至少 3 人，现为 ${size} 人`;
  return size % 2 === 1 ? null : `委员会人数应为单数，现为 ${size} 人`;
}

/**
 * What is wrong with a union's committee of `kind` today: its problems (missing, the wrong form
 * for the roster, its size, its term, an ended term) and its vacancies (no chair, no holder of a
 * single office). `labels` names the committee by form (COMMITTEE_LABELS of the contract).
 */
export function committeeState(
  a: {
    unionKind: 'industry' | 'base';
    kind: CommitteeKind;
    counts: { members: number; women: number };
    committee: { form: CommitteeForm; termStart: string; termEnd: string } | null;
    seatRoles: readonly ('chair' | 'vice_chair' | 'member')[];
    today: string;
  },
  labels: Record<CommitteeForm, string>,
): { problems: string[]; vacancies: string[] } {
  const { kind, counts, committee: row } = a;
  const required = requiredForm(kind, counts);
  const problems: string[] = [];
  const vacancies: string[] = [];
  if (!row) return { problems: [`尚未建立${labels[required]}`], vacancies };
  if (required === 'committee' && row.form === 'single') {
    problems.push(kind === 'audit' ? `会员已达 ${counts.members} 人（${AUDIT_COMMITTEE_FROM_MEMBERS} 人起），应设经费审查委员会` : `女会员已达 ${counts.women} 人（${WOMEN_COMMITTEE_FROM_WOMEN} 人起），应设女职工委员会`);
  }
  const size = sizeProblem(a.unionKind, kind, row.form, a.seatRoles.length);
  if (size) problems.push(size);
  const term = termProblem(row.termStart, row.termEnd);
  if (term) problems.push(term);
  if (row.termEnd < a.today) problems.push(`任期已于 ${row.termEnd} 届满`);
  if (row.form === 'committee' && !a.seatRoles.includes('chair')) vacancies.push(kind === 'union' ? '主席空缺' : '主任空缺');
  if (row.form === 'single' && a.seatRoles.length === 0) vacancies.push(`${labels.single}空缺`);
  return { problems, vacancies };
}

/** `date` plus whole years / months (calendar; 2月29日 + 1 year → 3月1日 as Date does). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1 + months, d));
  return t.toISOString().slice(0, 10);
}

/** Is the term from `start` to `end` between 3 and 5 years (end on or after start + 3y, on or before start + 5y)? */
export function termProblem(start: string, end: string): string | null {
  if (end <= start) return '届满日期应晚于开始日期';
  if (end < addMonths(start, TERM_MIN_YEARS * 12)) return `每届任期至少 ${TERM_MIN_YEARS} 年`;
  if (end > addMonths(start, TERM_MAX_YEARS * 12)) return `每届任期最长 ${TERM_MAX_YEARS} 年`;
  return null;
}

/** 换届状态: overdue (已逾期, the term ended before today), due (6 个月内到期) or ok. */
export function reelectionState(termEnd: string, today: string): 'ok' | 'due' | 'overdue' {
  if (termEnd < today) return 'overdue';
  if (termEnd <= addMonths(today, REELECTION_NOTICE_MONTHS)) return 'due';
  return 'ok';
}

/**
 * 提前或延期换届: a new term starting after the old one ended (late), or more than 6 months
 * before it ends (early), needs the upper union's written approval.
 */
export function reelectionTiming(oldTermEnd: string, newTermStart: string): 'early' | 'late' | 'on_time' {
  if (newTermStart > oldTermEnd) return 'late';
  if (newTermStart < addMonths(oldTermEnd, -REELECTION_NOTICE_MONTHS)) return 'early';
  return 'on_time';
}

/**
 * Whether a new term (换届) needs the upper union's written approval as a document (批复文件):
 * `early` or `late` per `reelectionTiming` when a committee exists and the term start changes;
 * null for the first term of a committee, for a correction of the current term (same start) and
 * for an on-time re-election (from 6 months before the old end up to the old end, both included).
 */
export function approvalDocumentNeeded(current: { termStart: string; termEnd: string } | null, newTermStart: string): 'early' | 'late' | null {
  if (!current || current.termStart === newTermStart) return null;
  const timing = reelectionTiming(current.termEnd, newTermStart);
  return timing === 'on_time' ? null : timing;
}

/** 入会率 in whole per cent (rounded down, so 79.9% is not 80%); null when the unit has no employees on record. */
export function membershipRatePercent(members: number, employees: number): number | null {
  if (employees <= 0) return null;
  return Math.floor((members * 100) / employees);
}

/** A calendar quarter, e.g. `2026Q4`, with its first and last China dates. */
export interface Quarter {
  label: string;
  from: string;
  to: string;
}

/** The `n` quarters before the one holding `today` (most recent first): completed quarters only. */
export function previousQuarters(today: string, n: number): Quarter[] {
  const [y, m] = today.split('-').map(Number);
  let q = Math.floor((m - 1) / 3);
  let year = y;
  const out: Quarter[] = [];
  for (let i = 0; i < n; i++) {
    q--;
    if (q < 0) {
      q = 3;
      year--;
    }
    const from = `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`;
    const to = addMonths(from, 3);
    out.push({ label: `${year}年第${q + 1}季度`, from, to: addDays(to, -1) });
  }
  return out;
}

export function addDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

/** One checklist line (规范化建设). `unscored`: the data is not there yet (数据待接入), so it does not count. */
export interface CheckItem {
  key: string;
  label: string;
  status: 'pass' | 'fail' | 'unscored';
  /** What the data shows, e.g. `入会率 62%（目标 80%）`. */
  detail: string;
  /** For a failing item: what to do next. */
  nextStep: string | null;
  /** Ticked by staff (牌子、印章…) rather than computed. */
  manual: boolean;
}

/** Score 0–100: the share of scored items that pass (unscored items left out). */
export function complianceScore(items: readonly Pick<CheckItem, 'status'>[]): number {
  const scored = items.filter((i) => i.status !== 'unscored');
  if (scored.length === 0) return 0;
  return Math.round((scored.filter((i) => i.status === 'pass').length * 100) / scored.length);
}

/** Items the data cannot show: ticked by staff with an optional evidence note. */
export const MANUAL_ITEMS = [
  { key: 'sign', label: '工会牌子已挂', nextStep: '在办公场所门口悬挂工会牌子，然后勾选并注明位置' },
  { key: 'seal', label: '工会印章已刻制', nextStep: '按规定刻制工会印章并登记，然后勾选' },
  { key: 'office', label: '有固定办公场所', nextStep: '落实工会办公场所，然后勾选并注明地点' },
  { key: 'rules', label: '工作制度已上墙', nextStep: '将工会工作制度张贴上墙，然后勾选' },
] as const;
export type ManualItemKey = (typeof MANUAL_ITEMS)[number]['key'];

/**
 * 主席向会员（代表）大会年度述职: the item passes when the chair's report for last year or this
 * year is recorded (a report on year N is usually given early in N+1, so last year's counts
 * until this year's is due). `years`: the years with a recorded report.
 */
export function chairReportCheck(years: readonly number[], today: string): { status: 'pass' | 'fail'; detail: string; nextStep: string | null } {
  const thisYear = Number(today.slice(0, 4));
  const recent = years.filter((y) => y === thisYear || y === thisYear - 1).sort((a, b) => b - a);
  if (recent.length) return { status: 'pass', detail: `已记录 ${recent[0]} 年度述职`, nextStep: null };
  const last = [...years].sort((a, b) => b - a)[0];
  return {
    status: 'fail',
    detail: last ? `最近一次述职为 ${last} 年度，${thisYear - 1} 年度尚未记录` : '尚无述职记录',
    nextStep: `召开会员（代表）大会，由主席报告 ${thisYear - 1} 年度工作，然后在本页“记录主席述职”中登记会议日期`,
  };
}
