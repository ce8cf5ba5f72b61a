/** The industry union's view (行业工会总览): `fund.overview`. */
import * as c from '../../contract/fund/overview';
import type { NoticeContent } from '../../domain/fund-notice';
import { mustParsePeriod, noticeDueDate, periodLabel, periodOf, previousPeriod, type Period } from '../../domain/fund-period';
import { toFen } from '../../domain/money';
import { chinaDate } from '../../domain/time';
import { loadSettings } from '../../storage/fund.repository';
import { noticesOfYear } from '../../storage/fund-notices.repository';
import { baseUnionsOf } from '../../storage/unions.repository';
import { defineFunction } from '../registry';
import { field, theUnion, today } from './shared';

/**
 * The notices that cover one quarter for a union: the quarter's own notice, or (a union that
 * publishes monthly, now or then) its three months'. Judged by what was published, so a
 * union that changed its period keeps its history.
 */
function keysOfQuarter<N extends { period_key: string }>(quarter: Period, published: N[]): string[] {
  if (published.some((n) => n.period_key === quarter.key)) return [quarter.key];
  const firstMonth = Number(quarter.from.slice(5, 7));
  const months = [0, 1, 2].map((i) => `${quarter.year}-M${String(firstMonth + i).padStart(2, '0')}`);
  return published.some((n) => months.includes(n.period_key)) ? months : [quarter.key];
}

/**
 * 行业工会总览: for each quarter of the year that has ended, which base unions published their
 * notice on time — within `dueDays` (the industry union's setting, default 15) after the period
 * ends — late, or not at all; and the sum of the published figures (latest versions).
 */
export const overview = defineFunction({
  contract: c.overview,
  policy: { kind: 'unionRoles', roles: ['industryAdmin', 'staff', 'chair'], unionOf: (i) => i.unionId },
  kind: 'query',
  async handler(input, ctx) {
    const industry = await theUnion(ctx.db, input.unionId);
    if (industry.kind !== 'industry') throw field('unionId', '请选择行业工会');
    const now = today(ctx);
    // Default: the year of the last quarter that has ended (in January, last year's).
    const year = input.year ?? previousPeriod(periodOf(now, 'quarter')).year;
    const { dueDays } = await loadSettings(ctx.db, industry.id);
    const bases = await baseUnionsOf(ctx.db, industry.id);
    const notices = await noticesOfYear(ctx.db, bases.map((b) => b.id), year);

    const quarters: c.OverviewQuarter[] = [];
    for (let q = 1; q <= 4; q++) {
      const quarter = mustParsePeriod(`${year}-Q${q}`);
      if (quarter.from > now) break;
      const dueDate = noticeDueDate(quarter, dueDays);
      const byCategory = new Map<string, { direction: 'income' | 'expense'; category: string; amountFen: number }>();
      let income = 0;
      let expense = 0;
      let closing = 0;
      let counted = 0;
      const unions: c.OverviewUnion[] = bases.map((b) => {
        const keys = keysOfQuarter(quarter, notices.filter((n) => n.union_id === b.id));
        const first = keys.map((k) => notices.filter((n) => n.union_id === b.id && n.period_key === k).sort((x, y) => x.version - y.version)[0]);
        const latest = keys.map((k) => notices.filter((n) => n.union_id === b.id && n.period_key === k).sort((x, y) => y.version - x.version)[0]);
        const all = latest.every(Boolean);
        // On time is judged by the first version of each period (a later correction does not make it late).
        const publishedAt = all ? first.map((n) => n!.published_at).sort()[first.length - 1] : null;
        const dueOf = (k: string) => noticeDueDate(mustParsePeriod(k), dueDays);
        const onTime = all && keys.every((k, i) => chinaDate(new Date(first[i]!.published_at)) <= dueOf(k));
        const status: c.OverviewUnion['status'] = all ? (onTime ? 'on_time' : 'late') : now > dueDate ? 'missing' : 'not_due';
        let figures: Pick<c.OverviewUnion, 'incomeFen' | 'expenseFen' | 'closingFen'> = { incomeFen: null, expenseFen: null, closingFen: null };
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
      quarters.push({
        quarter: quarter.key,
        title: periodLabel(quarter.key),
        dueDate,
        unions,
        onTime: unions.filter((u) => u.status === 'on_time').length,
        late: unions.filter((u) => u.status === 'late').length,
        missing: unions.filter((u) => u.status === 'missing').length,
        aggregate: { incomeFen: income, expenseFen: expense, closingFen: closing, unionsCounted: counted, byCategory: [...byCategory.values()] },
      });
    }
    return { unionId: industry.id, year, dueDays, quarters: quarters.reverse() };
  },
});
