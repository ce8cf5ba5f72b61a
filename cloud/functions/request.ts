/**
 * Requests and opinions (职工诉求/建议): `request.submit`, `request.mine`, `request.list`,
 * `request.get`, `request.reply`, `request.close`, `request.escalate`, `request.rate`, `request.photo`,
 * `request.stats`.
 *
 * Who does what: an active member submits; the request goes to the member's union, whose staff
 * and chair (and the industry admin above it) answer and close it; the submitter follows it,
 * adds follow-ups and rates the outcome; the industry union sees counts and overdue items.
 * A request beyond the base union (a dispute with the employer's management) may be handed to the
 * industry union once (转交行业工会): its staff and chair then handle it too, the base union keeps it.
 *
 * Anonymity (匿名): the submitter is kept so answers reach them, but for an anonymous request no
 * function shows the name, member number or unit to anyone but the submitter — not the base
 * union's staff, nor the industry union (see `showsIdentity`). The audit details hold no person
 * either. Anonymous requests are handled by the member's union like any other.
 *
 * A request named by id that the caller may not see answers `not_found`.
 */
import { notifyRequestUpdate } from './notify/producers';
import * as c from '../contract/request.contract';
import { AppError } from '../contract/errors';
import type { Role } from '../contract/labels';
import { MAX_REQUEST_PHOTO_BYTES, MAX_REQUESTS_PER_DAY, REQUEST_CATEGORIES, type RequestCategory } from '../contract/request.labels';
import { newId } from '../domain/crypto';
import { daysWaiting, escalation, isOverdue, maySubmit, replyDueAt, showsIdentity, stripPhotoMetadata, submissionWindowStart, transition, type RequestViewer } from '../domain/request';
import { decodeBase64, sniffUpload } from '../domain/upload';
import { DEMO_REQUEST_IDS } from '../seed/demo-request-ids';
import { isUniqueViolation } from '../storage/db';
import { newFileKey } from '../storage/file-store';
import { holdLimit, limitKey } from '../storage/limits.repository';
import type { Q, RequestsTable } from '../storage/schema';
import { defineFunction, holdsRoleOn, type FnContext, type Principal } from './registry';

/** Who handles a union's requests: its staff and chair, and the industry admin above it. */
const HANDLERS: readonly Role[] = ['staff', 'chair', 'industryAdmin'];

/** Who may hand a request to the industry union: the base union's own staff and chair. */
const ESCALATORS: readonly Role[] = ['staff', 'chair'];

type RequestRow = RequestsTable & { union_name: string; union_parent_id: string | null; escalated_union_name: string | null };

function field(path: string, message: string): AppError {
  return new AppError('validation_error', undefined, [{ path, message }]);
}

async function activeMember(db: Q, userId: string) {
  return db.selectFrom('members').select(['id', 'union_id']).where('user_id', '=', userId).where('status', '=', 'active').executeTakeFirst();
}

function selectRequests(db: Q) {
  return db
    .selectFrom('requests')
    .innerJoin('unions', 'unions.id', 'requests.union_id')
    .leftJoin('unions as escalated', 'escalated.id', 'requests.escalated_to_union_id')
    .selectAll('requests')
    .select(['unions.name as union_name', 'unions.parent_id as union_parent_id', 'escalated.name as escalated_union_name']);
}

/**
 * The caller's relation to a request: its submitter first, then a handler of its union, then
 * (once it was escalated) the staff and chair of the industry union it was handed to.
 */
function viewerOf(p: Principal, r: RequestRow): RequestViewer | null {
  if (r.user_id !== null && r.user_id === p.userId) return 'owner';
  if (holdsRoleOn(p.roles, HANDLERS, { id: r.union_id, parent_id: r.union_parent_id })) return 'handler';
  if (r.escalated_to_union_id !== null && holdsRoleOn(p.roles, HANDLERS, { id: r.escalated_to_union_id, parent_id: null })) return 'handler';
  return null;
}

/** May the caller hand this request on: its base union's staff or chair (not the industry union above). */
function isBaseStaff(p: Principal, r: RequestRow): boolean {
  return holdsRoleOn(p.roles, ESCALATORS, { id: r.union_id, parent_id: null });
}

/** Loads a request the caller may see, or `not_found`. */
async function requestFor(ctx: FnContext, id: string): Promise<{ r: RequestRow; viewer: RequestViewer }> {
  const p = ctx.requirePrincipal();
  const r = await selectRequests(ctx.db).where('requests.id', '=', id).executeTakeFirst();
  const viewer = r ? viewerOf(p, r) : null;
  if (!r || !viewer) throw new AppError('not_found', '找不到该诉求');
  return { r, viewer };
}

/** Names, member numbers and units of the members behind the requests this viewer may see. */
async function peopleOf(db: Q, rows: RequestRow[], viewer: RequestViewer): Promise<Map<string, c.RequestPerson>> {
  const ids = [...new Set(rows.filter((r) => showsIdentity(r.anonymous === 1, viewer)).map((r) => r.member_id))];
  if (ids.length === 0) return new Map();
  const found = await db
    .selectFrom('members')
    .leftJoin('units', 'units.id', 'members.unit_id')
    .select(['members.id', 'members.name', 'members.member_no', 'members.unit_name', 'units.name as listed_unit_name'])
    .where('members.id', 'in', ids)
    .execute();
  return new Map(found.map((m) => [m.id, { name: m.name, memberNo: m.member_no, unitName: m.listed_unit_name ?? m.unit_name }]));
}

interface MessageCount {
  all: number;
  /** The union's messages (answers, closing note). */
  staff: number;
  /** The submitter wrote last (a follow-up after the union's latest message). */
  memberLast: boolean;
}

async function messageCounts(db: Q, ids: string[]): Promise<Map<string, MessageCount>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('request_messages as m')
    .select((eb) => [
      'm.request_id',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when('m.author', '=', 'staff').then(1).else(0).end()).as('staff'),
      eb.fn.max(eb.case().when('m.author', '=', 'member').then(eb.ref('m.created_at')).end()).as('member_at'),
      // 转交 tells the member where the request went but answers nothing: a follow-up before it is still owed an answer.
      eb.fn.max(eb.case().when(eb.and([eb('m.author', '=', 'staff'), eb('m.kind', '!=', 'escalation')])).then(eb.ref('m.created_at')).end()).as('staff_at'),
    ])
    .where('m.request_id', 'in', ids)
    .groupBy('m.request_id')
    .execute();
  return new Map(
    rows.map((r) => [r.request_id, { all: Number(r.n), staff: Number(r.staff), memberLast: r.member_at !== null && (r.staff_at === null || r.member_at > r.staff_at) }]),
  );
}

function toItem(r: RequestRow, viewer: RequestViewer, people: Map<string, c.RequestPerson>, counts: Map<string, MessageCount>, now: Date): c.RequestListItem {
  const submittedAt = r.submitted_at;
  return {
    id: r.id,
    category: r.category as RequestCategory,
    status: r.status,
    excerpt: r.text.length > 60 ? `${r.text.slice(0, 60)}…` : r.text,
    anonymous: r.anonymous === 1,
    hasPhoto: r.photo_key !== null,
    submittedAt,
    replyDueAt: replyDueAt(submittedAt),
    overdue: isOverdue({ status: r.status, submittedAt }, now),
    messages: counts.get(r.id)?.all ?? 0,
    newReplies: viewer === 'owner' ? Math.max(0, (counts.get(r.id)?.staff ?? 0) - r.owner_seen_replies) : 0,
    followUpPending: r.status !== 'closed' && (counts.get(r.id)?.memberLast ?? false),
    person: showsIdentity(r.anonymous === 1, viewer) ? (people.get(r.member_id) ?? null) : null,
    unionId: r.union_id,
    unionName: r.union_name,
    escalatedTo: r.escalated_to_union_id !== null && r.escalated_at !== null ? { unionId: r.escalated_to_union_id, unionName: r.escalated_union_name ?? '', at: r.escalated_at } : null,
  };
}

async function toItems(db: Q, rows: RequestRow[], viewer: RequestViewer, now: Date): Promise<c.RequestListItem[]> {
  const [people, counts] = await Promise.all([peopleOf(db, rows, viewer), messageCounts(db, rows.map((r) => r.id))]);
  return rows.map((r) => toItem(r, viewer, people, counts, now));
}

async function displayName(db: Q, userId: string): Promise<string> {
  const u = await db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
  return u?.display_name ?? '工会干部';
}

// ---------------------------------------------------------------------------------------------

/**
 * 提交诉求/建议. Active members only (`not_member`); at most 10 in any 24 hours (`rate_limited`).
 * The photo must be a JPEG, PNG or WebP by its bytes (`invalid_attachment`), at most 3 MB; its
 * metadata (EXIF with position and device, XMP, PNG text chunks) is removed before it is stored. A repeated
 * `requestId` answers the first submission with `duplicate: true`.
 */
export const submit = defineFunction({
  contract: c.submit,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  // 3 MB of photo as base64 (4 MB) plus the text.
  maxBodyBytes: 4_600_000,
  sample: () => ({ category: 'suggestion' as const, text: '建议食堂晚班增加一份热菜（样例）', anonymous: false }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const member = await activeMember(ctx.db, p.userId);
    if (!member) throw new AppError('not_member', '入会后才能提交诉求与建议');
    if (input.requestId) {
      const earlier = await ctx.db.selectFrom('requests').select(['id', 'status']).where('user_id', '=', p.userId).where('client_request_id', '=', input.requestId).executeTakeFirst();
      if (earlier) return { id: earlier.id, status: earlier.status, duplicate: true };
    }
    const tooMany = () => new AppError('rate_limited', `24 小时内最多提交 ${MAX_REQUESTS_PER_DAY} 条诉求，请明天再提交`);
    // A first look, so a refused submission stores no photo; the count that decides is in the transaction.
    if (!maySubmit(await submittedInWindow(ctx.db, p.userId, ctx.now))) throw tooMany();

    let photo: { key: string; mime: string; bytes: number } | null = null;
    if (input.photoBase64 !== undefined) {
      const raw = decodeBase64(input.photoBase64);
      if (!raw) throw field('photoBase64', '照片格式不正确');
      const check = sniffUpload(raw, ['image/jpeg', 'image/png', 'image/webp'], MAX_REQUEST_PHOTO_BYTES);
      if (!check.ok) throw check.reason === 'unsupported_type' ? new AppError('invalid_attachment', '只能上传 JPG、PNG 或 WebP 照片') : field('photoBase64', check.message);
      const bytes = stripPhotoMetadata(raw, check.type as 'image/jpeg' | 'image/png' | 'image/webp');
      photo = { key: newFileKey('requests', ctx.now), mime: check.type, bytes: bytes.length };
      await ctx.services.files.put(photo.key, bytes);
    }

    const id = newId('req');
    const at = ctx.now.toISOString();
    try {
      await ctx.transaction(async (w) => {
        // Counted under the login's guard row, in the transaction that inserts (limits.repository.ts):
        // parallel submissions take turns, so the 11th of the day is refused.
        await holdLimit(w.db, limitKey.requests(p.userId), ctx.now);
        if (!maySubmit(await submittedInWindow(w.db, p.userId, ctx.now))) throw tooMany();
        await w.db
          .insertInto('requests')
          .values({
            id,
            union_id: member.union_id,
            member_id: member.id,
            user_id: p.userId,
            category: input.category,
            text: input.text,
            anonymous: input.anonymous ? 1 : 0,
            status: 'pending',
            owner_seen_replies: 0,
            photo_key: photo?.key ?? null,
            photo_mime: photo?.mime ?? null,
            photo_bytes: photo?.bytes ?? null,
            client_request_id: input.requestId ?? null,
            submitted_at: at,
            first_reply_at: null,
            closed_at: null,
            closed_by: null,
            rating: null,
            rating_comment: null,
            rated_at: null,
            updated_at: at,
          })
          .execute();
        // No person and no text in the detail: staff may one day read audit trails.
        await w.audit({ objectType: 'request', objectId: id, unionId: member.union_id, detail: { category: input.category, anonymous: !!input.anonymous, photoBytes: photo?.bytes ?? 0 } });
      });
    } catch (err) {
      if (photo) await ctx.services.files.delete(photo.key);
      if (input.requestId && isUniqueViolation(err)) {
        const earlier = await ctx.db.selectFrom('requests').select(['id', 'status']).where('user_id', '=', p.userId).where('client_request_id', '=', input.requestId).executeTakeFirst();
        if (earlier) return { id: earlier.id, status: earlier.status, duplicate: true };
      }
      throw err;
    }
    return { id, status: 'pending' as const, duplicate: false };
  },
});

/** Requests the login submitted in the 24 hours the submission limit counts. */
async function submittedInWindow(db: Q, userId: string, now: Date): Promise<number> {
  const r = await db.selectFrom('requests').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('submitted_at', '>', submissionWindowStart(now)).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** 我的诉求: everything the caller submitted (also from an earlier membership), newest first. */
export const mine = defineFunction({
  contract: c.mine,
  policy: { kind: 'signedIn' },
  kind: 'query',
  sample: () => ({}),
  async handler(_input, ctx) {
    const p = ctx.requirePrincipal();
    const rows = await selectRequests(ctx.db).where('requests.user_id', '=', p.userId).orderBy('requests.submitted_at', 'desc').orderBy('requests.id', 'desc').limit(200).execute();
    return { items: await toItems(ctx.db, rows, 'owner', ctx.now) };
  },
});

/** Counts one request into `counts` (by state, 已转交, 逾期) for the list and 诉求统计 alike; true when it is overdue. */
function tally(counts: c.RequestCounts, r: Pick<RequestsTable, 'status' | 'submitted_at' | 'escalated_to_union_id'>, now: Date): boolean {
  counts[r.status]++;
  if (r.escalated_to_union_id !== null) counts.escalated++;
  const late = isOverdue({ status: r.status, submittedAt: r.submitted_at }, now);
  if (late) counts.overdue++;
  return late;
}

/**
 * 诉求列表 of a union: open ones first, oldest first (the longest waiting on top); closed ones
 * after, newest first. An industry union's list also holds the requests its base unions handed
 * to it (转交), each with its base union's name.
 */
export const list = defineFunction({
  contract: c.list,
  policy: { kind: 'unionRoles', roles: HANDLERS, unionOf: (i) => i.unionId, denyAs: 'not_found' },
  kind: 'query',
  sample: (f) => ({ unionId: f.baseUnionId }),
  async handler(input, ctx) {
    const all = await selectRequests(ctx.db)
      .where((eb) => eb.or([eb('requests.union_id', '=', input.unionId), eb('requests.escalated_to_union_id', '=', input.unionId)]))
      .orderBy('requests.submitted_at')
      .orderBy('requests.id')
      .limit(2000)
      .execute();
    const counts: c.RequestCounts = { pending: 0, replied: 0, closed: 0, overdue: 0, escalated: 0 };
    for (const r of all) tally(counts, r, ctx.now);
    let rows = all.filter((r) => (!input.status || r.status === input.status) && (!input.overdueOnly || isOverdue({ status: r.status, submittedAt: r.submitted_at }, ctx.now)));
    rows = [...rows.filter((r) => r.status !== 'closed'), ...rows.filter((r) => r.status === 'closed').reverse()];
    return { items: await toItems(ctx.db, rows, 'handler', ctx.now), counts };
  },
});

/** 诉求详情 with the thread; staff of another union, and other members, get `not_found`. */
export const get = defineFunction({
  contract: c.get,
  policy: { kind: 'signedIn' },
  kind: 'query',
  sample: () => ({ id: DEMO_REQUEST_IDS.named }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const { r, viewer } = await requestFor(ctx, input.id);
    const [item] = await toItems(ctx.db, [r], viewer, ctx.now);
    if (item.newReplies > 0) {
      // The submitter has now seen the union's answers: 我的诉求 stops showing them as new.
      // Written only when there was something new, so opening a request again writes nothing;
      // never lowered (two openings racing each other).
      const seen = r.owner_seen_replies + item.newReplies;
      await ctx.transaction(async (w) => {
        await w.db.updateTable('requests').set({ owner_seen_replies: seen }).where('id', '=', r.id).where('owner_seen_replies', '<', seen).execute();
        await w.audit({ action: 'request.repliesSeen', objectType: 'request', objectId: r.id, unionId: r.union_id, detail: { newReplies: item.newReplies } });
      });
    }
    const thread = await ctx.db.selectFrom('request_messages').selectAll().where('request_id', '=', r.id).orderBy('created_at').orderBy('id').execute();
    const open = r.status !== 'closed';
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
      canEscalate: isBaseStaff(p, r) && escalation({ status: r.status, escalatedToUnionId: r.escalated_to_union_id, parentUnionId: r.union_parent_id }).ok,
    };
  },
});

/**
 * 回复. From a handler: the union's answer (待处理 → 处理中). From the submitter: a follow-up
 * (追问), the state stays. A closed request takes no more messages (`request_closed`).
 */
export const reply = defineFunction({
  contract: c.reply,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  sample: () => ({ id: DEMO_REQUEST_IDS.replied, body: '已与餐厅负责人沟通，本周内更换防滑垫（样例）' }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const { r, viewer } = await requestFor(ctx, input.id);
    const t = transition(r.status, viewer === 'owner' ? 'memberFollowUp' : 'staffReply');
    if (!t.ok) throw new AppError('request_closed');
    const messageId = newId('rqm');
    const at = ctx.now.toISOString();
    const authorName = viewer === 'handler' ? await displayName(ctx.db, p.userId) : null;
    await ctx.transaction(async (w) => {
      await w.db
        .insertInto('request_messages')
        .values({ id: messageId, request_id: r.id, author: viewer === 'owner' ? 'member' : 'staff', kind: viewer === 'owner' ? 'follow_up' : 'reply', author_user_id: p.userId, author_name: authorName, body: input.body, created_at: at })
        .execute();
      const changed = await w.db
        .updateTable('requests')
        .set({ status: t.status, updated_at: at, ...(viewer === 'handler' && r.first_reply_at === null ? { first_reply_at: at } : {}) })
        .where('id', '=', r.id)
        .where('status', '=', r.status)
        .executeTakeFirst();
      // Closed (or answered) meanwhile by someone else: the caller's view is stale.
      if (Number(changed.numUpdatedRows) !== 1) throw new AppError('request_closed', '该诉求刚刚被他人处理，请刷新后再试');
      if (viewer === 'handler') await notifyRequestUpdate(w.db, { requestId: r.id, submitterUserId: r.user_id, unionId: r.union_id, excerpt: r.text, event: 'replied', text: input.body, messageId, at: ctx.now });
      await w.audit({ objectType: 'request', objectId: r.id, unionId: r.union_id, detail: { messageId, author: viewer === 'owner' ? 'member' : 'staff', status: t.status } });
    });
    return { messageId, status: t.status };
  },
});

/** 办结 by a handler; a request nobody has answered yet needs a note. Closing again answers `duplicate: true`. */
export const close = defineFunction({
  contract: c.close,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  sample: () => ({ id: DEMO_REQUEST_IDS.replied, note: '已更换防滑垫，问题已解决（样例）' }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const { r, viewer } = await requestFor(ctx, input.id);
    if (viewer !== 'handler') throw new AppError('forbidden', '只有工会干部可以办结');
    if (r.status === 'closed') return { status: 'closed' as const, duplicate: true };
    const t = transition(r.status, 'close', !!input.note);
    if (!t.ok) throw t.reason === 'note_required' ? field('note', '尚未答复的诉求，办结时请填写办结说明') : new AppError('request_closed');
    const at = ctx.now.toISOString();
    const authorName = await displayName(ctx.db, p.userId);
    await ctx.transaction(async (w) => {
      if (input.note) {
        await w.db
          .insertInto('request_messages')
          .values({ id: newId('rqm'), request_id: r.id, author: 'staff', kind: 'close_note', author_user_id: p.userId, author_name: authorName, body: input.note, created_at: at })
          .execute();
      }
      const changed = await w.db
        .updateTable('requests')
        .set({ status: 'closed', closed_at: at, closed_by: p.userId, updated_at: at, ...(r.first_reply_at === null ? { first_reply_at: at } : {}) })
        .where('id', '=', r.id)
        .where('status', '=', r.status)
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) !== 1) throw new AppError('request_closed', '该诉求刚刚被他人处理，请刷新后再试');
      await notifyRequestUpdate(w.db, { requestId: r.id, submitterUserId: r.user_id, unionId: r.union_id, excerpt: r.text, event: 'closed', text: input.note ?? '已办结', messageId: `close:${r.id}`, at: ctx.now });
      await w.audit({ objectType: 'request', objectId: r.id, unionId: r.union_id, detail: { from: r.status, note: !!input.note } });
    });
    return { status: 'closed' as const, duplicate: false };
  },
});

/**
 * 转交行业工会 by the base union's staff or chair (others who see the request: `forbidden`): an
 * open request (`request_closed`), once (`already_escalated`), to the industry union above the
 * base union (none: `cannot_escalate`). The reason joins the thread as an `escalation` message,
 * so the member reads "已转交 <行业工会>：<理由>"; the state and the reply deadline stay as they are.
 */
export const escalate = defineFunction({
  contract: c.escalate,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  sample: () => ({ id: DEMO_REQUEST_IDS.named, note: '涉及与企业管理层的劳动争议，本会难以协调（样例）' }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const { r } = await requestFor(ctx, input.id);
    if (!isBaseStaff(p, r)) throw new AppError('forbidden', '只有本会工会干部可以转交行业工会');
    const check = (row: Pick<RequestRow, 'status' | 'escalated_to_union_id' | 'union_parent_id'>) => {
      const e = escalation({ status: row.status, escalatedToUnionId: row.escalated_to_union_id, parentUnionId: row.union_parent_id });
      if (!e.ok) throw new AppError(e.reason, e.reason === 'request_closed' ? '已办结的诉求不能转交' : undefined);
      return e.toUnionId;
    };
    const toUnionId = check(r);
    const messageId = newId('rqm');
    const at = ctx.now.toISOString();
    const authorName = await displayName(ctx.db, p.userId);
    await ctx.transaction(async (w) => {
      const changed = await w.db
        .updateTable('requests')
        .set({ escalated_to_union_id: toUnionId, escalated_at: at, escalated_by_user_id: p.userId, updated_at: at })
        .where('id', '=', r.id)
        .where('escalated_to_union_id', 'is', null)
        .where('status', '!=', 'closed')
        .executeTakeFirst();
      // Escalated or closed meanwhile by someone else: say which.
      if (Number(changed.numUpdatedRows) !== 1) check({ ...(await w.db.selectFrom('requests').select(['status', 'escalated_to_union_id']).where('id', '=', r.id).executeTakeFirstOrThrow()), union_parent_id: r.union_parent_id });
      await w.db
        .insertInto('request_messages')
        .values({ id: messageId, request_id: r.id, author: 'staff', kind: 'escalation', author_user_id: p.userId, author_name: authorName, body: input.note, created_at: at })
        .execute();
      // No person and no text in the detail, as for the other request events.
      await notifyRequestUpdate(w.db, { requestId: r.id, submitterUserId: r.user_id, unionId: r.union_id, excerpt: r.text, event: 'escalated', text: toUnionId, messageId, at: ctx.now });
      await w.audit({ objectType: 'request', objectId: r.id, unionId: r.union_id, detail: { messageId, toUnionId, status: r.status } });
    });
    const to = await ctx.db.selectFrom('unions').select('name').where('id', '=', toUnionId).executeTakeFirstOrThrow();
    return { messageId, escalatedTo: { unionId: toUnionId, unionName: to.name, at } };
  },
});

/** 评价 by the submitter, once, after 办结 (before it: `invalid_request_state`); again: `duplicate: true` with the first rating. */
export const rate = defineFunction({
  contract: c.rate,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  sample: () => ({ id: DEMO_REQUEST_IDS.closed, satisfied: true }),
  async handler(input, ctx) {
    const { r, viewer } = await requestFor(ctx, input.id);
    if (viewer !== 'owner') throw new AppError('forbidden', '只有提交人可以评价');
    if (r.status !== 'closed') throw new AppError('request_not_closed');
    if (r.rating) return { rating: r.rating, duplicate: true };
    const rating = input.satisfied ? ('satisfied' as const) : ('unsatisfied' as const);
    const at = ctx.now.toISOString();
    const first = await ctx.transaction(async (w) => {
      const changed = await w.db
        .updateTable('requests')
        .set({ rating, rating_comment: input.comment ?? null, rated_at: at, updated_at: at })
        .where('id', '=', r.id)
        .where('rating', 'is', null)
        .executeTakeFirst();
      const won = Number(changed.numUpdatedRows) === 1;
      await w.audit({ objectType: 'request', objectId: r.id, unionId: r.union_id, detail: won ? { rating } : { rating, duplicate: true } });
      return won;
    });
    if (!first) {
      const now = await ctx.db.selectFrom('requests').select('rating').where('id', '=', r.id).executeTakeFirstOrThrow();
      return { rating: now.rating ?? rating, duplicate: true };
    }
    return { rating, duplicate: false };
  },
});

/** 诉求照片 for the submitter and the handlers (a request without a photo: `not_found`). */
export const photo = defineFunction({
  contract: c.photo,
  policy: { kind: 'signedIn' },
  kind: 'query',
  sample: () => ({ id: DEMO_REQUEST_IDS.anonymous }),
  async handler(input, ctx) {
    const { r } = await requestFor(ctx, input.id);
    if (!r.photo_key || !r.photo_mime) throw new AppError('not_found', '该诉求没有照片');
    const bytes = await ctx.services.files.get(r.photo_key);
    if (!bytes) throw new AppError('not_found', '照片已不存在');
    const ext = r.photo_mime === 'image/png' ? 'png' : r.photo_mime === 'image/webp' ? 'webp' : 'jpg';
    return { fileName: `诉求照片.${ext}`, mimeType: r.photo_mime, base64: bytes.toString('base64') };
  },
});

/**
 * 诉求统计 for the industry union (its staff, chair and admin): per union (the industry union's
 * own direct members and each base union) counts by state and category, satisfaction, and the
 * overdue requests, longest waiting first. No person and no text.
 */
export const stats = defineFunction({
  contract: c.stats,
  policy: { kind: 'unionRoles', roles: ['staff', 'chair', 'industryAdmin'], unionOf: (i) => i.unionId, denyAs: 'not_found' },
  kind: 'query',
  sample: (f) => ({ unionId: f.industryUnionId }),
  async handler(input, ctx) {
    const industry = await ctx.db.selectFrom('unions').select(['id', 'name', 'kind']).where('id', '=', input.unionId).executeTakeFirstOrThrow();
    if (industry.kind !== 'industry') throw field('unionId', '请选择行业工会');
    const unions = [
      { id: industry.id, name: industry.name },
      ...(await ctx.db.selectFrom('unions').select(['id', 'name']).where('parent_id', '=', industry.id).orderBy('code').execute()),
    ];
    const rows = await ctx.db
      .selectFrom('requests')
      .select(['id', 'union_id', 'category', 'status', 'anonymous', 'submitted_at', 'rating', 'escalated_to_union_id'])
      .where('union_id', 'in', unions.map((u) => u.id))
      .execute();
    const totals = { total: 0, pending: 0, replied: 0, closed: 0, overdue: 0, escalated: 0 };
    const overdue: c.OverdueRequest[] = [];
    const byUnion = unions.map((u) => {
      const mine = rows.filter((r) => r.union_id === u.id);
      const s: c.RequestUnionStats = { unionId: u.id, unionName: u.name, total: mine.length, pending: 0, replied: 0, closed: 0, overdue: 0, escalated: 0, byCategory: {}, satisfiedPercent: null };
      for (const r of mine) {
        const cat = (REQUEST_CATEGORIES as readonly string[]).includes(r.category) ? (r.category as RequestCategory) : 'other';
        s.byCategory[cat] = (s.byCategory[cat] ?? 0) + 1;
        if (tally(s, r, ctx.now)) {
          overdue.push({ id: r.id, unionId: u.id, unionName: u.name, category: cat, submittedAt: r.submitted_at, replyDueAt: replyDueAt(r.submitted_at), daysWaiting: daysWaiting(r.submitted_at, ctx.now), anonymous: r.anonymous === 1 });
        }
      }
      const rated = mine.filter((r) => r.rating !== null);
      s.satisfiedPercent = rated.length ? Math.round((100 * rated.filter((r) => r.rating === 'satisfied').length) / rated.length) : null;
      for (const k of ['total', 'pending', 'replied', 'closed', 'overdue', 'escalated'] as const) totals[k] += s[k];
      return s;
    });
    overdue.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.id.localeCompare(b.id));
    return { unions: byUnion, totals, overdue };
  },
});
