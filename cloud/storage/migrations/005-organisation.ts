import { sql, type Kysely } from 'kysely';

/**
 * Organisation (005): committees of each union with their term and the upper union's approval of
 * the chair election, the seats on them (who, since when; a seat ended stays as history), and the
 * standardisation items staff tick by hand (牌子、印章、办公场所、制度上墙) with an evidence note.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('committees')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('union_id', 'text', (c) => c.notNull().references('unions.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', ['union', 'audit', 'women'])))
    .addColumn('form', 'text', (c) => c.notNull().check(sqlIn('form', ['committee', 'single'])))
    .addColumn('term_start', 'text', (c) => c.notNull())
    .addColumn('term_end', 'text', (c) => c.notNull())
    .addColumn('upper_approval_note', 'text')
    .addColumn('election_status', 'text', (c) => c.notNull().check(sqlIn('election_status', ['none', 'pending', 'approved'])))
    .addColumn('election_approval_ref', 'text')
    .addColumn('election_approved_on', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('committees_union_kind_uq', ['union_id', 'kind'])
    .execute();

  await db.schema
    .createTable('committee_seats')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('committee_id', 'text', (c) => c.notNull().references('committees.id'))
    .addColumn('role', 'text', (c) => c.notNull().check(sqlIn('role', ['chair', 'vice_chair', 'member'])))
    .addColumn('member_id', 'text', (c) => c.references('members.id'))
    .addColumn('person_name', 'text', (c) => c.notNull())
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('ended_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('committee_seats_committee_idx').on('committee_seats').columns(['committee_id', 'ended_on']).execute();

  await db.schema
    .createTable('compliance_ticks')
    .addColumn('union_id', 'text', (c) => c.notNull().references('unions.id'))
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('compliance_ticks_pk', ['union_id', 'item'])
    .execute();

  // 入会率目标 per industry union (per cent); none set: the default in contract/org/labels.ts.
  await db.schema
    .createTable('compliance_settings')
    .addColumn('union_id', 'text', (c) => c.primaryKey().references('unions.id'))
    .addColumn('membership_rate_target', 'integer', (c) => c.notNull().check(sql`membership_rate_target between 1 and 100`))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('compliance_settings').execute();
  await db.schema.dropTable('compliance_ticks').execute();
  await db.schema.dropTable('committee_seats').execute();
  await db.schema.dropTable('committees').execute();
}

function sqlIn(column: string, values: string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}
