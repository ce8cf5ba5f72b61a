/** 干部扫会员码: staff check members in by scanning their member card, online or from an offline queue. */
import * as c from '../../contract/activity/scan';
import type { ScanResult } from '../../contract/activity/scan';
import { decideCheckIn, industryOf, scanTime, type CheckInDecision } from '../../domain/activity';
import { newId } from '../../domain/crypto';
import { verifyMemberToken } from '../../domain/member-token';
import { num, rulesOf } from '../../storage/activities.repository';
import { attemptsByNonce, checkedInAt, outcomeOf, scannedMembers, storeAttempt } from '../../storage/activity-checkins.repository';
import { defineFunction } from '../registry';
import { loadActivity, staffOfActivity } from './access';

/** Thrown inside the transaction when another upload stored one of these scans first. */
class NonceTaken extends Error {}

function storedResult(e: { nonce: string; outcome: 'checked_in' | 'duplicate' | 'refused'; reason: string | null; checked_in_at: string | null; flagged: number; name: string | null }): ScanResult {
  const r: ScanResult = { nonce: e.nonce, outcome: e.outcome };
  if (e.reason) r.reason = e.reason;
  if (e.name) r.memberName = e.name;
  if (e.checked_in_at) r.checkedInAt = e.checked_in_at;
  if (num(e.flagged) === 1) r.flagged = true;
  return r;
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
  policy: staffOfActivity('activityId'),
  kind: 'mutation',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const a = await loadActivity(ctx, input.activityId);
    const results = new Map<string, ScanResult>();
    for (const e of await attemptsByNonce(ctx.db, p.userId, input.scans.map((s) => s.nonce))) results.set(e.nonce, storedResult(e));

    // Judge each new scan; insert in member order so two uploads never wait on each other in opposite orders.
    const fresh = input.scans
      .map((s, index) => ({ ...s, index, verdict: verifyMemberToken(ctx.services.keys.token, s.memberToken, scanTime(s.scannedAt, ctx.now) ?? new Date(0)) }))
      .filter((s, i, all) => !results.has(s.nonce) && all.findIndex((x) => x.nonce === s.nonce) === i)
      .sort((x, y) => (x.verdict.ok ? x.verdict.payload.memberId : '').localeCompare(y.verdict.ok ? y.verdict.payload.memberId : '') || x.scannedAt.localeCompare(y.scannedAt) || x.index - y.index);
    if (fresh.length === 0) return { results: input.scans.map((s) => results.get(s.nonce)!) };
    const memberIds = [...new Set(fresh.flatMap((s) => (s.verdict.ok ? [s.verdict.payload.memberId] : [])))];
    const byId = new Map((await scannedMembers(ctx.db, a.id, memberIds)).map((m) => [m.id, m]));
    try {
      await ctx.transaction(async (w) => {
        const tally = { checked_in: 0, duplicate: 0, refused: 0 };
        for (const s of fresh) {
          const at = scanTime(s.scannedAt, ctx.now);
          const m = s.verdict.ok ? byId.get(s.verdict.payload.memberId) : undefined;
          const active = m && m.status === 'active' ? m : undefined;
          // A card that is not genuine or has expired names nobody we may trust: refused before any member rule.
          const d: CheckInDecision = !s.verdict.ok
            ? { kind: 'refuse', reason: s.verdict.problem === 'expired' ? 'code_expired' : 'invalid_member_token' }
            : at
            ? decideCheckIn(
                {
                  activity: rulesOf(a),
                  proof: 'ok',
                  member: active ? { unionId: active.union_id, industryUnionId: industryOf({ id: active.union_id, parent_id: active.parent_id }) } : null,
                  signUp: active?.signup ?? null,
                  checkedInAt: active ? await checkedInAt(w.db, a.id, active.id) : null,
                  at,
                },
                'invalid_member_token',
              )
            : { kind: 'refuse', reason: 'outside_checkin_window' };
          const when = (at ?? ctx.now).toISOString();
          const { decision, stored } = await storeAttempt(
            w.db,
            { attemptId: newId('cka'), actorUserId: p.userId, nonce: s.nonce, activityId: a.id, memberId: active?.id ?? null, method: 'scan', at: ctx.now.toISOString(), checkInAt: when, deviceId: s.deviceId, scannedAt: new Date(s.scannedAt).toISOString(), flagDuplicates: true },
            d,
          );
          if (!stored) throw new NonceTaken();
          const outcome = outcomeOf(decision);
          tally[outcome]++;
          results.set(s.nonce, storedResult({
            nonce: s.nonce,
            outcome,
            reason: decision.kind === 'refuse' ? decision.reason : null,
            checked_in_at: decision.kind === 'check_in' ? when : decision.kind === 'duplicate' ? decision.checkedInAt : null,
            flagged: decision.kind === 'duplicate' ? 1 : 0,
            name: active?.name ?? null,
          }));
        }
        await w.audit({ objectType: 'activity_checkin', objectId: a.id, unionId: a.union_id, detail: { scans: fresh.length, deviceIds: [...new Set(fresh.map((s) => s.deviceId))], ...tally } });
      });
    } catch (err) {
      // The same upload arrived twice at once: the other one stored these scans; answer what it stored.
      if (!(err instanceof NonceTaken)) throw err;
      const stored = await attemptsByNonce(ctx.db, p.userId, fresh.map((s) => s.nonce));
      if (stored.length !== fresh.length) throw err;
      for (const e of stored) results.set(e.nonce, storedResult(e));
    }
    return { results: input.scans.map((s) => results.get(s.nonce)!) };
  },
});
