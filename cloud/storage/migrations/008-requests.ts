import { sql, type Kysely } from 'kysely';

/**
 * Requests and opinions (008, 职工诉求/建议): one row per request, routed to the member's union at
 * submission, and its message thread (the union's replies, the member's follow-ups, the closing
 * note). The submitter is kept (member and login) so replies reach them, also when anonymous;
 * no function shows it to anyone but the submitter when `anonymous` is 1.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('union_id', 'text', (c) => c.notNull().references('unions.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('anonymous', 'integer', (c) => c.notNull().check(sql`anonymous in (0, 1)`))
    .addColumn('status', 'text', (c) => c.notNull().check(sqlIn('status', ['pending', 'replied', 'closed'])))
    .addColumn('photo_key', 'text')
    .addColumn('photo_mime', 'text')
    .addColumn('photo_bytes', 'integer')
    .addColumn('client_request_id', 'text')
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('first_reply_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .addColumn('rating', 'text', (c) => c.check(sqlIn('rating', ['satisfied', 'unsatisfied'])))
    .addColumn('rating_comment', 'text')
    .addColumn('rated_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('requests_union_idx').on('requests').columns(['union_id', 'status', 'submitted_at']).execute();
  await db.schema.createIndex('requests_user_idx').on('requests').columns(['user_id', 'submitted_at']).execute();
  // A retried submission (same client request id) finds the first one.
  await db.schema.createIndex('requests_client_uq').on('requests').columns(['user_id', 'client_request_id']).unique().execute();

  await db.schema
    .createTable('request_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id'))
    .addColumn('author', 'text', (c) => c.notNull().check(sqlIn('author', ['member', 'staff'])))
    .addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', ['reply', 'follow_up', 'close_note'])))
    .addColumn('author_user_id', 'text')
    /** The staff member's name as shown to the member; null for the member's own messages. */
    .addColumn('author_name', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('request_messages_request_idx').on('request_messages').columns(['request_id', 'created_at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('request_messages').execute();
  await db.schema.dropTable('requests').execute();
}

function sqlIn(column: string, values: string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}
