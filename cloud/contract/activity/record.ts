/** The activity record (活动记录), its export and the activity's history (操作记录). */
import { z } from 'zod';
import { defineContract } from '../define';
import { id } from '../common';
import { ACTIVITY_LIMITS as L, type ActivityStatus, type ActivityType, type Audience } from './labels';
import type { Attendance, Participant } from './attendance';
import { byId, optionalText } from './schema';

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
