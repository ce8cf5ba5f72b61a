/** Applications (入会申请), identity attempts and roster reads, as stored. */
import type { Keys } from '../domain/crypto';
import { blindIndex, encryptField, newId } from '../domain/crypto';
import { maskIdNumber } from '../domain/id-number';
import { maskPhone } from '../domain/phone';
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
