/** The industry union's view (行业工会总览): who published on time, and the sums. */
import { z } from 'zod';
import { defineContract } from '../define';
import { id } from '../common';
import type { Direction } from './labels';

export interface OverviewUnion {
  unionId: string;
  unionName: string;
  /** on_time: published within the due days; late; missing (due passed, nothing); not_due: due date not reached yet. */
  status: 'on_time' | 'late' | 'missing' | 'not_due';
  publishedAt: string | null;
  noticeIds: string[];
  incomeFen: number | null;
  expenseFen: number | null;
  closingFen: number | null;
}

export interface OverviewQuarter {
  quarter: string;
  title: string;
  dueDate: string;
  unions: OverviewUnion[];
  onTime: number;
  late: number;
  missing: number;
  /** Sum over the base unions that published (latest versions). */
  aggregate: { incomeFen: number; expenseFen: number; closingFen: number; unionsCounted: number; byCategory: { direction: Direction; category: string; amountFen: number }[] };
}

export const overview = defineContract<{ unionId: string; year: number; dueDays: number; quarters: OverviewQuarter[] }>()(
  'fund.overview',
  z.strictObject({
    /** The industry union. */
    unionId: id,
    /** The year (default: the year of the last quarter that has ended). */
    year: z.number().int().min(2000).max(2999).optional(),
  }),
  '行业工会：各基层工会按时公示情况与经费汇总',
);
