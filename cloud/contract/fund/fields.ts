/** Fields and types shared by the `fund.*` contracts: a period key, a China date, an amount, a text, a rule flag. */
import { z } from 'zod';

const PERIOD_RE = /^(\d{4})-(?:Q([1-4])|M(0[1-9]|1[0-2]))$/;

/** A period key: `2026-Q3` (quarter, the default) or `2026-M07` (month, for unions that publish monthly). */
export const periodKey = z.string().trim().regex(PERIOD_RE, '期间格式应为 2026-Q3（季度）或 2026-M07（月）');

/** A China date `YYYY-MM-DD` that exists in the calendar. */
export const chinaDay = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2026-07-15')
  .refine((d) => {
    const t = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d && d >= '2000-01-01';
  }, '日期不存在');

/** An amount in fen (分), a whole number. */
export const fen = z.number({ error: '请填写金额' }).int('金额须为整数（分）');
/** A required text of at most `max` characters, `label` naming it in the messages. */
export const text = (max: number, label: string) => z.string().trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 字`);

/** One rule raised when the entry was recorded, shown to the chair and the reviewer. */
export interface EntryFlag {
  code: 'gift_cap_exceeded';
  message: string;
}
