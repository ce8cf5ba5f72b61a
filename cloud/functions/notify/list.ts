/** `notify.list`: the caller's own messages, newest first, with the unread count. */
import * as c from '../../contract/notify/notify.contract';
import type { NotifyKind } from '../../contract/notify/notify.labels';
import { countUnread, listNotifications } from '../../storage/notifications.repository';
import { defineFunction } from '../registry';

/** 我的消息: a person sees only their own messages (the query is by the caller's user id). */
export const list = defineFunction({
  contract: c.list,
  policy: { kind: 'signedIn' },
  kind: 'query',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const page = input.page ?? 1;
    const rows = await listNotifications(ctx.db, p.userId, { unreadOnly: input.unreadOnly ?? false, offset: (page - 1) * c.NOTIFY_PAGE_SIZE, limit: c.NOTIFY_PAGE_SIZE });
    const unread = await countUnread(ctx.db, p.userId);
    return {
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind as NotifyKind,
        title: r.title,
        body: r.body,
        createdAt: r.createdAt,
        ...(r.readAt ? { readAt: r.readAt } : {}),
        ...(r.page ? { page: `/${r.page}` } : {}),
      })),
      unread,
    };
  },
});
