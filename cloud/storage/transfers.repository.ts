/** Transfers between unions (会籍转接) as stored: one row per request, kept as history. */
import type { MemberTransfersTable, Q } from './schema';

function transferQuery(db: Q) {
  return db
    .selectFrom('member_transfers as t')
    .innerJoin('members as m', 'm.id', 't.member_id')
    .innerJoin('unions as fu', 'fu.id', 't.from_union_id')
    .innerJoin('unions as tu', 'tu.id', 't.to_union_id')
    .leftJoin('units as un', 'un.id', 't.to_unit_id')
    .selectAll('t')
    .select(['m.name as member_name', 'm.gender', 'm.id_number_masked', 'm.phone_masked', 'm.job', 'm.user_id as member_user_id', 'fu.name as from_union_name', 'tu.name as to_union_name', 'un.name as listed_unit_name']);
}

type TransferQuery = ReturnType<typeof transferQuery>;

/** A transfer with the member's masked numbers and both unions' names, newest first. */
export type TransferRow = Awaited<ReturnType<typeof transferRows>>[number];

async function transferRows(db: Q, where: (q: TransferQuery) => TransferQuery) {
  return where(transferQuery(db)).orderBy('t.created_at', 'desc').orderBy('t.id', 'desc').execute();
}

export async function findTransfer(db: Q, id: string): Promise<TransferRow | undefined> {
  return (await transferRows(db, (q) => q.where('t.id', '=', id)))[0];
}

/** The member's pending transfer (at most one: a unique index). */
export async function pendingTransferOf(db: Q, memberId: string): Promise<TransferRow | undefined> {
  return (await transferRows(db, (q) => q.where('t.member_id', '=', memberId).where('t.status', '=', 'pending')))[0];
}

export async function transfersOfMembers(db: Q, memberIds: readonly string[]): Promise<TransferRow[]> {
  return memberIds.length ? transferRows(db, (q) => q.where('t.member_id', 'in', memberIds)) : [];
}

/** A union's transfers in, out or both, of one status or all; at most 200. */
export async function transfersOfUnion(db: Q, unionId: string, direction: 'in' | 'out' | 'all', status: MemberTransfersTable['status'] | 'all'): Promise<TransferRow[]> {
  return transferRows(db, (q) => {
    let r = q.where((eb) =>
      direction === 'in' ? eb('t.to_union_id', '=', unionId) : direction === 'out' ? eb('t.from_union_id', '=', unionId) : eb.or([eb('t.to_union_id', '=', unionId), eb('t.from_union_id', '=', unionId)]),
    );
    if (status !== 'all') r = r.where('t.status', '=', status);
    return r.limit(200);
  });
}

/** Where a transfer sits, for its policies: the sending and receiving unions and the member's login. */
export async function transferScope(db: Q, id: string) {
  return db
    .selectFrom('member_transfers as t')
    .innerJoin('members as m', 'm.id', 't.member_id')
    .innerJoin('unions as fu', 'fu.id', 't.from_union_id')
    .innerJoin('unions as tu', 'tu.id', 't.to_union_id')
    .select(['fu.id as from_id', 'fu.parent_id as from_parent_id', 'tu.id as to_id', 'tu.parent_id as to_parent_id', 'm.user_id as member_user_id'])
    .where('t.id', '=', id)
    .executeTakeFirst();
}

/** Units a worker of `union` may name: a base union's own, or the industry union's units without a base union. */
export async function unitsOfUnion(db: Q, union: { id: string; kind: 'industry' | 'base' }): Promise<{ id: string; name: string }[]> {
  const q = db.selectFrom('units').select(['id', 'name']).orderBy('name');
  return union.kind === 'base' ? q.where('base_union_id', '=', union.id).execute() : q.where('industry_union_id', '=', union.id).where('base_union_id', 'is', null).execute();
}

export async function insertTransfer(db: Q, row: Omit<MemberTransfersTable, 'decided_by' | 'decided_at' | 'decision_note' | 'new_member_id' | 'new_member_no'>): Promise<void> {
  await db.insertInto('member_transfers').values(row).execute();
}

/**
 * Settles a pending transfer (confirmed, rejected or cancelled). False when it was no longer pending:
 * only one decision flips it (PostgreSQL re-checks the condition after a concurrent commit).
 */
export async function settleTransfer(db: Q, id: string, set: { status: 'confirmed' | 'rejected' | 'cancelled'; decidedBy: string; decidedAt: string; note?: string | null }): Promise<boolean> {
  const r = await db
    .updateTable('member_transfers')
    .set({ status: set.status, decided_by: set.decidedBy, decided_at: set.decidedAt, ...(set.note !== undefined ? { decision_note: set.note } : {}) })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The record a confirmed transfer created in the receiving union. */
export async function setTransferNewMember(db: Q, id: string, member: { id: string; memberNo: string }): Promise<void> {
  await db.updateTable('member_transfers').set({ new_member_id: member.id, new_member_no: member.memberNo }).where('id', '=', id).execute();
}
