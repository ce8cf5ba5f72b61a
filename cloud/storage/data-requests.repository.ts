/** The members' data requests (个人信息请求: 更正、注销删除) as stored. */
import type { MemberDataRequestsTable, Q } from './schema';

function requestQuery(db: Q) {
  return db.selectFrom('member_data_requests as r').innerJoin('members as m', 'm.id', 'r.member_id').selectAll('r').select(['m.name as member_name', 'm.member_no']);
}

type RequestQuery = ReturnType<typeof requestQuery>;

/** A data request with the member's name and number, newest first. */
export type DataRequestRow = Awaited<ReturnType<typeof requestRows>>[number];

function requestRows(db: Q, where: (q: RequestQuery) => RequestQuery) {
  return where(requestQuery(db)).orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(200).execute();
}

/** A union's data requests of one status or all; at most 200. */
export async function dataRequestsOfUnion(db: Q, unionId: string, status: MemberDataRequestsTable['status'] | 'all'): Promise<DataRequestRow[]> {
  return requestRows(db, (q) => {
    const r = q.where('r.union_id', '=', unionId);
    return status === 'all' ? r : r.where('r.status', '=', status);
  });
}

export async function dataRequestsOfMembers(db: Q, memberIds: readonly string[]): Promise<DataRequestRow[]> {
  return memberIds.length ? requestRows(db, (q) => q.where('r.member_id', 'in', memberIds)) : [];
}

/** Every data request of these member records, oldest first, unabridged (for the member's own copy). */
export async function allDataRequestsOfMembers(db: Q, memberIds: readonly string[]): Promise<MemberDataRequestsTable[]> {
  return memberIds.length ? db.selectFrom('member_data_requests').selectAll().where('member_id', 'in', memberIds).orderBy('created_at').execute() : [];
}

export async function findDataRequest(db: Q, id: string): Promise<MemberDataRequestsTable | undefined> {
  return db.selectFrom('member_data_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The member's pending data request of one kind (and, for a correction, one field). */
export async function pendingDataRequest(db: Q, memberId: string, kind: 'correction' | 'deletion', field: string | null): Promise<{ id: string; value_enc: string | null } | undefined> {
  let q = db.selectFrom('member_data_requests').select(['id', 'value_enc']).where('member_id', '=', memberId).where('kind', '=', kind).where('status', '=', 'pending');
  if (field !== null) q = q.where('field', '=', field);
  return q.executeTakeFirst();
}

export async function insertDataRequest(db: Q, row: Omit<MemberDataRequestsTable, 'handled_by' | 'handled_at' | 'response'>): Promise<void> {
  await db.insertInto('member_data_requests').values(row).execute();
}

/** Settles a pending request; false when it was no longer pending (another decision got there first). */
export async function settleDataRequest(db: Q, id: string, set: { status: 'done' | 'rejected'; handledBy: string; handledAt: string; response: string | null }): Promise<boolean> {
  const r = await db
    .updateTable('member_data_requests')
    .set({ status: set.status, handled_by: set.handledBy, handled_at: set.handledAt, response: set.response })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
