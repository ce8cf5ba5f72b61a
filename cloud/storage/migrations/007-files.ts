import { sql, type Kysely } from 'kysely';

/**
 * Files (007): the member file (一人一档) attachments, the evidence photo of hand-ticked
 * standardisation items (牌子、印章、办公场所、制度上墙), and the chair's yearly report to the
 * members' congress (主席向会员（代表）大会年度述职). Bytes live in the file store
 * (`cloud/storage/file-store.ts`, `data/files`); these tables hold metadata and the store key.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('member_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('union_id', 'text', (c) => c.notNull().references('unions.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', ['diploma', 'title', 'honour', 'health', 'other'])))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('file_key', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // A removed attachment keeps its row (who removed it, when); its bytes are deleted from the store.
    .addColumn('removed_at', 'text')
    .addColumn('removed_by', 'text')
    .execute();
  await db.schema.createIndex('member_attachments_member_idx').on('member_attachments').columns(['member_id', 'removed_at']).execute();

  for (const [column, type] of [
    ['photo_key', 'text'],
    ['photo_mime', 'text'],
    ['photo_size', 'integer'],
    ['photo_sha256', 'text'],
    ['photo_at', 'text'],
  ] as const) {
    await db.schema.alterTable('compliance_ticks').addColumn(column, type).execute();
  }

  await db.schema
    .createTable('chair_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('union_id', 'text', (c) => c.notNull().references('unions.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('reported_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('chair_reports_union_year_uq', ['union_id', 'year'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('chair_reports').execute();
  for (const column of ['photo_at', 'photo_sha256', 'photo_size', 'photo_mime', 'photo_key']) {
    await db.schema.alterTable('compliance_ticks').dropColumn(column).execute();
  }
  await db.schema.dropTable('member_attachments').execute();
}

function sqlIn(column: string, values: string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}
