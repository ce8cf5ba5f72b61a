import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * 转交行业工会 (013): a base union hands a request it cannot settle alone (a dispute with the
 * employer's management, say) to its industry union, once. The request stays with the base union
 * (`union_id`); the industry union's staff and chair may then handle it too. The reason is a
 * message of the thread (kind `escalation`), so the member reads it where they read the answers.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('requests').addColumn('escalated_to_union_id', 'text', (c) => c.references('unions.id')).execute();
  await db.schema.alterTable('requests').addColumn('escalated_at', 'text').execute();
  await db.schema.alterTable('requests').addColumn('escalated_by_user_id', 'text').execute();
  // The industry union's list reads the requests escalated to it.
  await db.schema.createIndex('requests_escalated_idx').on('requests').columns(['escalated_to_union_id', 'submitted_at']).execute();

  const kinds = sql`kind in ('reply', 'follow_up', 'close_note', 'escalation')`;
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table request_messages drop constraint request_messages_kind_check`.execute(db);
    await sql`alter table request_messages add constraint request_messages_kind_check check (${kinds})`.execute(db);
    return;
  }
  // SQLite cannot change a CHECK constraint: the table is rebuilt with the new one (nothing
  // references request_messages, so it can be dropped and renamed in place).
  await db.schema
    .createTable('request_messages_013')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id'))
    .addColumn('author', 'text', (c) => c.notNull().check(sql`author in ('member', 'staff')`))
    .addColumn('kind', 'text', (c) => c.notNull().check(kinds))
    .addColumn('author_user_id', 'text')
    .addColumn('author_name', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into request_messages_013 (id, request_id, author, kind, author_user_id, author_name, body, created_at)
    select id, request_id, author, kind, author_user_id, author_name, body, created_at from request_messages`.execute(db);
  await db.schema.dropTable('request_messages').execute();
  await db.schema.alterTable('request_messages_013').renameTo('request_messages').execute();
  await db.schema.createIndex('request_messages_request_idx').on('request_messages').columns(['request_id', 'created_at']).execute();
}
