/**
 * Member lifecycle as stored (动态管理): moving a member to another union on a confirmed transfer,
 * and anonymising a member record (匿名化). Fund ledger rows are never touched: they keep the member
 * id, which now names a pseudonymous record, so every amount and balance stays as it was.
 */
import { encryptField, newId, type Keys } from '../domain/crypto';
import { nextMemberNo } from './members.repository';
import type { MembersTable, Q } from './schema';

const ERASED = '已删除';

/** The personal details an anonymised member record and application both lose. */
const ERASED_DETAILS = { ethnicity: '', education: '', political_status: '', job: '', household_type: '', unit_name: null } as const;

/**
 * Moves an active member to another union (会籍转接, confirmed): the old record becomes 已退会
 * (left_reason says where to), a new record with a new member number of the receiving union carries
 * the same person (the same encrypted numbers, the original join date: 会龄 continues). The member
 * file (一人一档) goes with them: its attachments now belong to the new record and union (the
 * sending union no longer sees them; removed ones stay with the old record as its history), so the
 * certificates are neither lost to the receiving union nor deleted when the old record is anonymised.
 */
export async function moveMember(
  db: Q,
  old: MembersTable,
  to: { unionId: string; unionName: string; unitId: string | null; unitName: string | null },
  now: Date,
): Promise<{ id: string; memberNo: string; attachmentsMoved: number }> {
  const at = now.toISOString();
  // The old record leaves first: one active record per person and per login (unique indexes).
  await db.updateTable('members').set({ status: 'left', left_at: at, left_reason: `转会至${to.unionName}` }).where('id', '=', old.id).where('status', '=', 'active').execute();
  const memberNo = await nextMemberNo(db, to.unionId);
  const id = newId('mbr');
  await db
    .insertInto('members')
    .values({
      ...old,
      id,
      union_id: to.unionId,
      unit_id: to.unitId,
      unit_name: to.unitName,
      member_no: memberNo,
      status: 'active',
      created_at: at,
      left_at: null,
      left_reason: null,
      anonymised_at: null,
    })
    .execute();
  // Requests still waiting follow the member to the union that now keeps the record.
  await db.updateTable('member_data_requests').set({ member_id: id, union_id: to.unionId }).where('member_id', '=', old.id).where('status', '=', 'pending').execute();
  const files = await db.updateTable('member_attachments').set({ member_id: id, union_id: to.unionId }).where('member_id', '=', old.id).where('removed_at', 'is', null).executeTakeFirst();
  return { id, memberNo, attachmentsMoved: Number(files.numUpdatedRows) };
}

/**
 * Anonymises one member record that has left (匿名化): name → 已注销会员#xxxx, ID number and phone
 * (ciphertexts, masks, blind indexes) and the other personal fields cleared, birth date cut to the
 * year, the link to the login removed; the same for the applications it came from, the names on
 * committee seats it held, and the values of its data requests. The id stays, so activity sign-ups,
 * check-ins and fund entries still count it (pseudonymised). Repeating it changes nothing.
 */
/** The name an anonymised record is shown by, for a member id (the domain's `pseudonym`: the caller's rule, not storage's). */
export type AliasOf = (memberId: string) => string;

export async function anonymiseMemberRecord(db: Q, keys: Keys, memberId: string, a: { aliasOf: AliasOf; now: Date; droppedFiles?: string[] }): Promise<boolean> {
  const { now, droppedFiles = [] } = a;
  const m = await db.selectFrom('members').select(['id', 'status', 'birth_date', 'application_id', 'anonymised_at']).where('id', '=', memberId).executeTakeFirst();
  if (!m || m.anonymised_at || m.status !== 'left') return false;
  const alias = a.aliasOf(m.id);
  const empty = encryptField(keys.field, '');
  await db
    .updateTable('members')
    .set({
      user_id: null,
      name: alias,
      birth_date: `${m.birth_date.slice(0, 4)}-01-01`,
      id_number_enc: empty,
      id_number_bidx: `anon:${m.id}`,
      id_number_masked: ERASED,
      phone_enc: empty,
      phone_bidx: null,
      phone_masked: ERASED,
      phone_tail: null,
      ...ERASED_DETAILS,
      left_reason: m.status === 'left' ? '已匿名化' : null,
      anonymised_at: now.toISOString(),
    })
    .where('id', '=', m.id)
    .execute();
  const apps = await db
    .selectFrom('applications')
    .select('id')
    .where((eb) => eb.or([eb('member_id', '=', m.id), eb('existing_member_id', '=', m.id), ...(m.application_id ? [eb('id', '=', m.application_id)] : [])]))
    .execute();
  for (const a of apps) await anonymiseApplication(db, keys, a.id, alias);
  await db.updateTable('committee_seats').set({ person_name: alias }).where('member_id', '=', m.id).execute();
  // 一人一档 (007): certificates carry names and ID numbers. The rows stay as removed history; the
  // caller deletes the bytes from the file store after the commit (`droppedFiles`).
  const files = await db.selectFrom('member_attachments').select(['id', 'file_key']).where('member_id', '=', m.id).where('removed_at', 'is', null).execute();
  if (files.length) {
    await db.updateTable('member_attachments').set({ removed_at: now.toISOString(), removed_by: null, file_name: ERASED }).where('id', 'in', files.map((f) => f.id)).execute();
    droppedFiles.push(...files.map((f) => f.file_key));
  }
  // 诉求 (008): the requests stay in the union's counts, no longer linked to the login.
  await db.updateTable('requests').set({ user_id: null }).where('member_id', '=', m.id).execute();
  // Nothing is left to correct: requests still waiting are closed with a reply.
  await db
    .updateTable('member_data_requests')
    .set({ status: 'rejected', response: '个人信息已匿名化，无需再办理', handled_at: now.toISOString() })
    .where('member_id', '=', m.id)
    .where('status', '=', 'pending')
    .execute();
  await db.updateTable('member_data_requests').set({ value_enc: null, value_masked: null, note: null }).where('member_id', '=', m.id).execute();
  return true;
}

async function anonymiseApplication(db: Q, keys: Keys, applicationId: string, alias: string): Promise<void> {
  const empty = encryptField(keys.field, '');
  await db
    .updateTable('applications')
    .set({
      name: alias,
      id_number_enc: empty,
      id_number_bidx: `anon:${applicationId}`,
      id_number_masked: ERASED,
      phone_enc: empty,
      phone_bidx: `anon:${applicationId}`,
      phone_masked: ERASED,
      ...ERASED_DETAILS,
    })
    .where('id', '=', applicationId)
    .execute();
}

/**
 * A person's deletion (注销删除, on their request): every member record of the login (an active one
 * leaves first), every application and identity attempt of the login anonymised; the login itself
 * loses its name and WeChat link and its sessions end (staff logins keep theirs: they have roles).
 * Returns the member records anonymised.
 */
export async function anonymisePerson(db: Q, keys: Keys, a: { userId: string | null; memberId: string; aliasOf: AliasOf; now: Date; droppedFiles?: string[] }): Promise<string[]> {
  const at = a.now.toISOString();
  const records = await db
    .selectFrom('members')
    .select(['id', 'status'])
    .where((eb) => (a.userId ? eb.or([eb('user_id', '=', a.userId), eb('id', '=', a.memberId)]) : eb('id', '=', a.memberId)))
    .where('anonymised_at', 'is', null)
    .execute();
  for (const r of records) {
    if (r.status === 'active') {
      await db.updateTable('members').set({ status: 'left', left_at: at }).where('id', '=', r.id).execute();
      await db.updateTable('member_transfers').set({ status: 'cancelled', decided_at: at, decision_note: '会员已申请注销' }).where('member_id', '=', r.id).where('status', '=', 'pending').execute();
    }
  }
  const done: string[] = [];
  for (const r of records) if (await anonymiseMemberRecord(db, keys, r.id, a)) done.push(r.id);
  if (a.userId) {
    const alias = a.aliasOf(a.memberId);
    const apps = await db.selectFrom('applications').select(['id', 'status']).where('user_id', '=', a.userId).execute();
    for (const app of apps) {
      await anonymiseApplication(db, keys, app.id, alias);
      if (app.status === 'pending') await db.updateTable('applications').set({ status: 'rejected', reject_reason: '申请人已注销', reviewed_at: at }).where('id', '=', app.id).execute();
    }
    await db.updateTable('identity_attempts').set({ name: alias, id_number_masked: ERASED, phone_masked: ERASED }).where('user_id', '=', a.userId).execute();
    const roles = await db.selectFrom('role_grants').select('role').where('user_id', '=', a.userId).executeTakeFirst();
    if (!roles) {
      await db.updateTable('users').set({ display_name: alias, wechat_openid: null, wechat_unionid: null, dev_key: null }).where('id', '=', a.userId).execute();
      await db.updateTable('sessions').set({ revoked_at: at }).where('user_id', '=', a.userId).where('revoked_at', 'is', null).execute();
      await db.deleteFrom('wechat_sessions').where('user_id', '=', a.userId).execute();
    }
  }
  return done;
}

/** One member record, whatever its state. */
export async function memberRecord(db: Q, memberId: string): Promise<MembersTable | undefined> {
  return db.selectFrom('members').selectAll().where('id', '=', memberId).executeTakeFirst();
}

export async function memberRecords(db: Q, memberIds: readonly string[]): Promise<MembersTable[]> {
  return memberIds.length ? db.selectFrom('members').selectAll().where('id', 'in', memberIds).execute() : [];
}

/** Every member record of a login (active, left, anonymised). */
export async function memberRecordsOfUser(db: Q, userId: string): Promise<MembersTable[]> {
  return db.selectFrom('members').selectAll().where('user_id', '=', userId).execute();
}

/** The login's records not yet anonymised (the active one and those that left). */
export async function liveRecordsOfUser(db: Q, userId: string): Promise<MembersTable[]> {
  return db.selectFrom('members').selectAll().where('user_id', '=', userId).where('anonymised_at', 'is', null).execute();
}

/** Writes corrected values onto a member record (个人信息更正). */
export async function updateMemberRecord(db: Q, memberId: string, set: Partial<MembersTable>): Promise<void> {
  await db.updateTable('members').set(set).where('id', '=', memberId).execute();
}

/** Records that left on or before `leftBy` and are not anonymised yet (of `unionIds`, or of every union). */
export async function leftRecordsBefore(db: Q, leftBy: string, unionIds: readonly string[] | null): Promise<{ id: string; union_id: string; left_at: string | null }[]> {
  let q = db.selectFrom('members').select(['id', 'union_id', 'left_at']).where('status', '=', 'left').where('anonymised_at', 'is', null).where('left_at', '<=', leftBy);
  if (unionIds) q = q.where('union_id', 'in', unionIds);
  return q.execute();
}
