/**
 * Activities (活动): staff create, publish, edit, cancel and finish them; members sign
 * up (报名, with quota and waiting list) and check in (签到) with the station's rotating
 * code; staff scan member cards (offline queue, idempotent upload); attendance, lists,
 * the activity record (活动记录) and its `.xlsx` export.
 *
 * Activity states: draft → published → (cancelled | finished); draft → cancelled.
 * Sign-up states: signed_up ⇄ waitlisted → cancelled (see activity.labels.ts).
 *
 * Object-id functions load the activity first and answer `not_found` to anyone who may
 * not see it (staff of other unions, members outside its audience, anyone for a draft).
 */
import * as c from '../contract/activity.contract';
import type { ActivityListItem, Attendance, MyActivityItem, Participant, ScanResult } from '../contract/activity.contract';
import { ACTIVITY_STATUS_LABELS, type ActivityStatus, type CheckInMethod } from '../contract/activity.labels';
import { AppError, type Reason } from '../contract/errors';
import type { Role } from '../contract/labels';
import { notifyActivityChanged, notifyWaitlistPromoted } from './notify/producers';
import { admit, checkInOpen, decideCheckIn, defaultCheckInWindow, diff, inAudience, industryOf, phaseOf, promotable, scanTime, signUpRefusal, type CheckInDecision } from '../domain/activity';
import { recordSheets, recordFilename } from '../domain/activity-record';
import { newActivitySecret, parseCheckInCode, stationCode, verifyCheckInCode } from '../domain/checkin-code';
import { newId } from '../domain/crypto';
import { chinaClock } from '../domain/time';
import { verifyMemberToken } from '../domain/member-token';
import { isUniqueViolation } from '../storage/db';
import { precompile } from '../storage/precompiled';
import {
  addSignUp,
  checkInContext,
  countAttempts,
  countCheckIns,
  findActivity,
  findAttempt,
  findSignUp,
  CHECK_IN_TAKE_GENERAL_PATH,
  isPostgres,
  writeCheckInPg,
  lockActivity,
  memberIdsOfUser,
  memberOfUser,
  mySignUpsAcross,
  num,
  participantRows,
  promoteWaiting,
  recentWrongCodes,
  removeSignUp,
  rulesOf,
  waitPosition,
  type ActivityRow,
} from '../storage/activities.repository';
import { holdLimit, limitKey, limitLockedUntil, lockLimit } from '../storage/limits.repository';
import type { ActivitiesTable, Q } from '../storage/schema';
import { defineFunction, holdsRoleOn, type FnContext } from './registry';

/** Who runs a union's activities: its staff and chair, and the industry admin over its base unions. */
const MANAGE: readonly Role[] = ['staff', 'chair', 'industryAdmin'];

/** A fixed demo activity (seeded) that sample inputs name, so the access matrix reaches the handlers. */
const SAMPLE_ACTIVITY = 'act-demo-cy01-sports';

/**
 * Wrong codes allowed per member and activity in WRONG_CODE_WINDOW_MS; the last of them locks
 * code check-in for that member and activity for WRONG_CODE_LOCK_MS (every code refused, the
 * right one too: `rate_limited`, naming the end). A staff scan of the member card still works.
 */
const WRONG_CODE_LIMIT = 10;
const WRONG_CODE_WINDOW_MS = 10 * 60_000;
const WRONG_CODE_LOCK_MS = 10 * 60_000;

const iso = (s: string) => new Date(s).toISOString();

/** Stored column → the API's field name (for `changed` and the audit trail). */
const FIELD_OF_COLUMN: Record<string, string> = {
  start_at: 'startAt',
  end_at: 'endAt',
  sign_up_deadline: 'signUpDeadline',
  check_in_from: 'checkInFrom',
  check_in_until: 'checkInUntil',
  allow_walk_in: 'allowWalkIn',
};

function notFound(): AppError {
  return new AppError('not_found', '找不到该活动');
}

function canManage(ctx: FnContext, a: ActivityRow): boolean {
  return ctx.principal !== null && holdsRoleOn(ctx.principal.roles, MANAGE, { id: a.union_id, parent_id: a.union_parent_id });
}

/** The activity, for its staff only (everyone else: not_found). */
async function loadForStaff(ctx: FnContext, id: string): Promise<ActivityRow> {
  ctx.requirePrincipal();
  const a = await findActivity(ctx.db, id);
  if (!a || !canManage(ctx, a)) throw notFound();
  return a;
}

/** The activity as a member sees it: not a draft, and they are in its audience. */
async function loadForMember(ctx: FnContext, id: string) {
  const p = ctx.requirePrincipal();
  const [a, member] = await Promise.all([findActivity(ctx.db, id), memberOfUser(ctx.db, p.userId)]);
  if (!a) throw notFound();
  const manage = canManage(ctx, a);
  const visible = a.status !== 'draft' && member !== null && inAudience(rulesOf(a), member);
  if (!manage && !visible) throw notFound();
  return { a, member: visible ? member : null, manage };
}

/**
 * `activity.get` for a member: what `loadForMember` shows, and also an activity one of the caller's
 * earlier member records (e.g. before a transfer) signed up for or checked in to (read-only history;
 * signing up still goes through the current record and `loadForMember`).
 */
async function loadForMemberOrHistory(ctx: FnContext, id: string) {
  const p = ctx.requirePrincipal();
  const [a, member, allIds] = await Promise.all([findActivity(ctx.db, id), memberOfUser(ctx.db, p.userId), memberIdsOfUser(ctx.db, p.userId)]);
  if (!a) throw notFound();
  const manage = canManage(ctx, a);
  const visible = a.status !== 'draft' && member !== null && inAudience(rulesOf(a), member);
  // Before it ends, the detail shows the current record's sign-up only (that is the one the member can
  // cancel); once over, an earlier record's sign-up or check-in is history and shows too.
  if (visible) return { a, member, manage, memberIds: phaseOf({ startAt: a.start_at, endAt: a.end_at }, ctx.now) === 'ended' ? allIds : [member.id] };
  const past = allIds.filter((m) => m !== member?.id);
  const mine = a.status !== 'draft' && past.length ? await mySignUpsAcross(ctx.db, past, [a.id]) : null;
  const history = mine !== null && (mine.signUps.has(a.id) || mine.checkIns.has(a.id));
  if (!manage && !history) throw notFound();
  return { a, member: null, manage, memberIds: history ? past : [] };
}

function requireState(a: ActivitiesTable, allowed: readonly ActivityStatus[], action: string): void {
  if (allowed.includes(a.status)) return;
  throw new AppError('invalid_activity_state', `活动${ACTIVITY_STATUS_LABELS[a.status]}，不能${action}`);
}

function listItem(a: ActivityRow, now: Date): Omit<ActivityListItem, 'mine'> {
  return {
    id: a.id,
    title: a.title,
    type: a.type,
    startAt: a.start_at,
    endAt: a.end_at,
    place: a.place,
    signedUp: num(a.signed_up_count),
    quota: a.quota === null ? null : num(a.quota),
    waitlisted: num(a.waitlisted_count),
    signUpDeadline: a.sign_up_deadline,
    status: a.status,
    phase: phaseOf(rulesOf(a), now),
    audience: a.audience,
    unionName: a.union_name,
  };
}

/** Not yet ended first (soonest first), then ended (latest first). */
function upcomingFirst<T extends { startAt: string; phase: string }>(items: T[]): T[] {
  const open = items.filter((i) => i.phase !== 'ended').sort((x, y) => x.startAt.localeCompare(y.startAt));
  const ended = items.filter((i) => i.phase === 'ended').sort((x, y) => y.startAt.localeCompare(x.startAt));
  return [...open, ...ended];
}

// ---------------------------------------------------------------- staff: the activity itself

/** 新建活动: a draft of the organising union. The check-in window defaults to 30 minutes before the start until the end. */
export const create = defineFunction({
  contract: c.create,
  policy: { kind: 'unionRoles', roles: MANAGE, unionOf: (i) => i.unionId },
  kind: 'mutation',
  sample: (f) => ({
    unionId: f.baseUnionId,
    type: 'sports' as const,
    title: '示例活动',
    place: '工会活动室',
    startAt: '2030-05-01T09:00:00+08:00',
    endAt: '2030-05-01T11:00:00+08:00',
    signUpDeadline: '2030-04-30T18:00:00+08:00',
    audience: 'union' as const,
  }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const union = await ctx.db.selectFrom('unions').select(['id', 'name', 'parent_id']).where('id', '=', input.unionId).executeTakeFirstOrThrow();
    const startAt = iso(input.startAt);
    const endAt = iso(input.endAt);
    const window = defaultCheckInWindow(startAt, endAt);
    const checkInFrom = input.checkInFrom ? iso(input.checkInFrom) : window.from;
    const checkInUntil = input.checkInUntil ? iso(input.checkInUntil) : window.until;
    if (checkInUntil <= checkInFrom) throw new AppError('validation_error', undefined, [{ path: 'checkInUntil', message: '签到结束须晚于签到开始' }]);
    const id = newId('act');
    const at = ctx.now.toISOString();
    await ctx.transaction(async (w) => {
      await w.db
        .insertInto('activities')
        .values({
          id,
          union_id: union.id,
          industry_union_id: industryOf(union),
          type: input.type,
          title: input.title,
          description: input.description ?? '',
          place: input.place,
          organizer: input.organizer || union.name,
          start_at: startAt,
          end_at: endAt,
          sign_up_deadline: iso(input.signUpDeadline),
          quota: input.quota ?? null,
          audience: input.audience,
          check_in_from: checkInFrom,
          check_in_until: checkInUntil,
          allow_walk_in: input.allowWalkIn ? 1 : 0,
          status: 'draft',
          cancel_reason: null,
          checkin_secret: newActivitySecret(),
          signed_up_count: 0,
          waitlisted_count: 0,
          next_seq: 1,
          created_by: p.userId,
          created_at: at,
          updated_at: at,
          published_at: null,
          cancelled_at: null,
          finished_at: null,
        })
        .execute();
      await w.audit({ objectType: 'activity', objectId: id, unionId: union.id, detail: { title: input.title, type: input.type, audience: input.audience, quota: input.quota ?? null } });
    });
    return { id, status: 'draft' as const };
  },
});

/**
 * 修改活动 (draft or published). Every change is audited with before and after values.
 * Audience changes only in a draft; the quota never below those already signed up, and
 * raising it promotes waiting members in order. Moving the times moves a default
 * check-in window with them.
 */
export const update = defineFunction({
  contract: c.update,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  sample: () => ({ id: SAMPLE_ACTIVITY, place: '工会活动室（二楼）' }),
  async handler(input, ctx) {
    const a = await loadForStaff(ctx, input.id);
    requireState(a, ['draft', 'published'], '修改');
    if (input.audience !== undefined && input.audience !== a.audience && a.status !== 'draft') {
      throw new AppError('validation_error', undefined, [{ path: 'audience', message: '活动发布后不能更改面向对象' }]);
    }
    const next: Partial<ActivitiesTable> = {
      type: input.type,
      title: input.title,
      description: input.description,
      place: input.place,
      organizer: input.organizer === undefined ? undefined : input.organizer || a.union_name,
      start_at: input.startAt && iso(input.startAt),
      end_at: input.endAt && iso(input.endAt),
      sign_up_deadline: input.signUpDeadline && iso(input.signUpDeadline),
      quota: input.quota,
      audience: input.audience,
      check_in_from: input.checkInFrom && iso(input.checkInFrom),
      check_in_until: input.checkInUntil && iso(input.checkInUntil),
      allow_walk_in: input.allowWalkIn === undefined ? undefined : input.allowWalkIn ? 1 : 0,
    };
    // A window left at its default follows the activity's times.
    const oldDefault = defaultCheckInWindow(a.start_at, a.end_at);
    const newDefault = defaultCheckInWindow(next.start_at ?? a.start_at, next.end_at ?? a.end_at);
    if (next.check_in_from === undefined && a.check_in_from === oldDefault.from) next.check_in_from = newDefault.from;
    if (next.check_in_until === undefined && a.check_in_until === oldDefault.until) next.check_in_until = newDefault.until;
    const merged = { ...a, ...Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)) } as ActivitiesTable;
    const problems = c.timeProblems({ startAt: merged.start_at, endAt: merged.end_at, signUpDeadline: merged.sign_up_deadline, checkInFrom: merged.check_in_from, checkInUntil: merged.check_in_until });
    if (problems.length) throw new AppError('validation_error', undefined, problems);

    const changes = diff(a as unknown as Record<string, unknown>, next as Record<string, unknown>);
    const columns = Object.keys(changes);
    const changed = columns.map((k) => FIELD_OF_COLUMN[k] ?? k);
    if (columns.length === 0) return { id: a.id, status: a.status, changed };
    await ctx.transaction(async (w) => {
      const locked = await lockActivity(w.db, a.id);
      requireState(locked, ['draft', 'published'], '修改');
      if (next.quota !== undefined && next.quota !== null && next.quota < num(locked.signed_up_count)) {
        throw new AppError('validation_error', undefined, [{ path: 'quota', message: `已有 ${num(locked.signed_up_count)} 人报名，名额不能少于此数` }]);
      }
      await w.db
        .updateTable('activities')
        .set({ ...Object.fromEntries(columns.map((k) => [k, (next as Record<string, unknown>)[k]])), updated_at: ctx.now.toISOString() })
        .where('id', '=', a.id)
        .execute();
      let promoted: string[] = [];
      if (next.quota !== undefined) {
        const n = promotable(next.quota, num(locked.signed_up_count), num(locked.waitlisted_count));
        promoted = await promoteWaiting(w.db, a.id, n, ctx.now);
      }
      const named = Object.fromEntries(Object.entries(changes).map(([k, v]) => [FIELD_OF_COLUMN[k] ?? k, v]));
      await notifyActivityChanged(w.db, { activity: merged, changed: columns, at: ctx.now });
      await notifyWaitlistPromoted(w.db, { activity: merged, memberIds: promoted, at: ctx.now });
      await w.audit({ objectType: 'activity', objectId: a.id, unionId: a.union_id, detail: { changes: named, status: a.status, promoted } });
    });
    return { id: a.id, status: a.status, changed };
  },
});

/** 发布活动: draft → published; members in its audience see it and may sign up. */
export const publish = defineFunction({
  contract: c.publish,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  sample: () => ({ id: SAMPLE_ACTIVITY }),
  async handler(input, ctx) {
    const a = await loadForStaff(ctx, input.id);
    requireState(a, ['draft'], '发布');
    if (Date.parse(a.end_at) <= ctx.now.getTime()) throw new AppError('invalid_activity_state', '活动结束时间已过，请先修改时间再发布');
    await ctx.transaction(async (w) => {
      const r = await w.db
        .updateTable('activities')
        .set({ status: 'published', published_at: ctx.now.toISOString(), updated_at: ctx.now.toISOString() })
        .where('id', '=', a.id)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw new AppError('invalid_activity_state', '活动已被他人发布或取消');
      await w.audit({ objectType: 'activity', objectId: a.id, unionId: a.union_id, detail: { title: a.title } });
    });
    return { id: a.id, status: 'published' as const };
  },
});

/** 取消活动 with a reason: sign-ups stay, and the members see the cancellation and reason on 我的活动. */
export const cancel = defineFunction({
  contract: c.cancel,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  sample: () => ({ id: SAMPLE_ACTIVITY, reason: '场地临时无法使用' }),
  async handler(input, ctx) {
    const a = await loadForStaff(ctx, input.id);
    requireState(a, ['draft', 'published'], '取消');
    const affected = await ctx.transaction(async (w) => {
      const locked = await lockActivity(w.db, a.id);
      requireState(locked, ['draft', 'published'], '取消');
      const at = ctx.now.toISOString();
      await w.db.updateTable('activities').set({ status: 'cancelled', cancel_reason: input.reason, cancelled_at: at, updated_at: at }).where('id', '=', a.id).execute();
      const n = num(locked.signed_up_count) + num(locked.waitlisted_count);
      await notifyActivityChanged(w.db, { activity: a, cancelledReason: input.reason, at: ctx.now });
      await w.audit({ objectType: 'activity', objectId: a.id, unionId: a.union_id, detail: { reason: input.reason, affected: n } });
      return n;
    });
    return { id: a.id, status: 'cancelled' as const, affected };
  },
});

/** 结束活动: published → finished once it has started; check-in closes, the record remains to be filled. */
export const finish = defineFunction({
  contract: c.finish,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  sample: () => ({ id: SAMPLE_ACTIVITY }),
  async handler(input, ctx) {
    const a = await loadForStaff(ctx, input.id);
    requireState(a, ['published'], '结束');
    if (ctx.now.getTime() < Date.parse(a.start_at)) throw new AppError('invalid_activity_state', '活动尚未开始，不能结束；如不再举办请取消');
    await ctx.transaction(async (w) => {
      const r = await w.db
        .updateTable('activities')
        .set({ status: 'finished', finished_at: ctx.now.toISOString(), updated_at: ctx.now.toISOString() })
        .where('id', '=', a.id)
        .where('status', '=', 'published')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw new AppError('invalid_activity_state', '活动状态已变化，请刷新');
      await w.audit({ objectType: 'activity', objectId: a.id, unionId: a.union_id, detail: {} });
    });
    return { id: a.id, status: 'finished' as const };
  },
});

// ---------------------------------------------------------------- lists and detail

/**
 * 活动列表 for members: published and finished activities of their own union and the
 * industry-wide ones, not yet ended first, then those ended in the last 60 days (20 at
 * most). Not a member: an empty list with `member: false`.
 */
export const list = defineFunction({
  contract: c.list,
  policy: { kind: 'signedIn' },
  kind: 'query',
  sample: () => ({}),
  async handler(_input, ctx) {
    const p = ctx.requirePrincipal();
    const member = await memberOfUser(ctx.db, p.userId);
    if (!member) return { items: [], member: false };
    const since = new Date(ctx.now.getTime() - 60 * 86400000).toISOString();
    const rows = await ctx.db
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
    const items: ActivityListItem[] = rows.map((r) => {
      const item: ActivityListItem = listItem(r, ctx.now);
      if (r.checked_in_at) item.mine = 'checked_in';
      else if (r.my_signup === 'signed_up' || r.my_signup === 'waitlisted') item.mine = r.my_signup;
      return item;
    });
    const sorted = upcomingFirst(items);
    const open = sorted.filter((i) => i.phase !== 'ended');
    return { items: [...open, ...sorted.filter((i) => i.phase === 'ended').slice(0, 20)], member: true };
  },
});

/** 本工会的活动 for staff: every state, newest start first, with check-in counts. */
export const listByUnion = defineFunction({
  contract: c.listByUnion,
  policy: { kind: 'unionRoles', roles: MANAGE, unionOf: (i) => i.unionId },
  kind: 'query',
  sample: (f) => ({ unionId: f.baseUnionId }),
  async handler(input, ctx) {
    let q = ctx.db
      .selectFrom('activities as a')
      .innerJoin('unions as u', 'u.id', 'a.union_id')
      .selectAll('a')
      .select((eb) => [
        'u.name as union_name',
        'u.parent_id as union_parent_id',
        eb.selectFrom('activity_checkins as k').select(eb.fn.countAll().as('n')).whereRef('k.activity_id', '=', 'a.id').as('checked_in'),
      ])
      .where('a.union_id', '=', input.unionId)
      .orderBy('a.start_at', 'desc')
      .limit(200);
    if (input.status) q = q.where('a.status', '=', input.status);
    const rows = await q.execute();
    return { items: rows.map((r) => ({ ...listItem(r, ctx.now), checkedIn: num(r.checked_in) })) };
  },
});

/** 活动详情, with my sign-up (and waiting position) for members, and counts for staff. */
export const get = defineFunction({
  contract: c.get,
  policy: { kind: 'signedIn' },
  kind: 'query',
  sample: () => ({ id: SAMPLE_ACTIVITY }),
  async handler(input, ctx) {
    const { a, manage, memberIds } = await loadForMemberOrHistory(ctx, input.id);
    const rules = rulesOf(a);
    const detail: c.ActivityDetail = {
      ...listItem(a, ctx.now),
      description: a.description,
      organizer: a.organizer,
      unionId: a.union_id,
      checkInFrom: a.check_in_from,
      checkInUntil: a.check_in_until,
      allowWalkIn: a.allow_walk_in === 1,
      cancelReason: a.cancel_reason,
      signUpOpen: signUpRefusal(rules, ctx.now) === null,
      checkInOpen: checkInOpen(rules, ctx.now),
      canManage: manage,
    };
    if (memberIds.length) {
      const across = await mySignUpsAcross(ctx.db, memberIds, [a.id]);
      const s = across.signUps.get(a.id);
      const k = across.checkIns.get(a.id);
      if (s || k) {
        detail.mySignUp = { status: s?.status ?? null };
        if (s?.status === 'waitlisted') detail.mySignUp.position = await waitPosition(ctx.db, a.id, num(s.seq));
        if (k) detail.mySignUp.checkedInAt = k.checked_in_at;
        detail.mine = k ? 'checked_in' : s?.status === 'signed_up' || s?.status === 'waitlisted' ? s.status : undefined;
        if (!detail.mine) delete detail.mine;
      }
    }
    if (manage) detail.checkedIn = (await countCheckIns(ctx.db, a.id)).checkedIn;
    return detail;
  },
});

// ---------------------------------------------------------------- members: sign-up

/**
 * 报名. A place while the quota lasts, otherwise the waiting list (候补) with its position.
 * Signing up again while signed up or waiting answers the current status.
 */
export const signUp = defineFunction({
  contract: c.signUp,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  sample: () => ({ id: SAMPLE_ACTIVITY }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const member = await memberOfUser(ctx.db, p.userId);
    if (!member) throw new AppError('not_member', '非本会会员，入会后才能报名');
    const { a } = await loadForMember(ctx, input.id);
    if (!inAudience(rulesOf(a), member)) throw notFound();
    const refusal = signUpRefusal(rulesOf(a), ctx.now);
    if (refusal) throw new AppError(refusal);
    const current = await findSignUp(ctx.db, a.id, member.id);
    if (current && current.status !== 'cancelled') return answerOf(ctx.db, a.id, current.status, num(current.seq));
    try {
      return await ctx.transaction(async (w) => {
        const locked = await lockActivity(w.db, a.id);
        const again = signUpRefusal(rulesOf(locked), ctx.now);
        if (again) throw new AppError(again);
        const existing = await findSignUp(w.db, a.id, member.id);
        if (existing && existing.status !== 'cancelled') {
          await w.audit({ action: 'activity.signUp', objectType: 'activity_signup', objectId: a.id, unionId: a.union_id, detail: { memberId: member.id, repeat: true } });
          return answerOf(w.db, a.id, existing.status, num(existing.seq));
        }
        const status = admit(locked.quota === null ? null : num(locked.quota), num(locked.signed_up_count));
        const { seq } = await addSignUp(w.db, locked, member.id, status, existing, ctx.now);
        const answer = await answerOf(w.db, a.id, status, num(seq));
        await w.audit({ objectType: 'activity_signup', objectId: a.id, unionId: a.union_id, detail: { memberId: member.id, ...answer } });
        return answer;
      });
    } catch (err) {
      // Two sign-ups of the same member at once: the primary key let one through; answer its result.
      if (!isUniqueViolation(err)) throw err;
      const s = await findSignUp(ctx.db, a.id, member.id);
      if (!s || s.status === 'cancelled') throw err;
      return answerOf(ctx.db, a.id, s.status, num(s.seq));
    }
  },
});

async function answerOf(db: Q, activityId: string, status: 'signed_up' | 'waitlisted', seq: number): Promise<{ status: 'signed_up' | 'waitlisted'; position?: number }> {
  return status === 'waitlisted' ? { status, position: await waitPosition(db, activityId, seq) } : { status };
}

/** 取消报名 before the deadline. A freed place goes to the first member waiting. */
export const cancelSignUp = defineFunction({
  contract: c.cancelSignUp,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  sample: () => ({ id: SAMPLE_ACTIVITY }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const member = await memberOfUser(ctx.db, p.userId);
    if (!member) throw new AppError('not_member');
    const { a } = await loadForMember(ctx, input.id);
    if (!inAudience(rulesOf(a), member)) throw notFound();
    const refusal = signUpRefusal(rulesOf(a), ctx.now);
    if (refusal) throw new AppError(refusal, refusal === 'signup_closed' ? '报名已截止，不能取消报名，请联系工会' : undefined);
    await ctx.transaction(async (w) => {
      const locked = await lockActivity(w.db, a.id);
      const s = await findSignUp(w.db, a.id, member.id);
      if (!s || s.status === 'cancelled') throw new AppError('not_signed_up');
      await removeSignUp(w.db, a.id, member.id, s.status, ctx.now);
      let promoted: string[] = [];
      if (s.status === 'signed_up') {
        const n = promotable(locked.quota === null ? null : num(locked.quota), num(locked.signed_up_count) - 1, num(locked.waitlisted_count));
        promoted = await promoteWaiting(w.db, a.id, n, ctx.now);
      }
      await notifyWaitlistPromoted(w.db, { activity: a, memberIds: promoted, at: ctx.now });
      await w.audit({ objectType: 'activity_signup', objectId: a.id, unionId: a.union_id, detail: { memberId: member.id, was: s.status, promoted } });
    });
    return { status: 'cancelled' as const };
  },
});

/**
 * 我的活动: every activity I signed up for (also cancelled ones, with the union's reason) or checked in to,
 * over all my member records: after a transfer the sign-ups and check-ins of the earlier record (已退会)
 * stay in my history; the record the union holds now wins where both have one.
 */
export const mine = defineFunction({
  contract: c.mine,
  policy: { kind: 'signedIn' },
  kind: 'query',
  sample: () => ({}),
  async handler(_input, ctx) {
    const p = ctx.requirePrincipal();
    const memberIds = await memberIdsOfUser(ctx.db, p.userId);
    if (!memberIds.length) return { items: [] };
    const { signUps, checkIns } = await mySignUpsAcross(ctx.db, memberIds);
    const activityIds = [...new Set([...signUps.keys(), ...checkIns.keys()])];
    if (!activityIds.length) return { items: [] };
    const rows = await ctx.db
      .selectFrom('activities as a')
      .select(['a.id', 'a.title', 'a.type', 'a.start_at', 'a.end_at', 'a.place', 'a.status', 'a.cancel_reason'])
      .where('a.id', 'in', activityIds)
      .where('a.status', '!=', 'draft')
      .orderBy('a.start_at', 'desc')
      .limit(200)
      .execute();
    const items: MyActivityItem[] = [];
    for (const r of rows) {
      const s = signUps.get(r.id);
      const k = checkIns.get(r.id);
      const item: MyActivityItem = {
        id: r.id,
        title: r.title,
        type: r.type,
        startAt: r.start_at,
        endAt: r.end_at,
        place: r.place,
        status: r.status,
        phase: phaseOf({ startAt: r.start_at, endAt: r.end_at }, ctx.now),
        signUp: s?.status ?? null,
      };
      if (s?.status === 'waitlisted' && r.status === 'published') item.position = await waitPosition(ctx.db, r.id, num(s.seq));
      if (k) item.checkedInAt = k.checked_in_at;
      if (r.status === 'cancelled' && r.cancel_reason) item.cancelReason = r.cancel_reason;
      items.push(item);
    }
    return { items: upcomingFirst(items) };
  },
});

// ---------------------------------------------------------------- check-in

/**
 * 签到台的动态签到码: the code of the current 15-s step (the QR shows `url`), the 6-digit
 * form for typing, and the live counts. The station polls this every few seconds.
 */
export const checkInCode = defineFunction({
  contract: c.checkInCode,
  policy: { kind: 'signedIn' },
  kind: 'query',
  sample: () => ({ id: SAMPLE_ACTIVITY }),
  async handler(input, ctx) {
    const a = await loadForStaff(ctx, input.id);
    if (a.status === 'cancelled') throw new AppError('activity_cancelled');
    requireState(a, ['published'], '签到');
    const code = stationCode(a.checkin_secret, a.id, ctx.now);
    const { checkedIn } = await countCheckIns(ctx.db, a.id);
    return {
      code: code.code,
      manualCode: code.manualCode,
      expiresAt: code.expiresAt.toISOString(),
      refreshAt: code.refreshAt.toISOString(),
      url: `${ctx.services.publicUrl.replace(/\/$/, '')}/#/pages/activity-checkin/index?c=${encodeURIComponent(code.code)}`,
      signedUp: num(a.signed_up_count),
      checkedIn,
      checkInOpen: checkInOpen(rulesOf(a), ctx.now),
    };
  },
});

/** Thrown inside a transaction when another request with the same nonce got there first. */
class NonceTaken extends Error {}

type StoredAttempt = NonNullable<Awaited<ReturnType<typeof findAttempt>>>;

/** The answer stored with an attempt, given again to a retry of the same nonce. */
function replayAnswer(t: Pick<StoredAttempt, 'outcome' | 'reason' | 'checked_in_at' | 'activity_id' | 'title' | 'walk_in'>) {
  if (t.outcome === 'refused') throw new AppError((t.reason ?? 'invalid_checkin_code') as Reason);
  return { checkedInAt: t.checked_in_at ?? '', duplicate: t.outcome === 'duplicate', activityId: t.activity_id, title: t.title, walkIn: num(t.walk_in) === 1 };
}

// The check-in's two inserts, precompiled (cloud/storage/precompiled.ts): they carry the door rush.
const insertCheckIn = precompile((db, p) =>
  db
    .insertInto('activity_checkins')
    .values({ activity_id: p(0), member_id: p(1), checked_in_at: p(2), method: p(3), walk_in: p(4), attempt_id: p(5), device_id: null })
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
      flagged: 0,
      checked_in_at: p(8),
      device_id: null,
      scanned_at: null,
      at: p(9),
    })
    .onConflict((oc) => oc.columns(['actor_user_id', 'nonce']).doNothing())
    .returning('id'),
);

/**
 * 会员签到 with the station's code. The answer is immediate and specific: success with the
 * time; a duplicate with the first time (`duplicate: true`); or `not_member`,
 * `code_expired`, `outside_checkin_window`, `not_signed_up`, `activity_cancelled`,
 * `invalid_checkin_code`. Every attempt with a known activity is stored with its outcome
 * (refusals too); the same nonce again gets the same answer and writes nothing.
 * Lean on purpose (it carries the door rush): one read, one transaction of three inserts.
 */
export const checkIn = defineFunction({
  contract: c.checkIn,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  sample: () => ({ code: '000000', nonce: 'sample-nonce-0001', activityId: SAMPLE_ACTIVITY }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const parsed = parseCheckInCode(input.code);
    const activityId = parsed?.kind === 'long' ? parsed.activityId : input.activityId;
    if (!parsed || !activityId) throw new AppError('invalid_checkin_code', parsed ? '请从活动页面输入 6 位签到码' : undefined);
    const row = await checkInContext(ctx.db, activityId, p.userId, input.nonce);
    if (!row) throw new AppError('invalid_checkin_code');
    if (row.replay_id && row.replay_outcome) {
      if (row.replay_activity_id === row.id) {
        return replayAnswer({ outcome: row.replay_outcome, reason: row.replay_reason, checked_in_at: row.replay_checked_in_at, activity_id: row.id, title: row.title, walk_in: row.walk_in });
      }
      const stored = await findAttempt(ctx.db, p.userId, input.nonce);
      if (stored) return replayAnswer(stored);
    }
    const rules = rulesOf(row);
    const member = row.member_id && row.member_union_id ? { unionId: row.member_union_id, industryUnionId: industryOf({ id: row.member_union_id, parent_id: row.member_union_parent_id }) } : null;
    let decision: CheckInDecision = decideCheckIn(
      {
        activity: rules,
        proof: verifyCheckInCode(row.checkin_secret, row.id, parsed, ctx.now),
        member,
        signUp: row.signup_status,
        checkedInAt: row.checked_in_at,
        at: ctx.now,
      },
      'invalid_checkin_code',
    );
    // Guessing the 6 digits is bounded (WRONG_CODE_LIMIT): the guard of this member and activity.
    // A wrong code is counted, and the lock set, only in the general path below, under the guard's
    // row lock; the one-statement path checks the lock in its own statement.
    const guardKey = limitKey.checkInCodes(row.id, p.userId);
    const wrongCode = decision.kind === 'refuse' && decision.reason === 'invalid_checkin_code';
    /** Set when this attempt (the last wrong code allowed) or an earlier one locked code check-in. */
    let lockedUntil: string | null = null;
    const method: CheckInMethod = 'code';
    let walkIn = decision.kind === 'check_in' && decision.walkIn;
    const at = ctx.now.toISOString();
    const outcome = decision.kind === 'check_in' ? 'checked_in' : decision.kind === 'duplicate' ? 'duplicate' : 'refused';
    const detail = (attemptId: string, d: CheckInDecision) => ({ attemptId, memberId: row.member_id, outcome: d.kind, ...(d.kind === 'refuse' ? { reason: d.reason } : {}) });
    let written = false;
    if (isPostgres(ctx.db) && !wrongCode) {
      // PostgreSQL: attempt, check-in and audit event in ONE statement (no BEGIN/COMMIT, against five
      // round trips in a transaction), shared at a rush with the other check-ins of the same turn of
      // the event loop. It writes all or nothing; a taken nonce or a check-in that another request of
      // the same member made a moment ago stops it (see writeCheckInPg) and the general path below
      // sorts the case out.
      const attemptId = newId('cka');
      try {
        await writeCheckInPg(ctx.db, {
          attemptId, actorUserId: p.userId, nonce: input.nonce, activityId: row.id, memberId: row.member_id, method, outcome,
          reason: decision.kind === 'refuse' ? decision.reason : null,
          answerAt: decision.kind === 'check_in' ? at : decision.kind === 'duplicate' ? decision.checkedInAt : null,
          at, walkIn: walkIn ? 1 : 0, checkIn: decision.kind === 'check_in',
          eventId: newId('evt'), action: c.checkIn.name, unionId: row.union_id, detail: JSON.stringify(detail(attemptId, decision)), guardKey,
        });
        written = true;
      } catch (err) {
        if ((err as { code?: string }).code !== CHECK_IN_TAKE_GENERAL_PATH) throw err;
      }
    }
    try {
      if (!written) decision = await ctx.transaction(async (w) => {
        let d = decision;
        const attemptId = newId('cka');
        if (wrongCode) {
          // Wrong codes of this member and activity take turns on the guard's row: the count below
          // includes every wrong code committed before, so parallel guesses cannot pass the limit.
          const guard = await holdLimit(w.db, guardKey, ctx.now);
          if (guard.lockedUntil && guard.lockedUntil > at) {
            lockedUntil = guard.lockedUntil;
            d = { kind: 'refuse', reason: 'rate_limited' };
          } else if ((await recentWrongCodes(w.db, row.id, p.userId, new Date(ctx.now.getTime() - WRONG_CODE_WINDOW_MS))) + 1 >= WRONG_CODE_LIMIT) {
            const until = new Date(ctx.now.getTime() + WRONG_CODE_LOCK_MS);
            await lockLimit(w.db, guardKey, until);
            lockedUntil = until.toISOString();
          }
        } else {
          // Any other code: refused while the lock holds (a lock set after this read is later than this attempt).
          lockedUntil = await limitLockedUntil(w.db, guardKey, ctx.now);
          if (lockedUntil) d = { kind: 'refuse', reason: 'rate_limited' };
        }
        if (d.kind === 'check_in') {
          walkIn = d.walkIn;
          const made = await insertCheckIn.executeTakeFirst(w.db, [row.id, row.member_id, at, method, d.walkIn ? 1 : 0, attemptId]);
          if (!made) {
            walkIn = false;
            d = { kind: 'duplicate', checkedInAt: await firstCheckIn(w.db, row.id, row.member_id!) };
          }
        }
        const stored = await insertAttempt.executeTakeFirst(w.db, [
          attemptId,
          p.userId,
          input.nonce,
          row.id,
          row.member_id,
          method,
          d.kind === 'check_in' ? 'checked_in' : d.kind === 'duplicate' ? 'duplicate' : 'refused',
          d.kind === 'refuse' ? d.reason : null,
          d.kind === 'check_in' ? at : d.kind === 'duplicate' ? d.checkedInAt : null,
          at,
        ]);
        if (!stored) throw new NonceTaken();
        await w.audit({ objectType: 'activity_checkin', objectId: row.id, unionId: row.union_id, detail: detail(attemptId, d) });
        return d;
      });
    } catch (err) {
      if (!(err instanceof NonceTaken)) throw err;
      const stored = await findAttempt(ctx.db, p.userId, input.nonce);
      if (!stored) throw err;
      return replayAnswer(stored);
    }
    if (decision.kind === 'refuse') {
      if (lockedUntil) {
        const end = chinaClock(new Date(lockedUntil), ctx.now);
        if (decision.reason === 'rate_limited') throw new AppError('rate_limited', `签到码输错次数过多，本活动的签到码签到已暂停至 ${end}，届时再试，或请工作人员扫会员码签到`);
        throw new AppError(decision.reason, `签到码不正确。输错次数过多，本活动的签到码签到暂停至 ${end}，可请工作人员扫会员码签到`);
      }
      throw new AppError(decision.reason);
    }
    if (decision.kind === 'duplicate') return { checkedInAt: decision.checkedInAt, duplicate: true, activityId: row.id, title: row.title, walkIn: num(row.walk_in) === 1 };
    return { checkedInAt: ctx.now.toISOString(), duplicate: false, activityId: row.id, title: row.title, walkIn };
  },
});

async function firstCheckIn(db: Q, activityId: string, memberId: string): Promise<string> {
  const r = await db.selectFrom('activity_checkins').select('checked_in_at').where('activity_id', '=', activityId).where('member_id', '=', memberId).executeTakeFirstOrThrow();
  return r.checked_in_at;
}

/**
 * 干部扫会员码: a batch of scans from one device, possibly made offline. Each scan is
 * judged at its own time (bounded: not after the upload, not older than 7 days): the
 * card token must have been valid then, and the time inside the check-in window.
 * Uploading the same scans again answers the same results; the same member scanned on
 * two devices ends as one check-in and one flagged duplicate.
 */
export const scanMember = defineFunction({
  contract: c.scanMember,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  sample: () => ({
    activityId: SAMPLE_ACTIVITY,
    scans: [{ memberToken: 'not-a-token', nonce: 'sample-scan-0001', deviceId: 'sample-device', scannedAt: '2030-05-01T09:05:00+08:00' }],
  }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const a = await loadForStaff(ctx, input.activityId);
    const results = new Map<string, ScanResult>();
    const earlier = await ctx.db
      .selectFrom('activity_checkin_attempts as t')
      .leftJoin('members as m', 'm.id', 't.member_id')
      .select(['t.nonce', 't.outcome', 't.reason', 't.checked_in_at', 't.flagged', 'm.name'])
      .where('t.actor_user_id', '=', p.userId)
      .where('t.nonce', 'in', input.scans.map((s) => s.nonce))
      .execute();
    for (const e of earlier) results.set(e.nonce, storedResult(e));

    // Judge each new scan; insert in member order so two uploads never wait on each other in opposite orders.
    const fresh = input.scans
      .map((s, index) => ({ ...s, index, verdict: verifyMemberToken(ctx.services.keys.token, s.memberToken, scanTime(s.scannedAt, ctx.now) ?? new Date(0)) }))
      .filter((s, i, all) => !results.has(s.nonce) && all.findIndex((x) => x.nonce === s.nonce) === i)
      .sort((x, y) => (x.verdict.ok ? x.verdict.payload.memberId : '').localeCompare(y.verdict.ok ? y.verdict.payload.memberId : '') || x.scannedAt.localeCompare(y.scannedAt) || x.index - y.index);
    if (fresh.length > 0) {
      const memberIds = [...new Set(fresh.flatMap((s) => (s.verdict.ok ? [s.verdict.payload.memberId] : [])))];
      const members = memberIds.length
        ? await ctx.db
            .selectFrom('members as m')
            .innerJoin('unions as u', 'u.id', 'm.union_id')
            .leftJoin('activity_signups as s', (j) => j.onRef('s.member_id', '=', 'm.id').on('s.activity_id', '=', a.id))
            .select(['m.id', 'm.name', 'm.union_id', 'm.status', 'u.parent_id', 's.status as signup'])
            .where('m.id', 'in', memberIds)
            .execute()
        : [];
      const byId = new Map(members.map((m) => [m.id, m]));
      try {
        await ctx.transaction(async (w) => {
          const tally = { checked_in: 0, duplicate: 0, refused: 0 };
          for (const s of fresh) {
            const at = scanTime(s.scannedAt, ctx.now);
            const m = s.verdict.ok ? byId.get(s.verdict.payload.memberId) : undefined;
            const active = m && m.status === 'active' ? m : undefined;
            const existing = active ? await w.db.selectFrom('activity_checkins').select('checked_in_at').where('activity_id', '=', a.id).where('member_id', '=', active.id).executeTakeFirst() : undefined;
            // A card that is not genuine or has expired names nobody we may trust: refused before any member rule.
            let d: CheckInDecision = !s.verdict.ok
              ? { kind: 'refuse', reason: s.verdict.problem === 'expired' ? 'code_expired' : 'invalid_member_token' }
              : at
              ? decideCheckIn(
                  {
                    activity: rulesOf(a),
                    proof: 'ok',
                    member: active ? { unionId: active.union_id, industryUnionId: industryOf({ id: active.union_id, parent_id: active.parent_id }) } : null,
                    signUp: active?.signup ?? null,
                    checkedInAt: existing?.checked_in_at ?? null,
                    at,
                  },
                  'invalid_member_token',
                )
              : { kind: 'refuse', reason: 'outside_checkin_window' };
            const attemptId = newId('cka');
            const when = (at ?? ctx.now).toISOString();
            if (d.kind === 'check_in' && active) {
              const made = await w.db
                .insertInto('activity_checkins')
                .values({ activity_id: a.id, member_id: active.id, checked_in_at: when, method: 'scan', walk_in: d.walkIn ? 1 : 0, attempt_id: attemptId, device_id: s.deviceId })
                .onConflict((oc) => oc.columns(['activity_id', 'member_id']).doNothing())
                .returning('checked_in_at')
                .executeTakeFirst();
              if (!made) d = { kind: 'duplicate', checkedInAt: await firstCheckIn(w.db, a.id, active.id) };
            }
            const outcome = d.kind === 'check_in' ? 'checked_in' : d.kind === 'duplicate' ? 'duplicate' : 'refused';
            const row = {
              nonce: s.nonce,
              outcome,
              reason: d.kind === 'refuse' ? d.reason : null,
              checked_in_at: d.kind === 'check_in' ? when : d.kind === 'duplicate' ? d.checkedInAt : null,
              flagged: d.kind === 'duplicate' ? 1 : 0,
              name: active?.name ?? null,
            } as const;
            const stored = await w.db
              .insertInto('activity_checkin_attempts')
              .values({
                id: attemptId,
                actor_user_id: p.userId,
                nonce: s.nonce,
                activity_id: a.id,
                member_id: active?.id ?? null,
                method: 'scan',
                outcome,
                reason: row.reason,
                flagged: row.flagged,
                checked_in_at: row.checked_in_at,
                device_id: s.deviceId,
                scanned_at: iso(s.scannedAt),
                at: ctx.now.toISOString(),
              })
              .onConflict((oc) => oc.columns(['actor_user_id', 'nonce']).doNothing())
              .returning('id')
              .executeTakeFirst();
            if (!stored) throw new NonceTaken();
            tally[outcome]++;
            results.set(s.nonce, storedResult(row));
          }
          await w.audit({ objectType: 'activity_checkin', objectId: a.id, unionId: a.union_id, detail: { scans: fresh.length, deviceIds: [...new Set(fresh.map((s) => s.deviceId))], ...tally } });
        });
      } catch (err) {
        // The same upload arrived twice at once: the other one stored these scans; answer what it stored.
        if (!(err instanceof NonceTaken)) throw err;
        const stored = await ctx.db
          .selectFrom('activity_checkin_attempts as t')
          .leftJoin('members as m', 'm.id', 't.member_id')
          .select(['t.nonce', 't.outcome', 't.reason', 't.checked_in_at', 't.flagged', 'm.name'])
          .where('t.actor_user_id', '=', p.userId)
          .where('t.nonce', 'in', fresh.map((s) => s.nonce))
          .execute();
        if (stored.length !== fresh.length) throw err;
        for (const e of stored) results.set(e.nonce, storedResult(e));
      }
    }
    return { results: input.scans.map((s) => results.get(s.nonce)!) };
  },
});

function storedResult(e: { nonce: string; outcome: 'checked_in' | 'duplicate' | 'refused'; reason: string | null; checked_in_at: string | null; flagged: number; name: string | null }): ScanResult {
  const r: ScanResult = { nonce: e.nonce, outcome: e.outcome };
  if (e.reason) r.reason = e.reason;
  if (e.name) r.memberName = e.name;
  if (e.checked_in_at) r.checkedInAt = e.checked_in_at;
  if (num(e.flagged) === 1) r.flagged = true;
  return r;
}

// ---------------------------------------------------------------- staff: attendance, lists, record

async function attendanceOf(db: Q, a: ActivitiesTable): Promise<Attendance> {
  const [k, t] = await Promise.all([countCheckIns(db, a.id), countAttempts(db, a.id)]);
  return { signedUp: num(a.signed_up_count), waitlisted: num(a.waitlisted_count), checkedIn: k.checkedIn, walkIns: k.walkIns, refused: t.refused, flagged: t.flagged };
}

/** 报名与签到人数 (the station's counter and the staff page). */
export const attendance = defineFunction({
  contract: c.attendance,
  policy: { kind: 'signedIn' },
  kind: 'query',
  sample: () => ({ id: SAMPLE_ACTIVITY }),
  async handler(input, ctx) {
    return attendanceOf(ctx.db, await loadForStaff(ctx, input.id));
  },
});

async function participantsOf(db: Q, activityId: string): Promise<Participant[]> {
  const { signups, walkIns } = await participantRows(db, activityId);
  let waiting = 0;
  const fromSignUps = signups.map((r): Participant => {
    const p: Participant = {
      memberId: r.member_id,
      name: r.name,
      memberNo: r.member_no,
      unitName: r.unit ?? r.unit_name ?? '',
      signUp: r.status,
      signedUpAt: r.signed_up_at,
      checkedInAt: r.checked_in_at ?? null,
      method: r.method ?? null,
      walkIn: num(r.walk_in) === 1,
    };
    if (r.status === 'waitlisted') p.position = ++waiting;
    return p;
  });
  const fromWalkIns = walkIns.map(
    (r): Participant => ({
      memberId: r.member_id,
      name: r.name,
      memberNo: r.member_no,
      unitName: r.unit ?? r.unit_name ?? '',
      signUp: null,
      signedUpAt: null,
      checkedInAt: r.checked_in_at,
      method: r.method,
      walkIn: true,
    }),
  );
  return [...fromSignUps, ...fromWalkIns];
}

/** 报名与签到名单, and the last 200 refused or duplicate attempts with their reasons. */
export const participants = defineFunction({
  contract: c.participants,
  policy: { kind: 'signedIn' },
  kind: 'query',
  sample: () => ({ id: SAMPLE_ACTIVITY }),
  async handler(input, ctx) {
    const a = await loadForStaff(ctx, input.id);
    const [items, attempts] = await Promise.all([
      participantsOf(ctx.db, a.id),
      ctx.db
        .selectFrom('activity_checkin_attempts as t')
        .leftJoin('members as m', 'm.id', 't.member_id')
        .select(['t.at', 't.scanned_at', 'm.name', 'm.member_no', 't.method', 't.outcome', 't.reason', 't.device_id', 't.flagged'])
        .where('t.activity_id', '=', a.id)
        .where('t.outcome', '!=', 'checked_in')
        .orderBy('t.at', 'desc')
        .limit(200)
        .execute(),
    ]);
    return {
      items,
      attempts: attempts.map((t) => ({
        at: t.scanned_at ?? t.at,
        name: t.name ?? null,
        memberNo: t.member_no ?? null,
        method: t.method,
        outcome: t.outcome,
        reason: t.reason,
        deviceId: t.device_id,
        flagged: num(t.flagged) === 1,
      })),
    };
  },
});

async function recordOf(ctx: FnContext, a: ActivityRow): Promise<c.ActivityRecord> {
  const [counts, people, filled] = await Promise.all([
    attendanceOf(ctx.db, a),
    participantsOf(ctx.db, a.id),
    ctx.db
      .selectFrom('activity_records as r')
      .innerJoin('users as u', 'u.id', 'r.updated_by')
      .select(['r.content', 'r.outcome', 'r.awards', 'r.updated_at', 'u.display_name'])
      .where('r.activity_id', '=', a.id)
      .executeTakeFirst(),
  ]);
  return {
    id: a.id,
    title: a.title,
    type: a.type,
    status: a.status,
    unionName: a.union_name,
    organizer: a.organizer,
    place: a.place,
    startAt: a.start_at,
    endAt: a.end_at,
    audience: a.audience,
    quota: a.quota === null ? null : num(a.quota),
    counts,
    participants: people.filter((x) => x.signUp === 'signed_up' || x.checkedInAt !== null),
    content: filled?.content ?? '',
    outcome: filled?.outcome ?? '',
    awards: filled?.awards ?? '',
    filledBy: filled?.display_name ?? null,
    filledAt: filled?.updated_at ?? null,
    generatedAt: ctx.now.toISOString(),
  };
}

/** 活动记录: time, place, organiser, sign-up and check-in lists and counts, plus what staff filled in. */
export const record = defineFunction({
  contract: c.record,
  policy: { kind: 'signedIn' },
  kind: 'query',
  sample: () => ({ id: SAMPLE_ACTIVITY }),
  async handler(input, ctx) {
    return recordOf(ctx, await loadForStaff(ctx, input.id));
  },
});

/** 填写活动记录 (content, outcome, awards) for a published or finished activity; each save is audited. */
export const saveRecord = defineFunction({
  contract: c.saveRecord,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  sample: () => ({ id: SAMPLE_ACTIVITY, content: '趣味运动项目', outcome: '增进了职工交流', awards: '' }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const a = await loadForStaff(ctx, input.id);
    requireState(a, ['published', 'finished'], '填写活动记录');
    const at = ctx.now.toISOString();
    const values = { content: input.content, outcome: input.outcome, awards: input.awards, updated_by: p.userId, updated_at: at };
    await ctx.transaction(async (w) => {
      await w.db
        .insertInto('activity_records')
        .values({ activity_id: a.id, ...values })
        .onConflict((oc) => oc.column('activity_id').doUpdateSet(values))
        .execute();
      await w.audit({ objectType: 'activity', objectId: a.id, unionId: a.union_id, detail: { contentLength: input.content.length, outcomeLength: input.outcome.length, awardsLength: input.awards.length } });
    });
    return { filledAt: at };
  },
});

/** 导出活动记录 as `.xlsx` (sheets 活动记录 and 参加人员), base64 in the answer. Audited: it holds names. */
export const exportRecord = defineFunction({
  contract: c.exportRecord,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  sample: () => ({ id: SAMPLE_ACTIVITY }),
  async handler(input, ctx) {
    const a = await loadForStaff(ctx, input.id);
    const rec = await recordOf(ctx, a);
    const sheets = recordSheets(rec);
    // Loaded on first use: the workbook library is large and only this function needs it.
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    book.creator = rec.unionName;
    book.created = ctx.now;
    const summary = book.addWorksheet('活动记录');
    summary.columns = [{ width: 16 }, { width: 80 }];
    summary.addRow([sheets.title]).font = { bold: true, size: 14 };
    summary.mergeCells(1, 1, 1, 2);
    for (const [k, v] of sheets.summary) {
      const row = summary.addRow([k, v]);
      row.getCell(1).font = { bold: true };
      row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    }
    const people = book.addWorksheet('参加人员');
    people.columns = sheets.people.header.map((h, i) => ({ header: h, width: [6, 10, 16, 28, 10, 18, 18, 14, 10][i] ?? 14 }));
    people.getRow(1).font = { bold: true };
    for (const r of sheets.people.rows) people.addRow(r);
    const buffer = Buffer.from(await book.xlsx.writeBuffer());
    await ctx.transaction((w) => w.audit({ objectType: 'activity', objectId: rec.id, unionId: a.union_id, detail: { export: 'xlsx', participants: rec.participants.length } }));
    return {
      filename: recordFilename(rec),
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      base64: buffer.toString('base64'),
    };
  },
});

/** 操作记录 of the activity (create, edits with before/after, publish, cancel, finish, record saves). */
export const history = defineFunction({
  contract: c.history,
  policy: { kind: 'signedIn' },
  kind: 'query',
  sample: () => ({ id: SAMPLE_ACTIVITY }),
  async handler(input, ctx) {
    const a = await loadForStaff(ctx, input.id);
    const rows = await ctx.db
      .selectFrom('audit_events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_user_id')
      .select(['e.at', 'e.action', 'e.detail', 'u.display_name'])
      .where('e.object_type', '=', 'activity')
      .where('e.object_id', '=', a.id)
      .orderBy('e.at')
      .orderBy('e.id')
      .limit(500)
      .execute();
    return { items: rows.map((r) => ({ at: r.at, action: r.action, actorName: r.display_name ?? null, detail: JSON.parse(r.detail) as Record<string, unknown> })) };
  },
});
