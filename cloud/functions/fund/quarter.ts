/**
 * Periods: `fund.closeQuarter` (结账), `fund.signOff` (经审签署).
 *
 * A period (quarter, or month for unions that publish monthly) is open → closed → signed off;
 * then its notice can be published (notices.ts). Closing goes in order, one period after another.
 */
import * as c from '../../contract/fund/quarter';
import { AppError } from '../../contract/errors';
import { periodLabel, previousPeriod } from '../../domain/fund-period';
import { closedThrough, hasEntriesBefore, insertClosedPeriod, insertSignOff, loadSettings, loadSignOff, lockBooks, pendingIn, periodClosedAt } from '../../storage/fund.repository';
import { defineFunction } from '../registry';
import { displayNameOf, onBooksOf, periodFor, RECORDERS, today, write } from './shared';
import { notifySignOffWaiting } from '../notify/producers';

/**
 * 结账. The period must have ended, the one before it must be closed (books are continuous:
 * `previous_period_open`), and no spending in it may still wait for the chair (`not_approved`).
 * From then on nothing can be dated in it (enforced by a database trigger as well). Closing a
 * closed period again answers `duplicate: true`.
 */
export const closeQuarter = defineFunction({
  contract: c.closeQuarter,
  policy: onBooksOf(RECORDERS),
  kind: 'mutation',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const settings = await loadSettings(ctx.db, input.unionId);
    const period = periodFor(input.quarter, settings.noticePeriod);
    const objectId = `${input.unionId}:${period.key}`;
    return write(ctx, async (w) => {
      await lockBooks(w.db, input.unionId);
      const priorAt = await periodClosedAt(w.db, input.unionId, period.key);
      if (priorAt) {
        await w.audit({ action: 'fund.closeQuarter.duplicate', objectType: 'fund_period', objectId, unionId: input.unionId });
        return { quarter: period.key, closedAt: priorAt, duplicate: true };
      }
      if (today(ctx) <= period.to) throw new AppError('period_not_ended', `${periodLabel(period.key)}到 ${period.to} 才结束`);
      const closed = await closedThrough(w.db, input.unionId);
      if (closed && closed >= period.from) throw new AppError('quarter_closed', `${closed} 及以前已结账`);
      const dayBefore = previousPeriod(period).to;
      if (closed ? closed !== dayBefore : await hasEntriesBefore(w.db, input.unionId, period.from)) {
        throw new AppError('previous_period_open', `请先结账${periodLabel(previousPeriod(period).key)}`);
      }
      const n = await pendingIn(w.db, input.unionId, period);
      if (n > 0) throw new AppError('not_approved', `本期还有 ${n} 笔支出待主席审批，审批后才能结账`);
      const closedAt = ctx.now.toISOString();
      await insertClosedPeriod(w.db, { union_id: input.unionId, period_key: period.key, from_date: period.from, to_date: period.to, closed_by: p.userId, closed_at: closedAt });
      await notifySignOffWaiting(w.db, { unionId: input.unionId, quarter: period.key, at: ctx.now });
      await w.audit({ objectType: 'fund_period', objectId, unionId: input.unionId, detail: { from: period.from, to: period.to } });
      return { quarter: period.key, closedAt, duplicate: false };
    });
  },
});

/** 经审签署: the reviewer's opinion on a closed period, once (a second one is `immutable`). */
export const signOff = defineFunction({
  contract: c.signOff,
  policy: onBooksOf(['reviewer']),
  kind: 'mutation',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const settings = await loadSettings(ctx.db, input.unionId);
    const period = periodFor(input.quarter, settings.noticePeriod);
    const name = await displayNameOf(ctx.db, p.userId);
    return write(ctx, async (w) => {
      await lockBooks(w.db, input.unionId);
      if (!(await periodClosedAt(w.db, input.unionId, period.key))) throw new AppError('quarter_open', `${periodLabel(period.key)}尚未结账，结账后才能签署`);
      if (await loadSignOff(w.db, input.unionId, period.key)) throw new AppError('immutable', '该期间已签署，签署后不能修改');
      const signedAt = ctx.now.toISOString();
      await insertSignOff(w.db, { union_id: input.unionId, period_key: period.key, opinion: input.opinion, reviewer_id: p.userId, reviewer_name: name, signed_at: signedAt });
      await w.audit({ objectType: 'fund_period', objectId: `${input.unionId}:${period.key}`, unionId: input.unionId, detail: { signOff: true } });
      return { quarter: period.key, signedAt };
    });
  },
});
