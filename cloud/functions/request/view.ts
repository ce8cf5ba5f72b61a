/**
 * Reading requests: a union's list (its handlers), one request with its thread, its photo (the
 * submitter and the handlers, `requestPolicy`). A request the caller may not see answers `not_found`.
 */
import * as c from '../../contract/request/view';
import type { RequestCounts } from '../../contract/request/items';
import { AppError } from '../../contract/errors';
import { escalation, isOverdue, mayEscalate } from '../../domain/request';
import { markRepliesSeen, requestsHandledBy, threadOf } from '../../storage/requests.repository';
import { defineFunction, rolesOn } from '../registry';
import { HANDLERS, openRequest, requestPolicy, tally, toItems } from './items';

/**
 * 诉求列表 of a union: open ones first, oldest first (the longest waiting on top); closed ones
 * after, newest first. An industry union's list also holds the requests its base unions handed
 * to it (转交), each with its base union's name.
 */
export const list = defineFunction({
  contract: c.list,
  policy: { kind: 'unionRoles', roles: HANDLERS, unionOf: (i) => i.unionId, denyAs: 'not_found' },
  kind: 'query',
  async handler(input, ctx) {
    const all = await requestsHandledBy(ctx.db, input.unionId, 2000);
    const counts: RequestCounts = { pending: 0, replied: 0, closed: 0, overdue: 0, escalated: 0 };
    for (const r of all) tally(counts, r, ctx.now);
    let rows = all.filter((r) => (!input.status || r.status === input.status) && (!input.overdueOnly || isOverdue({ status: r.status, submittedAt: r.submitted_at }, ctx.now)));
    rows = [...rows.filter((r) => r.status !== 'closed'), ...rows.filter((r) => r.status === 'closed').reverse()];
    return { items: await toItems(ctx.db, rows, 'handler', ctx.now), counts };
  },
});

/** 诉求详情 with the thread; staff of another union, and other members, get `not_found`. */
export const get = defineFunction({
  contract: c.get,
  policy: requestPolicy,
  kind: 'query',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const { r, viewer } = await openRequest(ctx, input.id);
    const [item] = await toItems(ctx.db, [r], viewer, ctx.now);
    if (item.newReplies > 0) {
      // The submitter has now seen the union's answers: 我的诉求 stops showing them as new.
      // Written only when there was something new, so opening a request again writes nothing.
      const seen = r.owner_seen_replies + item.newReplies;
      await ctx.transaction(async (w) => {
        await markRepliesSeen(w.db, r.id, seen);
        await w.audit({ action: 'request.repliesSeen', objectType: 'request', objectId: r.id, unionId: r.union_id, detail: { newReplies: item.newReplies } });
      });
    }
    const thread = await threadOf(ctx.db, r.id);
    const open = r.status !== 'closed';
    // What the caller may do now varies with their roles on the request's own union (a view, not access).
    const baseRoles = rolesOn(p.roles, { id: r.union_id, parent_id: r.union_parent_id });
    return {
      ...item,
      text: r.text,
      viewer,
      thread: thread.map((m) => ({ id: m.id, author: m.author, kind: m.kind, authorName: m.author === 'staff' ? m.author_name : null, body: m.body, at: m.created_at })),
      firstReplyAt: r.first_reply_at,
      closedAt: r.closed_at,
      rating: r.rating,
      ratingComment: r.rating_comment,
      canReply: open,
      canClose: open && viewer === 'handler',
      canRate: !open && viewer === 'owner' && r.rating === null,
      canEscalate: mayEscalate(baseRoles) && escalation({ status: r.status, escalatedToUnionId: r.escalated_to_union_id, parentUnionId: r.union_parent_id }).ok,
    };
  },
});

/** 诉求照片 for the submitter and the handlers (a request without a photo: `not_found`). */
export const photo = defineFunction({
  contract: c.photo,
  policy: requestPolicy,
  kind: 'query',
  async handler(input, ctx) {
    const { r } = await openRequest(ctx, input.id);
    if (!r.photo_key || !r.photo_mime) throw new AppError('not_found', '该诉求没有照片');
    const bytes = await ctx.services.files.get(r.photo_key);
    if (!bytes) throw new AppError('not_found', '照片已不存在');
    const ext = r.photo_mime === 'image/png' ? 'png' : r.photo_mime === 'image/webp' ? 'webp' : 'jpg';
    return { fileName: `诉求照片.${ext}`, mimeType: r.photo_mime, base64: bytes.toString('base64') };
  },
});
