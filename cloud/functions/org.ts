/** Organisation (组织架构): the tree, and join invitations (入会邀请码). */
import * as c from '../contract/org.contract';
import { AppError } from '../contract/errors';
import { newId, signToken } from '../domain/crypto';
import { defineFunction } from './registry';

/**
 * 组织架构. Public: the join page shows it before the worker has an account, and
 * it holds nothing personal (names of unions and employers, employee counts).
 */
export const tree = defineFunction({
  contract: c.tree,
  policy: { kind: 'public' },
  kind: 'query',
  sample: () => ({}),
  async handler(_input, ctx) {
    const industry = await ctx.db.selectFrom('unions').selectAll().where('kind', '=', 'industry').orderBy('code').executeTakeFirst();
    if (!industry) throw new AppError('not_found', '尚未设立行业工会');
    const bases = await ctx.db.selectFrom('unions').select(['id', 'name']).where('parent_id', '=', industry.id).orderBy('code').execute();
    const units = await ctx.db
      .selectFrom('units')
      .select(['id', 'name', 'employees', 'base_union_id'])
      .where('industry_union_id', '=', industry.id)
      .orderBy('name')
      .execute();
    const toNode = (u: (typeof units)[number]) => ({ id: u.id, name: u.name, employees: u.employees });
    return {
      id: industry.id,
      name: industry.name,
      upperUnionName: industry.upper_union_name,
      baseUnions: bases.map((b) => ({ id: b.id, name: b.name, units: units.filter((u) => u.base_union_id === b.id).map(toNode) })),
      directUnits: units.filter((u) => u.base_union_id === null).map(toNode),
    };
  },
});

/**
 * 生成入会邀请码. The token is signed (tamper-proof) and names a stored invitation,
 * so it can be revoked and can expire. For the industry union, a pre-filled unit
 * must be one without a base union (workers of other units join their base union).
 */
export const invite = defineFunction({
  contract: c.invite,
  policy: { kind: 'unionRoles', roles: ['staff', 'chair', 'industryAdmin'], unionOf: (i) => i.unionId },
  kind: 'mutation',
  sample: (f) => ({ unionId: f.baseUnionId }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    if (input.unitId) {
      const unit = await ctx.db.selectFrom('units').select(['base_union_id', 'industry_union_id']).where('id', '=', input.unitId).executeTakeFirst();
      const belongs = unit && (unit.base_union_id === input.unionId || (unit.base_union_id === null && unit.industry_union_id === input.unionId));
      if (!belongs) throw new AppError('validation_error', undefined, [{ path: 'unitId', message: '该单位不由此工会发展会员' }]);
    }
    const id = newId('inv');
    const expiresAt = input.expiresInDays ? new Date(ctx.now.getTime() + input.expiresInDays * 86400000).toISOString() : null;
    await ctx.transaction(async (w) => {
      await w.db
        .insertInto('invitations')
        .values({ id, union_id: input.unionId, unit_id: input.unitId ?? null, created_by: p.userId, expires_at: expiresAt, revoked_at: null, created_at: ctx.now.toISOString() })
        .execute();
      await w.audit({ objectType: 'invitation', objectId: id, unionId: input.unionId, detail: { unitId: input.unitId ?? null, expiresAt } });
    });
    const token = signToken(ctx.services.keys.token, { v: 1, inv: id });
    const url = `${ctx.services.publicUrl.replace(/\/$/, '')}/#/pages/join/index?t=${encodeURIComponent(token)}`;
    return { token, url, expiresAt };
  },
});
