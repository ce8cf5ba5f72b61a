/** The roster (会员名册) as stored: the masked page, the export's rows, counts for the figures, imports. */
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database, Q } from './schema';

/**
 * Which members a roster page shows. Searches are already turned into stored values by the caller
 * (blind indexes, a full member number, `[from, to)` ranges for a prefix).
 */
export interface RosterFilter {
  unionId: string;
  status: 'active' | 'left' | 'all';
  unitId?: string;
  idNumberBidx?: string;
  phoneBidx?: string;
  phoneTail?: string;
  memberNo?: string;
  memberNoRange?: readonly [string, string];
  nameRange?: readonly [string, string];
}

function rosterWhere(f: RosterFilter) {
  return (eb: ExpressionBuilder<Database, 'members'>) => {
    const conds: Expression<SqlBool>[] = [eb('members.union_id', '=', f.unionId)];
    if (f.status !== 'all') conds.push(eb('members.status', '=', f.status));
    if (f.unitId) conds.push(eb('members.unit_id', '=', f.unitId));
    if (f.idNumberBidx !== undefined) conds.push(eb('members.id_number_bidx', '=', f.idNumberBidx));
    if (f.phoneBidx !== undefined) conds.push(eb('members.phone_bidx', '=', f.phoneBidx));
    if (f.phoneTail !== undefined) conds.push(eb('members.phone_tail', '=', f.phoneTail));
    if (f.memberNo !== undefined) conds.push(eb('members.member_no', '=', f.memberNo));
    // As ranges on the index (both backends compare these columns in code-point order: migration 010).
    if (f.memberNoRange) conds.push(eb('members.member_no', '>=', f.memberNoRange[0]), eb('members.member_no', '<', f.memberNoRange[1]));
    if (f.nameRange) conds.push(eb('members.name', '>=', f.nameRange[0]), eb('members.name', '<', f.nameRange[1]));
    return eb.and(conds);
  };
}

/** One page of the masked roster in member-number order, with the total of the filter. */
export async function rosterPage(db: Q, f: RosterFilter, page: { limit: number; offset: number }) {
  const where = rosterWhere(f);
  // The total and the page side by side: on PostgreSQL they run on two pooled connections at once.
  const [total, rows] = await Promise.all([
    db.selectFrom('members').select((eb) => eb.fn.countAll<number>().as('n')).where(where).executeTakeFirstOrThrow(),
    db
      .selectFrom('members')
      .select(['id', 'name', 'member_no', 'unit_id', 'unit_name', 'id_number_masked', 'phone_masked', 'status', 'gender', 'job', 'joined_at', 'left_at'])
      .where(where)
      .orderBy('member_no')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
  ]);
  const unitIds = [...new Set(rows.map((r) => r.unit_id).filter((x): x is string => x !== null))];
  const units = unitIds.length ? await db.selectFrom('units').select(['id', 'name']).where('id', 'in', unitIds).execute() : [];
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  return { total: Number(total.n), rows: rows.map((r) => ({ ...r, listed_unit_name: (r.unit_id ? unitName.get(r.unit_id) : undefined) ?? null })) };
}

/** What the roster file needs of each member (100,000 rows: the blind indexes are not read for nothing). */
export async function rosterForExport(db: Q, unionId: string, status: 'active' | 'all') {
  let q = db
    .selectFrom('members')
    .leftJoin('units', 'units.id', 'members.unit_id')
    .select([
      'members.name',
      'members.gender',
      'members.ethnicity',
      'members.birth_date',
      'members.id_number_enc',
      'members.phone_enc',
      'members.id_number_masked',
      'members.phone_masked',
      'members.education',
      'members.political_status',
      'members.household_type',
      'members.unit_name',
      'members.job',
      'members.joined_at',
      'members.member_no',
      'members.status',
      'units.name as listed_unit_name',
    ])
    .where('members.union_id', '=', unionId);
  if (status === 'active') q = q.where('members.status', '=', 'active');
  // Anonymised former members (匿名化) have nothing left to report.
  q = q.where('members.anonymised_at', 'is', null);
  return q.orderBy('members.member_no').execute();
}

export type RosterExportMember = Awaited<ReturnType<typeof rosterForExport>>[number];

/**
 * The units under a union: a base union's own, or every unit of an industry union's sector (with
 * the base union each has, if any); by name, with their employee counts.
 */
export async function unitsUnder(db: Q, union: { id: string; kind: 'industry' | 'base' }) {
  return db
    .selectFrom('units')
    .select(['id', 'name', 'employees', 'base_union_id'])
    .where(union.kind === 'industry' ? 'industry_union_id' : 'base_union_id', '=', union.id)
    .orderBy('name')
    .execute();
}

/** Active members per union and unit (unit null: an employer typed in), for `unionIds`. */
export async function activeMemberCounts(db: Q, unionIds: readonly string[]): Promise<{ unionId: string; unitId: string | null; n: number }[]> {
  const rows = await db
    .selectFrom('members')
    .select(['union_id', 'unit_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'active')
    .where('union_id', 'in', unionIds)
    .groupBy(['union_id', 'unit_id'])
    .execute();
  return rows.map((r) => ({ unionId: r.union_id, unitId: r.unit_id, n: Number(r.n) }));
}

/** The stored result of a confirmed import of the same file into the same union, if any (JSON). */
export async function rosterImportResult(db: Q, unionId: string, fileHash: string): Promise<string | undefined> {
  return (await db.selectFrom('roster_imports').select('result').where('union_id', '=', unionId).where('file_hash', '=', fileHash).executeTakeFirst())?.result;
}

/** Records a confirmed import (unique per union and file: a second confirm of the same file fails). */
export async function recordRosterImport(
  db: Q,
  r: { id: string; unionId: string; fileHash: string; fileName: string | null; createdBy: string; createdAt: string; result: unknown },
): Promise<void> {
  await db
    .insertInto('roster_imports')
    .values({ id: r.id, union_id: r.unionId, file_hash: r.fileHash, file_name: r.fileName, created_by: r.createdBy, created_at: r.createdAt, result: JSON.stringify(r.result) })
    .execute();
}
