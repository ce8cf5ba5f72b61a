/**
 * The events that tell people something (消息的来源), one function each, called by the handler of
 * the change inside its `ctx.transaction` (`await notifyX(w.db, …)`): the message and its WeChat
 * delivery commit or roll back with the change (an outbox). Each names its event once
 * (`eventKey`), so a handler run twice writes one message per person.
 */
import { messages } from '../../domain/notify';
import { enqueueNotification, activeMemberUsers, roleHolders, signedUpUsers, usersOfMembers, noticePeriodKey } from '../../storage/notifications.repository';
import type { Q } from '../../storage/schema';
import { unionNameOf } from '../../storage/membership.repository';

/** 入会申请通过 / 未通过 → the applicant. */
export async function notifyApplicationReviewed(
  db: Q,
  a: { applicationId: string; userId: string; unionId: string; decision: 'approve' | 'reject'; memberNo?: string; reason?: string | null; at: Date },
): Promise<void> {
  const unionName = (await unionNameOf(db, a.unionId)) ?? '工会';
  const message =
    a.decision === 'approve'
      ? messages.applicationApproved({ unionName, memberNo: a.memberNo ?? '', at: a.at })
      : messages.applicationRejected({ unionName, reason: a.reason ?? null, at: a.at });
  await enqueueNotification(db, { to: [a.userId], eventKey: `${message.kind}:${a.applicationId}`, message, at: a.at, object: { type: 'application', id: a.applicationId, unionId: a.unionId } });
}

/** 候补转正 → the promoted members (member ids, as `promoteWaiting` answers them). */
export async function notifyWaitlistPromoted(db: Q, a: { activity: { id: string; union_id: string; title: string; start_at: string; place: string }; memberIds: readonly string[]; at: Date }): Promise<void> {
  if (a.memberIds.length === 0) return;
  const act = a.activity;
  const userIds = await usersOfMembers(db, a.memberIds);
  const message = messages.waitlistPromoted({ activityId: act.id, title: act.title, startAt: new Date(act.start_at), place: act.place });
  await enqueueNotification(db, { to: userIds, eventKey: `waitlist_promoted:${act.id}:${a.at.toISOString()}`, message, at: a.at, object: { type: 'activity', id: act.id, unionId: act.union_id } });
}

/** 活动变更 / 取消 → those signed up and waiting (a change only of a published activity's title, time or place). */
export async function notifyActivityChanged(
  db: Q,
  a: { activity: { id: string; union_id: string; title: string; start_at: string; place: string; status: string }; changed?: readonly string[]; cancelledReason?: string; at: Date },
): Promise<void> {
  const act = a.activity;
  if (a.cancelledReason === undefined && (act.status !== 'published' || !a.changed?.some((c) => ['title', 'start_at', 'end_at', 'place'].includes(c)))) return;
  const base = { activityId: act.id, title: act.title, startAt: new Date(act.start_at), place: act.place };
  const message = a.cancelledReason !== undefined ? messages.activityCancelled({ ...base, reason: a.cancelledReason }) : messages.activityChanged(base);
  const to = await signedUpUsers(db, act.id, ['signed_up', 'waitlisted']);
  await enqueueNotification(db, { to, eventKey: `${message.kind}:${act.id}:${a.at.toISOString()}`, message, at: a.at, object: { type: 'activity', id: act.id, unionId: act.union_id } });
}

/** 诉求有回复 / 已办结 / 已转交 → the submitter. `text`: the reply, the closing note, or (转交) the industry union's id. */
export async function notifyRequestUpdate(
  db: Q,
  a: { requestId: string; submitterUserId: string | null; unionId: string; excerpt: string; event: 'replied' | 'closed' | 'escalated'; text: string; messageId: string; at: Date },
): Promise<void> {
  const base = { requestId: a.requestId, excerpt: a.excerpt, at: a.at };
  const message =
    a.event === 'replied'
      ? messages.requestReplied({ ...base, reply: a.text })
      : a.event === 'closed'
        ? messages.requestClosed({ ...base, note: a.text })
        : messages.requestEscalated({ ...base, industryName: (await unionNameOf(db, a.text)) ?? '行业工会' });
  await enqueueNotification(db, { to: [a.submitterUserId], eventKey: `${message.kind}:${a.messageId}`, message, at: a.at, object: { type: 'request', id: a.requestId, unionId: a.unionId } });
}

/** 新的经费公示 → the union's active members. */
export async function notifyNoticePublished(db: Q, a: { noticeId: string; unionId: string; quarter: string; at: Date }): Promise<void> {
  const unionName = (await unionNameOf(db, a.unionId)) ?? '工会';
  const message = messages.noticePublished({ noticeId: a.noticeId, unionName, quarter: a.quarter, at: a.at });
  const to = await activeMemberUsers(db, a.unionId);
  await enqueueNotification(db, { to, eventKey: `notice_published:${a.noticeId}`, message, at: a.at, object: { type: 'notice', id: a.noticeId, unionId: a.unionId } });
}

/** 公示提问有答复 → the member who asked. */
export async function notifyNoticeAnswered(db: Q, a: { noticeId: string; unionId: string; askerUserId: string | null; answerId: string; answer: string; at: Date }): Promise<void> {
  const quarter = (await noticePeriodKey(db, a.noticeId)) ?? '';
  const message = messages.noticeAnswered({ noticeId: a.noticeId, quarter, answer: a.answer, at: a.at });
  await enqueueNotification(db, { to: [a.askerUserId], eventKey: `notice_answered:${a.answerId}`, message, at: a.at, object: { type: 'notice', id: a.noticeId, unionId: a.unionId } });
}

/** 支出待审批 → the union's chair(s) (unless they turned staff messages off). */
export async function notifySpendingWaiting(db: Q, a: { entryId: string; unionId: string; purpose: string; amountFen: number; at: Date }): Promise<void> {
  const message = messages.spendingWaiting({ unionId: a.unionId, purpose: a.purpose, amountYuan: (a.amountFen / 100).toFixed(2), at: a.at });
  const to = await roleHolders(db, a.unionId, ['chair'], 'staff_digest');
  await enqueueNotification(db, { to, eventKey: `spending_waiting:${a.entryId}`, message, at: a.at, object: { type: 'fund_entry', id: a.entryId, unionId: a.unionId } });
}

/** 季度待经审签署 → the union's reviewer(s). */
export async function notifySignOffWaiting(db: Q, a: { unionId: string; quarter: string; at: Date }): Promise<void> {
  const message = messages.signOffWaiting({ unionId: a.unionId, quarter: a.quarter, at: a.at });
  const to = await roleHolders(db, a.unionId, ['reviewer'], 'staff_digest');
  await enqueueNotification(db, { to, eventKey: `signoff_waiting:${a.unionId}:${a.quarter}`, message, at: a.at, object: { type: 'fund_period', id: `${a.unionId}:${a.quarter}`, unionId: a.unionId } });
}
