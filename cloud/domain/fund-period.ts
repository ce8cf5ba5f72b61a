/**
 * Accounting periods (会计期间) of the fund notice: quarters `2026-Q3` by default, or months
 * `2026-M07` for a union that publishes monthly. The contract's field is called `quarter`
 * for both. Dates are China dates `YYYY-MM-DD` (UTC+8), compared as text.
 */
import type { NoticePeriod } from '../contract/fund/labels';

export interface Period {
  key: string;
  kind: NoticePeriod;
  year: number;
  /** First and last day, inclusive. */
  from: string;
  to: string;
}

export const PERIOD_KEY = /^(\d{4})-(?:Q([1-4])|M(0[1-9]|1[0-2]))$/;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses a period key; null when malformed. */
export function parsePeriod(key: string): Period | null {
  const m = PERIOD_KEY.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2999) return null;
  if (m[2]) {
    const q = Number(m[2]);
    const first = (q - 1) * 3 + 1;
    return { key, kind: 'quarter', year, from: `${year}-${pad(first)}-01`, to: `${year}-${pad(first + 2)}-${pad(lastDay(year, first + 2))}` };
  }
  const month = Number(m[3]);
  return { key, kind: 'month', year, from: `${year}-${pad(month)}-01`, to: `${year}-${pad(month)}-${pad(lastDay(year, month))}` };
}

export function mustParsePeriod(key: string): Period {
  const p = parsePeriod(key);
  if (!p) throw new Error(`bad period key ${key}`);
  return p;
}

/** The period of `kind` containing the China date `date`. */
export function periodOf(date: string, kind: NoticePeriod): Period {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return mustParsePeriod(kind === 'quarter' ? `${year}-Q${Math.floor((month - 1) / 3) + 1}` : `${year}-M${pad(month)}`);
}

/** The period just before `p` (same kind). */
export function previousPeriod(p: Period): Period {
  return periodOf(addDays(p.from, -1), p.kind);
}

/** The period just after `p` (same kind). */
export function nextPeriod(p: Period): Period {
  return periodOf(addDays(p.to, 1), p.kind);
}

/** "2026年第3季度" / "2026年7月". */
export function periodLabel(key: string): string {
  const p = parsePeriod(key);
  if (!p) return key;
  if (p.kind === 'quarter') return `${p.year}年第${key.slice(-1)}季度`;
  return `${p.year}年${Number(key.slice(-2))}月`;
}

/** Adds days to a China date (`YYYY-MM-DD`). */
export function addDays(date: string, days: number): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + days * 86400000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Is `date` a real calendar date written `YYYY-MM-DD`? */
export function isCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  return addDays(date, 0) === date;
}

/** The last day a notice for `p` counts as published on time: `dueDays` after the period ends. */
export function noticeDueDate(p: Period, dueDays: number): string {
  return addDays(p.to, dueDays);
}
