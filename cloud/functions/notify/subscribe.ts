/** `notify.subscribe`: records WeChat's answers to `wx.requestSubscribeMessage` for the caller. */
import * as c from '../../contract/notify/notify.contract';
import type { TemplateKey } from '../../contract/notify/notify.labels';
import { readSubscriptions, readTemplates, recordSubscription } from '../../storage/notifications.repository';
import { defineFunction } from '../registry';

/**
 * 订阅授权: each `accept` allows one WeChat message of that template (WeChat counts the same way);
 * `reject` and `ban` leave none; `filter` (WeChat filtered the template) and unknown template ids
 * change nothing. Only the caller's own row is written.
 */
export const subscribe = defineFunction({
  contract: c.subscribe,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const byId = new Map((await readTemplates(ctx.db)).map((t) => [t.templateId, t.templateKey]));
    const known = Object.entries(input.answers).flatMap(([templateId, answer]) => {
      const key = byId.get(templateId);
      return key && answer !== 'filter' ? [{ key, answer }] : [];
    });
    if (known.length) {
      await ctx.transaction(async (w) => {
        for (const a of known) await recordSubscription(w.db, p.userId, a.key, a.answer as 'accept' | 'reject' | 'ban', ctx.now.toISOString());
        await w.audit({ objectType: 'notify_subscription', objectId: p.userId, detail: Object.fromEntries(known.map((a) => [a.key, a.answer])) });
      });
    }
    const acceptances: Partial<Record<TemplateKey, number>> = {};
    for (const [k, v] of Object.entries(await readSubscriptions(ctx.db, p.userId))) acceptances[k as TemplateKey] = v.accepted;
    return { acceptances };
  },
});
