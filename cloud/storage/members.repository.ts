/** Members (会员) as stored: personal fields encrypted, with masks and a blind index. */
import type { Keys } from '../domain/crypto';
import { blindIndex, encryptField, newId } from '../domain/crypto';
import { maskIdNumber, parseIdNumber } from '../contract/fields/id-number';
import { maskPhone, parsePhone } from '../contract/fields/phone';
import type { RealNameData } from '../domain/real-name';
import type { MembersTable, Q } from './schema';

/**
 * Allocates the next member number of a union (会员编号): `<工会代码>-<6 位序号>`,
 * e.g. `CY01-000042`. Atomic on both backends (UPDATE … RETURNING inside the caller's transaction).
 */
export async function nextMemberNo(db: Q, unionId: string): Promise<string> {
  return (await nextMemberNos(db, unionId, 1))[0];
}

/** Allocates `count` consecutive member numbers of a union in one step (a roster import). */
export async function nextMemberNos(db: Q, unionId: string, count: number): Promise<string[]> {
  if (count <= 0) return [];
  await db.insertInto('member_no_counters').values({ union_id: unionId, next_no: 1 }).onConflict((oc) => oc.column('union_id').doNothing()).execute();
  const row = await db
    .updateTable('member_no_counters')
    .set((eb) => ({ next_no: eb('next_no', '+', count) }))
    .where('union_id', '=', unionId)
    .returning('next_no')
    .executeTakeFirstOrThrow();
  const union = await db.selectFrom('unions').select('code').where('id', '=', unionId).executeTakeFirstOrThrow();
  const first = row.next_no - count;
  return Array.from({ length: count }, (_, i) => `${union.code}-${String(first + i).padStart(6, '0')}`);
}

export interface NewMember {
  userId: string | null;
  unionId: string;
  unitId: string | null;
  unitName: string | null;
  data: RealNameData;
  now: Date;
  today: string;
  /** A fixed id (demo seed); otherwise a new random one. */
  id?: string;
  /** The application this membership comes from. */
  applicationId?: string | null;
  /** 入会时间 when not now (an imported roster's join date), ISO. */
  joinedAt?: string;
}

function checked(args: NewMember) {
  const id = parseIdNumber(args.data.idNumber, args.today);
  if (!id.ok) throw new Error(`insertMember: invalid ID number (${id.problem})`);
  const phone = parsePhone(args.data.phone);
  if (!phone.ok) throw new Error('insertMember: invalid phone');
  return { id, phone };
}

/** The stored row of a new member: numbers checked, encrypted, masked and blind-indexed. */
function memberRow(keys: Keys, args: NewMember, memberNo: string): MembersTable {
  const { id, phone } = checked(args);
  return {
    id: args.id ?? newId('mbr'),
    user_id: args.userId,
    union_id: args.unionId,
    unit_id: args.unitId,
    unit_name: args.unitName,
    member_no: memberNo,
    status: 'active',
    name: args.data.name,
    gender: id.gender,
    birth_date: id.birthDate,
    id_number_enc: encryptField(keys.field, id.value),
    id_number_bidx: blindIndex(keys.blindIndex, id.value),
    id_number_masked: maskIdNumber(id.value),
    phone_enc: encryptField(keys.field, phone.value),
    phone_masked: maskPhone(phone.value),
    ethnicity: args.data.ethnicity,
    education: args.data.education,
    political_status: args.data.politicalStatus,
    job: args.data.job,
    household_type: args.data.householdType,
    joined_at: args.joinedAt ?? args.now.toISOString(),
    created_at: args.now.toISOString(),
    phone_bidx: blindIndex(keys.blindIndex, phone.value),
    phone_tail: phone.value.slice(-4),
    left_at: null,
    left_reason: null,
    application_id: args.applicationId ?? null,
    anonymised_at: null,
  };
}

export async function insertMember(db: Q, keys: Keys, args: NewMember): Promise<{ id: string; memberNo: string }> {
  // Checked before a number is taken, so a bad row does not use one up.
  checked(args);
  const memberNo = await nextMemberNo(db, args.unionId);
  const row = memberRow(keys, args, memberNo);
  await db.insertInto('members').values(row).execute();
  return { id: row.id, memberNo };
}

/**
 * Inserts many members of one union (a roster import) with consecutive member numbers in
 * list order: one number allocation and multi-row inserts of 500 (within both backends'
 * bound-parameter limits), inside the caller's transaction.
 */
export async function insertMembers(db: Q, keys: Keys, unionId: string, list: readonly NewMember[]): Promise<{ id: string; memberNo: string }[]> {
  if (list.some((m) => m.unionId !== unionId)) throw new Error('insertMembers: one union at a time');
  list.forEach(checked);
  const numbers = await nextMemberNos(db, unionId, list.length);
  const rows = list.map((m, i) => memberRow(keys, m, numbers[i]));
  for (let k = 0; k < rows.length; k += 500) await db.insertInto('members').values(rows.slice(k, k + 500)).execute();
  return rows.map((r) => ({ id: r.id, memberNo: r.member_no }));
}

/** Is `userId` an active member (在册会员) of one of `unionIds`? */
export async function isActiveMemberOf(db: Q, userId: string, unionIds: readonly string[]): Promise<boolean> {
  if (unionIds.length === 0) return false;
  const row = await db.selectFrom('members').select('id').where('user_id', '=', userId).where('status', '=', 'active').where('union_id', 'in', unionIds).executeTakeFirst();
  return row !== undefined;
}

/** The login's active membership (在册): the member and their union, if any. */
export async function activeMembershipOf(db: Q, userId: string): Promise<{ id: string; union_id: string } | undefined> {
  return db.selectFrom('members').select(['id', 'union_id']).where('user_id', '=', userId).where('status', '=', 'active').executeTakeFirst();
}

/** Is there an active member with this ID-number blind index? */
export async function hasActiveMemberWithIdNumber(db: Q, idNumberBidx: string): Promise<boolean> {
  return (await db.selectFrom('members').select('id').where('id_number_bidx', '=', idNumberBidx).where('status', '=', 'active').executeTakeFirst()) !== undefined;
}

export type MemberRow = MembersTable;

export async function findMember(db: Q, memberId: string): Promise<MemberRow | undefined> {
  return db.selectFrom('members').selectAll().where('id', '=', memberId).executeTakeFirst();
}

/** The caller's own active membership row (在册), if any. */
export async function activeMemberRowOfUser(db: Q, userId: string): Promise<MemberRow | undefined> {
  return db.selectFrom('members').selectAll().where('user_id', '=', userId).where('status', '=', 'active').executeTakeFirst();
}

/** Where a member belongs, for an access policy: the union (with its parent) and the member's own login. */
export async function memberScope(db: Q, memberId: string): Promise<{ union: { id: string; parent_id: string | null }; ownerUserId: string | null } | undefined> {
  const row = await db
    .selectFrom('members')
    .innerJoin('unions', 'unions.id', 'members.union_id')
    .select(['unions.id', 'unions.parent_id', 'members.user_id'])
    .where('members.id', '=', memberId)
    .executeTakeFirst();
  return row ? { union: { id: row.id, parent_id: row.parent_id }, ownerUserId: row.user_id } : undefined;
}

/**
 * Gives an imported member (no login yet, still active) to the login whose application names it:
 * the member's id and number, or undefined when it is no longer there to claim.
 */
export async function claimImportedMember(db: Q, memberId: string, userId: string, applicationId: string): Promise<{ id: string; memberNo: string } | undefined> {
  const imported = await db.selectFrom('members').select(['id', 'member_no']).where('id', '=', memberId).where('status', '=', 'active').where('user_id', 'is', null).executeTakeFirst();
  if (!imported) return undefined;
  await db.updateTable('members').set({ user_id: userId, application_id: applicationId }).where('id', '=', imported.id).execute();
  return { id: imported.id, memberNo: imported.member_no };
}

/**
 * 退会: marks an active member as left (kept on the roster) and withdraws their pending transfers;
 * the number of transfers withdrawn.
 */
export async function markMemberLeft(db: Q, memberId: string, a: { at: string; reason: string; by: string }): Promise<{ transfersWithdrawn: number }> {
  await db.updateTable('members').set({ status: 'left', left_at: a.at, left_reason: a.reason }).where('id', '=', memberId).where('status', '=', 'active').execute();
  const withdrawn = await db
    .updateTable('member_transfers')
    .set({ status: 'cancelled', decided_by: a.by, decided_at: a.at, decision_note: '会员已退会' })
    .where('member_id', '=', memberId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return { transfersWithdrawn: Number(withdrawn.numUpdatedRows) };
}
