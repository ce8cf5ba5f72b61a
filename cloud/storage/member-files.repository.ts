/**
 * The member file (一人一档) as stored: attachment rows (the bytes are in the file store, sealed),
 * and what the file page reads beside them.
 */
import type { MemberAttachmentsTable, MembersTable, Q } from './schema';

/** A member with its union's name and parent (the union the file belongs to). */
export async function memberWithUnion(db: Q, memberId: string): Promise<(MembersTable & { union_name: string; parent_id: string | null }) | undefined> {
  return db
    .selectFrom('members')
    .innerJoin('unions', 'unions.id', 'members.union_id')
    .selectAll('members')
    .select(['unions.name as union_name', 'unions.parent_id'])
    .where('members.id', '=', memberId)
    .executeTakeFirst();
}

export async function findAttachment(db: Q, attachmentId: string): Promise<MemberAttachmentsTable | undefined> {
  return db.selectFrom('member_attachments').selectAll().where('id', '=', attachmentId).executeTakeFirst();
}

/** Where an attachment sits: its union, and the login of its member while the member is active. */
export async function attachmentScope(db: Q, attachmentId: string) {
  return db
    .selectFrom('member_attachments as a')
    .innerJoin('unions as u', 'u.id', 'a.union_id')
    .innerJoin('members as m', 'm.id', 'a.member_id')
    .select(['u.id', 'u.parent_id', 'm.user_id as member_user_id', 'm.status as member_status'])
    .where('a.id', '=', attachmentId)
    .executeTakeFirst();
}

/** The application on file for a member (the one it came from, or one naming it), newest first. */
export async function applicationOnFile(db: Q, memberId: string) {
  return db
    .selectFrom('applications')
    .select(['id', 'created_at', 'consent_version', 'consented_at', 'reviewed_at', 'reviewed_by', 'status'])
    .where((eb) => eb.or([eb('id', '=', eb.selectFrom('members').select('members.application_id').where('members.id', '=', memberId)), eb('member_id', '=', memberId)]))
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

/** A member's live (not removed) attachments, newest first. */
export async function liveAttachments(db: Q, memberId: string): Promise<MemberAttachmentsTable[]> {
  return db.selectFrom('member_attachments').selectAll().where('member_id', '=', memberId).where('removed_at', 'is', null).orderBy('created_at', 'desc').orderBy('id').execute();
}

export async function liveAttachmentCount(db: Q, memberId: string): Promise<number> {
  const r = await db.selectFrom('member_attachments').select((eb) => eb.fn.countAll<number>().as('n')).where('member_id', '=', memberId).where('removed_at', 'is', null).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Every attachment of these member records, removed ones too, oldest first (metadata only). */
export async function attachmentsOfMembers(db: Q, memberIds: readonly string[]) {
  if (!memberIds.length) return [];
  return db
    .selectFrom('member_attachments')
    .select(['id', 'member_id', 'kind', 'file_name', 'mime_type', 'size_bytes', 'uploaded_as', 'created_at', 'removed_at'])
    .where('member_id', 'in', memberIds)
    .orderBy('created_at')
    .execute();
}

/** Display names of logins, by id. */
export async function displayNames(db: Q, userIds: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(userIds)];
  if (!unique.length) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export async function unitName(db: Q, unitId: string): Promise<string | undefined> {
  return (await db.selectFrom('units').select('name').where('id', '=', unitId).executeTakeFirst())?.name;
}

export async function insertAttachment(db: Q, row: MemberAttachmentsTable): Promise<void> {
  await db.insertInto('member_attachments').values(row).execute();
}

/** Marks a live attachment removed (the row stays as history). */
export async function markAttachmentRemoved(db: Q, attachmentId: string, by: string, at: string): Promise<void> {
  await db.updateTable('member_attachments').set({ removed_at: at, removed_by: by }).where('id', '=', attachmentId).where('removed_at', 'is', null).execute();
}
