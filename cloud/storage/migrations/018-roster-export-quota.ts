import type { Kysely } from 'kysely';

/**
 * 完整名册导出限额 (018): how many full roster exports (完整号码, for 报送 to the provincial
 * real-name system) a union has made on a China calendar day. One row per union and day; a full
 * export takes a slot with one conditional upsert (`used < limit`), so the limit holds however
 * many calls arrive at once, on both backends. Who exported, when, why and how many rows are in
 * the audit trail (`membership.exportRosterFull`), not here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('roster_export_quota')
    .addColumn('union_id', 'text', (c) => c.notNull().references('unions.id'))
    /** YYYY-MM-DD, China time. */
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('used', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('roster_export_quota_pk', ['union_id', 'day'])
    .execute();
}
