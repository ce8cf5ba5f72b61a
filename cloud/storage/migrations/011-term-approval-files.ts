import type { Kysely } from 'kysely';

/**
 * 提前或延期换届的上级批复文件: the upper union's written approval of an early or late re-election,
 * as a document (image or PDF). The bytes are in the file store under `file_key`, sealed with the
 * data key like the member-file attachments; this row holds the metadata. One row per uploaded
 * document (history kept); `committees.upper_approval_file_id` points at the current term's.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('committee_approval_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('union_id', 'text', (c) => c.notNull().references('unions.id'))
    .addColumn('committee_id', 'text', (c) => c.notNull().references('committees.id'))
    .addColumn('term_start', 'text', (c) => c.notNull())
    .addColumn('timing', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('file_key', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('committee_approval_files_committee_idx').on('committee_approval_files').columns(['committee_id', 'created_at']).execute();
  await db.schema.alterTable('committees').addColumn('upper_approval_file_id', 'text').execute();
}
