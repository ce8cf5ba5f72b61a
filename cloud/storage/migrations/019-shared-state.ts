import type { Kysely } from 'kysely';

/**
 * 多实例共享状态 (019): what several host instances on one PostgreSQL database must share.
 *
 * `files`: uploaded bytes (一人一档附件、诉求照片、规范化建设佐证) under their opaque key, when the
 * host keeps files in the database (`UNION_FILES_STORE=database`, the default with `DATABASE_URL`):
 * every instance reads what any of them stored, and a PostgreSQL backup holds them. The embedded
 * SQLite host keeps using its local folder; the table exists there too but stays empty.
 *
 * `job_runs`: one row per periodic job (the retention purge, …): the last period it completed and a
 * lease. An instance runs a job only after taking the lease with one conditional UPDATE (not yet done
 * for this period, no live lease), so of three instances starting at once exactly one runs it; a
 * holder that dies lets its lease lapse and another instance runs the job at its next tick.
 *
 * `rate_buckets`: the per-minute limiter's token buckets that all instances share (logins,
 * applications, join links): one upsert per call refills, takes and says whether it was allowed.
 * Not business data: no personal data (identities are hashed), rows of full buckets are swept.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('files')
    .addColumn('key', 'text', (c) => c.primaryKey())
    // bytea on PostgreSQL; SQLite keeps whatever bytes it is given as a blob.
    .addColumn('bytes', 'bytea', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('stored_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('job_runs')
    .addColumn('name', 'text', (c) => c.primaryKey())
    /** The last period (e.g. `2026-12-08`, China day) the job completed. */
    .addColumn('done_period', 'text')
    .addColumn('lease_holder', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('runs', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('rate_buckets')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('tokens', 'double precision', (c) => c.notNull())
    /** Milliseconds since the epoch of the last take (a double holds them exactly). */
    .addColumn('at_ms', 'double precision', (c) => c.notNull())
    /** Whether the last take was allowed (1) or refused (0): what the upsert answers. */
    .addColumn('allowed', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_buckets_at_idx').on('rate_buckets').column('at_ms').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_buckets').execute();
  await db.schema.dropTable('job_runs').execute();
  await db.schema.dropTable('files').execute();
}
