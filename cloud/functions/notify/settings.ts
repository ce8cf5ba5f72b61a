/** `notify.settings`: which kinds also go to WeChat, staff digests on/off, and the templates to ask for. */
import * as c from '../../contract/notify/notify.contract';
import { NOTIFY_KINDS, type NotifyKind, type TemplateKey } from '../../contract/notify/notify.labels';
import { wechatWanted } from '../../domain/notify';
import type { Q } from '../../storage/schema';
import { readPreferences, readSubscriptions, readTemplates, savePreferences } from '../../storage/notifications.repository';
import { defineFunction } from '../registry';

/** The preference row that turns staff digests off. */
export const STAFF_DIGEST_PREF = 'staff_digest';

/** 消息设置: reads, and changes what is given. A person reads and changes only their own. */
export const settings = defineFunction({
  contract: c.settings,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const changes: Record<string, boolean> = { ...(input.wechat ?? {}) };
    if (input.staffDigest !== undefined) changes[STAFF_DIGEST_PREF] = input.staffDigest;
    if (Object.keys(changes).length) {
      await ctx.transaction(async (w) => {
        await savePreferences(w.db, p.userId, changes, ctx.now.toISOString());
        await w.audit({ objectType: 'notify_settings', objectId: p.userId, detail: changes });
      });
    }
    return readSettings(ctx.db, p.userId);
  },
});

export async function readSettings(db: Q, userId: string): Promise<c.NotifySettings> {
  const prefs = await readPreferences(db, userId);
  const wechat = Object.fromEntries(NOTIFY_KINDS.map((k) => [k, wechatWanted(k, prefs as Partial<Record<NotifyKind, boolean>>)])) as Record<NotifyKind, boolean>;
  const templates: Partial<Record<TemplateKey, string>> = {};
  for (const t of await readTemplates(db)) templates[t.templateKey as TemplateKey] = t.templateId;
  const subs = await readSubscriptions(db, userId);
  const acceptances: Partial<Record<TemplateKey, number>> = {};
  for (const [k, v] of Object.entries(subs)) acceptances[k as TemplateKey] = v.accepted;
  return { wechat, staffDigest: prefs[STAFF_DIGEST_PREF] ?? true, templates, acceptances };
}
