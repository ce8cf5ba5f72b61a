/**
 * What every request function shares: who may open a request named by id (its policy), who is
 * looking (the submitter or a handler), and a request as a list item for that viewer.
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
 */
import type { RequestCounts, RequestListItem } from '../../contract/request/items';
import type { Role } from '../../contract/labels';
import type { RequestCategory } from '../../contract/request/labels';
import { AppError } from '../../contract/errors';
import { isOverdue, replyDueAt, showsIdentity, type RequestViewer } from '../../domain/request';
import { findRequest, requestPeople, threadFigures, type RequestRow, type ThreadFigures } from '../../storage/requests.repository';
import type { Q, RequestsTable } from '../../storage/schema';
import type { FnContext, Policy } from '../registry';

/** Who handles a union's requests: its staff and chair, and the industry admin above it. */
export const HANDLERS: readonly Role[] = ['staff', 'chair', 'industryAdmin'];

/**
 * A request named by id: its submitter, the handlers of its union, and once it was escalated the
 * staff and chair of the industry union it was handed to. Everyone else: 找不到该诉求.
 */
export const requestPolicy: Policy<{ id: string }> = {
  kind: 'objectRoles',
  what: '诉求',
  roles: HANDLERS,
  owner: true,
  locate: async (input, db) => {
    const r = await findRequest(db, input.id);
    return (
      r && {
        union: { id: r.union_id, parent_id: r.union_parent_id },
        also: r.escalated_to_union_id !== null ? [{ id: r.escalated_to_union_id, parent_id: null }] : [],
        ownerUserId: r.user_id,
      }
    );
  },
};

/** The request the policy let through, and who is looking: its submitter first, else a handler. */
export async function openRequest(ctx: FnContext, id: string): Promise<{ r: RequestRow; viewer: RequestViewer }> {
  const p = ctx.requirePrincipal();
  const r = await findRequest(ctx.db, id);
  if (!r) throw new AppError('not_found', '找不到该诉求');
  return { r, viewer: r.user_id !== null && r.user_id === p.userId ? 'owner' : 'handler' };
}

export function field(path: string, message: string): AppError {
  return new AppError('validation_error', undefined, [{ path, message }]);
}

/** Counts one request into `counts` (by state, 已转交, 逾期) for the list and 诉求统计 alike; true when it is overdue. */
export function tally(counts: RequestCounts, r: Pick<RequestsTable, 'status' | 'submitted_at' | 'escalated_to_union_id'>, now: Date): boolean {
  counts[r.status]++;
  if (r.escalated_to_union_id !== null) counts.escalated++;
  const late = isOverdue({ status: r.status, submittedAt: r.submitted_at }, now);
  if (late) counts.overdue++;
  return late;
}

/** 追问待答复: the submitter wrote after the union's latest message. */
function memberWroteLast(t: ThreadFigures | undefined): boolean {
  return !!t && t.memberAt !== null && (t.staffAt === null || t.memberAt > t.staffAt);
}

function toItem(r: RequestRow, viewer: RequestViewer, people: Map<string, RequestListItem['person']>, threads: Map<string, ThreadFigures>, now: Date): RequestListItem {
  const submittedAt = r.submitted_at;
  const thread = threads.get(r.id);
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
    messages: thread?.all ?? 0,
    newReplies: viewer === 'owner' ? Math.max(0, (thread?.staff ?? 0) - r.owner_seen_replies) : 0,
    followUpPending: r.status !== 'closed' && memberWroteLast(thread),
    person: showsIdentity(r.anonymous === 1, viewer) ? (people.get(r.member_id) ?? null) : null,
    unionId: r.union_id,
    unionName: r.union_name,
    escalatedTo: r.escalated_to_union_id !== null && r.escalated_at !== null ? { unionId: r.escalated_to_union_id, unionName: r.escalated_union_name ?? '', at: r.escalated_at } : null,
  };
}

/** The requests as list items for this viewer: the person only where `showsIdentity` allows. */
export async function toItems(db: Q, rows: RequestRow[], viewer: RequestViewer, now: Date): Promise<RequestListItem[]> {
  const shown = [...new Set(rows.filter((r) => showsIdentity(r.anonymous === 1, viewer)).map((r) => r.member_id))];
  const [people, threads] = await Promise.all([requestPeople(db, shown), threadFigures(db, rows.map((r) => r.id))]);
  return rows.map((r) => toItem(r, viewer, people, threads, now));
}
