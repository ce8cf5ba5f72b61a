import { sql, type Kysely } from 'kysely';

/**
 * Membership (入会): applications with their consent, flagged identity attempts, roster
 * imports (idempotency by file hash), and the member columns the roster needs (phone blind
 * index for search, leaving).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('union_id', 'text', (c) => c.notNull().references('unions.id'))
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('unit_name', 'text')
    .addColumn('invitation_id', 'text', (c) => c.references('invitations.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sqlIn('status', ['pending', 'approved', 'rejected'])))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull().check(sqlIn('gender', ['male', 'female'])))
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('id_number_enc', 'text', (c) => c.notNull())
    .addColumn('id_number_bidx', 'text', (c) => c.notNull())
    .addColumn('id_number_masked', 'text', (c) => c.notNull())
    .addColumn('phone_enc', 'text', (c) => c.notNull())
    .addColumn('phone_bidx', 'text', (c) => c.notNull())
    .addColumn('phone_masked', 'text', (c) => c.notNull())
    .addColumn('ethnicity', 'text', (c) => c.notNull())
    .addColumn('education', 'text', (c) => c.notNull())
    .addColumn('political_status', 'text', (c) => c.notNull())
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('household_type', 'text', (c) => c.notNull())
    .addColumn('consent_version', 'text', (c) => c.notNull())
    .addColumn('consented_at', 'text', (c) => c.notNull())
    .addColumn('existing_member_id', 'text', (c) => c.references('members.id'))
    .addColumn('member_id', 'text', (c) => c.references('members.id'))
    .addColumn('reviewed_by', 'text', (c) => c.references('users.id'))
    .addColumn('reviewed_at', 'text')
    .addColumn('reject_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // One pending application per person (ID number) and per login, whatever the union.
  await db.schema
    .createIndex('applications_pending_identity_uq')
    .on('applications')
    .column('id_number_bidx')
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  await db.schema.createIndex('applications_pending_user_uq').on('applications').column('user_id').unique().where(sql.ref('status'), '=', 'pending').execute();
  await db.schema.createIndex('applications_queue_idx').on('applications').columns(['union_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('applications_user_idx').on('applications').columns(['user_id', 'created_at']).execute();

  await db.schema
    .createTable('identity_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    /** The union that holds the matching record: its staff see the flag. */
    .addColumn('union_id', 'text', (c) => c.notNull().references('unions.id'))
    .addColumn('attempted_union_id', 'text', (c) => c.notNull().references('unions.id'))
    .addColumn('invitation_id', 'text', (c) => c.references('invitations.id'))
    .addColumn('matched', 'text', (c) => c.notNull().check(sqlIn('matched', ['member', 'application'])))
    .addColumn('matched_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_number_masked', 'text', (c) => c.notNull())
    .addColumn('phone_masked', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('identity_attempts_union_idx').on('identity_attempts').columns(['union_id', 'at']).execute();

  await db.schema
    .createTable('roster_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('union_id', 'text', (c) => c.notNull().references('unions.id'))
    .addColumn('file_hash', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addUniqueConstraint('roster_imports_file_uq', ['union_id', 'file_hash'])
    .execute();

  await db.schema.alterTable('members').addColumn('phone_bidx', 'text').execute();
  await db.schema.alterTable('members').addColumn('left_at', 'text').execute();
  await db.schema.alterTable('members').addColumn('left_reason', 'text').execute();
  await db.schema.alterTable('members').addColumn('application_id', 'text').execute();
  await db.schema.createIndex('members_union_idx').on('members').columns(['union_id', 'status', 'member_no']).execute();
  await db.schema.createIndex('members_phone_idx').on('members').column('phone_bidx').execute();
  await db.schema.alterTable('invitations').addColumn('label', 'text').execute();
  await db.schema.createIndex('invitations_union_idx').on('invitations').columns(['union_id', 'created_at']).execute();
}

function sqlIn(column: string, values: string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}
