/** An activity's attendance (报名与签到): counts and named lists, for its staff. */
import { defineContract } from '../define';
import type { CheckInMethod, CheckInOutcome, SignUpStatus } from './labels';
import { byId } from './schema';

export interface Attendance {
  signedUp: number;
  checkedIn: number;
  waitlisted: number;
  /** Checked in without signing up (现场签到). */
  walkIns: number;
  /** Refused attempts (stored with their reason). */
  refused: number;
  /** Duplicate scans flagged for the organiser. */
  flagged: number;
}

export const attendance = defineContract<Attendance>()('activity.attendance', byId, '报名与签到人数');

export interface Participant {
  memberId: string;
  name: string;
  memberNo: string;
  unitName: string;
  signUp: SignUpStatus | null;
  position?: number;
  signedUpAt: string | null;
  checkedInAt: string | null;
  method: CheckInMethod | null;
  walkIn: boolean;
}

export interface AttemptRow {
  at: string;
  name: string | null;
  memberNo: string | null;
  method: CheckInMethod;
  outcome: CheckInOutcome;
  reason: string | null;
  deviceId: string | null;
  flagged: boolean;
}

export const participants = defineContract<{ items: Participant[]; attempts: AttemptRow[] }>()(
  'activity.participants',
  byId,
  '报名与签到名单，及被拒和重复的签到记录',
);

