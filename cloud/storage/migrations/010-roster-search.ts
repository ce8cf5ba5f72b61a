import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Roster search at scale (100,000 members in one union: bench/roster.ts). Every kind of roster
 * search reads an index instead of every member:
 * - `phone_tail` (last 4 digits of the phone, filled from `phone_masked`) with an index: the
 *   last-4 search was `phone_masked LIKE '%1234'`, a scan;
 * - name search from the start of the name (`name >= '王小' AND name < '王尐'`) on
 *   `(union_id, name, status)`; on PostgreSQL `name` and `member_no` compare in code-point
 *   order (`COLLATE "C"`), as on SQLite, so the range is the same on both and uses the index;
 * - the unit filter, the last 4 digits and the full phone on `(union_id, <column>, status,
 *   member_no)`: the rows come out in page order, so SQLite's planner (no statistics) does not
 *   prefer walking the whole union in member-number order on `members_union_idx` instead.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('members').addColumn('phone_tail', 'text').execute();
  await db
    .updateTable('members')
    .set({ phone_tail: sql`substr(phone_masked, length(phone_masked) - 3)` })
    .execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table members alter column name type text collate "C", alter column member_no type text collate "C"`.execute(db);
  }
  await db.schema.createIndex('members_name_idx').on('members').columns(['union_id', 'name', 'status']).execute();
  await db.schema.createIndex('members_phone_tail_idx').on('members').columns(['union_id', 'phone_tail', 'status', 'member_no']).execute();
  await db.schema.createIndex('members_unit_idx').on('members').columns(['union_id', 'unit_id', 'status', 'member_no']).execute();
  await db.schema.createIndex('members_union_phone_idx').on('members').columns(['union_id', 'phone_bidx', 'status', 'member_no']).execute();
}
