/**
 * Check-ins as stored (签到): the attempts (every one with a known activity, refusals too, each
 * under its caller's nonce), the check-ins (one per member and activity) and the wrong-code guard.
 * Check-in carries the door rush: its read is one (coalesced) statement, and its write is one call,
 * `recordCheckIn`, that on PostgreSQL is one statement too.
 */
import { sql, type Transaction } from 'kysely';
import type { CheckInDecision, WrongCodeGuard, WrongCodeVerdict } from '../domain/activity';
import { newId } from '../domain/crypto';
import { appendAudit, auditColumns, type AuditColumns, type AuditRow } from './audit.repository';
import { isPostgres, num } from './activities.repository';
import { Coalescer, coalescible, perHandle } from './coalesce';
import { againIfLost } from './faults';
import { groupCommitOf } from './group-commit';
import { holdLimit, limitLockedUntil, lockLimit } from './limits.repository';
import { precompile } from './precompiled';
import type { ActivityCheckinAttemptsTable, Database, Db, Q } from './schema';
import { runTransaction } from './transaction';

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


export type StoredAttempt = NonNullable<Awaited<ReturnType<typeof findAttempt>>>;

/** When `memberId` checked in to the activity, or null. */
export async function checkedInAt(db: Q, activityId: string, memberId: string): Promise<string | null> {
  const r = await db.selectFrom('activity_checkins').select('checked_in_at').where('activity_id', '=', activityId).where('member_id', '=', memberId).executeTakeFirst();
  return r?.checked_in_at ?? null;
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

/** The last 200 attempts of an activity that did not check anyone in (refused or duplicate), newest first. */
export async function unsuccessfulAttempts(db: Q, activityId: string) {
  return db
    .selectFrom('activity_checkin_attempts as t')
    .leftJoin('members as m', 'm.id', 't.member_id')
    .select(['t.at', 't.scanned_at', 'm.name', 'm.member_no', 't.method', 't.outcome', 't.reason', 't.device_id', 't.flagged'])
    .where('t.activity_id', '=', activityId)
    .where('t.outcome', '!=', 'checked_in')
    .orderBy('t.at', 'desc')
    .limit(200)
    .execute();
}

/** The attempts this caller stored under these nonces (a scan upload sent again), with the member's name. */
export async function attemptsByNonce(db: Q, userId: string, nonces: readonly string[]) {
  if (nonces.length === 0) return [];
  return db
    .selectFrom('activity_checkin_attempts as t')
    .leftJoin('members as m', 'm.id', 't.member_id')
    .select(['t.nonce', 't.outcome', 't.reason', 't.checked_in_at', 't.flagged', 'm.name'])
    .where('t.actor_user_id', '=', userId)
    .where('t.nonce', 'in', nonces)
    .execute();
}

/** The scanned members (any status), with their union's parent and their sign-up to the activity. */
export async function scannedMembers(db: Q, activityId: string, memberIds: readonly string[]) {
  if (memberIds.length === 0) return [];
  return db
    .selectFrom('members as m')
    .innerJoin('unions as u', 'u.id', 'm.union_id')
    .leftJoin('activity_signups as s', (j) => j.onRef('s.member_id', '=', 'm.id').on('s.activity_id', '=', activityId))
    .select(['m.id', 'm.name', 'm.union_id', 'm.status', 'u.parent_id', 's.status as signup'])
    .where('m.id', 'in', memberIds)
    .execute();
}

// The check-in's two inserts, precompiled (cloud/storage/precompiled.ts): they carry the door rush.
const insertCheckIn = precompile((db, p) =>
  db
    .insertInto('activity_checkins')
    .values({ activity_id: p(0), member_id: p(1), checked_in_at: p(2), method: p(3), walk_in: p(4), attempt_id: p(5), device_id: p(6) })
    .onConflict((oc) => oc.columns(['activity_id', 'member_id']).doNothing())
    .returning('checked_in_at'),
);
const insertAttempt = precompile((db, p) =>
  db
    .insertInto('activity_checkin_attempts')
    .values({
      id: p(0),
      actor_user_id: p(1),
      nonce: p(2),
      activity_id: p(3),
      member_id: p(4),
      method: p(5),
      outcome: p(6),
      reason: p(7),
      flagged: p(8),
      checked_in_at: p(9),
      device_id: p(10),
      scanned_at: p(11),
      at: p(12),
    })
    .onConflict((oc) => oc.columns(['actor_user_id', 'nonce']).doNothing())
    .returning('id'),
);

/** One attempt to store (a member's code or a staff scan). */
export interface AttemptToStore {
  attemptId: string;
  actorUserId: string;
  nonce: string;
  activityId: string;
  memberId: string | null;
  method: ActivityCheckinAttemptsTable['method'];
  /** When it was received (the request time). */
  at: string;
  /** The time it checks in at: the request time, or the scan's own time for an offline scan. */
  checkInAt: string;
  deviceId: string | null;
  scannedAt: string | null;
  /** A duplicate is flagged for the organiser (the same member scanned on two devices). */
  flagDuplicates: boolean;
}

export function outcomeOf(d: CheckInDecision): ActivityCheckinAttemptsTable['outcome'] {
  return d.kind === 'check_in' ? 'checked_in' : d.kind === 'duplicate' ? 'duplicate' : 'refused';
}

/**
 * Stores an attempt and, when `d` checks in, the check-in (in the caller's transaction). A check-in
 * another request made a moment ago turns it into a duplicate with that first time. Answers the
 * decision stored, and `stored: false` when the nonce was taken (nothing of the attempt written).
 */
export async function storeAttempt(trx: Transaction<Database>, a: AttemptToStore, d: CheckInDecision): Promise<{ decision: CheckInDecision; stored: boolean }> {
  if (d.kind === 'check_in' && a.memberId) {
    const made = await insertCheckIn.executeTakeFirst(trx, [a.activityId, a.memberId, a.checkInAt, a.method, d.walkIn ? 1 : 0, a.attemptId, a.deviceId]);
    if (!made) {
      const first = await checkedInAt(trx, a.activityId, a.memberId);
      if (first === null) throw new Error('activity_checkins: a conflict without a row');
      d = { kind: 'duplicate', checkedInAt: first };
    }
  }
  const stored = await insertAttempt.executeTakeFirst(trx, [
    a.attemptId,
    a.actorUserId,
    a.nonce,
    a.activityId,
    a.memberId,
    a.method,
    outcomeOf(d),
    d.kind === 'refuse' ? d.reason : null,
    a.flagDuplicates && d.kind === 'duplicate' ? 1 : 0,
    d.kind === 'check_in' ? a.checkInAt : d.kind === 'duplicate' ? d.checkedInAt : null,
    a.deviceId,
    a.scannedAt,
    a.at,
  ]);
  return { decision: d, stored: stored !== undefined };
}

/** A member's check-in with the station's code, as `recordCheckIn` stores it. */
export interface CheckInToRecord {
  actorUserId: string;
  nonce: string;
  activityId: string;
  memberId: string | null;
  /** The request time (ISO). */
  at: string;
  /** The rule's decision (`decideCheckIn`). */
  decision: CheckInDecision;
  /** The caller's wrong-code guard (`limitKey.checkInCodes`): while its lock holds, every code is refused. */
  guardKey: string;
  /**
   * Set when the code was wrong: it is counted under the guard's row lock (parallel guesses take
   * turns), and `judge` (the domain's `judgeWrongCode`) says whether it is refused or sets the lock.
   */
  wrongCode?: { since: string; judge(g: WrongCodeGuard): WrongCodeVerdict };
  /**
   * The attempt's audit event, given the decision stored (a duplicate or the lock may replace the
   * rule's): every path below writes it with the attempt, in the same transaction or statement.
   */
  audit(attemptId: string, stored: CheckInDecision): AuditRow;
}

export type RecordedCheckIn =
  | { kind: 'stored'; decision: CheckInDecision; lockedUntil: string | null }
  /** Another request with the same nonce got there first: answer its stored attempt (`findAttempt`). */
  | { kind: 'nonce_taken' };

/** Thrown inside the transaction when the nonce is taken: rolls back what this attempt wrote. */
class NonceTaken extends Error {}

/**
 * Stores a member check-in: the attempt (refusals too), the check-in, the guard's count or lock,
 * and the audit event, all or nothing, in one call on both databases.
 *
 * PostgreSQL, any code but a wrong one: ONE statement (writeCheckInPg: no BEGIN/COMMIT, against
 * five round trips in a transaction, coalesced at a rush with the other check-ins of the same turn
 * of the event loop). Its audit event cannot go through `appendAudit`'s own INSERT without a second
 * round trip, so the caller builds the row with `ctx.auditRow` (the code `w.audit` uses) and it is
 * stored by `auditColumns` (the code `appendAudit` uses) inside the same statement; `audit` is a
 * required field, so no path here stores an attempt without its event. A taken nonce, the lock or a
 * check-in made a moment ago stops that statement, and the general path sorts the case out.
 *
 * Otherwise (SQLite, a wrong code, or the case above): one transaction (SQLite: the next group
 * commit), with the event through `appendAudit`.
 */
export async function recordCheckIn(db: Db, r: CheckInToRecord): Promise<RecordedCheckIn> {
  const d0 = r.decision;
  if (!r.wrongCode && isPostgres(db)) {
    const attemptId = newId('cka');
    try {
      await writeCheckInPg(db, {
        attemptId, actorUserId: r.actorUserId, nonce: r.nonce, activityId: r.activityId, memberId: r.memberId, method: 'code', outcome: outcomeOf(d0),
        reason: d0.kind === 'refuse' ? d0.reason : null,
        answerAt: d0.kind === 'check_in' ? r.at : d0.kind === 'duplicate' ? d0.checkedInAt : null,
        at: r.at, walkIn: d0.kind === 'check_in' && d0.walkIn ? 1 : 0, checkIn: d0.kind === 'check_in',
        event: auditColumns(r.audit(attemptId, d0)), guardKey: r.guardKey,
      });
      return { kind: 'stored', decision: d0, lockedUntil: null };
    } catch (err) {
      if ((err as { code?: string }).code !== CHECK_IN_TAKE_GENERAL_PATH) throw err;
    }
  }
  const body = async (trx: Transaction<Database>): Promise<RecordedCheckIn> => {
    let d = d0;
    let lockedUntil: string | null = null;
    if (r.wrongCode) {
      // Wrong codes of this member and activity take turns on the guard's row: the count includes
      // every wrong code committed before, so parallel guesses cannot pass the limit.
      const guard = await holdLimit(trx, r.guardKey, new Date(r.at));
      const verdict = r.wrongCode.judge({ lockedUntil: guard.lockedUntil, wrongCodesBefore: await wrongCodesSince(trx, r.activityId, r.actorUserId, r.wrongCode.since) });
      if (verdict.locked) {
        lockedUntil = verdict.lockedUntil;
        d = { kind: 'refuse', reason: 'rate_limited' };
      } else if (verdict.lockUntil) {
        await lockLimit(trx, r.guardKey, new Date(verdict.lockUntil));
        lockedUntil = verdict.lockUntil;
      }
    } else {
      // Any other code: refused while the lock holds (a lock set after this read is later than this attempt).
      lockedUntil = await limitLockedUntil(trx, r.guardKey, new Date(r.at));
      if (lockedUntil) d = { kind: 'refuse', reason: 'rate_limited' };
    }
    const attemptId = newId('cka');
    const { decision, stored } = await storeAttempt(
      trx,
      { attemptId, actorUserId: r.actorUserId, nonce: r.nonce, activityId: r.activityId, memberId: r.memberId, method: 'code', at: r.at, checkInAt: r.at, deviceId: null, scannedAt: null, flagDuplicates: false },
      d,
    );
    if (!stored) throw new NonceTaken();
    await appendAudit(trx, r.audit(attemptId, decision));
    return { kind: 'stored', decision, lockedUntil };
  };
  try {
    const batcher = groupCommitOf(db);
    return await (batcher ? batcher.run(body) : runTransaction(db, body));
  } catch (err) {
    if (err instanceof NonceTaken) return { kind: 'nonce_taken' };
    throw err;
  }
}

/**
 * Wrong codes this caller typed on this activity after `since` (the guessing limit): attempts
 * refused as `invalid_checkin_code`. Attempts refused by the lock itself (`rate_limited`) were not
 * checked and do not count, so the lock ends when it said it would.
 */
async function wrongCodesSince(db: Q, activityId: string, userId: string, since: string): Promise<number> {
  const r = await db
    .selectFrom('activity_checkin_attempts')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('activity_id', '=', activityId)
    .where('actor_user_id', '=', userId)
    .where('reason', '=', 'invalid_checkin_code')
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return num(r.n);
}

/** One member check-in as `writeCheckInPg` stores it: the attempt, the check-in (if `checkIn`) and the audit event. */
interface CheckInWrite {
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
  /** The audit event's row, as `appendAudit` would store it (audit.repository.ts `auditColumns`). */
  event: AuditColumns;
  /**
   * The caller's wrong-code guard (`limitKey.checkInCodes`): while its lock holds, nothing is
   * written here and the general path answers the lock.
   */
  guardKey: string;
}

/** PostgreSQL's division-by-zero code: the one-statement write stopped (see below). */
const CHECK_IN_TAKE_GENERAL_PATH = '22012';

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
 * rejects with code `22012`, and `recordCheckIn` takes the general path, which answers the replay
 * or the duplicate. (The divisor is a runtime value: PostgreSQL folds constant expressions.)
 */
async function writeCheckInPg(db: Q, w: CheckInWrite): Promise<void> {
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
  const ev = <K extends keyof AuditColumns>(k: K) => items.map((w) => w.event[k]);
  await sql`with q as (
      select * from unnest(${col('attemptId')}::text[], ${col('actorUserId')}::text[], ${col('nonce')}::text[], ${col('activityId')}::text[],
        ${col('memberId')}::text[], ${col('method')}::text[], ${col('outcome')}::text[], ${col('reason')}::text[], ${col('answerAt')}::text[],
        ${col('at')}::text[], ${col('walkIn')}::int[], ${col('checkIn')}::boolean[], ${col('guardKey')}::text[],
        ${ev('id')}::text[], ${ev('at')}::text[], ${ev('actor_user_id')}::text[], ${ev('action')}::text[], ${ev('object_type')}::text[],
        ${ev('object_id')}::text[], ${ev('union_id')}::text[], ${ev('detail')}::text[])
        as q(attempt_id, actor, nonce, activity_id, member_id, method, outcome, reason, answer_at, at, walk_in, check_in, guard_key,
          event_id, event_at, event_actor, event_action, event_object_type, event_object_id, event_union_id, event_detail)
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
      select q.event_id, q.event_at, q.event_actor, q.event_action, q.event_object_type, q.event_object_id, q.event_union_id, q.event_detail
      from q join t on t.id = q.attempt_id
    )
    select 1 / cast(((select count(*) from t) = ${items.length} and (select count(*) from k) = ${items.filter((w) => w.checkIn).length}) as integer) as ok`.execute(db);
}
