/**
 * Notifications (消息通知), the pure rules: which kinds exist, which WeChat subscribe-message
 * template each kind uses, the message text, cutting values to WeChat's field limits, and when a
 * reminder or a digest is due (Asia/Shanghai, UTC+8, no daylight saving).
 *
 * Every message lands in the person's message centre (`notifications`); a kind the person lets go
 * to WeChat (设置) also gets one WeChat send, when the person accepted that template (订阅) and the
 * deployment configured it (`notify_templates`, docs/notifications.md).
 */

import type { LogicalField, NotifyKind, TemplateKey } from '../contract/notify/notify.labels';

export { NOTIFY_KINDS, NOTIFY_KIND_LABELS, NOTIFY_TEMPLATES, STAFF_KINDS, TEMPLATE_KEYS, TEMPLATE_OF_KIND } from '../contract/notify/notify.labels';
export type { LogicalField, NotifyKind, TemplateKey };

/** One message as a producer hands it over: the same for the message centre and WeChat. */
export interface NotifyMessage {
  kind: NotifyKind;
  /** The message centre's title (标题). */
  title: string;
  body: string;
  /** The page it opens, with its parameters, without a leading `/` (`pages/card/index`). */
  page: string;
  /** Values for the WeChat template's logical fields (cut when sent). */
  fields: Partial<Record<LogicalField, string>>;
}

const pad = (n: number) => String(n).padStart(2, '0');
function china(at: Date): Date {
  return new Date(at.getTime() + 8 * 3600_000);
}

/** WeChat's `time` field: `2026年12月08日 09:00` (China time). */
export function wechatTime(at: Date): string {
  const c = china(at);
  return `${c.getUTCFullYear()}年${pad(c.getUTCMonth() + 1)}月${pad(c.getUTCDate())}日 ${pad(c.getUTCHours())}:${pad(c.getUTCMinutes())}`;
}

/** WeChat's `date` field: `2026年12月08日`. */
export function wechatDate(at: Date): string {
  return wechatTime(at).slice(0, 11);
}

/** A short China time for message bodies: `12月8日 14:00`. */
export function shortTime(at: Date): string {
  const c = china(at);
  return `${c.getUTCMonth() + 1}月${c.getUTCDate()}日 ${pad(c.getUTCHours())}:${pad(c.getUTCMinutes())}`;
}

/** Cuts `s` to `max` characters (code points), ending with `…` when cut. */
export function cut(s: string, max: number): string {
  const chars = [...s.replace(/\s+/g, ' ').trim()];
  if (chars.length <= max) return chars.join('');
  return `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * A value as WeChat accepts it in a field whose key starts with `type` (`thing1` → `thing`):
 * thing ≤ 20 characters; phrase ≤ 5 Chinese characters only; name ≤ 10; character_string and
 * number and letter ≤ 32 of their own set; time and date as WeChat's formats (the producer gives
 * them formatted). Returns null when the value cannot be made valid (WeChat would refuse it).
 */
export function wechatValue(fieldKey: string, value: string): string | null {
  const type = fieldKey.replace(/\d+$/, '');
  const v = value.trim();
  switch (type) {
    case 'thing':
      return v ? cut(v, 20) : '—';
    case 'name':
      return v ? cut(v, 10) : null;
    case 'phrase': {
      const only = [...v].filter((ch) => /\p{Script=Han}/u.test(ch)).join('');
      return only ? [...only].slice(0, 5).join('') : null;
    }
    case 'character_string': {
      const s = v.replace(/[^0-9A-Za-z_\-.:/]/g, '');
      return s ? s.slice(0, 32) : null;
    }
    case 'number': {
      const s = v.replace(/[^0-9.]/g, '');
      return s ? s.slice(0, 32) : null;
    }
    case 'letter': {
      const s = v.replace(/[^A-Za-z]/g, '');
      return s ? s.slice(0, 32) : null;
    }
    case 'time':
      return /^\d{4}年\d{2}月\d{2}日( \d{2}:\d{2})?$/.test(v) || /^\d{2}:\d{2}$/.test(v) ? v : null;
    case 'date':
      return /^\d{4}年\d{2}月\d{2}日$/.test(v) ? v : null;
    default:
      return cut(v, 20);
  }
}

/** How a union configured one template: WeChat's template id, our logical field → its key, and whether it is on. */
export interface TemplateConfig {
  templateId: string;
  fields: Partial<Record<LogicalField, string>>;
}

/**
 * The `data` of a `subscribeMessage.send`: every configured field, cut to its type. A field the
 * message does not fill gets `—` (thing) or is left out; null when a required value cannot be made valid.
 */
export function wechatData(config: TemplateConfig, fields: NotifyMessage['fields']): Record<string, { value: string }> | null {
  const data: Record<string, { value: string }> = {};
  for (const [logical, key] of Object.entries(config.fields) as [LogicalField, string][]) {
    const raw = fields[logical] ?? '';
    const value = wechatValue(key, raw);
    if (value === null) return null;
    data[key] = { value };
  }
  return data;
}

// ── When ─────────────────────────────────────────────────────────────────────────────────────

/** Reminder before an activity: 2 hours before its start. */
export const REMINDER_LEAD_MS = 2 * 3600_000;
/** Published later than the lead: reminded at publishing, unless the start is this close. */
export const REMINDER_MIN_NOTICE_MS = 15 * 60_000;
/** The staff digest's hour, China time. */
export const DIGEST_HOUR = 9;

/**
 * When the reminder of an activity is due: `start − 2 h`; an activity published after that moment
 * gets its reminder at publishing when its start is still more than 15 minutes away, else none (null).
 */
export function reminderDueAt(startAt: Date, publishedAt: Date, leadMs = REMINDER_LEAD_MS): Date | null {
  const due = new Date(startAt.getTime() - leadMs);
  if (publishedAt.getTime() <= due.getTime()) return due;
  if (startAt.getTime() - publishedAt.getTime() > REMINDER_MIN_NOTICE_MS) return publishedAt;
  return null;
}

/** The China day (`YYYY-MM-DD`) whose 09:00 digest is due at `now`, or null before 09:00 China time. */
export function digestDay(now: Date): string | null {
  const c = china(now);
  if (c.getUTCHours() < DIGEST_HOUR) return null;
  return c.toISOString().slice(0, 10);
}

/** Retry delay after the `attempt`-th failed WeChat send (1-based): 30 s, 2 min, 8 min, 32 min. */
export function retryDelayMs(attempt: number): number {
  return 30_000 * 4 ** Math.max(0, attempt - 1);
}
/** Failed sends (network, timeout, WeChat's own faults) are tried this many times, then `failed`. */
export const MAX_SEND_ATTEMPTS = 5;

// ── What each event says ─────────────────────────────────────────────────────────────────────

export const messages = {
  applicationApproved(a: { unionName: string; memberNo: string; at: Date }): NotifyMessage {
    return {
      kind: 'application_approved',
      title: '入会申请已通过',
      body: `欢迎加入${a.unionName}！会员编号 ${a.memberNo}，可在“我的”查看电子会员卡。`,
      page: 'pages/card/index',
      fields: { title: `加入${a.unionName}`, result: '已通过', note: `会员编号${a.memberNo}`, time: wechatTime(a.at) },
    };
  },
  applicationRejected(a: { unionName: string; reason: string | null; at: Date }): NotifyMessage {
    const reason = a.reason?.trim() || '未说明原因';
    return {
      kind: 'application_rejected',
      title: '入会申请未通过',
      body: `你向${a.unionName}提交的入会申请未通过：${reason}。如有疑问请联系工会。`,
      page: 'pages/membership/index',
      fields: { title: `加入${a.unionName}`, result: '未通过', note: reason, time: wechatTime(a.at) },
    };
  },
  waitlistPromoted(a: { activityId: string; title: string; startAt: Date; place: string }): NotifyMessage {
    return {
      kind: 'waitlist_promoted',
      title: '候补成功，你已报名',
      body: `“${a.title}”有名额空出，你已从候补转为正式报名。${shortTime(a.startAt)}，${a.place}。`,
      page: `pages/activity-detail/index?id=${a.activityId}`,
      fields: { title: a.title, time: wechatTime(a.startAt), place: a.place, note: '候补已转为正式报名' },
    };
  },
  activityChanged(a: { activityId: string; title: string; startAt: Date; place: string }): NotifyMessage {
    return {
      kind: 'activity_changed',
      title: '活动有变更',
      body: `你报名的“${a.title}”有变更：${shortTime(a.startAt)}，${a.place}。请查看详情。`,
      page: `pages/activity-detail/index?id=${a.activityId}`,
      fields: { title: a.title, time: wechatTime(a.startAt), place: a.place, note: '活动信息有变更，请查看' },
    };
  },
  activityCancelled(a: { activityId: string; title: string; startAt: Date; place: string; reason: string }): NotifyMessage {
    return {
      kind: 'activity_cancelled',
      title: '活动已取消',
      body: `你报名的“${a.title}”已取消：${a.reason}`,
      page: `pages/activity-detail/index?id=${a.activityId}`,
      fields: { title: a.title, time: wechatTime(a.startAt), place: a.place, note: `已取消：${a.reason}` },
    };
  },
  activityReminder(a: { activityId: string; title: string; startAt: Date; place: string }): NotifyMessage {
    return {
      kind: 'activity_reminder',
      title: '活动即将开始',
      body: `“${a.title}”将于 ${shortTime(a.startAt)} 开始，地点：${a.place}。`,
      page: `pages/activity-detail/index?id=${a.activityId}`,
      fields: { title: a.title, time: wechatTime(a.startAt), place: a.place, note: '请按时到场签到' },
    };
  },
  requestReplied(a: { requestId: string; excerpt: string; reply: string; at: Date }): NotifyMessage {
    return {
      kind: 'request_replied',
      title: '你的诉求有新回复',
      body: `“${cut(a.excerpt, 30)}”：${cut(a.reply, 100)}`,
      page: `pages/request/index?id=${a.requestId}`,
      fields: { title: a.excerpt, result: '已回复', note: a.reply, time: wechatTime(a.at) },
    };
  },
  requestClosed(a: { requestId: string; excerpt: string; note: string; at: Date }): NotifyMessage {
    return {
      kind: 'request_closed',
      title: '你的诉求已办结',
      body: `“${cut(a.excerpt, 30)}”已办结：${cut(a.note, 100)}。欢迎评价。`,
      page: `pages/request/index?id=${a.requestId}`,
      fields: { title: a.excerpt, result: '已办结', note: a.note, time: wechatTime(a.at) },
    };
  },
  requestEscalated(a: { requestId: string; excerpt: string; industryName: string; at: Date }): NotifyMessage {
    return {
      kind: 'request_escalated',
      title: '你的诉求已转交行业工会',
      body: `“${cut(a.excerpt, 30)}”已转交${a.industryName}办理。`,
      page: `pages/request/index?id=${a.requestId}`,
      fields: { title: a.excerpt, result: '已转交', note: `转交${a.industryName}`, time: wechatTime(a.at) },
    };
  },
  noticePublished(a: { noticeId: string; unionName: string; quarter: string; at: Date }): NotifyMessage {
    const q = quarterLabel(a.quarter);
    return {
      kind: 'notice_published',
      title: '新的经费公示',
      body: `${a.unionName}发布了${q}经费公示，欢迎查看与提问。`,
      page: `pages/notice/index?id=${a.noticeId}`,
      fields: { title: `${q}经费公示`, time: wechatTime(a.at), note: a.unionName },
    };
  },
  noticeAnswered(a: { noticeId: string; quarter: string; answer: string; at: Date }): NotifyMessage {
    const q = quarterLabel(a.quarter);
    return {
      kind: 'notice_answered',
      title: '你对经费公示的提问有答复',
      body: `${q}经费公示：${cut(a.answer, 100)}`,
      page: `pages/notice/index?id=${a.noticeId}`,
      fields: { title: `${q}经费公示`, time: wechatTime(a.at), note: a.answer },
    };
  },
  applicationsWaiting(a: { unionId: string; unionName: string; count: number; at: Date }): NotifyMessage {
    return {
      kind: 'applications_waiting',
      title: `${a.count} 份入会申请待审核`,
      body: `${a.unionName}有 ${a.count} 份入会申请等待审核。`,
      page: `packages/staff/pages/applications/index?unionId=${a.unionId}`,
      fields: { title: '入会申请待审核', count: String(a.count), time: wechatTime(a.at) },
    };
  },
  spendingWaiting(a: { unionId: string; purpose: string; amountYuan: string; at: Date }): NotifyMessage {
    return {
      kind: 'spending_waiting',
      title: '有支出待你审批',
      body: `${a.purpose}，${a.amountYuan} 元，等待主席审批。`,
      page: `packages/staff/pages/fund-ledger/index?unionId=${a.unionId}`,
      fields: { title: `支出待审批：${a.purpose}`, count: '1', time: wechatTime(a.at) },
    };
  },
  signOffWaiting(a: { unionId: string; quarter: string; at: Date }): NotifyMessage {
    const q = quarterLabel(a.quarter);
    return {
      kind: 'signoff_waiting',
      title: `${q}待经审签署`,
      body: `${q}已结账，等待经费审查委员会审查签署。`,
      page: `packages/staff/pages/fund-period/index?unionId=${a.unionId}&quarter=${a.quarter}`,
      fields: { title: `${q}待经审签署`, count: '1', time: wechatTime(a.at) },
    };
  },
};

/** `2026-Q4` → `2026年第四季度`. */
export function quarterLabel(quarter: string): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) return quarter;
  return `${m[1]}年第${'一二三四'[Number(m[2]) - 1]}季度`;
}

/** Whether a person gets WeChat sends of `kind` (settings; a kind never set: on). */
export function wechatWanted(kind: NotifyKind, prefs: Partial<Record<NotifyKind, boolean>>): boolean {
  return prefs[kind] ?? true;
}
