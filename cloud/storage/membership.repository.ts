/** Applications (入会申请), identity attempts and roster reads, as stored. */
import type { Keys } from '../domain/crypto';
import { blindIndex, encryptField, newId } from '../domain/crypto';
import { maskIdNumber } from '../contract/fields/id-number';
import { maskPhone } from '../contract/fields/phone';
import type { RealNameData } from '../domain/real-name';
import type { ApplicationsTable, Q } from './schema';

/**
 * A normalised application, ready to store: the real-name fields with ID number and phone already
 * parsed (so `idNumber` and `phone` hold the normalised values), plus what the ID number told us.
 */
export interface NewApplication extends RealNameData {
  userId: string;
  unionId: string;
  unitId: string | null;
  unitName: string | null;
  invitationId: string | null;
  gender: 'male' | 'female';
  birthDate: string;
  consentVersion: string;
  existingMemberId: string | null;
  now: Date;
  /** A fixed id (demo seed); otherwise a new random one. */
  id?: string;
}

export async function insertApplication(db: Q, keys: Keys, a: NewApplication): Promise<string> {
  const id = a.id ?? newId('app');
  const at = a.now.toISOString();
  await db
    .insertInto('applications')
    .values({
      id,
      user_id: a.userId,
      union_id: a.unionId,
      unit_id: a.unitId,
      unit_name: a.unitName,
      invitation_id: a.invitationId,
      status: 'pending',
      name: a.name,
      gender: a.gender,
      birth_date: a.birthDate,
      id_number_enc: encryptField(keys.field, a.idNumber),
      id_number_bidx: blindIndex(keys.blindIndex, a.idNumber),
      id_number_masked: maskIdNumber(a.idNumber),
      phone_enc: encryptField(keys.field, a.phone),
      phone_bidx: blindIndex(keys.blindIndex, a.phone),
      phone_masked: maskPhone(a.phone),
      ethnicity: a.ethnicity,
      education: a.education,
      political_status: a.politicalStatus,
      job: a.job,
      household_type: a.householdType,
      consent_version: a.consentVersion,
      consented_at: at,
      existing_member_id: a.existingMemberId,
      member_id: null,
      reviewed_by: null,
      reviewed_at: null,
      reject_reason: null,
      created_at: at,
    })
    .execute();
  return id;
}

export type ApplicationRow = ApplicationsTable;

export async function loadApplication(db: Q, id: string): Promise<ApplicationRow | undefined> {
  return db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Who already holds this ID number: an active member, or a pending application. */
export type IdentityHolder =
  | { kind: 'member'; id: string; unionId: string; userId: string | null; name: string }
  | { kind: 'application'; id: string; unionId: string; userId: string; name: string };

export async function identityHolder(db: Q, idBidx: string): Promise<IdentityHolder | undefined> {
  const member = await db
    .selectFrom('members')
    .select(['id', 'union_id', 'user_id', 'name'])
    .where('id_number_bidx', '=', idBidx)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (member) return { kind: 'member', id: member.id, unionId: member.union_id, userId: member.user_id, name: member.name };
  const app = await db
    .selectFrom('applications')
    .select(['id', 'union_id', 'user_id', 'name'])
    .where('id_number_bidx', '=', idBidx)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (app) return { kind: 'application', id: app.id, unionId: app.union_id, userId: app.user_id, name: app.name };
  return undefined;
}

/**
 * `identityHolder` for many ID numbers at once (a roster import): for each blind index, whether
 * an active member or a pending application holds it, in the same order. 500 per query.
 */
export async function identityHolders(db: Q, idBidxs: readonly string[]): Promise<('member' | 'application' | undefined)[]> {
  const members = new Set<string>();
  const applications = new Set<string>();
  for (let k = 0; k < idBidxs.length; k += 500) {
    const chunk = idBidxs.slice(k, k + 500);
    const m = await db.selectFrom('members').select('id_number_bidx').where('id_number_bidx', 'in', chunk).where('status', '=', 'active').execute();
    m.forEach((r) => members.add(r.id_number_bidx));
    const a = await db.selectFrom('applications').select('id_number_bidx').where('id_number_bidx', 'in', chunk).where('status', '=', 'pending').execute();
    a.forEach((r) => applications.add(r.id_number_bidx));
  }
  return idBidxs.map((b) => (members.has(b) ? 'member' : applications.has(b) ? 'application' : undefined));
}

export async function activeMemberOfUser(db: Q, userId: string) {
  return db
    .selectFrom('members')
    .innerJoin('unions', 'unions.id', 'members.union_id')
    .leftJoin('units', 'units.id', 'members.unit_id')
    .select([
      'members.id',
      'members.union_id',
      'members.member_no',
      'members.name',
      'members.gender',
      'members.joined_at',
      'members.unit_name',
      'units.name as listed_unit_name',
      'unions.name as union_name',
      'unions.parent_id as union_parent_id',
    ])
    .where('members.user_id', '=', userId)
    .where('members.status', '=', 'active')
    .executeTakeFirst();
}

export async function pendingApplicationOfUser(db: Q, userId: string) {
  return db
    .selectFrom('applications')
    .innerJoin('unions', 'unions.id', 'applications.union_id')
    .select(['applications.id', 'applications.union_id', 'unions.name as union_name'])
    .where('applications.user_id', '=', userId)
    .where('applications.status', '=', 'pending')
    .executeTakeFirst();
}

export async function latestApplicationOfUser(db: Q, userId: string) {
  return db
    .selectFrom('applications')
    .select(['id', 'union_id', 'status', 'created_at', 'reject_reason'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export async function latestLeftMemberOfUser(db: Q, userId: string) {
  return db
    .selectFrom('members')
    .select(['id', 'union_id', 'member_no', 'left_at'])
    .where('user_id', '=', userId)
    .where('status', '=', 'left')
    .orderBy('left_at', 'desc')
    .executeTakeFirst();
}

export async function unionNameOf(db: Q, unionId: string): Promise<string | undefined> {
  return (await db.selectFrom('unions').select('name').where('id', '=', unionId).executeTakeFirst())?.name;
}

export async function recordIdentityAttempt(
  db: Q,
  a: { userId: string; holder: IdentityHolder; attemptedUnionId: string; invitationId: string | null; name: string; idNumber: string; phone: string; now: Date },
): Promise<string> {
  const id = newId('att');
  await db
    .insertInto('identity_attempts')
    .values({
      id,
      at: a.now.toISOString(),
      user_id: a.userId,
      union_id: a.holder.unionId,
      attempted_union_id: a.attemptedUnionId,
      invitation_id: a.invitationId,
      matched: a.holder.kind,
      matched_id: a.holder.id,
      name: a.name,
      id_number_masked: maskIdNumber(a.idNumber),
      phone_masked: maskPhone(a.phone),
    })
    .execute();
  return id;
}

/**
 * A staffer's latest reveals (查看完整) after `since`, newest first, at most `limit` of them (the
 * audit trail is the record: one `membership.reveal` event per reveal).
 */
export async function revealTimesSince(db: Q, userId: string, since: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_events')
    .select('at')
    .where('action', '=', 'membership.reveal')
    .where('actor_user_id', '=', userId)
    .where('at', '>', since.toISOString())
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.at);
}

/** How many identity attempts (可疑登记) a login made after `since`. */
export async function identityAttemptsSince(db: Q, userId: string, since: Date): Promise<number> {
  const r = await db.selectFrom('identity_attempts').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('at', '>', since.toISOString()).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Full roster exports a union has made on `day` (China date). */
export async function fullExportsUsed(db: Q, unionId: string, day: string): Promise<number> {
  const row = await db.selectFrom('roster_export_quota').select('used').where('union_id', '=', unionId).where('day', '=', day).executeTakeFirst();
  return Number(row?.used ?? 0);
}

/**
 * Takes one of a union's `limit` full-export slots of `day`, in one statement (an upsert that only
 * counts up while `used < limit`): the slot number (1 … limit), or null when none is left. Atomic
 * on both backends however many calls arrive at once.
 */
export async function takeFullExportSlot(db: Q, unionId: string, day: string, limit: number): Promise<number | null> {
  const row = await db
    .insertInto('roster_export_quota')
    .values({ union_id: unionId, day, used: 1 })
    .onConflict((oc) =>
      oc
        .columns(['union_id', 'day'])
        .doUpdateSet((eb) => ({ used: eb('roster_export_quota.used', '+', 1) }))
        .where('roster_export_quota.used', '<', limit),
    )
    .returning('used')
    .executeTakeFirst();
  return row ? Number(row.used) : null;
}

/** The union an application belongs to, for its access policy (`membership.review`). */
export async function applicationUnion(db: Q, applicationId: string): Promise<{ id: string; parent_id: string | null } | undefined> {
  return db
    .selectFrom('applications')
    .innerJoin('unions', 'unions.id', 'applications.union_id')
    .select(['unions.id', 'unions.parent_id'])
    .where('applications.id', '=', applicationId)
    .executeTakeFirst();
}

/** A union's applications of one status, with the listed unit's name and the member number once approved. */
export async function applicationsOfUnion(db: Q, unionId: string, status: ApplicationRow['status'], limit: number) {
  let q = db
    .selectFrom('applications')
    .leftJoin('units', 'units.id', 'applications.unit_id')
    .leftJoin('members', 'members.id', 'applications.member_id')
    .selectAll('applications')
    .select(['units.name as listed_unit_name', 'members.member_no'])
    .where('applications.union_id', '=', unionId)
    .where('applications.status', '=', status);
  // The queue oldest first; decisions newest first.
  q = status === 'pending' ? q.orderBy('applications.created_at', 'asc') : q.orderBy('applications.reviewed_at', 'desc');
  return q.orderBy('applications.id').limit(limit).execute();
}

export async function countApplications(db: Q, unionId: string, status: ApplicationRow['status']): Promise<number> {
  const r = await db.selectFrom('applications').select((eb) => eb.fn.countAll<number>().as('n')).where('union_id', '=', unionId).where('status', '=', status).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Pending applications per union, for `unionIds`. */
export async function pendingApplicationCounts(db: Q, unionIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('applications')
    .select(['union_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'pending')
    .where('union_id', 'in', unionIds)
    .groupBy('union_id')
    .execute();
  return new Map(rows.map((r) => [r.union_id, Number(r.n)]));
}

/**
 * Identity attempts (可疑登记) against the numbers a union holds, after `since`, newest first (at
 * most 50), with the union the worker tried to join and the name on the matching record.
 */
export async function flaggedAttempts(db: Q, unionId: string, since: Date) {
  const rows = await db
    .selectFrom('identity_attempts')
    .innerJoin('unions', 'unions.id', 'identity_attempts.attempted_union_id')
    .leftJoin('members as matched_member', 'matched_member.id', 'identity_attempts.matched_id')
    .leftJoin('applications as matched_application', 'matched_application.id', 'identity_attempts.matched_id')
    .selectAll('identity_attempts')
    .select(['unions.name as attempted_union_name', 'matched_member.name as matched_member_name', 'matched_application.name as matched_application_name'])
    .where('identity_attempts.union_id', '=', unionId)
    .where('identity_attempts.at', '>', since.toISOString())
    .orderBy('identity_attempts.at', 'desc')
    .limit(50)
    .execute();
  return rows.map(({ matched_member_name, matched_application_name, ...a }) => ({
    ...a,
    matched_name: (a.matched === 'member' ? matched_member_name : matched_application_name) ?? null,
  }));
}

/** Decides a pending application (approve or reject); false when it was no longer pending. */
export async function decidePendingApplication(
  db: Q,
  applicationId: string,
  d: { status: 'approved' | 'rejected'; reviewedBy: string; at: string; rejectReason?: string | null },
): Promise<boolean> {
  const upd = await db
    .updateTable('applications')
    .set({ status: d.status, reviewed_by: d.reviewedBy, reviewed_at: d.at, ...(d.status === 'rejected' ? { reject_reason: d.rejectReason ?? null } : {}) })
    .where('id', '=', applicationId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(upd.numUpdatedRows) > 0;
}

/** Records the member an approved application became. */
export async function setApplicationMember(db: Q, applicationId: string, memberId: string): Promise<void> {
  await db.updateTable('applications').set({ member_id: memberId }).where('id', '=', applicationId).execute();
}

/** An invitation (入会邀请码) with the union it belongs to, as the join page needs it. */
export async function joinInvitation(db: Q, invitationId: string) {
  return db
    .selectFrom('invitations')
    .innerJoin('unions', 'unions.id', 'invitations.union_id')
    .select(['invitations.id', 'invitations.union_id', 'invitations.unit_id', 'invitations.expires_at', 'invitations.revoked_at', 'unions.name as union_name', 'unions.kind as union_kind', 'unions.parent_id'])
    .where('invitations.id', '=', invitationId)
    .executeTakeFirst();
}

/** A unit (会员单位) with the unions its workers join. */
export async function findUnit(db: Q, unitId: string) {
  return db.selectFrom('units').select(['id', 'name', 'base_union_id', 'industry_union_id']).where('id', '=', unitId).executeTakeFirst();
}

/** The units of a base union, by name. */
export async function unitsOfBaseUnion(db: Q, baseUnionId: string): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('units').select(['id', 'name']).where('base_union_id', '=', baseUnionId).orderBy('name').execute();
}

/** The units in an industry union's sector, by name, with the base union each has (if any). */
export async function unitsOfIndustryUnion(db: Q, industryUnionId: string) {
  return db
    .selectFrom('units')
    .leftJoin('unions', 'unions.id', 'units.base_union_id')
    .select(['units.id', 'units.name', 'units.base_union_id', 'unions.name as base_name'])
    .where('units.industry_union_id', '=', industryUnionId)
    .orderBy('units.name')
    .execute();
}
