/** Schema pieces the activity contracts share (zod). */
import { z } from 'zod';
import { id } from '../common';
import { ACTIVITY_LIMITS as L } from './labels';

/** An instant with its offset, e.g. `2026-05-01T09:00:00+08:00` (stored and answered in UTC). */
export const instant = z.iso.datetime({ offset: true, error: '请填写正确的时间' });
export const text = (max: number, empty: string) => z.string().trim().min(1, empty).max(max, `不能超过 ${max} 个字`);
export const optionalText = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`);
export const quota = z.number({ error: '名额须为数字' }).int('名额须为整数').min(1, '名额至少 1 人').max(L.quota, `名额不能超过 ${L.quota}`);

export const byId = z.strictObject({
  /** The activity (活动编号). */
  id,
});
