/** Requests (职工诉求/建议) and their threads, as stored. */
import type { Q, RequestMessagesTable, RequestsTable } from './schema';

/** A request with its union's name and parent, and the name of the union it was handed to. */
export type RequestRow = RequestsTable & { union_name: string; union_parent_id: string | null; escalated_union_name: string | null };

function selectRequests(db: Q) {
  return db
    .selectFrom('requests')
    .innerJoin('unions', 'unions.id', 'requests.union_id')
    .leftJoin('unions as escalated', 'escalated.id', 'requests.escalated_to_union_id')
    .selectAll('requests')
    .select(['unions.name as union_name', 'unions.parent_id as union_parent_id', 'escalated.name as escalated_union_name']);
}

export async function findRequest(db: Q, id: string): Promise<RequestRow | undefined> {
  return selectRequests(db).where('requests.id', '=', id).executeTakeFirst();
}

/** What the login submitted (also from an earlier membership), newest first, at most `limit`. */
export async function requestsOfUser(db: Q, userId: string, limit: number): Promise<RequestRow[]> {
  return selectRequests(db).where('requests.user_id', '=', userId).orderBy('requests.submitted_at', 'desc').orderBy('requests.id', 'desc').limit(limit).execute();
}

/** A union's requests and those handed to it (转交), oldest first, at most `limit`. */
export async function requestsHandledBy(db: Q, unionId: string, limit: number): Promise<RequestRow[]> {
  return selectRequests(db)
    .where((eb) => eb.or([eb('requests.union_id', '=', unionId), eb('requests.escalated_to_union_id', '=', unionId)]))
    .orderBy('requests.submitted_at')
    .orderBy('requests.id')
    .limit(limit)
    .execute();
}

/** The requests of the given unions, for counting (no text, no person). */
export async function requestFiguresOf(db: Q, unionIds: readonly string[]) {
  if (unionIds.length === 0) return [];
  return db.selectFrom('requests').select(['id', 'union_id', 'category', 'status', 'anonymous', 'submitted_at', 'rating', 'escalated_to_union_id']).where('union_id', 'in', unionIds).execute();
}

/** The submission the login made with this client `requestId`, if any. */
export async function findSubmission(db: Q, userId: string, clientRequestId: string): Promise<Pick<RequestsTable, 'id' | 'status'> | undefined> {
  return db.selectFrom('requests').select(['id', 'status']).where('user_id', '=', userId).where('client_request_id', '=', clientRequestId).executeTakeFirst();
}

/** How many requests the login submitted after `sinceIso`. */
export async function countSubmittedSince(db: Q, userId: string, sinceIso: string): Promise<number> {
  const r = await db.selectFrom('requests').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('submitted_at', '>', sinceIso).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertRequest(db: Q, row: RequestsTable): Promise<void> {
  await db.insertInto('requests').values(row).execute();
}

/** Names, member numbers and units (the listed unit's name, else the one written in) of members. */
export async function requestPeople(db: Q, memberIds: readonly string[]): Promise<Map<string, { name: string; memberNo: string; unitName: string | null }>> {
  if (memberIds.length === 0) return new Map();
  const found = await db
    .selectFrom('members')
    .leftJoin('units', 'units.id', 'members.unit_id')
    .select(['members.id', 'members.name', 'members.member_no', 'members.unit_name', 'units.name as listed_unit_name'])
    .where('members.id', 'in', memberIds)
    .execute();
  return new Map(found.map((m) => [m.id, { name: m.name, memberNo: m.member_no, unitName: m.listed_unit_name ?? m.unit_name }]));
}

/**
 * Per request: its messages, the union's messages (answers, closing note), and when the member
 * and the union (转交 aside: it answers nothing) last wrote.
 */
export interface ThreadFigures {
  all: number;
  staff: number;
  memberAt: string | null;
  staffAt: string | null;
}

export async function threadFigures(db: Q, requestIds: readonly string[]): Promise<Map<string, ThreadFigures>> {
  if (requestIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('request_messages as m')
    .select((eb) => [
      'm.request_id',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when('m.author', '=', 'staff').then(1).else(0).end()).as('staff'),
      eb.fn.max(eb.case().when('m.author', '=', 'member').then(eb.ref('m.created_at')).end()).as('member_at'),
      eb.fn.max(eb.case().when(eb.and([eb('m.author', '=', 'staff'), eb('m.kind', '!=', 'escalation')])).then(eb.ref('m.created_at')).end()).as('staff_at'),
    ])
    .where('m.request_id', 'in', requestIds)
    .groupBy('m.request_id')
    .execute();
  return new Map(rows.map((r) => [r.request_id, { all: Number(r.n), staff: Number(r.staff), memberAt: r.member_at ?? null, staffAt: r.staff_at ?? null }]));
}

export async function threadOf(db: Q, requestId: string): Promise<RequestMessagesTable[]> {
  return db.selectFrom('request_messages').selectAll().where('request_id', '=', requestId).orderBy('created_at').orderBy('id').execute();
}

export async function insertRequestMessage(db: Q, row: RequestMessagesTable): Promise<void> {
  await db.insertInto('request_messages').values(row).execute();
}

/** The submitter has seen `seen` of the union's messages (never lowered: two openings may race). */
export async function markRepliesSeen(db: Q, requestId: string, seen: number): Promise<void> {
  await db.updateTable('requests').set({ owner_seen_replies: seen }).where('id', '=', requestId).where('owner_seen_replies', '<', seen).execute();
}

/** Updates a request still in `status`; false when someone changed its state meanwhile. */
export async function updateRequestInStatus(db: Q, requestId: string, status: RequestsTable['status'], fields: Partial<RequestsTable>): Promise<boolean> {
  const changed = await db.updateTable('requests').set(fields).where('id', '=', requestId).where('status', '=', status).executeTakeFirst();
  return Number(changed.numUpdatedRows) === 1;
}

/** Marks an open, not yet escalated request as handed to `toUnionId`; false when it was closed or escalated meanwhile. */
export async function markEscalated(db: Q, requestId: string, e: { toUnionId: string; at: string; byUserId: string }): Promise<boolean> {
  const changed = await db
    .updateTable('requests')
    .set({ escalated_to_union_id: e.toUnionId, escalated_at: e.at, escalated_by_user_id: e.byUserId, updated_at: e.at })
    .where('id', '=', requestId)
    .where('escalated_to_union_id', 'is', null)
    .where('status', '!=', 'closed')
    .executeTakeFirst();
  return Number(changed.numUpdatedRows) === 1;
}

/** Rates a request not rated yet; false when it was rated meanwhile. */
export async function rateRequest(db: Q, requestId: string, r: { rating: 'satisfied' | 'unsatisfied'; comment: string | null; at: string }): Promise<boolean> {
  const changed = await db.updateTable('requests').set({ rating: r.rating, rating_comment: r.comment, rated_at: r.at, updated_at: r.at }).where('id', '=', requestId).where('rating', 'is', null).executeTakeFirst();
  return Number(changed.numUpdatedRows) === 1;
}

/** A request's state as it is now (after a lost race). */
export async function requestState(db: Q, requestId: string): Promise<Pick<RequestsTable, 'status' | 'escalated_to_union_id' | 'rating'>> {
  return db.selectFrom('requests').select(['status', 'escalated_to_union_id', 'rating']).where('id', '=', requestId).executeTakeFirstOrThrow();
}
