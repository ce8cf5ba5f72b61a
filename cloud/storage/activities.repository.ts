/**
 * Activities as stored (活动、报名、签到). The quota is decided under the activity's row
 * lock: on PostgreSQL `SELECT … FOR UPDATE` on the activity row, on SQLite every write
 * transaction is serialised already (one connection). Every sign-up change goes through
 * `lockActivity` first, so locks are always taken in the same order (activity, then
 * sign-up rows) and concurrent sign-ups cannot pass the quota or deadlock.
 */
import { PostgresAdapter } from 'kysely';
import type { ActivityRules } from '../domain/activity';
import type { ActivitiesTable, ActivitySignupsTable, Q } from './schema';

export type ActivityRow = ActivitiesTable & { union_name: string; union_parent_id: string | null };

export function isPostgres(db: Q): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Counts come back as strings (bigint) from PostgreSQL and as numbers from SQLite. */
export function num(v: unknown): number {
  return v === null || v === undefined ? 0 : Number(v);
}

export async function findActivity(db: Q, id: string): Promise<ActivityRow | undefined> {
  return db
    .selectFrom('activities as a')
    .innerJoin('unions as u', 'u.id', 'a.union_id')
    .selectAll('a')
    .select(['u.name as union_name', 'u.parent_id as union_parent_id'])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

/** The rule view of a stored activity. */
export type RuleColumns = Pick<
  ActivitiesTable,
  'status' | 'union_id' | 'industry_union_id' | 'audience' | 'start_at' | 'end_at' | 'sign_up_deadline' | 'check_in_from' | 'check_in_until' | 'allow_walk_in'
>;

export function rulesOf(a: RuleColumns): ActivityRules {
  return {
    status: a.status,
    unionId: a.union_id,
    industryUnionId: a.industry_union_id,
    audience: a.audience,
    startAt: a.start_at,
    endAt: a.end_at,
    signUpDeadline: a.sign_up_deadline,
    checkInFrom: a.check_in_from,
    checkInUntil: a.check_in_until,
    allowWalkIn: a.allow_walk_in === 1,
  };
}

/** The caller's active membership (会员): its union and that union's parent (the domain's `industryOf` makes the scope). */
export async function activeMemberOfUser(db: Q, userId: string): Promise<{ id: string; name: string; union_id: string; parent_id: string | null } | undefined> {
  return db
    .selectFrom('members as m')
    .innerJoin('unions as u', 'u.id', 'm.union_id')
    .select(['m.id', 'm.name', 'm.union_id', 'u.parent_id'])
    .where('m.user_id', '=', userId)
    .where('m.status', '=', 'active')
    .executeTakeFirst();
}

/**
 * Every member record of the login (会员记录), the active one first, then newest first: after a
 * transfer (会籍转接) the old record (已退会) keeps its sign-ups and check-ins, and the member's own
 * views (我的活动, 活动详情) show them too. Anonymised records lost the login and are not included.
 */
export async function memberIdsOfUser(db: Q, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('members').select(['id', 'status', 'created_at']).where('user_id', '=', userId).execute();
  const rank = (r: { status: string }) => (r.status === 'active' ? 0 : 1);
  return rows.sort((a, b) => rank(a) - rank(b) || (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0)).map((r) => r.id);
}

/**
 * The caller's sign-up and check-in of one activity over all their member records: the record
 * earliest in `memberIds` (the active one first) wins when several have one.
 */
export async function mySignUpsAcross(db: Q, memberIds: string[], activityIds?: string[]) {
  if (!memberIds.length || (activityIds && !activityIds.length)) return { signUps: new Map<string, { member_id: string; status: ActivitySignupsTable['status']; seq: ActivitySignupsTable['seq'] }>(), checkIns: new Map<string, { member_id: string; checked_in_at: string }>() };
  let sq = db.selectFrom('activity_signups').select(['activity_id', 'member_id', 'status', 'seq']).where('member_id', 'in', memberIds);
  let kq = db.selectFrom('activity_checkins').select(['activity_id', 'member_id', 'checked_in_at']).where('member_id', 'in', memberIds);
  if (activityIds) {
    sq = sq.where('activity_id', 'in', activityIds);
    kq = kq.where('activity_id', 'in', activityIds);
  }
  const [signups, checkins] = await Promise.all([sq.execute(), kq.execute()]);
  const rank = (id: string) => memberIds.indexOf(id);
  function best<T extends { activity_id: string; member_id: string }>(rows: T[]): Map<string, T> {
    const m = new Map<string, T>();
    for (const r of rows) {
      const cur = m.get(r.activity_id);
      if (!cur || rank(r.member_id) < rank(cur.member_id)) m.set(r.activity_id, r);
    }
    return m;
  }
  return { signUps: best(signups), checkIns: best(checkins) };
}

/**
 * Takes the activity's row lock for the rest of the transaction and answers the fresh
 * row. PostgreSQL: `FOR UPDATE`; SQLite: the transaction already holds the only connection.
 */
export async function lockActivity(db: Q, id: string): Promise<ActivitiesTable> {
  let q = db.selectFrom('activities').selectAll().where('id', '=', id);
  if (isPostgres(db)) q = q.forUpdate();
  return q.executeTakeFirstOrThrow();
}

/** Place in the waiting list (1 = promoted next). */
export async function waitPosition(db: Q, activityId: string, seq: number): Promise<number> {
  const r = await db
    .selectFrom('activity_signups')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('activity_id', '=', activityId)
    .where('status', '=', 'waitlisted')
    .where('seq', '<=', seq)
    .executeTakeFirstOrThrow();
  return num(r.n);
}

export async function findSignUp(db: Q, activityId: string, memberId: string): Promise<ActivitySignupsTable | undefined> {
  return db.selectFrom('activity_signups').selectAll().where('activity_id', '=', activityId).where('member_id', '=', memberId).executeTakeFirst();
}

/**
 * Gives a sign-up a place or a waiting position (the lock must be held): writes the
 * sign-up row and the activity's counters together.
 */
export async function addSignUp(
  db: Q,
  a: ActivitiesTable,
  memberId: string,
  status: 'signed_up' | 'waitlisted',
  existing: ActivitySignupsTable | undefined,
  now: Date,
): Promise<{ seq: number }> {
  const at = now.toISOString();
  const seq = a.next_seq;
  await db
    .updateTable('activities')
    .set((eb) => ({
      next_seq: eb('next_seq', '+', 1),
      signed_up_count: status === 'signed_up' ? eb('signed_up_count', '+', 1) : eb.ref('signed_up_count'),
      waitlisted_count: status === 'waitlisted' ? eb('waitlisted_count', '+', 1) : eb.ref('waitlisted_count'),
    }))
    .where('id', '=', a.id)
    .execute();
  if (existing) {
    await db
      .updateTable('activity_signups')
      .set({ status, seq, signed_up_at: at, updated_at: at, promoted_at: null, cancelled_at: null })
      .where('activity_id', '=', a.id)
      .where('member_id', '=', memberId)
      .execute();
  } else {
    await db.insertInto('activity_signups').values({ activity_id: a.id, member_id: memberId, status, seq, signed_up_at: at, updated_at: at, promoted_at: null, cancelled_at: null }).execute();
  }
  return { seq };
}

/** Cancels a sign-up (the lock must be held) and keeps the counters right. */
export async function removeSignUp(db: Q, activityId: string, memberId: string, was: 'signed_up' | 'waitlisted', now: Date): Promise<void> {
  const at = now.toISOString();
  await db.updateTable('activity_signups').set({ status: 'cancelled', updated_at: at, cancelled_at: at }).where('activity_id', '=', activityId).where('member_id', '=', memberId).execute();
  await db
    .updateTable('activities')
    .set((eb) => (was === 'signed_up' ? { signed_up_count: eb('signed_up_count', '-', 1) } : { waitlisted_count: eb('waitlisted_count', '-', 1) }))
    .where('id', '=', activityId)
    .execute();
}

/** Promotes the first `n` waiting members in sign-up order (the lock must be held). Answers their member ids. */
export async function promoteWaiting(db: Q, activityId: string, n: number, now: Date): Promise<string[]> {
  if (n <= 0) return [];
  const next = await db
    .selectFrom('activity_signups')
    .select('member_id')
    .where('activity_id', '=', activityId)
    .where('status', '=', 'waitlisted')
    .orderBy('seq')
    .limit(n)
    .execute();
  if (next.length === 0) return [];
  const ids = next.map((r) => r.member_id);
  const at = now.toISOString();
  await db.updateTable('activity_signups').set({ status: 'signed_up', promoted_at: at, updated_at: at }).where('activity_id', '=', activityId).where('member_id', 'in', ids).execute();
  await db
    .updateTable('activities')
    .set((eb) => ({ signed_up_count: eb('signed_up_count', '+', ids.length), waitlisted_count: eb('waitlisted_count', '-', ids.length) }))
    .where('id', '=', activityId)
    .execute();
  return ids;
}

export async function countCheckIns(db: Q, activityId: string): Promise<{ checkedIn: number; walkIns: number }> {
  const r = await db
    .selectFrom('activity_checkins')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum<number>('walk_in').as('walk_ins')])
    .where('activity_id', '=', activityId)
    .executeTakeFirstOrThrow();
  return { checkedIn: num(r.n), walkIns: num(r.walk_ins) };
}

/** Sign-ups and check-ins of one activity with the members' names (报名与签到名单). */
export async function participantRows(db: Q, activityId: string) {
  const signups = await db
    .selectFrom('activity_signups as s')
    .innerJoin('members as m', 'm.id', 's.member_id')
    .leftJoin('units as un', 'un.id', 'm.unit_id')
    .leftJoin('activity_checkins as c', (j) => j.onRef('c.activity_id', '=', 's.activity_id').onRef('c.member_id', '=', 's.member_id'))
    .select(['m.id as member_id', 'm.name', 'm.member_no', 'un.name as unit', 'm.unit_name', 's.status', 's.seq', 's.signed_up_at', 'c.checked_in_at', 'c.method', 'c.walk_in'])
    .where('s.activity_id', '=', activityId)
    .orderBy('s.seq')
    .execute();
  const walkIns = await db
    .selectFrom('activity_checkins as c')
    .innerJoin('members as m', 'm.id', 'c.member_id')
    .leftJoin('units as un', 'un.id', 'm.unit_id')
    .leftJoin('activity_signups as s', (j) => j.onRef('s.activity_id', '=', 'c.activity_id').onRef('s.member_id', '=', 'c.member_id'))
    .select(['m.id as member_id', 'm.name', 'm.member_no', 'un.name as unit', 'm.unit_name', 'c.checked_in_at', 'c.method', 'c.walk_in'])
    .where('c.activity_id', '=', activityId)
    .where('s.member_id', 'is', null)
    .orderBy('c.checked_in_at')
    .execute();
  return { signups, walkIns };
}


/** The union an activity belongs to, as an access rule needs it (the `objectRoles` policies). */
export async function activityUnion(db: Q, id: string): Promise<{ id: string; parent_id: string | null } | undefined> {
  return db.selectFrom('activities as a').innerJoin('unions as u', 'u.id', 'a.union_id').select(['u.id', 'u.parent_id']).where('a.id', '=', id).executeTakeFirst();
}

export async function insertActivity(db: Q, row: ActivitiesTable): Promise<void> {
  await db.insertInto('activities').values(row).execute();
}

/** Writes the given columns of an activity (and `updated_at`). */
export async function updateActivity(db: Q, id: string, set: Partial<ActivitiesTable>): Promise<void> {
  await db.updateTable('activities').set(set).where('id', '=', id).execute();
}

/** Moves an activity from state `from` (with the columns in `set`); false when it was no longer in `from`. */
export async function moveActivity(db: Q, id: string, from: ActivitiesTable['status'], set: Partial<ActivitiesTable>): Promise<boolean> {
  const r = await db.updateTable('activities').set(set).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * The activities a member may see (活动列表): published or finished, ended after `since`, of their
 * union (audience `union`) or their industry (audience `industry`), with their sign-up and check-in.
 */
export async function activitiesForMember(db: Q, member: { id: string; unionId: string; industryUnionId: string }, since: string) {
  return db
    .selectFrom('activities as a')
    .innerJoin('unions as u', 'u.id', 'a.union_id')
    .leftJoin('activity_signups as s', (j) => j.onRef('s.activity_id', '=', 'a.id').on('s.member_id', '=', member.id))
    .leftJoin('activity_checkins as k', (j) => j.onRef('k.activity_id', '=', 'a.id').on('k.member_id', '=', member.id))
    .selectAll('a')
    .select(['u.name as union_name', 'u.parent_id as union_parent_id', 's.status as my_signup', 'k.checked_in_at'])
    .where('a.status', 'in', ['published', 'finished'])
    .where('a.end_at', '>=', since)
    .where((eb) =>
      eb.or([
        eb.and([eb('a.audience', '=', 'union'), eb('a.union_id', '=', member.unionId)]),
        eb.and([eb('a.audience', '=', 'industry'), eb('a.industry_union_id', '=', member.industryUnionId)]),
      ]),
    )
    .execute();
}

/** A union's activities (every state, or one), newest start first, 200 at most, with their check-in counts. */
export async function activitiesOfUnion(db: Q, unionId: string, status?: ActivitiesTable['status']) {
  let q = db
    .selectFrom('activities as a')
    .innerJoin('unions as u', 'u.id', 'a.union_id')
    .selectAll('a')
    .select((eb) => [
      'u.name as union_name',
      'u.parent_id as union_parent_id',
      eb.selectFrom('activity_checkins as k').select(eb.fn.countAll().as('n')).whereRef('k.activity_id', '=', 'a.id').as('checked_in'),
    ])
    .where('a.union_id', '=', unionId)
    .orderBy('a.start_at', 'desc')
    .limit(200);
  if (status) q = q.where('a.status', '=', status);
  return q.execute();
}

/** These activities unless drafts, latest start first, 200 at most (我的活动). */
export async function activitiesByIds(db: Q, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('activities as a')
    .select(['a.id', 'a.title', 'a.type', 'a.start_at', 'a.end_at', 'a.place', 'a.status', 'a.cancel_reason'])
    .where('a.id', 'in', ids)
    .where('a.status', '!=', 'draft')
    .orderBy('a.start_at', 'desc')
    .limit(200)
    .execute();
}

/** What staff filled in for the activity record (活动记录), with who saved it last. */
export async function findActivityRecord(db: Q, activityId: string) {
  return db
    .selectFrom('activity_records as r')
    .innerJoin('users as u', 'u.id', 'r.updated_by')
    .select(['r.content', 'r.outcome', 'r.awards', 'r.updated_at', 'u.display_name'])
    .where('r.activity_id', '=', activityId)
    .executeTakeFirst();
}

export async function saveActivityRecord(db: Q, activityId: string, values: { content: string; outcome: string; awards: string; updated_by: string; updated_at: string }): Promise<void> {
  await db
    .insertInto('activity_records')
    .values({ activity_id: activityId, ...values })
    .onConflict((oc) => oc.column('activity_id').doUpdateSet(values))
    .execute();
}

/** The audit events of an activity (操作记录), oldest first, 500 at most, with the actor's name. */
export async function activityEvents(db: Q, activityId: string) {
  return db
    .selectFrom('audit_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_user_id')
    .select(['e.at', 'e.action', 'e.detail', 'u.display_name'])
    .where('e.object_type', '=', 'activity')
    .where('e.object_id', '=', activityId)
    .orderBy('e.at')
    .orderBy('e.id')
    .limit(500)
    .execute();
}
