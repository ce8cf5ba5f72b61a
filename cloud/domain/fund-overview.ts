/**
 * The industry union's overview (行业工会总览), pure: for one quarter, which base unions
 * published their notice on time — within `dueDays` after the period ends — late, or not at
 * all, and the sum of the published figures (latest versions).
 */
import type { OverviewQuarter, OverviewUnion } from '../contract/fund/overview';
import type { NoticeContent } from './fund-notice';
import { mustParsePeriod, noticeDueDate, periodLabel, type Period } from './fund-period';
import { toFen } from './money';
import { chinaDate } from './time';

/** A published notice as the overview needs it (`noticesOfYear` in fund-notices.repository.ts). */
export interface PublishedNotice {
  id: string;
  union_id: string;
  period_key: string;
  version: number;
  content: string;
  published_at: string;
  income_fen: number | string;
  expense_fen: number | string;
  closing_fen: number | string;
}

/**
 * The notices that cover one quarter for a union: the quarter's own notice, or (a union that
 * publishes monthly, now or then) its three months'. Judged by what was published, so a
 * union that changed its period keeps its history.
 */
export function keysOfQuarter<N extends { period_key: string }>(quarter: Period, published: readonly N[]): string[] {
  if (published.some((n) => n.period_key === quarter.key)) return [quarter.key];
  const firstMonth = Number(quarter.from.slice(5, 7));
  const months = [0, 1, 2].map((i) => `${quarter.year}-M${String(firstMonth + i).padStart(2, '0')}`);
  return published.some((n) => months.includes(n.period_key)) ? months : [quarter.key];
}

/** One quarter of the overview: each base union's status and figures, and their sum. `now` is today's China date. */
export function quarterOverview(quarter: Period, bases: readonly { id: string; name: string }[], notices: readonly PublishedNotice[], dueDays: number, now: string): OverviewQuarter {
  const dueDate = noticeDueDate(quarter, dueDays);
  const byCategory = new Map<string, { direction: 'income' | 'expense'; category: string; amountFen: number }>();
  let income = 0;
  let expense = 0;
  let closing = 0;
  let counted = 0;
  const unions: OverviewUnion[] = bases.map((b) => {
    const keys = keysOfQuarter(quarter, notices.filter((n) => n.union_id === b.id));
    const first = keys.map((k) => notices.filter((n) => n.union_id === b.id && n.period_key === k).sort((x, y) => x.version - y.version)[0]);
    const latest = keys.map((k) => notices.filter((n) => n.union_id === b.id && n.period_key === k).sort((x, y) => y.version - x.version)[0]);
    const all = latest.every(Boolean);
    // On time is judged by the first version of each period (a later correction does not make it late).
    const publishedAt = all ? first.map((n) => n!.published_at).sort()[first.length - 1] : null;
    const dueOf = (k: string) => noticeDueDate(mustParsePeriod(k), dueDays);
    const onTime = all && keys.every((k, i) => chinaDate(new Date(first[i]!.published_at)) <= dueOf(k));
    const status: OverviewUnion['status'] = all ? (onTime ? 'on_time' : 'late') : now > dueDate ? 'missing' : 'not_due';
    let figures: Pick<OverviewUnion, 'incomeFen' | 'expenseFen' | 'closingFen'> = { incomeFen: null, expenseFen: null, closingFen: null };
    if (all) {
      const inc = latest.reduce((s, n) => s + toFen(n!.income_fen), 0);
      const exp = latest.reduce((s, n) => s + toFen(n!.expense_fen), 0);
      const clo = toFen(latest[latest.length - 1]!.closing_fen);
      figures = { incomeFen: inc, expenseFen: exp, closingFen: clo };
      income += inc;
      expense += exp;
      closing += clo;
      counted++;
      for (const n of latest) {
        for (const row of (JSON.parse(n!.content) as NoticeContent).byCategory) {
          const k = `${row.direction}|${row.category}`;
          const cur = byCategory.get(k) ?? { direction: row.direction, category: row.category, amountFen: 0 };
          cur.amountFen += row.amountFen;
          byCategory.set(k, cur);
        }
      }
    }
    return { unionId: b.id, unionName: b.name, status, publishedAt, noticeIds: latest.filter(Boolean).map((n) => n!.id), ...figures };
  });
  return {
    quarter: quarter.key,
    title: periodLabel(quarter.key),
    dueDate,
    unions,
    onTime: unions.filter((u) => u.status === 'on_time').length,
    late: unions.filter((u) => u.status === 'late').length,
    missing: unions.filter((u) => u.status === 'missing').length,
    aggregate: { incomeFen: income, expenseFen: expense, closingFen: closing, unionsCounted: counted, byCategory: [...byCategory.values()] },
  };
}
