/** Logging in (登录): WeChat's `wx.login` code, or a staff account's password; and opening the session. */
import * as c from '../../contract/auth/login';
import type { LoginResult } from '../../contract/auth/session';
import { AppError } from '../../contract/errors';
import { encryptField, newId } from '../../domain/crypto';
import { DUMMY_HASH_PROMISE, LOCK_MINUTES, MAX_FAILED_ATTEMPTS, verifyPassword } from '../../domain/password';
import { chinaClock } from '../../domain/time';
import {
  clearFailedLogins,
  createSession,
  findStaffCredential,
  findUserIdByOpenid,
  insertUser,
  loadSessionUser,
  loginLockedUntil,
  recordFailedLogin,
  rolesOf,
  saveWechatSessionKey,
} from '../../storage/users.repository';
import { defineFunction, type Writer } from '../registry';

/** Opens a session for `userId` and answers `{sessionToken, user}`; audited as `auth.login`. */
export async function openSession(w: Writer, userId: string, now: Date, method: string): Promise<LoginResult> {
  const roles = await rolesOf(w.db, userId);
  const sessionToken = await createSession(w.db, userId, roles, now);
  await w.audit({ action: 'auth.login', objectType: 'user', objectId: userId, detail: { method } });
  const user = await loadSessionUser(w.db, userId);
  if (!user) throw new Error('user vanished during login');
  return { sessionToken, user };
}

/** 微信登录: exchanges the `wx.login` code; `session_key` is kept encrypted, never returned. */
export const wechatLogin = defineFunction({
  contract: c.wechatLogin,
  policy: { kind: 'public' },
  kind: 'mutation',
  async handler(input, ctx) {
    const wechat = ctx.services.wechat;
    if (!wechat) throw new AppError('wechat_not_configured');
    // Outside the transaction: a slow WeChat must not hold the database.
    const session = await wechat.code2Session(input.code);
    return ctx.transaction(async (w) => {
      let userId = await findUserIdByOpenid(w.db, session.openid);
      if (!userId) {
        userId = newId('usr');
        await insertUser(w.db, { id: userId, display_name: '微信用户', wechat_openid: session.openid, wechat_unionid: session.unionid ?? null, dev_key: null, created_at: ctx.now.toISOString() });
        await w.audit({ action: 'user.create', objectType: 'user', objectId: userId, detail: { via: 'auth.wechatLogin' } });
      }
      await saveWechatSessionKey(w.db, userId, encryptField(ctx.services.keys.field, session.sessionKey), ctx.now.toISOString());
      return openSession(w, userId, ctx.now, 'wechat');
    });
  },
});

/**
 * 干部账号登录. After MAX_FAILED_ATTEMPTS wrong passwords in a row the account is locked for
 * LOCK_MINUTES (`account_locked`, naming when the lock ends), even against the right password; an
 * unknown username costs the same time as a wrong password. Each wrong password is counted, and the
 * lock set and checked, in one statement (`recordFailedLogin`), so parallel guesses lock it as
 * surely as sequential ones; a right password opens a session only if the account is still not
 * locked in the same transaction.
 */
export const staffLogin = defineFunction({
  contract: c.staffLogin,
  policy: { kind: 'public' },
  kind: 'mutation',
  async handler(input, ctx) {
    const cred = await findStaffCredential(ctx.db, input.username);
    if (!cred) {
      await verifyPassword(input.password, await DUMMY_HASH_PROMISE);
      throw new AppError('invalid_credentials');
    }
    const locked = (until: string | null) => new AppError('account_locked', until ? `密码错误次数过多，账号已锁定至 ${chinaClock(new Date(until), ctx.now)}，届时再试` : undefined);
    // A first look, so a locked account costs no password hashing; the statements below decide.
    if (cred.locked_until && Date.parse(cred.locked_until) > ctx.now.getTime()) throw locked(cred.locked_until);
    const ok = await verifyPassword(input.password, cred.password_hash);
    const outcome = await ctx.transaction(async (w) => {
      if (!ok) {
        const lockedUntil = new Date(ctx.now.getTime() + LOCK_MINUTES * 60000);
        const counted = await recordFailedLogin(w.db, cred.user_id, { now: ctx.now, max: MAX_FAILED_ATTEMPTS, lockedUntil });
        // Locked meanwhile by parallel wrong passwords: nothing to count (and nothing written).
        if (!counted) throw locked(await loginLockedUntil(w.db, cred.user_id, ctx.now));
        await w.audit({ action: counted.locked ? 'auth.locked' : 'auth.loginFailed', objectType: 'user', objectId: cred.user_id, detail: { failed: counted.failed } });
        return { ok: false as const, lockedUntil: counted.locked ? lockedUntil.toISOString() : null };
      }
      if (!(await clearFailedLogins(w.db, cred.user_id, ctx.now))) throw locked(await loginLockedUntil(w.db, cred.user_id, ctx.now));
      return { ok: true as const, result: await openSession(w, cred.user_id, ctx.now, 'password') };
    });
    // The failure is committed first (counter and audit), then refused.
    if (!outcome.ok) throw outcome.lockedUntil ? locked(outcome.lockedUntil) : new AppError('invalid_credentials');
    return outcome.result;
  },
});
