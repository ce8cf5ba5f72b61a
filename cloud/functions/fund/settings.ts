/** A union's fund settings (经费设置): `fund.settings`, `fund.updateSettings`. */
import * as c from '../../contract/fund/settings';
import { categoryByName } from '../../contract/fund/labels';
import { periodOf } from '../../domain/fund-period';
import { closedThrough, loadSettings, lockBooks, saveSettings } from '../../storage/fund.repository';
import { defineFunction } from '../registry';
import { field, NOTICE_READERS, onBooksOf, RECORDERS, write } from './shared';

/** 经费设置 of a union (defaults until saved). */
export const settings = defineFunction({
  contract: c.settings,
  policy: onBooksOf(NOTICE_READERS),
  kind: 'query',
  async handler(input, ctx) {
    return loadSettings(ctx.db, input.unionId);
  },
});

/**
 * 修改经费设置. Changing the period kind is refused while a period of the current kind is
 * half-way (the new periods must start right after the last closed one).
 */
export const updateSettings = defineFunction({
  contract: c.updateSettings,
  policy: onBooksOf(RECORDERS),
  kind: 'mutation',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    if (input.subCategories) {
      for (const [category, names] of Object.entries(input.subCategories)) {
        if (!categoryByName(category)) throw field(`subCategories.${category}`, `没有科目“${category}”`);
        if (new Set(names).size !== names.length) throw field(`subCategories.${category}`, '明细项目重复');
      }
    }
    return write(ctx, async (w) => {
      await lockBooks(w.db, input.unionId);
      const before = await loadSettings(w.db, input.unionId);
      const next: c.FundSettings = {
        unionId: input.unionId,
        noticePeriod: input.noticePeriod ?? before.noticePeriod,
        itemThresholdFen: input.itemThresholdFen ?? before.itemThresholdFen,
        holidayCapFen: input.holidayCapFen ?? before.holidayCapFen,
        birthdayCapFen: input.birthdayCapFen ?? before.birthdayCapFen,
        dueDays: input.dueDays ?? before.dueDays,
        subCategories: input.subCategories ?? before.subCategories,
      };
      if (next.noticePeriod !== before.noticePeriod) {
        // The next period of the new kind must start the day after the last closed one.
        const closed = await closedThrough(w.db, input.unionId);
        if (closed && periodOf(closed, next.noticePeriod).to !== closed) throw field('noticePeriod', `${closed} 不是${next.noticePeriod === 'quarter' ? '季度' : '月份'}末，不能在此时改变公示周期`);
      }
      await saveSettings(w.db, next, p.userId, ctx.now);
      await w.audit({ objectType: 'fund_settings', objectId: input.unionId, unionId: input.unionId, detail: { before, after: next } });
      return next;
    });
  },
});
