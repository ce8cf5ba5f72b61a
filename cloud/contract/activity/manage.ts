/**
 * Staff run the activity itself (活动管理): create, update, publish, cancel, finish.
 * Activity states: draft → published → (cancelled | finished); draft → cancelled.
 */
import { z } from 'zod';
import { defineContract } from '../define';
import { id } from '../common';
import { ACTIVITY_LIMITS as L, ACTIVITY_TYPES, AUDIENCES, type ActivityStatus } from './labels';
import { byId, instant, optionalText, quota, text } from './schema';

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

