/** 演示登录 (demo mode only): log in as a persona, created on first use. */
import { randomBytes } from 'node:crypto';
import * as c from '../../contract/auth/dev-login';
import { AppError } from '../../contract/errors';
import type { Persona } from '../../contract/labels';
import { blindIndex, newId } from '../../domain/crypto';
import { demoPerson } from '../../domain/demo-people';
import { chinaDate } from '../../domain/time';
import { activeMembershipOf, hasActiveMemberWithIdNumber, insertMember } from '../../storage/members.repository';
import { findUnion, firstUnionOfKind, type UnionRef } from '../../storage/unions.repository';
import { firstUnitJoining } from '../../storage/units.repository';
import { findUserIdByDevKey, grantRole, insertUser } from '../../storage/users.repository';
import { defineFunction, type FnContext, type Writer } from '../registry';
import { openSession } from './login';

async function findOrCreateUser(w: Writer, devKey: string, displayName: string, now: Date): Promise<{ id: string; created: boolean }> {
  const existing = await findUserIdByDevKey(w.db, devKey);
  if (existing) return { id: existing, created: false };
  const id = newId('usr');
  await insertUser(w.db, { id, display_name: displayName, wechat_openid: null, wechat_unionid: null, dev_key: devKey, created_at: now.toISOString() });
  await w.audit({ action: 'user.create', objectType: 'user', objectId: id, detail: { via: 'auth.devLogin' } });
  return { id, created: true };
}

function found(union: UnionRef | undefined, message: string): UnionRef {
  if (!union) throw new AppError('not_found', message);
  return union;
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
        const union = input.unionId ? found(await findUnion(w.db, input.unionId), '找不到该工会') : found(await firstUnionOfKind(w.db, 'base'), '尚未设立基层工会');
        const person = demoPerson(`${union.id}:${key}`);
        const user = await findOrCreateUser(w, `member:${union.id}:${key}`, person.name, ctx.now);
        if (!(await activeMembershipOf(w.db, user.id))) await createDemoMember(w, ctx, user.id, union, person, key);
        return openSession(w, user.id, ctx.now, 'dev:member');
      }
      const union =
        input.persona === 'industryAdmin' ? found(await firstUnionOfKind(w.db, 'industry'), '尚未设立行业工会') : found(await findUnion(w.db, input.unionId!), '找不到该工会');
      if (input.persona === 'industryAdmin' && input.unionId && input.unionId !== union.id) {
        throw new AppError('validation_error', undefined, [{ path: 'unionId', message: '行业工会管理员只属于行业工会' }]);
      }
      const devKey = `${input.persona}:${union.id}${input.key ? `:${input.key}` : ''}`;
      const user = await findOrCreateUser(w, devKey, `${union.name}${STAFF_PERSONA_NAMES[input.persona]}`, ctx.now);
      if (user.created) {
        await grantRole(w.db, { user_id: user.id, role: input.persona, union_id: union.id, created_at: ctx.now.toISOString() });
        await w.audit({ action: 'role.grant', objectType: 'user', objectId: user.id, unionId: union.id, detail: { role: input.persona } });
      }
      return openSession(w, user.id, ctx.now, `dev:${input.persona}`);
    });
  },
});

async function createDemoMember(w: Writer, ctx: FnContext, userId: string, union: UnionRef, person: ReturnType<typeof demoPerson>, key: string): Promise<void> {
  // A unit of this union: its own units for a base union, units without a base union for the industry union.
  const unit = await firstUnitJoining(w.db, union);
  // Generated numbers can collide with another demo person's: retry with a new seed.
  for (let attempt = 0; ; attempt++) {
    const data = attempt === 0 ? person : { ...demoPerson(`${union.id}:${key}:${attempt}`), name: person.name };
    if ((await hasActiveMemberWithIdNumber(w.db, blindIndex(ctx.services.keys.blindIndex, data.idNumber))) && attempt < 5) continue;
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
