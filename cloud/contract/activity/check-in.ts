/** 签到: the station's rotating code and the member's check-in with it. */
import { z } from 'zod';
import { defineContract } from '../define';
import { id } from '../common';
import { byId } from './schema';

export const checkInCode = defineContract<{
  /** The rotating code (put in the QR). */
  code: string;
  /** When this code stops being accepted (the end of the next 15-s step). */
  expiresAt: string;
  /** When the station should fetch the next one. */
  refreshAt: string;
  /** 6-digit code for typing by hand (same lifetime). */
  manualCode: string;
  /** A link that opens the member's check-in page with the code (what the QR holds). */
  url: string;
  signedUp: number;
  checkedIn: number;
  checkInOpen: boolean;
}>()('activity.checkInCode', byId, '签到台的动态签到码（每 15 秒更换）与实时人数');

export const checkIn = defineContract<{ checkedInAt: string; duplicate: boolean; activityId: string; title: string; walkIn: boolean }>()(
  'activity.checkIn',
  z.strictObject({
    /** What the member scanned: the station's code (or the whole link), or the 6-digit code typed by hand. */
    code: z.string().trim().min(1, '请输入签到码').max(512, '签到码过长'),
    /** A fresh random value per attempt; sending the same one again answers the same (safe to retry). */
    nonce: z.string().trim().min(8, '缺少请求编号').max(64, '请求编号过长'),
    /** The activity, needed with a 6-digit code (the long code names its activity itself). */
    activityId: id.optional(),
  }),
  '会员扫码签到（重复签到答复 duplicate: true 与首次签到时间）',
);

