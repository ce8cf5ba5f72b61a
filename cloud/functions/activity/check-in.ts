/**
 * 签到: the station shows a rotating code (`checkInCode`), members check in with it (`checkIn`).
 * Check-in carries the door rush: one read (`checkInContext`), the rule (`decideCheckIn`), one
 * write (`recordCheckIn`, with its audit event), the answer.
 */
import * as c from '../../contract/activity/check-in';
import { AppError, type Reason } from '../../contract/errors';
import { checkInOpen, decideCheckIn, industryOf, judgeWrongCode, requireState, type CheckInDecision, type WrongCodeLimit } from '../../domain/activity';
import { parseCheckInCode, stationCode, verifyCheckInCode } from '../../domain/checkin-code';
import { chinaClock } from '../../domain/time';
import { countCheckIns, num, rulesOf } from '../../storage/activities.repository';
import { checkInContext, findAttempt, recordCheckIn, type StoredAttempt } from '../../storage/activity-checkins.repository';
import { limitKey } from '../../storage/limits.repository';
import { defineFunction } from '../registry';
import { loadActivity, staffOfActivity } from './access';

/**
 * Wrong codes allowed per member and activity in 10 minutes; the last of them locks code check-in
 * for that member and activity for 10 minutes (every code refused, the right one too:
 * `rate_limited`, naming the end). A staff scan of the member card still works.
 */
const WRONG_CODES: WrongCodeLimit = { limit: 10, windowMs: 10 * 60_000, lockMs: 10 * 60_000 };

/**
 * 签到台的动态签到码: the code of the current 15-s step (the QR shows `url`), the 6-digit
 * form for typing, and the live counts. The station polls this every few seconds.
 */
export const checkInCode = defineFunction({
  contract: c.checkInCode,
  policy: staffOfActivity('id'),
  kind: 'query',
  async handler(input, ctx) {
    const a = await loadActivity(ctx, input.id);
    if (a.status === 'cancelled') throw new AppError('activity_cancelled');
    requireState(a.status, ['published'], '签到');
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

/** The answer stored with an attempt, given again to a retry of the same nonce. */
function replayAnswer(t: Pick<StoredAttempt, 'outcome' | 'reason' | 'checked_in_at' | 'activity_id' | 'title' | 'walk_in'>) {
  if (t.outcome === 'refused') throw new AppError((t.reason ?? 'invalid_checkin_code') as Reason);
  return { checkedInAt: t.checked_in_at ?? '', duplicate: t.outcome === 'duplicate', activityId: t.activity_id, title: t.title, walkIn: num(t.walk_in) === 1 };
}

/**
 * 会员签到 with the station's code. The answer is immediate and specific: success with the
 * time; a duplicate with the first time (`duplicate: true`); or `not_member`,
 * `code_expired`, `outside_checkin_window`, `not_signed_up`, `activity_cancelled`,
 * `invalid_checkin_code`. Every attempt with a known activity is stored with its outcome
 * (refusals too); the same nonce again gets the same answer and writes nothing.
 */
export const checkIn = defineFunction({
  contract: c.checkIn,
  // Any login: the code proves presence, and the rule (decideCheckIn) refuses non-members as `not_member`.
  policy: { kind: 'signedIn' },
  kind: 'mutation',
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
    const member = row.member_id && row.member_union_id ? { unionId: row.member_union_id, industryUnionId: industryOf({ id: row.member_union_id, parent_id: row.member_union_parent_id }) } : null;
    const decision: CheckInDecision = decideCheckIn(
      { activity: rulesOf(row), proof: verifyCheckInCode(row.checkin_secret, row.id, parsed, ctx.now), member, signUp: row.signup_status, checkedInAt: row.checked_in_at, at: ctx.now },
      'invalid_checkin_code',
    );
    const wrongCode = decision.kind === 'refuse' && decision.reason === 'invalid_checkin_code';
    const recorded = await recordCheckIn(ctx.db, {
      actorUserId: p.userId,
      nonce: input.nonce,
      activityId: row.id,
      memberId: row.member_id,
      at: ctx.now.toISOString(),
      decision,
      guardKey: limitKey.checkInCodes(row.id, p.userId),
      wrongCode: wrongCode ? { since: new Date(ctx.now.getTime() - WRONG_CODES.windowMs).toISOString(), judge: (g) => judgeWrongCode(g, ctx.now, WRONG_CODES) } : undefined,
      audit: (attemptId, d) =>
        ctx.auditRow({ objectType: 'activity_checkin', objectId: row.id, unionId: row.union_id, detail: { attemptId, memberId: row.member_id, outcome: d.kind, ...(d.kind === 'refuse' ? { reason: d.reason } : {}) } }),
    });
    if (recorded.kind === 'nonce_taken') {
      // Another request with the same nonce got there first: answer what it stored.
      const stored = await findAttempt(ctx.db, p.userId, input.nonce);
      if (!stored) throw new Error('activity.checkIn: the nonce is taken but no attempt is stored');
      return replayAnswer(stored);
    }
    const { decision: d, lockedUntil } = recorded;
    if (d.kind === 'refuse') {
      if (lockedUntil) {
        const end = chinaClock(new Date(lockedUntil), ctx.now);
        if (d.reason === 'rate_limited') throw new AppError('rate_limited', `签到码输错次数过多，本活动的签到码签到已暂停至 ${end}，届时再试，或请工作人员扫会员码签到`);
        throw new AppError(d.reason, `签到码不正确。输错次数过多，本活动的签到码签到暂停至 ${end}，可请工作人员扫会员码签到`);
      }
      throw new AppError(d.reason);
    }
    if (d.kind === 'duplicate') return { checkedInAt: d.checkedInAt, duplicate: true, activityId: row.id, title: row.title, walkIn: num(row.walk_in) === 1 };
    return { checkedInAt: ctx.now.toISOString(), duplicate: false, activityId: row.id, title: row.title, walkIn: d.walkIn };
  },
});
