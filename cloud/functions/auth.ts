/**
 * Login and sessions (登录与会话): `auth.devLogin` (demo only), `auth.wechatLogin`,
 * `auth.staffLogin`, `auth.me`, `auth.logout`.
 */
import { randomBytes } from 'node:crypto';
import * as devC from '../contract/auth/dev-login';
import * as loginC from '../contract/auth/login';
import * as sessionC from '../contract/auth/session';
const c = { ...devC, ...loginC, ...sessionC };
type LoginResult = sessionC.LoginResult;
import { AppError } from '../contract/errors';
import type { Persona } from '../contract/labels';
import { blindIndex, encryptField, newId } from '../domain/crypto';
import { demoPerson } from '../domain/demo-people';
import { DUMMY_HASH_PROMISE, LOCK_MINUTES, MAX_FAILED_ATTEMPTS, verifyPassword } from '../domain/password';
import { chinaClock, chinaDate } from '../domain/time';
import { insertMember } from '../storage/members.repository';
import type { Q } from '../storage/schema';
import { clearFailedLogins, createSession, loadSessionUser, loginLockedUntil, recordFailedLogin, revokeSession, rolesOf } from '../storage/users.repository';
import { defineFunction, type FnContext, type Writer } from './registry';

/** Opens a session for `userId` and answers `{sessionToken, user}`; audited as `auth.login`. */
async function openSession(w: Writer, userId: string, now: Date, method: string): Promise<LoginResult> {
  const roles = await rolesOf(w.db, userId);
  const sessionToken = await createSession(w.db, userId, roles, now);
  await w.audit({ action: 'auth.login', objectType: 'user', objectId: userId, detail: { method } });
  const user = await loadSessionUser(w.db, userId);
  if (!user) throw new Error('user vanished during login');
  return { sessionToken, user };
}

async function findOrCreateUser(w: Writer, devKey: string, displayName: string, now: Date): Promise<{ id: string; created: boolean }> {
  const existing = await w.db.selectFrom('users').select('id').where('dev_key', '=', devKey).executeTakeFirst();
  if (existing) return { id: existing.id, created: false };
  const id = newId('usr');
  await w.db.insertInto('users').values({ id, display_name: displayName, wechat_openid: null, wechat_unionid: null, dev_key: devKey, created_at: now.toISOString() }).execute();
  await w.audit({ action: 'user.create', objectType: 'user', objectId: id, detail: { via: 'auth.devLogin' } });
  return { id, created: true };
}

async function industryUnion(db: Q) {
  const u = await db.selectFrom('unions').select(['id', 'name', 'code']).where('kind', '=', 'industry').orderBy('code').executeTakeFirst();
  if (!u) throw new AppError('not_found', '尚未设立行业工会');
  return u;
}

async function unionById(db: Q, unionId: string) {
  const u = await db.selectFrom('unions').select(['id', 'name', 'kind', 'parent_id', 'code']).where('id', '=', unionId).executeTakeFirst();
  if (!u) throw new AppError('not_found', '找不到该工会');
  return u;
}

const STAFF_PERSONA_NAMES: Record<Exclude<Persona, 'worker' | 'member'>, string> = {
  staff: '干部',
  chair: '主席',
  reviewer: '经审员',
  industryAdmin: '管理员',
};

/**
 * 演示登录. `worker`: a person who is not a member yet; `member`: an approved member
 * with generated real-name data; `staff`/`chair`/`reviewer`: of `unionId`;
 * `industryAdmin`: of the industry union. Same `key`, same person.
 */
export const devLogin = defineFunction({
  contract: c.devLogin,
  policy: { kind: 'public' },
  kind: 'mutation',
  async handler(input, ctx) {
    if (ctx.services.mode !== 'demo') throw new AppError('forbidden', '演示登录仅在演示模式下可用');
    const key = input.key ?? randomBytes(9).toString('base64url');
    return ctx.transaction(async (w) => {
      if (input.persona === 'worker') {
        // A person's name, as a worker has one (not 演示职工 plus the first letters of the device key).
        const user = await findOrCreateUser(w, `worker:${key}`, demoPerson(`worker:${key}`).name, ctx.now);
        return openSession(w, user.id, ctx.now, 'dev:worker');
      }
      if (input.persona === 'member') {
        const union = input.unionId
          ? await unionById(w.db, input.unionId)
          : await w.db.selectFrom('unions').select(['id', 'name', 'kind', 'parent_id', 'code']).where('kind', '=', 'base').orderBy('code').executeTakeFirstOrThrow();
        const person = demoPerson(`${union.id}:${key}`);
        const user = await findOrCreateUser(w, `member:${union.id}:${key}`, person.name, ctx.now);
        const member = await w.db.selectFrom('members').select('id').where('user_id', '=', user.id).where('status', '=', 'active').executeTakeFirst();
        if (!member) await createDemoMember(w, ctx, user.id, union, person, key);
        return openSession(w, user.id, ctx.now, 'dev:member');
      }
      const union = input.persona === 'industryAdmin' ? await industryUnion(w.db) : await unionById(w.db, input.unionId!);
      if (input.persona === 'industryAdmin' && input.unionId && input.unionId !== union.id) {
        throw new AppError('validation_error', undefined, [{ path: 'unionId', message: '行业工会管理员只属于行业工会' }]);
      }
      const devKey = `${input.persona}:${union.id}${input.key ? `:${input.key}` : ''}`;
      const user = await findOrCreateUser(w, devKey, `${union.name}${STAFF_PERSONA_NAMES[input.persona]}`, ctx.now);
      if (user.created) {
        await w.db.insertInto('role_grants').values({ user_id: user.id, role: input.persona, union_id: union.id, created_at: ctx.now.toISOString() }).execute();
        await w.audit({ action: 'role.grant', objectType: 'user', objectId: user.id, unionId: union.id, detail: { role: input.persona } });
      }
      return openSession(w, user.id, ctx.now, `dev:${input.persona}`);
    });
  },
});

async function createDemoMember(
  w: Writer,
  ctx: FnContext,
  userId: string,
  union: { id: string; kind: 'industry' | 'base' },
  person: ReturnType<typeof demoPerson>,
  key: string,
): Promise<void> {
  // Pick a unit of this union: its own units for a base union, units without a base union for the industry union.
  let q = w.db.selectFrom('units').select(['id', 'name']).orderBy('id');
  q = union.kind === 'base' ? q.where('base_union_id', '=', union.id) : q.where('industry_union_id', '=', union.id).where('base_union_id', 'is', null);
  const unit = await q.executeTakeFirst();
  // Generated numbers can collide with another demo person's: retry with a new seed.
  for (let attempt = 0; ; attempt++) {
    const data = attempt === 0 ? person : { ...demoPerson(`${union.id}:${key}:${attempt}`), name: person.name };
    const exists = await w.db
      .selectFrom('members')
      .select('id')
      .where('id_number_bidx', '=', blindIndex(ctx.services.keys.blindIndex, data.idNumber))
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (exists && attempt < 5) continue;
    const m = await insertMember(w.db, ctx.services.keys, {
      userId,
      unionId: union.id,
      unitId: unit?.id ?? null,
      unitName: unit ? null : '其他单位',
      data,
      now: ctx.now,
      today: chinaDate(ctx.now),
    });
    await w.audit({ action: 'member.create', objectType: 'member', objectId: m.id, unionId: union.id, detail: { via: 'auth.devLogin', memberNo: m.memberNo } });
    return;
  }
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
      let user = await w.db.selectFrom('users').select('id').where('wechat_openid', '=', session.openid).executeTakeFirst();
      if (!user) {
        user = { id: newId('usr') };
        await w.db
          .insertInto('users')
          .values({ id: user.id, display_name: '微信用户', wechat_openid: session.openid, wechat_unionid: session.unionid ?? null, dev_key: null, created_at: ctx.now.toISOString() })
          .execute();
        await w.audit({ action: 'user.create', objectType: 'user', objectId: user.id, detail: { via: 'auth.wechatLogin' } });
      }
      const sealed = encryptField(ctx.services.keys.field, session.sessionKey);
      await w.db
        .insertInto('wechat_sessions')
        .values({ user_id: user.id, session_key_enc: sealed, updated_at: ctx.now.toISOString() })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ session_key_enc: sealed, updated_at: ctx.now.toISOString() }))
        .execute();
      return openSession(w, user.id, ctx.now, 'wechat');
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
    const cred = await ctx.db.selectFrom('staff_credentials').selectAll().where('username', '=', input.username).executeTakeFirst();
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

