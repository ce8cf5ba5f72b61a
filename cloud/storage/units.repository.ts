/** Member units (会员单位 / 企业) as stored: which union develops members in each, and its employee count. */
import type { Q, UnitsTable } from './schema';

export type UnitRow = Pick<UnitsTable, 'id' | 'name' | 'employees' | 'base_union_id' | 'industry_union_id'>;

const UNIT_COLUMNS = ['id', 'name', 'employees', 'base_union_id', 'industry_union_id'] as const;

export async function findUnit(db: Q, unitId: string): Promise<UnitRow | undefined> {
  return db.selectFrom('units').select(UNIT_COLUMNS).where('id', '=', unitId).executeTakeFirst();
}

/** Every unit under an industry union (its base unions' and its direct ones), by name. */
export async function unitsOfIndustry(db: Q, industryUnionId: string): Promise<UnitRow[]> {
  return db.selectFrom('units').select(UNIT_COLUMNS).where('industry_union_id', '=', industryUnionId).orderBy('name').execute();
}

/** A base union's own units, by name. */
export async function unitsOfBase(db: Q, baseUnionId: string): Promise<UnitRow[]> {
  return db.selectFrom('units').select(UNIT_COLUMNS).where('base_union_id', '=', baseUnionId).orderBy('name').execute();
}

/**
 * The first unit (by id) whose workers join `union`: its own units for a base union, the units
 * without a base union for the industry union.
 */
export async function firstUnitJoining(db: Q, union: { id: string; kind: 'industry' | 'base' }): Promise<Pick<UnitRow, 'id' | 'name'> | undefined> {
  let q = db.selectFrom('units').select(['id', 'name']).orderBy('id');
  q = union.kind === 'base' ? q.where('base_union_id', '=', union.id) : q.where('industry_union_id', '=', union.id).where('base_union_id', 'is', null);
  return q.executeTakeFirst();
}
