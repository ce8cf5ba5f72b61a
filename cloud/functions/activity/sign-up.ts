/**
 * Members sign up (报名, with quota and waiting list) and cancel.
 * Sign-up states: signed_up ⇄ waitlisted → cancelled (see contract/activity/labels.ts).
 */
import * as c from '../../contract/activity/sign-up';
import { AppError } from '../../contract/errors';
import { admit, promotable, signUpRefusal } from '../../domain/activity';
import { addSignUp, findSignUp, lockActivity, num, promoteWaiting, removeSignUp, rulesOf, waitPosition } from '../../storage/activities.repository';
import { isUniqueViolation } from '../../storage/db';
import type { Q } from '../../storage/schema';
import { defineFunction } from '../registry';
import { loadForSignUp } from './access';
import { notifyWaitlistPromoted } from '../notify/producers';

async function answerOf(db: Q, activityId: string, status: 'signed_up' | 'waitlisted', seq: number): Promise<{ status: 'signed_up' | 'waitlisted'; position?: number }> {
  return status === 'waitlisted' ? { status, position: await waitPosition(db, activityId, seq) } : { status };
}

/**
 * 报名. A place while the quota lasts, otherwise the waiting list (候补) with its position.
 * Signing up again while signed up or waiting answers the current status.
 */
export const signUp = defineFunction({
  contract: c.signUp,
  // Any login: a non-member is refused `not_member`, an activity outside the caller's audience is `not_found`.
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  async handler(input, ctx) {
    const { a, member } = await loadForSignUp(ctx, input.id, '非本会会员，入会后才能报名');
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

/** 取消报名 before the deadline. A freed place goes to the first member waiting. */
export const cancelSignUp = defineFunction({
  contract: c.cancelSignUp,
  // Any login: the caller's own sign-up only (as signUp).
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  async handler(input, ctx) {
    const { a, member } = await loadForSignUp(ctx, input.id);
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
