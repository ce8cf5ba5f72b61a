/** Unions (工会) as stored: one home for "load a union" and "the base unions under it". */
import type { Q } from './schema';

/** A union with what access rules and pages need: its kind and its parent (the industry union). */
export interface UnionRef {
  id: string;
  name: string;
  kind: 'industry' | 'base';
  parent_id: string | null;
  code: string;
}

const UNION_COLUMNS = ['id', 'name', 'kind', 'parent_id', 'code'] as const;

export async function findUnion(db: Q, unionId: string): Promise<UnionRef | undefined> {
  return db.selectFrom('unions').select(UNION_COLUMNS).where('id', '=', unionId).executeTakeFirst();
}

/** The base unions (基层工会) under an industry union, in code order. */
export async function baseUnionsOf(db: Q, industryUnionId: string): Promise<UnionRef[]> {
  return db.selectFrom('unions').select(UNION_COLUMNS).where('parent_id', '=', industryUnionId).orderBy('code').execute();
}

/** The first union of a kind, in code order (the industry union; a demo member's default base union). */
export async function firstUnionOfKind(db: Q, kind: 'industry' | 'base'): Promise<UnionRef | undefined> {
  return db.selectFrom('unions').select(UNION_COLUMNS).where('kind', '=', kind).orderBy('code').executeTakeFirst();
}

/** 上级工会: the name of the union above an industry union (outside the system, named only). */
export async function upperUnionNameOf(db: Q, unionId: string): Promise<string | null> {
  const row = await db.selectFrom('unions').select('upper_union_name').where('id', '=', unionId).executeTakeFirst();
  return row?.upper_union_name ?? null;
}
