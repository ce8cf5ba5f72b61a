/**
 * Activities (活动): create and publish, sign up (报名) with quota and waiting list,
 * check in (签到) by the station's rotating code or by staff scanning member cards,
 * attendance, and the activity record (活动记录) with its export.
 */
import { z } from 'zod';
import { defineContract } from './define';
import { id } from './common';
import {
  ACTIVITY_LIMITS as L,
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  AUDIENCES,
  type ActivityPhase,
  type ActivityStatus,
  type ActivityType,
  type Audience,
  type CheckInMethod,
  type CheckInOutcome,
  type SignUpStatus,
} from './activity.labels';

/** An instant with its offset, e.g. `2026-05-01T09:00:00+08:00` (stored and answered in UTC). */
const instant = z.iso.datetime({ offset: true, error: '请填写正确的时间' });
const text = (max: number, empty: string) => z.string().trim().min(1, empty).max(max, `不能超过 ${max} 个字`);
const optionalText = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`);
const quota = z.number({ error: '名额须为数字' }).int('名额须为整数').min(1, '名额至少 1 人').max(L.quota, `名额不能超过 ${L.quota}`);

const ms = (s: string) => Date.parse(s);

interface TimeFields {
  startAt?: string;
  endAt?: string;
  signUpDeadline?: string;
  checkInFrom?: string;
  checkInUntil?: string;
}

/** Cross-field time rules, shared by create and update (update checks them again on the merged values). */
export function timeProblems(v: TimeFields): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (v.startAt && v.endAt && ms(v.endAt) <= ms(v.startAt)) out.push({ path: 'endAt', message: '结束时间须晚于开始时间' });
  if (v.signUpDeadline && v.endAt && ms(v.signUpDeadline) > ms(v.endAt)) out.push({ path: 'signUpDeadline', message: '报名截止时间不能晚于活动结束' });
  if (v.checkInFrom && v.checkInUntil && ms(v.checkInUntil) <= ms(v.checkInFrom)) out.push({ path: 'checkInUntil', message: '签到结束须晚于签到开始' });
  if (v.checkInFrom && v.endAt && ms(v.checkInFrom) >= ms(v.endAt)) out.push({ path: 'checkInFrom', message: '签到开始须早于活动结束' });
  return out;
}

function withTimeRules<T extends z.ZodType<TimeFields>>(schema: T): T {
  return schema.superRefine((v, ctx) => {
    for (const p of timeProblems(v)) ctx.addIssue({ code: 'custom', path: [p.path], message: p.message });
  }) as unknown as T;
}

/** The editable fields of an activity (create takes them all, update any of them). */
const fields = {
  /** 活动类型: sports 文体活动, training 培训, contest 劳动竞赛, care 慰问, other 其他. */
  type: z.enum(ACTIVITY_TYPES, { error: '请选择活动类型' }),
  /** 活动名称, as members see it in the list. */
  title: text(L.title, '请填写活动名称'),
  /** 活动内容与安排 (what members read before signing up). */
  description: optionalText(L.description).optional(),
  /** 活动地点. */
  place: text(L.place, '请填写活动地点'),
  /** 主办/承办 shown on the record; defaults to the organising union's name. */
  organizer: optionalText(L.organizer).optional(),
  /** 开始时间. */
  startAt: instant,
  /** 结束时间 (after the start). */
  endAt: instant,
  /** 报名截止: sign-up and cancelling close then (not after the end). */
  signUpDeadline: instant,
  /** 名额: at most this many signed up, the rest wait (候补). None: no limit. */
  quota: quota.optional(),
  /** 签到开始: default 30 minutes before the start. */
  checkInFrom: instant.optional(),
  /** 签到结束: default the end of the activity. */
  checkInUntil: instant.optional(),
  /** 允许未报名者现场签到 (walk-ins): their check-in is kept and marked 现场. Default no. */
  allowWalkIn: z.boolean().optional(),
};

export const create = defineContract<{ id: string; status: 'draft' }>()(
  'activity.create',
  withTimeRules(
    z.strictObject({
      /** The organising union (主办工会): a base union or the industry union. */
      unionId: id,
      /** Who may sign up: `union` members of the organising union, `industry` every member of the industry union. */
      audience: z.enum(AUDIENCES, { error: '请选择面向对象' }),
      ...fields,
    }),
  ),
  '新建活动（草稿）',
);

export const update = defineContract<{ id: string; status: ActivityStatus; changed: string[] }>()(
  'activity.update',
  withTimeRules(
    z.strictObject({
      /** The activity to change (草稿 or 已发布). */
      id,
      ...fields,
      /** Who may sign up; only changeable while a draft. */
      audience: z.enum(AUDIENCES, { error: '请选择面向对象' }).optional(),
      type: fields.type.optional(),
      title: fields.title.optional(),
      place: fields.place.optional(),
      startAt: instant.optional(),
      endAt: instant.optional(),
      signUpDeadline: instant.optional(),
      /** New quota; `null` removes the limit. Not below the number already signed up; raising it promotes waiting members in order. */
      quota: quota.nullable().optional(),
    }),
  ),
  '修改活动（已发布的活动保留修改记录）',
);

const byId = z.strictObject({
  /** The activity (活动编号). */
  id,
});

export const publish = defineContract<{ id: string; status: 'published' }>()('activity.publish', byId, '发布活动（草稿 → 已发布）');

export const cancel = defineContract<{ id: string; status: 'cancelled'; affected: number }>()(
  'activity.cancel',
  z.strictObject({
    id,
    /** 取消原因, shown to the members who signed up on 我的活动. */
    reason: text(L.cancelReason, '请填写取消原因'),
  }),
  '取消活动（报名会员在“我的活动”看到取消原因）',
);

export const finish = defineContract<{ id: string; status: 'finished' }>()('activity.finish', byId, '结束活动（停止签到，进入活动记录）');

/** A member's own standing in one activity. */
export type MyActivityStatus = 'signed_up' | 'waitlisted' | 'checked_in';

/** One activity in the members' list. */
export interface ActivityListItem {
  id: string;
  title: string;
  type: ActivityType;
  startAt: string;
  endAt: string;
  place: string;
  /** 已报名人数. */
  signedUp: number;
  /** 名额; null: no limit. */
  quota: number | null;
  waitlisted: number;
  signUpDeadline: string;
  status: ActivityStatus;
  phase: ActivityPhase;
  audience: Audience;
  unionName: string;
  /** My standing, when I signed up (and did not cancel) or checked in. */
  mine?: MyActivityStatus;
}

export const list = defineContract<{ items: ActivityListItem[]; member: boolean }>()(
  'activity.list',
  z.strictObject({}),
  '会员可参加的活动（未结束的按时间先后在前，其后是近期已结束的）',
);

/** One activity in the staff list of a union. */
export interface StaffActivityItem extends Omit<ActivityListItem, 'mine'> {
  checkedIn: number;
}

export const listByUnion = defineContract<{ items: StaffActivityItem[] }>()(
  'activity.listByUnion',
  z.strictObject({
    /** The organising union whose activities to list (all states, drafts included). */
    unionId: id,
    /** Only activities in this state. */
    status: z.enum(ACTIVITY_STATUSES).optional(),
  }),
  '本工会的活动（干部，含草稿）',
);

/** The full activity, for members (if in its audience) and for its staff. */
export interface ActivityDetail extends ActivityListItem {
  description: string;
  organizer: string;
  unionId: string;
  checkInFrom: string;
  checkInUntil: string;
  allowWalkIn: boolean;
  cancelReason: string | null;
  /** Sign-up possible now (published, before the deadline). */
  signUpOpen: boolean;
  /** Check-in possible now (published, inside the window). */
  checkInOpen: boolean;
  /** My sign-up, if any (also when cancelled); `status` null for a walk-in check-in without one. */
  mySignUp?: { status: SignUpStatus | null; position?: number; checkedInAt?: string };
  /** The caller may manage it (staff of the organising union). */
  canManage: boolean;
  /** Staff only: number checked in. */
  checkedIn?: number;
}

export const get = defineContract<ActivityDetail>()('activity.get', byId, '活动详情');

export const signUp = defineContract<{ status: 'signed_up' | 'waitlisted'; position?: number }>()(
  'activity.signUp',
  byId,
  '报名（名额满时进入候补，按先后递补）；重复报名答复当前状态',
);

export const cancelSignUp = defineContract<{ status: 'cancelled' }>()('activity.cancelSignUp', byId, '取消报名（报名截止前；候补第一位自动递补）');

/** One entry of 我的活动. */
export interface MyActivityItem {
  id: string;
  title: string;
  type: ActivityType;
  startAt: string;
  endAt: string;
  place: string;
  status: ActivityStatus;
  phase: ActivityPhase;
  signUp: SignUpStatus | null;
  /** Place in the waiting list (1 = next to be promoted). */
  position?: number;
  checkedInAt?: string;
  /** Why the union cancelled the activity. */
  cancelReason?: string;
}

export const mine = defineContract<{ items: MyActivityItem[] }>()('activity.mine', z.strictObject({}), '我的活动：报名、候补、签到与已取消的活动');

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

/** 活动记录: generated from the data plus what staff filled in. */
export interface ActivityRecord {
  id: string;
  title: string;
  type: ActivityType;
  status: ActivityStatus;
  unionName: string;
  organizer: string;
  place: string;
  startAt: string;
  endAt: string;
  audience: Audience;
  quota: number | null;
  counts: Attendance;
  /** Everyone who signed up (not cancelled) or checked in. */
  participants: Participant[];
  /** 活动内容 (filled by staff). */
  content: string;
  /** 活动成效 / 结果. */
  outcome: string;
  /** 表彰奖励. */
  awards: string;
  filledBy: string | null;
  filledAt: string | null;
  generatedAt: string;
}

export const record = defineContract<ActivityRecord>()('activity.record', byId, '活动记录（时间、地点、主办、报名与签到名单、人数，及干部填写的内容）');

export const saveRecord = defineContract<{ filledAt: string }>()(
  'activity.saveRecord',
  z.strictObject({
    id,
    /** 活动内容: what was done. */
    content: optionalText(L.recordText),
    /** 活动成效: what came of it. */
    outcome: optionalText(L.recordText),
    /** 表彰奖励: prizes and honours. */
    awards: optionalText(L.recordText),
  }),
  '填写活动记录的内容、成效与表彰',
);

export const exportRecord = defineContract<{ filename: string; mimeType: string; base64: string }>()(
  'activity.exportRecord',
  byId,
  '导出活动记录（.xlsx：活动记录与参加人员两张表）',
);

export interface HistoryItem {
  at: string;
  action: string;
  actorName: string | null;
  detail: Record<string, unknown>;
}

export const history = defineContract<{ items: HistoryItem[] }>()('activity.history', byId, '活动的操作记录（创建、修改、发布、取消…）');
