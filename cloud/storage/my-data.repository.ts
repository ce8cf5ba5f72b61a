/**
 * Everything held about one login (下载我的数据), read as stored: its account, member records,
 * applications, activities, dues, requests and their threads. The numbers stay encrypted here; the
 * function decrypts them for their owner.
 */
import type { Q } from './schema';

export async function accountOf(db: Q, userId: string) {
  return db.selectFrom('users').select(['id', 'display_name', 'created_at']).where('id', '=', userId).executeTakeFirstOrThrow();
}

/** The login's member records with their union's and listed unit's names, oldest first. */
export async function memberRecordsWithNames(db: Q, userId: string) {
  return db
    .selectFrom('members')
    .leftJoin('unions', 'unions.id', 'members.union_id')
    .leftJoin('units', 'units.id', 'members.unit_id')
    .selectAll('members')
    .select(['unions.name as union_name', 'units.name as listed_unit_name'])
    .where('members.user_id', '=', userId)
    .orderBy('members.created_at')
    .execute();
}

export async function applicationsOfUser(db: Q, userId: string) {
  return db.selectFrom('applications').leftJoin('unions', 'unions.id', 'applications.union_id').selectAll('applications').select('unions.name as union_name').where('applications.user_id', '=', userId).orderBy('applications.created_at').execute();
}

export async function signUpsOfMembers(db: Q, memberIds: readonly string[]) {
  if (!memberIds.length) return [];
  return db
    .selectFrom('activity_signups as s')
    .innerJoin('activities as a', 'a.id', 's.activity_id')
    .select(['a.id as activity_id', 'a.title', 'a.start_at', 'a.place', 's.status', 's.signed_up_at', 's.cancelled_at'])
    .where('s.member_id', 'in', memberIds)
    .orderBy('s.signed_up_at')
    .execute();
}

export async function checkInsOfMembers(db: Q, memberIds: readonly string[]) {
  if (!memberIds.length) return [];
  return db
    .selectFrom('activity_checkins as k')
    .innerJoin('activities as a', 'a.id', 'k.activity_id')
    .select(['a.id as activity_id', 'a.title', 'k.checked_in_at', 'k.method', 'k.walk_in'])
    .where('k.member_id', 'in', memberIds)
    .orderBy('k.checked_in_at')
    .execute();
}

export async function duesOfMembers(db: Q, memberIds: readonly string[]) {
  if (!memberIds.length) return [];
  return db.selectFrom('fund_entries').select(['id', 'union_id', 'date', 'category', 'amount_fen', 'kind', 'purpose']).where('dues_member_id', 'in', memberIds).orderBy('date').execute();
}

/** 诉求/建议 the login submitted (anonymous ones too: they are the submitter), oldest first. */
export async function requestsOfUser(db: Q, userId: string) {
  return db
    .selectFrom('requests')
    .innerJoin('unions', 'unions.id', 'requests.union_id')
    .select(['requests.id', 'unions.name as union_name', 'category', 'text', 'anonymous', 'status', 'photo_key', 'submitted_at', 'closed_at', 'rating', 'rating_comment'])
    .where('requests.user_id', '=', userId)
    .orderBy('submitted_at')
    .execute();
}

/** The messages of these requests' threads, oldest first. */
export async function messagesOf(db: Q, requestIds: readonly string[]) {
  if (!requestIds.length) return [];
  return db.selectFrom('request_messages').select(['request_id', 'author', 'kind', 'author_name', 'body', 'created_at']).where('request_id', 'in', requestIds).orderBy('created_at').execute();
}
