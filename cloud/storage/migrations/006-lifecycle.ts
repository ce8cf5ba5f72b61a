import { sql, type Kysely } from 'kysely';

/**
 * Member lifecycle (006, 动态管理): transfers between unions with their history (会籍转接), the
 * member's own data requests (更正、注销删除), and when a member record was anonymised.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('member_transfers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    /** The member record in the sending union (becomes 已退会 on confirmation). */
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('from_union_id', 'text', (c) => c.notNull().references('unions.id'))
    .addColumn('from_member_no', 'text', (c) => c.notNull())
    .addColumn('to_union_id', 'text', (c) => c.notNull().references('unions.id'))
    .addColumn('to_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('to_unit_name', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sqlIn('status', ['pending', 'confirmed', 'rejected', 'cancelled'])))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('initiated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('initiated_as', 'text', (c) => c.notNull().check(sqlIn('initiated_as', ['member', 'staff'])))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    /** The member record created in the receiving union. */
    .addColumn('new_member_id', 'text', (c) => c.references('members.id'))
    .addColumn('new_member_no', 'text')
    .execute();
  // One pending transfer per member record: a double tap or a race cannot open two.
  await db.schema.createIndex('member_transfers_pending_uq').on('member_transfers').column('member_id').unique().where(sql.ref('status'), '=', 'pending').execute();
  await db.schema.createIndex('member_transfers_to_idx').on('member_transfers').columns(['to_union_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('member_transfers_from_idx').on('member_transfers').columns(['from_union_id', 'status', 'created_at']).execute();

  await db.schema
    .createTable('member_data_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('union_id', 'text', (c) => c.notNull().references('unions.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', ['correction', 'deletion'])))
    /** Correction: which field, and the new value (encrypted: it may be an ID number or phone) with a mask for lists. */
    .addColumn('field', 'text')
    .addColumn('value_enc', 'text')
    .addColumn('value_masked', 'text')
    .addColumn('note', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sqlIn('status', ['pending', 'done', 'rejected'])))
    .addColumn('requested_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('handled_by', 'text', (c) => c.references('users.id'))
    .addColumn('handled_at', 'text')
    .addColumn('response', 'text')
    .execute();
  await db.schema.createIndex('member_data_requests_union_idx').on('member_data_requests').columns(['union_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('member_data_requests_member_idx').on('member_data_requests').columns(['member_id', 'status']).execute();

  // 匿名化: when the record's personal data was removed (after the retention period or on request).
  await db.schema.alterTable('members').addColumn('anonymised_at', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('member_data_requests').execute();
  await db.schema.dropTable('member_transfers').execute();
  await db.schema.alterTable('members').dropColumn('anonymised_at').execute();
}

function sqlIn(column: string, values: string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}
