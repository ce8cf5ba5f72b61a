import type { Kysely } from 'kysely';

/**
 * 限额的行锁 (016): one row per "count, then act" key (`reveal:<user>`, `requests:<user>`,
 * `checkin:<activity>:<user>`, …). A transaction that applies such a rule first upserts the key's
 * row, which PostgreSQL keeps locked until the commit, then counts and writes: parallel calls of
 * one key take turns, and each counts what the one before it committed (SQLite has one writer
 * anyway). `locked_until`: a lock that the rule itself set (the check-in wrong-code lock), checked
 * in the statements that act. Not business data: nothing personal, no audit of its own.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('limit_guards')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('locked_until', 'text')
    .addColumn('touched_at', 'text', (c) => c.notNull())
    .execute();
  // The identity-attempt limit counts a login's attempts of the last day (it had only a per-union index).
  await db.schema.createIndex('identity_attempts_user_idx').on('identity_attempts').columns(['user_id', 'at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('identity_attempts_user_idx').execute();
  await db.schema.dropTable('limit_guards').execute();
}
