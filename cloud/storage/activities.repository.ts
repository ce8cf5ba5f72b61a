/**
 * Activities as stored (活动、报名、签到). The quota is decided under the activity's row
 * lock: on PostgreSQL `SELECT … FOR UPDATE` on the activity row, on SQLite every write
 * transaction is serialised already (one connection). Every sign-up change goes through
 * `lockActivity` first, so locks are always taken in the same order (activity, then
 * sign-up rows) and concurrent sign-ups cannot pass the quota or deadlock.
 */
import { PostgresAdapter, sql } from 'kysely';
import type { ActivityRules, MemberScope } from '../domain/activity';
import { industryOf } from '../domain/activity';
import type { ActivitiesTable, ActivitySignupsTable, Q } from './schema';
import { Coalescer, coalescible, perHandle } from './coalesce';
import { againIfLost } from './faults';
import { precompile } from './precompiled';

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

/** The caller's active membership (会员), with the scope activities care about. */
export async function memberOfUser(db: Q, userId: string): Promise<(MemberScope & { id: string; name: string }) | null> {
  const m = await db
    .selectFrom('members as m')
    .innerJoin('unions as u', 'u.id', 'm.union_id')
    .select(['m.id', 'm.name', 'm.union_id', 'u.parent_id'])
    .where('m.user_id', '=', userId)
    .where('m.status', '=', 'active')
    .executeTakeFirst();
  return m ? { id: m.id, name: m.name, unionId: m.union_id, industryUnionId: industryOf({ id: m.union_id, parent_id: m.parent_id }) } : null;
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

/**
 * Everything one member check-in needs, in one query: the activity, the caller's
 * membership and its union, their sign-up and check-in, and an earlier attempt with the
 * same nonce (a retry). Precompiled (cloud/storage/precompiled.ts): it carries the door rush.
 */
const checkInContextQuery = precompile((db, p) =>
  db
    .selectFrom('activities as a')
    // 'active' as a literal, not a bound parameter: SQLite uses the partial index
    // members_active_user_uq only by peeking at the bound value, and then re-prepares the whole
    // six-table statement on every call (≈ 0.9 ms of the check-in's CPU under load).
    .leftJoin('members as m', (j) => j.on('m.user_id', '=', p(0)).on('m.status', '=', sql.lit('active')))
    .leftJoin('unions as mu', 'mu.id', 'm.union_id')
    .leftJoin('activity_signups as s', (j) => j.onRef('s.activity_id', '=', 'a.id').onRef('s.member_id', '=', 'm.id'))
    .leftJoin('activity_checkins as c', (j) => j.onRef('c.activity_id', '=', 'a.id').onRef('c.member_id', '=', 'm.id'))
    .leftJoin('activity_checkin_attempts as t', (j) => j.on('t.actor_user_id', '=', p(0)).on('t.nonce', '=', p(1)))
    // Only what the check-in needs (not the description and the other texts of the activity).
    .select(['a.id', 'a.title', 'a.checkin_secret', 'a.status', 'a.union_id', 'a.industry_union_id', 'a.audience', 'a.start_at', 'a.end_at', 'a.sign_up_deadline', 'a.check_in_from', 'a.check_in_until', 'a.allow_walk_in'])
    .select([
      'm.id as member_id',
      'm.union_id as member_union_id',
      'mu.parent_id as member_union_parent_id',
      's.status as signup_status',
      'c.checked_in_at as checked_in_at',
      'c.walk_in as walk_in',
      't.id as replay_id',
      't.activity_id as replay_activity_id',
      't.outcome as replay_outcome',
      't.reason as replay_reason',
      't.checked_in_at as replay_checked_in_at',
    ])
    .where('a.id', '=', p(2)),
);

export type CheckInContext = NonNullable<Awaited<ReturnType<typeof checkInContextQuery.executeTakeFirst>>>;

export async function checkInContext(db: Q, activityId: string, userId: string, nonce: string): Promise<CheckInContext | undefined> {
  if (coalescible(db)) return checkInContextsPg(db).load({ userId, nonce, activityId });
  return checkInContextQuery.executeTakeFirst(db, [userId, nonce, activityId]);
}

/**
 * PostgreSQL: the check-in contexts asked for in one turn of the event loop, in one statement
 * (coalesce.ts): the query above over arrays, each row tagged with the index of its caller. Each
 * join is a LATERAL lookup by index, row by row (`limit 1` keeps PostgreSQL from flattening it into
 * a plain join, which it planned as hash joins over whole tables: 8 ms for 50 check-ins, against 2).
 */
const checkInContextsPg = perHandle(
  'checkInContexts',
  (db: Q) =>
    new Coalescer<{ userId: string; nonce: string; activityId: string }, CheckInContext | undefined>(async (items) => {
      const { rows } = await sql<CheckInContext & { i: number }>`
        select q.i::int as i, a.id, a.title, a.checkin_secret, a.status, a.union_id, a.industry_union_id, a.audience, a.start_at, a.end_at,
          a.sign_up_deadline, a.check_in_from, a.check_in_until, a.allow_walk_in,
          m.id as member_id, m.union_id as member_union_id, mu.parent_id as member_union_parent_id, s.status as signup_status,
          c.checked_in_at as checked_in_at, c.walk_in as walk_in, t.id as replay_id, t.activity_id as replay_activity_id,
          t.outcome as replay_outcome, t.reason as replay_reason, t.checked_in_at as replay_checked_in_at
        from unnest(${items.map((x) => x.userId)}::text[], ${items.map((x) => x.nonce)}::text[], ${items.map((x) => x.activityId)}::text[])
          with ordinality as q(user_id, nonce, activity_id, i)
        cross join lateral (select * from activities a where a.id = q.activity_id limit 1) a
        left join lateral (select m.id, m.union_id from members m where m.user_id = q.user_id and m.status = 'active' limit 1) m on true
        left join lateral (select mu.parent_id from unions mu where mu.id = m.union_id limit 1) mu on true
        left join lateral (select s.status from activity_signups s where s.activity_id = a.id and s.member_id = m.id limit 1) s on true
        left join lateral (select c.checked_in_at, c.walk_in from activity_checkins c where c.activity_id = a.id and c.member_id = m.id limit 1) c on true
        left join lateral (select t.id, t.activity_id, t.outcome, t.reason, t.checked_in_at from activity_checkin_attempts t
          where t.actor_user_id = q.user_id and t.nonce = q.nonce limit 1) t on true`.execute(db);
      const out: (CheckInContext | undefined)[] = new Array(items.length).fill(undefined);
      for (const { i, ...row } of rows) if (out[i - 1] === undefined) out[i - 1] = row;
      return out.map((value) => ({ ok: true, value }));
    }),
);

/** An earlier attempt of this caller with this nonce (the stored answer to a retry). */
export async function findAttempt(db: Q, userId: string, nonce: string) {
  return db
    .selectFrom('activity_checkin_attempts as t')
    .innerJoin('activities as a', 'a.id', 't.activity_id')
    .leftJoin('activity_checkins as c', (j) => j.onRef('c.activity_id', '=', 't.activity_id').onRef('c.member_id', '=', 't.member_id'))
    .leftJoin('members as m', 'm.id', 't.member_id')
    .select(['t.nonce', 't.activity_id', 't.outcome', 't.reason', 't.checked_in_at', 't.flagged', 'a.title', 'c.walk_in', 'm.name as member_name'])
    .where('t.actor_user_id', '=', userId)
    .where('t.nonce', '=', nonce)
    .executeTakeFirst();
}

/**
 * Wrong codes this caller typed or scanned on this activity after `since` (the guessing limit):
 * attempts refused as `invalid_checkin_code`. Attempts refused by the lock itself (`rate_limited`)
 * were not checked and do not count, so the lock ends when it said it would.
 */
export async function recentWrongCodes(db: Q, activityId: string, userId: string, since: Date): Promise<number> {
  const r = await db
    .selectFrom('activity_checkin_attempts')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('activity_id', '=', activityId)
    .where('actor_user_id', '=', userId)
    .where('reason', '=', 'invalid_checkin_code')
    .where('at', '>', since.toISOString())
    .executeTakeFirstOrThrow();
  return num(r.n);
}

export async function countCheckIns(db: Q, activityId: string): Promise<{ checkedIn: number; walkIns: number }> {
  const r = await db
    .selectFrom('activity_checkins')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum<number>('walk_in').as('walk_ins')])
    .where('activity_id', '=', activityId)
    .executeTakeFirstOrThrow();
  return { checkedIn: num(r.n), walkIns: num(r.walk_ins) };
}

export async function countAttempts(db: Q, activityId: string): Promise<{ refused: number; flagged: number }> {
  const r = await db
    .selectFrom('activity_checkin_attempts')
    .select([
      sql<number>`sum(case when outcome = 'refused' then 1 else 0 end)`.as('refused'),
      sql<number>`sum(flagged)`.as('flagged'),
    ])
    .where('activity_id', '=', activityId)
    .executeTakeFirstOrThrow();
  return { refused: num(r.refused), flagged: num(r.flagged) };
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

/** One member check-in as `writeCheckInPg` stores it: the attempt, the check-in (if `checkIn`) and the audit event. */
export interface CheckInWrite {
  attemptId: string;
  actorUserId: string;
  nonce: string;
  activityId: string;
  memberId: string | null;
  method: string;
  outcome: string;
  reason: string | null;
  /** The checked-in time of the answer (a duplicate's first time), null for a refusal. */
  answerAt: string | null;
  at: string;
  walkIn: 0 | 1;
  checkIn: boolean;
  eventId: string;
  action: string;
  unionId: string;
  detail: string;
  /**
   * The caller's wrong-code guard (`limitKey.checkInCodes`): while its lock holds, nothing is
   * written here and the general path answers the lock.
   */
  guardKey: string;
}

/** PostgreSQL's division-by-zero code: the one-statement write stopped (see below). */
export const CHECK_IN_TAKE_GENERAL_PATH = '22012';

/**
 * PostgreSQL: member check-ins written in one statement (data-modifying CTEs; SQLite has none
 * and batches whole transactions instead, group-commit.ts), for one check-in or, coalesced
 * (coalesce.ts), for all those of one turn of the event loop, over arrays.
 *
 * The attempt goes first (its nonce is unique per caller); the check-in and the audit event are
 * inserted only from its RETURNING rows. The final division is by zero, which aborts the whole
 * statement, when an attempt was not stored (the nonce is taken: a retry racing its first send;
 * or the caller is locked out of code check-in on this activity, checked here in the same
 * statement: `limit_guards`) or a check-in was not (the same member checked in a moment ago):
 * then nothing is written. A
 * batch that stops so is written again one check-in per statement; a check-in that stops alone
 * rejects with code `22012`, and the caller takes the general path, which answers the replay or
 * the duplicate. (The divisor is a runtime value: PostgreSQL folds constant expressions.)
 */
export async function writeCheckInPg(db: Q, w: CheckInWrite): Promise<void> {
  if (coalescible(db)) return checkInWritesPg(db).load(w);
  await writeCheckInsAtOnce(db, [w]);
}

const checkInWritesPg = perHandle(
  'checkInWrites',
  (db: Q) =>
    new Coalescer<CheckInWrite, void>(async (items) => {
      // Sent again if its connection is lost: had the first one committed, the second stops on the
      // taken nonces and each caller takes the general path, which answers the stored attempt.
      try {
        await againIfLost(() => writeCheckInsAtOnce(db, items));
        return items.map(() => ({ ok: true, value: undefined }));
      } catch (err) {
        if (items.length === 1 || (err as { code?: string }).code !== CHECK_IN_TAKE_GENERAL_PATH) throw err;
      }
      // One of them raced another request (rare): each on its own, so only that one stops.
      return Promise.all(
        items.map((w) =>
          againIfLost(() => writeCheckInsAtOnce(db, [w])).then(
            () => ({ ok: true as const, value: undefined }),
            (error: unknown) => ({ ok: false as const, error }),
          ),
        ),
      );
    }),
);

async function writeCheckInsAtOnce(db: Q, items: CheckInWrite[]): Promise<void> {
  const col = <K extends keyof CheckInWrite>(k: K) => items.map((w) => w[k]);
  await sql`with q as (
      select * from unnest(${col('attemptId')}::text[], ${col('actorUserId')}::text[], ${col('nonce')}::text[], ${col('activityId')}::text[],
        ${col('memberId')}::text[], ${col('method')}::text[], ${col('outcome')}::text[], ${col('reason')}::text[], ${col('answerAt')}::text[],
        ${col('at')}::text[], ${col('walkIn')}::int[], ${col('checkIn')}::boolean[], ${col('eventId')}::text[], ${col('action')}::text[],
        ${col('unionId')}::text[], ${col('detail')}::text[], ${col('guardKey')}::text[])
        as q(attempt_id, actor, nonce, activity_id, member_id, method, outcome, reason, answer_at, at, walk_in, check_in, event_id, action, union_id, detail, guard_key)
    ), t as (
      insert into activity_checkin_attempts (id, actor_user_id, nonce, activity_id, member_id, method, outcome, reason, flagged, checked_in_at, device_id, scanned_at, at)
      select attempt_id, actor, nonce, activity_id, member_id, method, outcome, reason, 0, answer_at, null, null, at from q
      where not exists (select 1 from limit_guards g where g.key = q.guard_key and g.locked_until > q.at)
      on conflict (actor_user_id, nonce) do nothing
      returning id
    ), k as (
      insert into activity_checkins (activity_id, member_id, checked_in_at, method, walk_in, attempt_id, device_id)
      select q.activity_id, q.member_id, q.at, q.method, q.walk_in, q.attempt_id, null
      from q join t on t.id = q.attempt_id where q.check_in
      on conflict (activity_id, member_id) do nothing
      returning attempt_id
    ), e as (
      insert into audit_events (id, at, actor_user_id, action, object_type, object_id, union_id, detail)
      select q.event_id, q.at, q.actor, q.action, 'activity_checkin', q.activity_id, q.union_id, q.detail
      from q join t on t.id = q.attempt_id
    )
    select 1 / cast(((select count(*) from t) = ${items.length} and (select count(*) from k) = ${items.filter((w) => w.checkIn).length}) as integer) as ok`.execute(db);
}
