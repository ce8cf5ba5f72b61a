/** 入会统计 (`membership.stats`): members, employees and the membership rate, per unit and per base union. */
import * as c from '../../contract/membership/stats';
import { AppError } from '../../contract/errors';
import { membershipRate } from '../../domain/membership';
import { pendingApplicationCounts } from '../../storage/membership.repository';
import { activeMemberCounts, unitsUnder } from '../../storage/roster.repository';
import { baseUnionsOf, findUnion } from '../../storage/unions.repository';
import { defineFunction } from '../registry';
import { REVIEW_ROLES } from './roles';

/**
 * 入会统计: members, employees and the membership rate (入会率 = members / employees) per unit, and
 * for the industry union per base union (plus its own direct members); pending applications.
 */
export const stats = defineFunction({
  contract: c.stats,
  policy: { kind: 'unionRoles', roles: REVIEW_ROLES, unionOf: (i) => i.unionId },
  kind: 'query',
  async handler(input, ctx) {
    const union = await findUnion(ctx.db, input.unionId);
    if (!union) throw new AppError('not_found', '找不到该工会');
    const bases = union.kind === 'industry' ? await baseUnionsOf(ctx.db, union.id) : [];
    const unionIds = [union.id, ...bases.map((b) => b.id)];
    const [units, counts, pendingOf] = await Promise.all([unitsUnder(ctx.db, union), activeMemberCounts(ctx.db, unionIds), pendingApplicationCounts(ctx.db, unionIds)]);
    const membersOfUnit = new Map<string, number>();
    const membersOfUnion = new Map<string, number>();
    let otherUnitMembers = 0;
    for (const { unionId, unitId, n } of counts) {
      membersOfUnion.set(unionId, (membersOfUnion.get(unionId) ?? 0) + n);
      if (unitId) membersOfUnit.set(unitId, (membersOfUnit.get(unitId) ?? 0) + n);
      else otherUnitMembers += n;
    }
    const unionName = new Map<string, string>([[union.id, union.name], ...bases.map((b) => [b.id, b.name] as [string, string])]);
    const unitStats: c.UnitStats[] = units.map((u) => {
      const members = membersOfUnit.get(u.id) ?? 0;
      const owner = u.base_union_id ?? union.id;
      return { id: u.id, name: u.name, unionId: owner, unionName: unionName.get(owner) ?? '', employees: u.employees, members, rate: membershipRate(members, u.employees) };
    });
    const line = (id: string, name: string) => {
      const own = unitStats.filter((u) => u.unionId === id);
      const employees = own.reduce((s, u) => s + u.employees, 0);
      const members = membersOfUnion.get(id) ?? 0;
      return { id, name, employees, members, rate: membershipRate(members, employees), pending: pendingOf.get(id) ?? 0 };
    };
    const baseUnions = union.kind === 'industry' ? [...bases.map((b) => line(b.id, b.name)), line(union.id, `${union.name}（直接入会）`)] : [];
    const employees = unitStats.reduce((s, u) => s + u.employees, 0);
    const members = [...membersOfUnion.values()].reduce((s, n) => s + n, 0);
    const pending = [...pendingOf.values()].reduce((s, n) => s + n, 0);
    return {
      union: { id: union.id, name: union.name, kind: union.kind },
      totals: { employees, members, rate: membershipRate(members, employees), pending },
      baseUnions,
      units: unitStats,
      otherUnitMembers,
    };
  },
});
