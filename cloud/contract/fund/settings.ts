/** A union's fund settings (经费设置): caps, period kind, item threshold, its own sub-categories. */
import { z } from 'zod';
import { defineContract } from '../define';
import { id } from '../common';
import { fen } from './fields';
import { MAX_ENTRY_FEN, NOTICE_PERIODS, type NoticePeriod } from './labels';

export interface FundSettings {
  unionId: string;
  noticePeriod: NoticePeriod;
  itemThresholdFen: number;
  holidayCapFen: number;
  birthdayCapFen: number;
  dueDays: number;
  /** The union's own sub-categories, by category. */
  subCategories: Record<string, string[]>;
}

export const settings = defineContract<FundSettings>()(
  'fund.settings',
  z.strictObject({
    /** The union whose settings these are. */
    unionId: id,
  }),
  '本工会的经费设置',
);

export const updateSettings = defineContract<FundSettings>()(
  'fund.updateSettings',
  z.strictObject({
    /** The union whose books, notices or settings these are. */
    unionId: id,
    /** 公示周期: quarter (default) or month. */
    noticePeriod: z.enum(NOTICE_PERIODS).optional(),
    /** Entries at or above this amount are listed one by one (fen). */
    itemThresholdFen: fen.min(0).max(MAX_ENTRY_FEN).optional(),
    /** Holiday gifts: per member per year (fen); provinces differ (e.g. 安徽 150,000). */
    holidayCapFen: fen.min(0).max(MAX_ENTRY_FEN).optional(),
    /** Birthday gifts: per member per year (fen) (e.g. 安徽 30,000). */
    birthdayCapFen: fen.min(0).max(MAX_ENTRY_FEN).optional(),
    /** Industry union: days after a period's end a base union has to publish. */
    dueDays: z.number().int().min(1).max(90).optional(),
    /** The union's own sub-categories, by category name (replaces the list). */
    subCategories: z.record(z.string(), z.array(z.string().trim().min(1).max(30)).max(30)).optional(),
  }),
  '修改本工会的经费设置（慰问标准、公示周期、逐笔列示金额、自设明细项目）',
);
