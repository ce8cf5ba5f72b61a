/** `notify.markRead`: marks the caller's own messages read (some, or all). */
import * as c from '../../contract/notify/notify.contract';
import { countUnread, markNotificationsRead } from '../../storage/notifications.repository';
import { defineFunction } from '../registry';

/** 标为已读 / 全部已读: ids of other people's messages change nothing (the update is by the caller's user id). */
export const markRead = defineFunction({
  contract: c.markRead,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    return ctx.transaction(async (w) => {
      const changed = await markNotificationsRead(w.db, p.userId, { ids: input.ids, all: input.all }, ctx.now.toISOString());
      await w.audit({ objectType: 'notifications', objectId: p.userId, detail: { all: input.all === true, ids: input.ids?.length ?? 0, changed } });
      return { unread: await countUnread(w.db, p.userId) };
    });
  },
});
