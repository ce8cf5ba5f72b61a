/** The industry union's view (行业工会总览): `fund.overview`. */
import * as c from '../../contract/fund/overview';
import { quarterOverview } from '../../domain/fund-overview';
import { mustParsePeriod, periodOf, previousPeriod } from '../../domain/fund-period';
import { loadSettings } from '../../storage/fund.repository';
import { noticesOfYear } from '../../storage/fund-notices.repository';
import { baseUnionsOf } from '../../storage/unions.repository';
import { defineFunction } from '../registry';
import { field, onBooksOf, theUnion, today } from './shared';

/**
 * 行业工会总览: for each quarter of the year that has ended, which base unions published their
 * notice on time — within `dueDays` (the industry union's setting, default 15) after the period
 * ends — late, or not at all; and the sum of the published figures (latest versions).
 */
export const overview = defineFunction({
  contract: c.overview,
  policy: onBooksOf(['industryAdmin', 'staff', 'chair']),
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
      quarters.push(quarterOverview(quarter, bases, notices, dueDays, now));
    }
    return { unionId: industry.id, year, dueDays, quarters: quarters.reverse() };
  },
});
