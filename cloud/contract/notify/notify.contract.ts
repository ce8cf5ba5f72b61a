/**
 * 消息中心 (the message centre) and WeChat subscribe messages: a person reads and marks their own
 * messages, chooses which kinds also go to WeChat, and the mini-program records WeChat's answers
 * to `wx.requestSubscribeMessage`; staff see how many were told about a notice or an activity.
 */
import { z } from 'zod';
import { defineContract } from '../define';
import { id } from '../common';
import { NOTIFY_KINDS, TEMPLATE_KEYS, type NotifyKind, type TemplateKey } from './notify.labels';

/** Messages per page of `notify.list`. */
export const NOTIFY_PAGE_SIZE = 20;

/** One message in the message centre. */
export interface NotifyItem {
  id: string;
  kind: NotifyKind;
  title: string;
  body?: string;
  createdAt: string;
  /** Null/absent while unread. */
  readAt?: string;
  /** The page the message is about, with its parameters (`/pages/card/index`). */
  page?: string;
}

export const list = defineContract<{ items: NotifyItem[]; unread: number }>()(
  'notify.list',
  z.strictObject({
    /** Only the messages not read yet. */
    unreadOnly: z.boolean().optional(),
    /** Page number, from 1 (20 a page, newest first). */
    page: z.number().int('须为整数').min(1, '最小为 1').max(1000, '最大为 1000').optional(),
  }),
  '我的消息：本人的消息（最新在前）与未读数',
);

export const markRead = defineContract<{ unread: number }>()(
  'notify.markRead',
  z
    .strictObject({
      /** The messages to mark read (the caller's own; others' ids change nothing). */
      ids: z.array(id).max(100, '一次最多 100 条').optional(),
      /** 全部已读. */
      all: z.boolean().optional(),
    })
    .refine((v) => v.all === true || (v.ids?.length ?? 0) > 0, { message: '请指定消息或选择全部已读', path: ['ids'] }),
  '标记消息已读（指定的或全部）',
);

/** Per kind: whether it also goes to WeChat (every message lands in the message centre). */
export type WechatChoices = Partial<Record<NotifyKind, boolean>>;

export interface NotifySettings {
  wechat: Record<NotifyKind, boolean>;
  /** Staff: the daily digest and the waiting-items messages (false: none at all). */
  staffDigest: boolean;
  /** The deployment's WeChat template ids by template, for `wx.requestSubscribeMessage` (absent: not configured). */
  templates: Partial<Record<TemplateKey, string>>;
  /** Acceptances left per template (each allows one WeChat message). */
  acceptances: Partial<Record<TemplateKey, number>>;
}

const kindChoices = z.partialRecord(z.enum(NOTIFY_KINDS), z.boolean());

export const settings = defineContract<NotifySettings>()(
  'notify.settings',
  z.strictObject({
    /** Kinds to turn on or off for WeChat; absent kinds keep their setting. */
    wechat: kindChoices.optional(),
    /** Staff: turn the daily digest and waiting-items messages on or off. */
    staffDigest: z.boolean().optional(),
  }),
  '消息设置：哪些消息同时发到微信（不传则只读取）',
);

export const subscribe = defineContract<{ acceptances: Partial<Record<TemplateKey, number>> }>()(
  'notify.subscribe',
  z.strictObject({
    /** WeChat's answer per template id of `wx.requestSubscribeMessage` (`accept`, `reject`, `ban`, `filter`). */
    answers: z.record(z.string().trim().min(1).max(64), z.enum(['accept', 'reject', 'ban', 'filter'])).refine((a) => Object.keys(a).length <= 3, { message: '一次最多 3 个模板' }),
  }),
  '记录订阅消息授权结果（每次同意可发送一条）',
);

/** Who was told about one notice or activity. */
export interface NotifyCounts {
  /** Messages in people's message centres. */
  messages: number;
  read: number;
  wechatSent: number;
  /** Could not be told on WeChat (no acceptance, turned off, refused, failed). */
  wechatNotSent: number;
  wechatPending: number;
}

export const counts = defineContract<NotifyCounts>()(
  'notify.counts',
  z.strictObject({
    /** `activity` or `notice` (经费公示). */
    objectType: z.enum(['activity', 'notice']),
    /** The activity's or notice's id. */
    id,
  }),
  '通知情况：某活动或公示已通知多少人、多少人未能通知',
);

export { TEMPLATE_KEYS };
