/**
 * Working a request: 回复 / 追问, 办结, 转交行业工会, 评价. Who may open the request is the policy
 * (`requestPolicy`: not_found for everyone else); what each of them may do with it is the rule
 * here (`forbidden`): handlers close, the submitter rates, the base union's own staff and chair
 * hand it on.
 */
import * as c from '../../contract/request/handle';
import { AppError } from '../../contract/errors';
import { newId } from '../../domain/crypto';
import { escalation, mayEscalate, transition } from '../../domain/request';
import { insertRequestMessage, markEscalated, rateRequest, requestState, updateRequestInStatus, type RequestRow } from '../../storage/requests.repository';
import { findUnion } from '../../storage/unions.repository';
import { displayNameOf } from '../../storage/users.repository';
import type { Q } from '../../storage/schema';
import { defineFunction, rolesOn } from '../registry';
import { field, openRequest, requestPolicy } from './items';
import { notifyRequestUpdate } from '../notify/producers';

/** The name staff messages are signed with. */
async function staffName(db: Q, userId: string): Promise<string> {
  return (await displayNameOf(db, userId)) ?? '工会干部';
}

const takenMeanwhile = () => new AppError('request_closed', '该诉求刚刚被他人处理，请刷新后再试');

/**
 * 回复. From a handler: the union's answer (待处理 → 处理中). From the submitter: a follow-up
 * (追问), the state stays. A closed request takes no more messages (`request_closed`).
 */
export const reply = defineFunction({
  contract: c.reply,
  policy: requestPolicy,
  kind: 'mutation',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const { r, viewer } = await openRequest(ctx, input.id);
    const t = transition(r.status, viewer === 'owner' ? 'memberFollowUp' : 'staffReply');
    if (!t.ok) throw new AppError('request_closed');
    const messageId = newId('rqm');
    const at = ctx.now.toISOString();
    const authorName = viewer === 'handler' ? await staffName(ctx.db, p.userId) : null;
    await ctx.transaction(async (w) => {
      await insertRequestMessage(w.db, { id: messageId, request_id: r.id, author: viewer === 'owner' ? 'member' : 'staff', kind: viewer === 'owner' ? 'follow_up' : 'reply', author_user_id: p.userId, author_name: authorName, body: input.body, created_at: at });
      // Closed (or answered) meanwhile by someone else: the caller's view is stale.
      if (!(await updateRequestInStatus(w.db, r.id, r.status, { status: t.status, updated_at: at, ...(viewer === 'handler' && r.first_reply_at === null ? { first_reply_at: at } : {}) }))) throw takenMeanwhile();
      if (viewer === 'handler') await notifyRequestUpdate(w.db, { requestId: r.id, submitterUserId: r.user_id, unionId: r.union_id, excerpt: r.text, event: 'replied', text: input.body, messageId, at: ctx.now });
      await w.audit({ objectType: 'request', objectId: r.id, unionId: r.union_id, detail: { messageId, author: viewer === 'owner' ? 'member' : 'staff', status: t.status } });
    });
    return { messageId, status: t.status };
  },
});

/** 办结 by a handler; a request nobody has answered yet needs a note. Closing again answers `duplicate: true`. */
export const close = defineFunction({
  contract: c.close,
  policy: requestPolicy,
  kind: 'mutation',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const { r, viewer } = await openRequest(ctx, input.id);
    if (viewer !== 'handler') throw new AppError('forbidden', '只有工会干部可以办结');
    if (r.status === 'closed') return { status: 'closed' as const, duplicate: true };
    const t = transition(r.status, 'close', !!input.note);
    if (!t.ok) throw t.reason === 'note_required' ? field('note', '尚未答复的诉求，办结时请填写办结说明') : new AppError('request_closed');
    const at = ctx.now.toISOString();
    const authorName = await staffName(ctx.db, p.userId);
    await ctx.transaction(async (w) => {
      if (input.note) {
        await insertRequestMessage(w.db, { id: newId('rqm'), request_id: r.id, author: 'staff', kind: 'close_note', author_user_id: p.userId, author_name: authorName, body: input.note, created_at: at });
      }
      if (!(await updateRequestInStatus(w.db, r.id, r.status, { status: 'closed', closed_at: at, closed_by: p.userId, updated_at: at, ...(r.first_reply_at === null ? { first_reply_at: at } : {}) }))) throw takenMeanwhile();
      await notifyRequestUpdate(w.db, { requestId: r.id, submitterUserId: r.user_id, unionId: r.union_id, excerpt: r.text, event: 'closed', text: input.note ?? '已办结', messageId: `close:${r.id}`, at: ctx.now });
      await w.audit({ objectType: 'request', objectId: r.id, unionId: r.union_id, detail: { from: r.status, note: !!input.note } });
    });
    return { status: 'closed' as const, duplicate: false };
  },
});

/** The industry union to hand the request to, or the reason it cannot be (`request_closed`, `already_escalated`, `cannot_escalate`). */
function escalationTarget(r: Pick<RequestRow, 'status' | 'escalated_to_union_id' | 'union_parent_id'>): string {
  const e = escalation({ status: r.status, escalatedToUnionId: r.escalated_to_union_id, parentUnionId: r.union_parent_id });
  if (!e.ok) throw new AppError(e.reason, e.reason === 'request_closed' ? '已办结的诉求不能转交' : undefined);
  return e.toUnionId;
}

/**
 * 转交行业工会 by the base union's staff or chair (others who see the request: `forbidden`): an
 * open request (`request_closed`), once (`already_escalated`), to the industry union above the
 * base union (none: `cannot_escalate`). The reason joins the thread as an `escalation` message,
 * so the member reads "已转交 <行业工会>：<理由>"; the state and the reply deadline stay as they are.
 */
export const escalate = defineFunction({
  contract: c.escalate,
  policy: requestPolicy,
  kind: 'mutation',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const { r } = await openRequest(ctx, input.id);
    if (!mayEscalate(rolesOn(p.roles, { id: r.union_id, parent_id: r.union_parent_id }))) throw new AppError('forbidden', '只有本会工会干部可以转交行业工会');
    const toUnionId = escalationTarget(r);
    const messageId = newId('rqm');
    const at = ctx.now.toISOString();
    const authorName = await staffName(ctx.db, p.userId);
    await ctx.transaction(async (w) => {
      // Escalated or closed meanwhile by someone else: say which.
      if (!(await markEscalated(w.db, r.id, { toUnionId, at, byUserId: p.userId }))) escalationTarget({ ...(await requestState(w.db, r.id)), union_parent_id: r.union_parent_id });
      await insertRequestMessage(w.db, { id: messageId, request_id: r.id, author: 'staff', kind: 'escalation', author_user_id: p.userId, author_name: authorName, body: input.note, created_at: at });
      await notifyRequestUpdate(w.db, { requestId: r.id, submitterUserId: r.user_id, unionId: r.union_id, excerpt: r.text, event: 'escalated', text: toUnionId, messageId, at: ctx.now });
      // No person and no text in the detail, as for the other request events.
      await w.audit({ objectType: 'request', objectId: r.id, unionId: r.union_id, detail: { messageId, toUnionId, status: r.status } });
    });
    const to = await findUnion(ctx.db, toUnionId);
    return { messageId, escalatedTo: { unionId: toUnionId, unionName: to?.name ?? '', at } };
  },
});

/** 评价 by the submitter, once, after 办结 (before it: `invalid_request_state`); again: `duplicate: true` with the first rating. */
export const rate = defineFunction({
  contract: c.rate,
  policy: requestPolicy,
  kind: 'mutation',
  async handler(input, ctx) {
    const { r, viewer } = await openRequest(ctx, input.id);
    if (viewer !== 'owner') throw new AppError('forbidden', '只有提交人可以评价');
    if (r.status !== 'closed') throw new AppError('request_not_closed');
    if (r.rating) return { rating: r.rating, duplicate: true };
    const rating = input.satisfied ? ('satisfied' as const) : ('unsatisfied' as const);
    const at = ctx.now.toISOString();
    const first = await ctx.transaction(async (w) => {
      const won = await rateRequest(w.db, r.id, { rating, comment: input.comment ?? null, at });
      await w.audit({ objectType: 'request', objectId: r.id, unionId: r.union_id, detail: won ? { rating } : { rating, duplicate: true } });
      return won;
    });
    if (!first) return { rating: (await requestState(ctx.db, r.id)).rating ?? rating, duplicate: true };
    return { rating, duplicate: false };
  },
});
