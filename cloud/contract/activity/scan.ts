/** 干部扫会员码: staff check members in by scanning their member card (offline queue). */
import { z } from 'zod';
import { defineContract } from '../define';
import { id } from '../common';
import { ACTIVITY_LIMITS as L, type CheckInOutcome } from './labels';
import { instant } from './schema';

/** One scan queued on a staff device. */
const scan = z.strictObject({
  /** The member card QR (会员码) as scanned. */
  memberToken: z.string().trim().min(1).max(512),
  /** Random per scan, made on the device; uploading the same scan again answers the same. */
  nonce: z.string().trim().min(8, '缺少扫码编号').max(64),
  /** The scanning device (kept with the check-in, to see who scanned where). */
  deviceId: z.string().trim().min(1).max(64),
  /** When the scan happened on the device (the check-in time; offline scans upload later). */
  scannedAt: instant,
});

export interface ScanResult {
  nonce: string;
  outcome: CheckInOutcome;
  reason?: string;
  memberName?: string;
  checkedInAt?: string;
  /** A duplicate from a scan: the member was already checked in (e.g. on another device). */
  flagged?: boolean;
}

export const scanMember = defineContract<{ results: ScanResult[] }>()(
  'activity.scanMember',
  z.strictObject({
    /** The activity being checked in. */
    activityId: id,
    /** Scans in the order made; at most 100 per upload. */
    scans: z.array(scan).min(1, '没有要上传的扫码记录').max(L.scanBatch, `每次最多上传 ${L.scanBatch} 条`),
  }),
  '干部扫会员码签到（离线排队上传，可重复上传）',
);
