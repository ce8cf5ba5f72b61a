import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Funds (经费): the append-only ledger, the chair's decisions, closed periods, sign-offs,
 * published notices, comments, receipts, questions and answers.
 *
 * Append-only in the database, on both backends: every table here except the settings and
 * the per-union counter refuses UPDATE and DELETE (PostgreSQL: TRUNCATE too) with a trigger
 * whose message starts with `immutable:`. Status changes are new rows (an approval is a row
 * in `fund_approvals`), so nothing ever needs updating. More triggers keep the books
 * honest even against a buggy caller: no entry or approval can land in a closed period, the
 * person who recorded spending can never decide on it (主席一支笔, but not on one's own entry),
 * and a reversal must mirror the entry it reverses (same union, direction, category, amount).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('fund_settings')
    .addColumn('union_id', 'text', (c) => c.primaryKey().references('unions.id'))
    .addColumn('notice_period', 'text', (c) => c.notNull().check(sqlIn('notice_period', ['quarter', 'month'])))
    .addColumn('item_threshold_fen', 'integer', (c) => c.notNull().check(gte('item_threshold_fen', 0)))
    .addColumn('holiday_cap_fen', 'integer', (c) => c.notNull().check(gte('holiday_cap_fen', 0)))
    .addColumn('birthday_cap_fen', 'integer', (c) => c.notNull().check(gte('birthday_cap_fen', 0)))
    .addColumn('due_days', 'integer', (c) => c.notNull().check(gte('due_days', 1)))
    .addColumn('sub_categories', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // One row per union: the ledger sequence, and the row every fund write locks first, so that
  // closing a period and recording into it cannot interleave (PostgreSQL row lock; SQLite has one writer).
  await db.schema
    .createTable('fund_counters')
    .addColumn('union_id', 'text', (c) => c.primaryKey().references('unions.id'))
    .addColumn('next_seq', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('fund_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('union_id', 'text', (c) => c.notNull().references('unions.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull().check(sqlIn('direction', ['income', 'expense'])))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('sub_category', 'text')
    .addColumn('funding_route', 'text')
    .addColumn('amount_fen', 'integer', (c) => c.notNull().check(sql`amount_fen > 0 and amount_fen <= 1000000000`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', ['entry', 'reversal'])))
    .addColumn('reverses_id', 'text', (c) => c.references('fund_entries.id').unique())
    .addColumn('corrects_id', 'text', (c) => c.references('fund_entries.id'))
    .addColumn('needs_approval', 'integer', (c) => c.notNull().check(sqlIn('needs_approval', [0, 1])))
    .addColumn('counterparty', 'text')
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('gift_kind', 'text')
    .addColumn('gift_form', 'text')
    .addColumn('gift_recipients', 'text')
    .addColumn('gift_recipient_count', 'integer')
    .addColumn('dues_member_id', 'text', (c) => c.references('members.id'))
    .addColumn('dues_member_count', 'integer')
    .addColumn('flags', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('fund_entries_request_uq', ['union_id', 'request_id'])
    .addUniqueConstraint('fund_entries_seq_uq', ['union_id', 'seq'])
    .addCheckConstraint('fund_entries_reversal_ck', sql`(kind = 'reversal') = (reverses_id is not null) and (kind = 'entry' or needs_approval = 0)`)
    .execute();
  // Covers the notice queries (totals by category, the ids of a period) so SQLite answers them
  // from the index alone: 100,000 entries of a quarter are summed in about 0.1 s.
  await db.schema
    .createIndex('fund_entries_period_idx')
    .on('fund_entries')
    .columns(['union_id', 'date', 'needs_approval', 'direction', 'category', 'sub_category', 'funding_route', 'kind', 'amount_fen', 'id'])
    .execute();
  await db.schema.createIndex('fund_entries_corrects_idx').on('fund_entries').column('corrects_id').execute();

  await db.schema
    .createTable('fund_approvals')
    .addColumn('entry_id', 'text', (c) => c.primaryKey().references('fund_entries.id'))
    .addColumn('decision', 'text', (c) => c.notNull().check(sqlIn('decision', ['approve', 'reject'])))
    .addColumn('decided_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();

  await db.schema
    .createTable('fund_periods')
    .addColumn('union_id', 'text', (c) => c.notNull().references('unions.id'))
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('to_date', 'text', (c) => c.notNull())
    .addColumn('closed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('closed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('fund_periods_pk', ['union_id', 'period_key'])
    .execute();
  await db.schema.createIndex('fund_periods_to_idx').on('fund_periods').columns(['union_id', 'to_date']).execute();

  await db.schema
    .createTable('fund_sign_offs')
    .addColumn('union_id', 'text', (c) => c.notNull().references('unions.id'))
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('opinion', 'text', (c) => c.notNull())
    .addColumn('reviewer_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('reviewer_name', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('fund_sign_offs_pk', ['union_id', 'period_key'])
    .execute();

  await db.schema
    .createTable('fund_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entry_id', 'text', (c) => c.notNull().references('fund_entries.id'))
    .addColumn('union_id', 'text', (c) => c.notNull().references('unions.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('author_role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fund_comments_entry_idx').on('fund_comments').column('entry_id').execute();

  await db.schema
    .createTable('fund_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('union_id', 'text', (c) => c.notNull().references('unions.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content_base64', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('fund_entry_attachments')
    .addColumn('entry_id', 'text', (c) => c.notNull().references('fund_entries.id'))
    .addColumn('attachment_id', 'text', (c) => c.notNull().references('fund_attachments.id'))
    .addColumn('linked_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('fund_entry_attachments_pk', ['entry_id', 'attachment_id'])
    .execute();

  await db.schema
    .createTable('fund_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('union_id', 'text', (c) => c.notNull().references('unions.id'))
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().check(gte('version', 1)))
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    // Copies of the headline figures (also inside `content`), so lists need not parse every notice.
    .addColumn('opening_fen', 'bigint', (c) => c.notNull())
    .addColumn('income_fen', 'bigint', (c) => c.notNull())
    .addColumn('expense_fen', 'bigint', (c) => c.notNull())
    .addColumn('closing_fen', 'bigint', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('fund_notices_version_uq', ['union_id', 'period_key', 'version'])
    .execute();

  await db.schema
    .createTable('fund_notice_views')
    .addColumn('notice_id', 'text', (c) => c.notNull().references('fund_notices.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('first_opened_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('fund_notice_views_pk', ['notice_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('fund_questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('notice_id', 'text', (c) => c.notNull().references('fund_notices.id'))
    .addColumn('union_id', 'text', (c) => c.notNull().references('unions.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('asked_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('asked_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fund_questions_notice_idx').on('fund_questions').column('notice_id').execute();

  await db.schema
    .createTable('fund_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('question_id', 'text', (c) => c.notNull().references('fund_questions.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('answered_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('answerer_name', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fund_answers_question_idx').on('fund_answers').column('question_id').execute();

  if (db.getExecutor().adapter instanceof PostgresAdapter) await postgresTriggers(db);
  else await sqliteTriggers(db);
}

/** Tables whose rows, once written, are never changed or removed. */
export const APPEND_ONLY_TABLES = [
  'fund_entries',
  'fund_approvals',
  'fund_periods',
  'fund_sign_offs',
  'fund_comments',
  'fund_attachments',
  'fund_entry_attachments',
  'fund_notices',
  'fund_notice_views',
  'fund_questions',
  'fund_answers',
] as const;

const CLOSED_ENTRY = `EXISTS (SELECT 1 FROM fund_periods p WHERE p.union_id = NEW.union_id AND p.to_date >= NEW.date)`;
const CLOSED_APPROVAL = `EXISTS (SELECT 1 FROM fund_entries e JOIN fund_periods p ON p.union_id = e.union_id AND p.to_date >= e.date WHERE e.id = NEW.entry_id)`;
const SAME_PERSON = `EXISTS (SELECT 1 FROM fund_entries e WHERE e.id = NEW.entry_id AND e.recorded_by = NEW.decided_by)`;
const REVERSAL_MISMATCH = `NEW.reverses_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM fund_entries o WHERE o.id = NEW.reverses_id AND o.union_id = NEW.union_id AND o.kind = 'entry' AND o.direction = NEW.direction AND o.category = NEW.category AND o.amount_fen = NEW.amount_fen)`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function sqliteTriggers(db: Kysely<any>): Promise<void> {
  for (const t of APPEND_ONLY_TABLES) {
    await sql.raw(`CREATE TRIGGER ${t}_no_update BEFORE UPDATE ON ${t} BEGIN SELECT RAISE(ABORT, 'immutable: ${t} is append-only'); END`).execute(db);
    await sql.raw(`CREATE TRIGGER ${t}_no_delete BEFORE DELETE ON ${t} BEGIN SELECT RAISE(ABORT, 'immutable: ${t} is append-only'); END`).execute(db);
  }
  await sql.raw(`CREATE TRIGGER fund_entries_closed_period BEFORE INSERT ON fund_entries WHEN ${CLOSED_ENTRY} BEGIN SELECT RAISE(ABORT, 'quarter_closed: the period of this entry is closed'); END`).execute(db);
  await sql.raw(`CREATE TRIGGER fund_approvals_closed_period BEFORE INSERT ON fund_approvals WHEN ${CLOSED_APPROVAL} BEGIN SELECT RAISE(ABORT, 'quarter_closed: the period of this entry is closed'); END`).execute(db);
  await sql.raw(`CREATE TRIGGER fund_approvals_not_recorder BEFORE INSERT ON fund_approvals WHEN ${SAME_PERSON} BEGIN SELECT RAISE(ABORT, 'same_person: the recorder cannot decide on the entry'); END`).execute(db);
  await sql.raw(`CREATE TRIGGER fund_entries_reversal_mirrors BEFORE INSERT ON fund_entries WHEN ${REVERSAL_MISMATCH} BEGIN SELECT RAISE(ABORT, 'fund: a reversal must mirror the entry it reverses'); END`).execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function postgresTriggers(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `CREATE FUNCTION fund_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'immutable: % is append-only', TG_TABLE_NAME USING ERRCODE = 'P0001';
END $$`,
    )
    .execute(db);
  for (const t of APPEND_ONLY_TABLES) {
    await sql.raw(`CREATE TRIGGER ${t}_append_only BEFORE UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION fund_append_only()`).execute(db);
    await sql.raw(`CREATE TRIGGER ${t}_no_truncate BEFORE TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION fund_append_only()`).execute(db);
  }
  await sql
    .raw(
      `CREATE FUNCTION fund_entry_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF ${CLOSED_ENTRY} THEN
    RAISE EXCEPTION 'quarter_closed: the period of this entry is closed' USING ERRCODE = 'P0001';
  END IF;
  IF ${REVERSAL_MISMATCH} THEN
    RAISE EXCEPTION 'fund: a reversal must mirror the entry it reverses' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$`,
    )
    .execute(db);
  await sql.raw(`CREATE TRIGGER fund_entries_guard BEFORE INSERT ON fund_entries FOR EACH ROW EXECUTE FUNCTION fund_entry_guard()`).execute(db);
  await sql
    .raw(
      `CREATE FUNCTION fund_approval_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF ${CLOSED_APPROVAL} THEN
    RAISE EXCEPTION 'quarter_closed: the period of this entry is closed' USING ERRCODE = 'P0001';
  END IF;
  IF ${SAME_PERSON} THEN
    RAISE EXCEPTION 'same_person: the recorder cannot decide on the entry' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$`,
    )
    .execute(db);
  await sql.raw(`CREATE TRIGGER fund_approvals_guard BEFORE INSERT ON fund_approvals FOR EACH ROW EXECUTE FUNCTION fund_approval_guard()`).execute(db);
}

function sqlIn(column: string, values: (string | number)[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}

function gte(column: string, n: number) {
  return sql`${sql.ref(column)} >= ${sql.lit(n)}`;
}
