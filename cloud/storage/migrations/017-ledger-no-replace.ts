import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { APPEND_ONLY_TABLES } from './003-funds';

/**
 * 账本不可替换 (017): closes SQLite's side door into the append-only funds tables.
 *
 * `INSERT OR REPLACE` (and `REPLACE INTO`) resolves a key conflict by deleting the old row and
 * inserting the new one; SQLite fires DELETE triggers for that deletion only when the connection
 * has `recursive_triggers` on. So the `*_no_delete` triggers of migration 003 never saw it: a
 * closed quarter's end date could be moved, or a published notice's figures changed under its
 * old hash. Two locks, either enough on its own:
 * - the host turns `recursive_triggers` on for its connection and refuses to start without it
 *   (cloud/storage/db.ts), so the deletion fires `*_no_delete`;
 * - here, a BEFORE INSERT trigger on each append-only table refuses a row whose key (primary key
 *   or any unique constraint) is already there. That holds for any connection, the `sqlite3`
 *   shell included, where `recursive_triggers` is off by default. The app never inserts a
 *   duplicate key into these tables: it reads under the books' lock first (fund_counters).
 *
 * `fund_notice_views` keeps its `ON CONFLICT DO NOTHING` (a member opening a notice twice), so it
 * gets no key trigger; REPLACE on it is refused by the DELETE trigger on the host's connection.
 *
 * PostgreSQL has no REPLACE: `ON CONFLICT DO UPDATE` and `MERGE` fire the row triggers of 003,
 * TRUNCATE its statement trigger. Nothing to add there.
 */

/** The keys (primary key first, then each unique constraint) of each append-only table. */
export const APPEND_ONLY_KEYS: Record<(typeof APPEND_ONLY_TABLES)[number], readonly (readonly string[])[]> = {
  fund_entries: [['id'], ['union_id', 'seq'], ['union_id', 'request_id'], ['reverses_id']],
  fund_approvals: [['entry_id']],
  fund_periods: [['union_id', 'period_key']],
  fund_sign_offs: [['union_id', 'period_key']],
  fund_comments: [['id']],
  fund_attachments: [['id']],
  fund_entry_attachments: [['entry_id', 'attachment_id']],
  fund_notices: [['id'], ['union_id', 'period_key', 'version']],
  fund_notice_views: [['notice_id', 'user_id']],
  fund_questions: [['id']],
  fund_answers: [['id']],
};

/** Tables that refuse an existing key on INSERT, on any connection. */
export const KEY_GUARDED_TABLES = (Object.keys(APPEND_ONLY_KEYS) as (keyof typeof APPEND_ONLY_KEYS)[]).filter((t) => t !== 'fund_notice_views');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  for (const table of KEY_GUARDED_TABLES) {
    // One EXISTS per key, so each is answered by its own index (a nullable key never matches NULL).
    const exists = APPEND_ONLY_KEYS[table]
      .map((key) => `EXISTS (SELECT 1 FROM ${table} o WHERE ${key.map((c) => `o.${c} = NEW.${c}`).join(' AND ')})`)
      .join(' OR ');
    await sql
      .raw(`CREATE TRIGGER ${table}_no_replace BEFORE INSERT ON ${table} WHEN ${exists} BEGIN SELECT RAISE(ABORT, 'immutable: ${table} already holds this key (rows are never replaced)'); END`)
      .execute(db);
  }
}
