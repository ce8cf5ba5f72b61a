/** 诉求统计 for the industry union. */
import { z } from 'zod';
import { defineContract } from '../define';
import { id } from '../common';
import type { RequestCategory } from './labels';
import type { RequestCounts } from './items';

/** The industry union's view of one union's requests. */
export interface RequestUnionStats extends RequestCounts {
  unionId: string;
  unionName: string;
  total: number;
  byCategory: Partial<Record<RequestCategory, number>>;
  /** Share of rated closed requests rated 满意 (per cent), null when none rated. */
  satisfiedPercent: number | null;
}

/** An overdue request for the industry union: no person, no text, only what it needs to chase it. */
export interface OverdueRequest {
  id: string;
  unionId: string;
  unionName: string;
  category: RequestCategory;
  submittedAt: string;
  replyDueAt: string;
  daysWaiting: number;
  anonymous: boolean;
}

export interface RequestStats {
  unions: RequestUnionStats[];
  totals: RequestCounts & { total: number };
  overdue: OverdueRequest[];
}

/** 诉求统计: for the industry union, counts per base union and the overdue list. */
export const stats = defineContract<RequestStats>()(
  'request.stats',
  z.strictObject({
    /** The industry union. */
    unionId: id,
  }),
  '行业工会：各基层工会诉求数量（含已转交）与逾期未答复清单',
);
