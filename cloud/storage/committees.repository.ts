/** Committees (委员会), their seats and the upper union's approval documents of terms, as stored. */
import type { CommitteeApprovalFilesTable, CommitteeSeatsTable, CommitteesTable, Q } from './schema';

export type CommitteeKind = CommitteesTable['kind'];
export type SeatRow = Pick<CommitteeSeatsTable, 'id' | 'committee_id' | 'role' | 'member_id' | 'person_name' | 'since'>;

/** Active members and active women members of a union, live from the roster. */
export async function activeMemberCounts(db: Q, unionId: string): Promise<{ members: number; women: number }> {
  const rows = await db
    .selectFrom('members')
    .select(['gender', (eb) => eb.fn.countAll<number>().as('n')])
    .where('union_id', '=', unionId)
    .where('status', '=', 'active')
    .groupBy('gender')
    .execute();
  const members = rows.reduce((s, r) => s + Number(r.n), 0);
  const women = Number(rows.find((r) => r.gender === 'female')?.n ?? 0);
  return { members, women };
}

/** A union's committees (at most one of each kind). */
export async function committeesOf(db: Q, unionId: string): Promise<CommitteesTable[]> {
  return db.selectFrom('committees').selectAll().where('union_id', '=', unionId).execute();
}

export async function findCommittee(db: Q, unionId: string, kind: CommitteeKind): Promise<CommitteesTable | undefined> {
  return db.selectFrom('committees').selectAll().where('union_id', '=', unionId).where('kind', '=', kind).executeTakeFirst();
}

/** The committees of the given unions with their union's name, by term end. */
export async function committeeTermsOf(db: Q, unionIds: readonly string[]) {
  if (unionIds.length === 0) return [];
  return db
    .selectFrom('committees')
    .innerJoin('unions', 'unions.id', 'committees.union_id')
    .select(['committees.union_id', 'unions.name', 'committees.kind', 'committees.form', 'committees.term_end'])
    .where('committees.union_id', 'in', unionIds)
    .orderBy('committees.term_end')
    .execute();
}

export type CommitteeFields = Pick<CommitteesTable, 'form' | 'term_start' | 'term_end' | 'upper_approval_note' | 'upper_approval_file_id' | 'updated_by' | 'updated_at'>;

export async function insertCommittee(db: Q, row: Pick<CommitteesTable, 'id' | 'union_id' | 'kind'> & CommitteeFields): Promise<void> {
  await db.insertInto('committees').values({ election_status: 'none', election_approval_ref: null, election_approved_on: null, ...row }).execute();
}

export async function updateCommittee(db: Q, committeeId: string, fields: Partial<Omit<CommitteesTable, 'id' | 'union_id' | 'kind'>>): Promise<void> {
  await db.updateTable('committees').set(fields).where('id', '=', committeeId).execute();
}

/** The seats held now (not ended) in the committees, by since and id. */
export async function activeSeatsOf(db: Q, committeeIds: readonly string[]): Promise<SeatRow[]> {
  if (committeeIds.length === 0) return [];
  return db
    .selectFrom('committee_seats')
    .select(['id', 'committee_id', 'role', 'member_id', 'person_name', 'since'])
    .where('committee_id', 'in', committeeIds)
    .where('ended_on', 'is', null)
    .orderBy('since')
    .orderBy('id')
    .execute();
}

export async function findSeat(db: Q, seatId: string, committeeId: string): Promise<Pick<CommitteeSeatsTable, 'id' | 'ended_on'> | undefined> {
  return db.selectFrom('committee_seats').select(['id', 'ended_on']).where('id', '=', seatId).where('committee_id', '=', committeeId).executeTakeFirst();
}

/** Ends the seats that are still held (an ended one keeps its date). */
export async function endSeats(db: Q, seatIds: readonly string[], on: string): Promise<void> {
  if (seatIds.length === 0) return;
  await db.updateTable('committee_seats').set({ ended_on: on }).where('id', 'in', seatIds).where('ended_on', 'is', null).execute();
}

export async function insertSeat(db: Q, row: Omit<CommitteeSeatsTable, 'ended_on'>): Promise<void> {
  await db.insertInto('committee_seats').values({ ...row, ended_on: null }).execute();
}

/** A member of the union who may take a seat: name and status, or undefined when not on its roster. */
export async function rosterMember(db: Q, memberId: string, unionId: string): Promise<{ name: string; status: string } | undefined> {
  return db.selectFrom('members').select(['name', 'status']).where('id', '=', memberId).where('union_id', '=', unionId).executeTakeFirst();
}

export async function approvalFilesByIds(db: Q, fileIds: readonly string[]): Promise<CommitteeApprovalFilesTable[]> {
  if (fileIds.length === 0) return [];
  return db.selectFrom('committee_approval_files').selectAll().where('id', 'in', fileIds).execute();
}

/** An approval document of the union (another union's id finds nothing). */
export async function findApprovalFile(db: Q, fileId: string, unionId: string): Promise<CommitteeApprovalFilesTable | undefined> {
  return db.selectFrom('committee_approval_files').selectAll().where('id', '=', fileId).where('union_id', '=', unionId).executeTakeFirst();
}

export async function insertApprovalFile(db: Q, row: CommitteeApprovalFilesTable): Promise<void> {
  await db.insertInto('committee_approval_files').values(row).execute();
}
