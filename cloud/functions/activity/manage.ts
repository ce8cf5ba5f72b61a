/**
 * Staff run the activity itself (活动管理): create, update, publish, cancel, finish.
 *
 * Activity states: draft → published → (cancelled | finished); draft → cancelled.
 */
import * as c from '../../contract/activity/manage';
import { AppError } from '../../contract/errors';
import { defaultCheckInWindow, diff, industryOf, promotable, requireState } from '../../domain/activity';
import { newActivitySecret } from '../../domain/checkin-code';
import { newId } from '../../domain/crypto';
import { insertActivity, lockActivity, moveActivity, num, promoteWaiting, updateActivity } from '../../storage/activities.repository';
import type { ActivitiesTable } from '../../storage/schema';
import { findUnion } from '../../storage/unions.repository';
import { defineFunction } from '../registry';
import { loadActivity, MANAGE, staffOfActivity } from './access';
import { notifyActivityChanged, notifyWaitlistPromoted } from '../notify/producers';

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

/** 新建活动: a draft of the organising union. The check-in window defaults to 30 minutes before the start until the end. */
export const create = defineFunction({
  contract: c.create,
  policy: { kind: 'unionRoles', roles: MANAGE, unionOf: (i) => i.unionId },
  kind: 'mutation',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const union = await findUnion(ctx.db, input.unionId);
    if (!union) throw new AppError('not_found', '找不到该工会');
    const startAt = iso(input.startAt);
    const endAt = iso(input.endAt);
    const window = defaultCheckInWindow(startAt, endAt);
    const checkInFrom = input.checkInFrom ? iso(input.checkInFrom) : window.from;
    const checkInUntil = input.checkInUntil ? iso(input.checkInUntil) : window.until;
    if (checkInUntil <= checkInFrom) throw new AppError('validation_error', undefined, [{ path: 'checkInUntil', message: '签到结束须晚于签到开始' }]);
    const id = newId('act');
    const at = ctx.now.toISOString();
    await ctx.transaction(async (w) => {
      await insertActivity(w.db, {
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
      });
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
  policy: staffOfActivity('id'),
  kind: 'mutation',
  async handler(input, ctx) {
    const a = await loadActivity(ctx, input.id);
    requireState(a.status, ['draft', 'published'], '修改');
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
      requireState(locked.status, ['draft', 'published'], '修改');
      if (next.quota !== undefined && next.quota !== null && next.quota < num(locked.signed_up_count)) {
        throw new AppError('validation_error', undefined, [{ path: 'quota', message: `已有 ${num(locked.signed_up_count)} 人报名，名额不能少于此数` }]);
      }
      await updateActivity(w.db, a.id, { ...Object.fromEntries(columns.map((k) => [k, (next as Record<string, unknown>)[k]])), updated_at: ctx.now.toISOString() });
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
  policy: staffOfActivity('id'),
  kind: 'mutation',
  async handler(input, ctx) {
    const a = await loadActivity(ctx, input.id);
    requireState(a.status, ['draft'], '发布');
    if (Date.parse(a.end_at) <= ctx.now.getTime()) throw new AppError('invalid_activity_state', '活动结束时间已过，请先修改时间再发布');
    await ctx.transaction(async (w) => {
      const at = ctx.now.toISOString();
      if (!(await moveActivity(w.db, a.id, 'draft', { status: 'published', published_at: at, updated_at: at }))) throw new AppError('invalid_activity_state', '活动已被他人发布或取消');
      await w.audit({ objectType: 'activity', objectId: a.id, unionId: a.union_id, detail: { title: a.title } });
    });
    return { id: a.id, status: 'published' as const };
  },
});

/** 取消活动 with a reason: sign-ups stay, and the members see the cancellation and reason on 我的活动. */
export const cancel = defineFunction({
  contract: c.cancel,
  policy: staffOfActivity('id'),
  kind: 'mutation',
  async handler(input, ctx) {
    const a = await loadActivity(ctx, input.id);
    requireState(a.status, ['draft', 'published'], '取消');
    const affected = await ctx.transaction(async (w) => {
      const locked = await lockActivity(w.db, a.id);
      requireState(locked.status, ['draft', 'published'], '取消');
      const at = ctx.now.toISOString();
      await updateActivity(w.db, a.id, { status: 'cancelled', cancel_reason: input.reason, cancelled_at: at, updated_at: at });
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
  policy: staffOfActivity('id'),
  kind: 'mutation',
  async handler(input, ctx) {
    const a = await loadActivity(ctx, input.id);
    requireState(a.status, ['published'], '结束');
    if (ctx.now.getTime() < Date.parse(a.start_at)) throw new AppError('invalid_activity_state', '活动尚未开始，不能结束；如不再举办请取消');
    await ctx.transaction(async (w) => {
      const at = ctx.now.toISOString();
      if (!(await moveActivity(w.db, a.id, 'published', { status: 'finished', finished_at: at, updated_at: at }))) throw new AppError('invalid_activity_state', '活动状态已变化，请刷新');
      await w.audit({ objectType: 'activity', objectId: a.id, unionId: a.union_id, detail: {} });
    });
    return { id: a.id, status: 'finished' as const };
  },
});
