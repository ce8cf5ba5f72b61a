/**
 * Notification kinds and WeChat templates (消息通知), shared by the host and the app without zod.
 * The rules that use them are cloud/domain/notify.ts; docs/notifications.md lists them for people.
 */

/** What a message is about. Stable: stored in rows, named in settings and in the docs. */
export const NOTIFY_KINDS = [
  'application_approved',
  'application_rejected',
  'waitlist_promoted',
  'activity_changed',
  'activity_cancelled',
  'activity_reminder',
  'request_replied',
  'request_closed',
  'request_escalated',
  'notice_published',
  'notice_answered',
  'applications_waiting',
  'spending_waiting',
  'signoff_waiting',
] as const;
export type NotifyKind = (typeof NOTIFY_KINDS)[number];

/** Kinds that tell staff what waits for them (工作提醒); each can be turned off in settings. */
export const STAFF_KINDS: readonly NotifyKind[] = ['applications_waiting', 'spending_waiting', 'signoff_waiting'];

/** The label a person sees in settings. */
export const NOTIFY_KIND_LABELS: Record<NotifyKind, string> = {
  application_approved: '入会申请通过',
  application_rejected: '入会申请未通过',
  waitlist_promoted: '候补转为正式报名',
  activity_changed: '活动变更',
  activity_cancelled: '活动取消',
  activity_reminder: '活动开始提醒',
  request_replied: '诉求有回复',
  request_closed: '诉求已办结',
  request_escalated: '诉求转交行业工会',
  notice_published: '新的经费公示',
  notice_answered: '公示提问有答复',
  applications_waiting: '入会申请待审核（每日汇总）',
  spending_waiting: '支出待主席审批',
  signoff_waiting: '季度待经审签署',
};

/**
 * The WeChat subscribe-message templates (订阅消息模板) a deployment configures, one per group of
 * kinds. Each names the logical fields our messages fill; `notify_templates` maps each to the
 * template's own key (`thing1`, `time2`, …), whose prefix says WeChat's type and limit.
 */
export const NOTIFY_TEMPLATES = {
  /** 审核结果通知: 申请事项, 审核结果, 备注, 时间. */
  review_result: ['title', 'result', 'note', 'time'],
  /** 活动提醒 / 活动变更通知: 活动名称, 开始时间, 地点, 备注. */
  activity: ['title', 'time', 'place', 'note'],
  /** 诉求处理进度通知: 诉求内容, 处理状态, 处理意见, 时间. */
  request: ['title', 'result', 'note', 'time'],
  /** 公示通知: 公示名称, 发布时间, 备注. */
  notice: ['title', 'time', 'note'],
  /** 待办提醒 (staff): 待办事项, 数量, 时间. */
  staff_todo: ['title', 'count', 'time'],
} as const satisfies Record<string, readonly string[]>;
export type TemplateKey = keyof typeof NOTIFY_TEMPLATES;
export const TEMPLATE_KEYS = Object.keys(NOTIFY_TEMPLATES) as TemplateKey[];
export type LogicalField = 'title' | 'result' | 'note' | 'time' | 'place' | 'count';

/** Which template carries each kind to WeChat. */

export const TEMPLATE_OF_KIND: Record<NotifyKind, TemplateKey> = {
  application_approved: 'review_result',
  application_rejected: 'review_result',
  waitlist_promoted: 'activity',
  activity_changed: 'activity',
  activity_cancelled: 'activity',
  activity_reminder: 'activity',
  request_replied: 'request',
  request_closed: 'request',
  request_escalated: 'request',
  notice_published: 'notice',
  notice_answered: 'notice',
  applications_waiting: 'staff_todo',
  spending_waiting: 'staff_todo',
  signoff_waiting: 'staff_todo',
};

