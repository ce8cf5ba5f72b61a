/** Sessions (会话): who the caller is, and logging out. Both act on the caller's own session only. */
import * as c from '../../contract/auth/session';
import { AppError } from '../../contract/errors';
import { loadSessionUser, revokeSession } from '../../storage/users.repository';
import { defineFunction } from '../registry';

/** 当前用户: who the session belongs to, with roles and membership. */
export const me = defineFunction({
  contract: c.me,
  policy: { kind: 'signedIn' },
  kind: 'query',
  async handler(_input, ctx) {
    const p = ctx.requirePrincipal();
    const user = await loadSessionUser(ctx.db, p.userId);
    if (!user) throw new AppError('unauthenticated');
    return { user };
  },
});

/** 退出登录: the session token stops working at once. */
export const logout = defineFunction({
  contract: c.logout,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  async handler(_input, ctx) {
    const p = ctx.requirePrincipal();
    await ctx.transaction(async (w) => {
      await revokeSession(w.db, p.sessionTokenHash, ctx.now);
      await w.audit({ action: 'auth.logout', objectType: 'user', objectId: p.userId });
    });
    return { ok: true as const };
  },
});
