/** 组织架构: the industry union, its base unions and the member units. */
import * as c from '../../contract/org/tree';
import { AppError } from '../../contract/errors';
import { baseUnionsOf, firstUnionOfKind, upperUnionNameOf } from '../../storage/unions.repository';
import { unitsOfIndustry, type UnitRow } from '../../storage/units.repository';
import { defineFunction } from '../registry';

/**
 * 组织架构. Public: the join page shows it before the worker has an account, and
 * it holds nothing personal (names of unions and employers, employee counts).
 */
export const tree = defineFunction({
  contract: c.tree,
  policy: { kind: 'public' },
  kind: 'query',
  async handler(_input, ctx) {
    const industry = await firstUnionOfKind(ctx.db, 'industry');
    if (!industry) throw new AppError('not_found', '尚未设立行业工会');
    const [bases, units, upperUnionName] = await Promise.all([baseUnionsOf(ctx.db, industry.id), unitsOfIndustry(ctx.db, industry.id), upperUnionNameOf(ctx.db, industry.id)]);
    const toNode = (u: UnitRow) => ({ id: u.id, name: u.name, employees: u.employees });
    return {
      id: industry.id,
      name: industry.name,
      upperUnionName,
      baseUnions: bases.map((b) => ({ id: b.id, name: b.name, units: units.filter((u) => u.base_union_id === b.id).map(toNode) })),
      directUnits: units.filter((u) => u.base_union_id === null).map(toNode),
    };
  },
});
