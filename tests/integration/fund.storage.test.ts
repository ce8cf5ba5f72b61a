/**
 * The funds tables on both backends: append-only enforced by the database itself (UPDATE,
 * DELETE, INSERT … ON CONFLICT DO UPDATE fail; on SQLite INSERT OR REPLACE, also from a connection
 * without recursive_triggers; on PostgreSQL TRUNCATE and MERGE), no entry or approval dated in a closed period, a
 * reversal must mirror its original, the recorder cannot decide, and 100,000 random ledger
 * entries with reversals (30,000 on PostgreSQL) give exactly the reference totals through the
 * same query path the notice uses.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { FUND_CATEGORIES } from '../../cloud/contract/fund/labels';
import { deriveKeys } from '../../cloud/domain/crypto';
import { mustParsePeriod } from '../../cloud/domain/fund-period';
import { seedDemo } from '../../cloud/seed/demo';
import { DEMO_FUND_IDS } from '../../cloud/seed/demo-fund-ids';
import { openStorage, type Storage } from '../../cloud/storage/db';
import { lastSeq, nextSeq, postedTotals, triggerRefusal } from '../../cloud/storage/fund.repository';
import { assembleNotice } from '../support/fund-factories';
import { APPEND_ONLY_TABLES } from '../../cloud/storage/migrations/003-funds';
import { APPEND_ONLY_KEYS } from '../../cloud/storage/migrations/017-ledger-no-replace';
import type { FundEntriesTable } from '../../cloud/storage/schema';
import { BACKENDS, freshPostgres } from '../support/host';

jest.setTimeout(120_000);

const NOW = new Date('2026-11-25T08:00:00Z');
const keys = deriveKeys(Buffer.alloc(32, 5));

async function refusalOf(p: Promise<unknown>): Promise<string | null> {
  try {
    await p;
  } catch (err) {
    return triggerRefusal(err) ?? `other: ${String((err as Error).message)}`;
  }
  return null;
}

describe.each(BACKENDS)('funds storage on %s', (backend) => {
  let storage: Storage;
  let cleanup: () => Promise<void>;
  let staffId: string;
  /** The chair who decides (never the recorder: a trigger refuses that). */
  let chairId: string;

  beforeAll(async () => {
    if (backend === 'sqlite') {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-fund-'));
      storage = await openStorage({ kind: 'sqlite', file: path.join(dir, 'union.db') });
      cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
    } else {
      const pg = await freshPostgres();
      storage = await openStorage({ kind: 'postgres', url: pg.url });
      cleanup = pg.drop;
    }
    await seedDemo(storage.db, keys, 'Demo-password-1', NOW);
    staffId = (await storage.db.selectFrom('fund_entries').select('recorded_by').executeTakeFirstOrThrow()).recorded_by;
    actor = staffId;
    chairId = (await storage.db.selectFrom('staff_credentials').select('user_id').where('username', '=', 'cy02-chair').executeTakeFirstOrThrow()).user_id;
    await storage.db
      .insertInto('fund_comments')
      .values({ id: 'fc_test', entry_id: DEMO_FUND_IDS.postedEntry, union_id: 'bu-cy01', body: '请补票据', author_id: staffId, author_name: 'x', author_role: '经审', created_at: NOW.toISOString() })
      .execute();
    await storage.db.insertInto('fund_notice_views').values({ notice_id: DEMO_FUND_IDS.notice, user_id: staffId, first_opened_at: NOW.toISOString() }).execute();
  });
  /** Every row of a table, in a stable order (to show a refused statement changed nothing). */
  async function dump(table: string): Promise<unknown[]> {
    const rows = (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(storage.db)).rows;
    return rows.map((r) => JSON.stringify(r)).sort();
  }

  afterAll(async () => {
    await storage.close();
    await cleanup();
  });

  it('refuses UPDATE and DELETE of a posted ledger entry, in raw SQL too', async () => {
    const db = storage.db;
    expect(await refusalOf(db.updateTable('fund_entries').set({ amount_fen: 1 }).where('id', '=', DEMO_FUND_IDS.postedEntry).execute())).toBe('immutable');
    expect(await refusalOf(db.deleteFrom('fund_entries').where('id', '=', DEMO_FUND_IDS.postedEntry).execute())).toBe('immutable');
    expect(await refusalOf(sql`UPDATE fund_entries SET purpose = 'edited'`.execute(db))).toBe('immutable');
    expect(await refusalOf(sql`DELETE FROM fund_entries`.execute(db))).toBe('immutable');
    // A pending entry is never edited either: the chair's decision is a new row.
    expect(await refusalOf(db.updateTable('fund_entries').set({ needs_approval: 0 }).where('id', '=', DEMO_FUND_IDS.pendingEntry).execute())).toBe('immutable');
    const row = await db.selectFrom('fund_entries').select(['amount_fen', 'purpose']).where('id', '=', DEMO_FUND_IDS.postedEntry).executeTakeFirstOrThrow();
    expect(row).toEqual({ amount_fen: 36_000, purpose: '会员会费（6 人，本季度）' });
  });

  it.each([...APPEND_ONLY_TABLES])('refuses UPDATE and DELETE on %s', async (table) => {
    const db = storage.db;
    const count = async () => Number((await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db)).rows[0].n);
    const before = await count();
    expect(before).toBeGreaterThan(0);
    expect(await refusalOf(sql`UPDATE ${sql.table(table)} SET ${sql.ref(firstTextColumn[table])} = ${'x'}`.execute(db))).toBe('immutable');
    expect(await refusalOf(sql`DELETE FROM ${sql.table(table)}`.execute(db))).toBe('immutable');
    if (backend === 'postgres') expect(await refusalOf(sql`TRUNCATE ${sql.table(table)} CASCADE`.execute(db))).toBe('immutable');
    expect(await count()).toBe(before);
  });

  // Issue 14 item 5: SQLite's REPLACE deletes the old row without firing DELETE triggers unless
  // `recursive_triggers` is on, so `INSERT OR REPLACE` used to rewrite the books.
  if (backend === 'sqlite') {
    it('refuses INSERT OR REPLACE that would move a closed quarter\'s end date', async () => {
      const db = storage.db;
      const before = await db.selectFrom('fund_periods').selectAll().where('union_id', '=', 'bu-cy01').where('period_key', '=', '2026-Q3').executeTakeFirstOrThrow();
      const moved = sql`INSERT OR REPLACE INTO fund_periods (union_id, period_key, from_date, to_date, closed_by, closed_at) VALUES (${before.union_id}, ${before.period_key}, ${before.from_date}, ${'2026-08-31'}, ${before.closed_by}, ${before.closed_at})`;
      expect(await refusalOf(moved.execute(db))).toBe('immutable');
      expect(await db.selectFrom('fund_periods').selectAll().where('union_id', '=', 'bu-cy01').where('period_key', '=', '2026-Q3').executeTakeFirstOrThrow()).toEqual(before);
    });

    it('refuses INSERT OR REPLACE that would change a published notice\'s figures under its old hash', async () => {
      const db = storage.db;
      const before = await db.selectFrom('fund_notices').selectAll().where('id', '=', DEMO_FUND_IDS.notice).executeTakeFirstOrThrow();
      const changed = sql`INSERT OR REPLACE INTO fund_notices SELECT id, union_id, period_key, version, hash, content, opening_fen, income_fen + 100000, expense_fen, closing_fen + 100000, published_by, published_at FROM fund_notices WHERE id = ${DEMO_FUND_IDS.notice}`;
      expect(await refusalOf(changed.execute(db))).toBe('immutable');
      expect(await db.selectFrom('fund_notices').selectAll().where('id', '=', DEMO_FUND_IDS.notice).executeTakeFirstOrThrow()).toEqual(before);
    });

    it('refuses INSERT OR REPLACE of a ledger entry by its id, its sequence number or its request id', async () => {
      const db = storage.db;
      const original = await db.selectFrom('fund_entries').selectAll().where('id', '=', DEMO_FUND_IDS.pendingEntry).executeTakeFirstOrThrow();
      const sameId = { ...original, amount_fen: 1 };
      const sameSeq = entryRow({ union_id: original.union_id, seq: original.seq, date: original.date });
      const sameRequest = entryRow({ union_id: original.union_id, seq: (await lastSeq(db, original.union_id)) + 1000, date: original.date, request_id: original.request_id });
      for (const row of [sameId, sameSeq, sameRequest]) {
        const cols = Object.keys(row);
        const replace = sql`INSERT OR REPLACE INTO fund_entries (${sql.join(cols.map((c) => sql.ref(c)))}) VALUES (${sql.join(cols.map((c) => row[c as keyof FundEntriesTable]))})`;
        expect(await refusalOf(replace.execute(db))).toBe('immutable');
      }
      expect(await db.selectFrom('fund_entries').selectAll().where('id', '=', DEMO_FUND_IDS.pendingEntry).executeTakeFirstOrThrow()).toEqual(original);
    });

    it.each([...APPEND_ONLY_TABLES])('refuses INSERT OR REPLACE on %s', async (table) => {
      const db = storage.db;
      const before = await dump(table);
      const replace = sql`INSERT OR REPLACE INTO ${sql.table(table)} SELECT * FROM ${sql.table(table)} ORDER BY rowid DESC LIMIT 1`;
      expect(await refusalOf(replace.execute(db))).not.toBeNull();
      expect(await dump(table)).toEqual(before);
    });

    it('keeps refusing INSERT OR REPLACE on a connection without recursive_triggers (the sqlite3 shell)', async () => {
      const file = (await sql<{ file: string }>`SELECT file FROM pragma_database_list WHERE name = 'main'`.execute(storage.db)).rows[0].file;
      const shell = new BetterSqlite3(file);
      try {
        expect(Number(shell.pragma('recursive_triggers', { simple: true }))).toBe(0);
        for (const table of ['fund_entries', 'fund_periods', 'fund_notices', 'fund_approvals', 'fund_sign_offs'] as const) {
          const before = await dump(table);
          let message = '';
          try {
            shell.exec(`INSERT OR REPLACE INTO ${table} SELECT * FROM ${table} ORDER BY rowid DESC LIMIT 1`);
          } catch (err) {
            message = (err as Error).message;
          }
          expect([table, message]).toEqual([table, expect.stringMatching(/^immutable:/)]);
          expect(await dump(table)).toEqual(before);
        }
      } finally {
        shell.close();
      }
    });
  }

  it.each([...APPEND_ONLY_TABLES])('refuses INSERT … ON CONFLICT DO UPDATE on %s (regression)', async (table) => {
    const db = storage.db;
    const before = await dump(table);
    const key = APPEND_ONLY_KEYS[table][0];
    const upsert = sql`INSERT INTO ${sql.table(table)} SELECT * FROM ${sql.table(table)} WHERE true ON CONFLICT (${sql.join(key.map((c) => sql.ref(c)))}) DO UPDATE SET ${sql.ref(firstTextColumn[table])} = ${'x'}`;
    expect(await refusalOf(upsert.execute(db))).not.toBeNull();
    expect(await dump(table)).toEqual(before);
  });

  if (backend === 'postgres') {
    it.each([...APPEND_ONLY_TABLES])('refuses MERGE … UPDATE, MERGE … DELETE and TRUNCATE on %s (regression)', async (table) => {
      const db = storage.db;
      const before = await dump(table);
      const key = APPEND_ONLY_KEYS[table][0];
      const on = sql.join(key.map((c) => sql`t.${sql.ref(c)} = s.${sql.ref(c)}`), sql` AND `);
      const mergeUpdate = sql`MERGE INTO ${sql.table(table)} t USING (SELECT * FROM ${sql.table(table)}) s ON ${on} WHEN MATCHED THEN UPDATE SET ${sql.ref(firstTextColumn[table])} = ${'x'}`;
      const mergeDelete = sql`MERGE INTO ${sql.table(table)} t USING (SELECT * FROM ${sql.table(table)}) s ON ${on} WHEN MATCHED THEN DELETE`;
      expect(await refusalOf(mergeUpdate.execute(db))).toBe('immutable');
      expect(await refusalOf(mergeDelete.execute(db))).toBe('immutable');
      expect(await refusalOf(sql`TRUNCATE ${sql.table(table)} CASCADE`.execute(db))).toBe('immutable');
      expect(await dump(table)).toEqual(before);
    });
  }

  it('refuses an entry, or a decision, dated in a closed period even when the caller skips the checks', async () => {
    const db = storage.db;
    // bu-cy01 has closed through the end of 2026-Q3.
    const seq = await nextSeq(db, 'bu-cy01');
    const late = entryRow({ union_id: 'bu-cy01', seq, date: '2026-09-30' });
    expect(await refusalOf(db.insertInto('fund_entries').values(late).execute())).toBe('quarter_closed');
    // A spending entry recorded while its period was open, then the period closed: no decision can land any more.
    const open = entryRow({ union_id: 'bu-cy02', seq: await nextSeq(db, 'bu-cy02'), date: '2026-06-30', direction: 'expense', category: '业务支出', needs_approval: 1 });
    await db.insertInto('fund_entries').values(open).execute();
    await db.insertInto('fund_periods').values({ union_id: 'bu-cy02', period_key: '2026-Q2', from_date: '2026-04-01', to_date: '2026-06-30', closed_by: staffId, closed_at: NOW.toISOString() }).execute();
    expect(await refusalOf(db.insertInto('fund_approvals').values({ entry_id: open.id, decision: 'approve', decided_by: chairId, decided_at: NOW.toISOString(), note: null }).execute())).toBe('quarter_closed');
  });

  it('refuses a decision by the person who recorded the entry', async () => {
    const db = storage.db;
    const mine = entryRow({ union_id: 'bu-cy02', seq: await nextSeq(db, 'bu-cy02'), date: '2026-11-20', direction: 'expense', category: '业务支出', needs_approval: 1 });
    await db.insertInto('fund_entries').values(mine).execute();
    expect(await refusalOf(db.insertInto('fund_approvals').values({ entry_id: mine.id, decision: 'approve', decided_by: mine.recorded_by, decided_at: NOW.toISOString(), note: null }).execute())).toBe('same_person');
  });

  it('refuses a reversal that does not mirror its original', async () => {
    const db = storage.db;
    const original = await db.selectFrom('fund_entries').selectAll().where('id', '=', DEMO_FUND_IDS.pendingEntry).executeTakeFirstOrThrow();
    const bad = entryRow({ union_id: 'bu-cy01', seq: await nextSeq(db, 'bu-cy01'), date: '2026-11-25', kind: 'reversal', reverses_id: original.id, direction: original.direction, category: original.category, amount_fen: original.amount_fen + 1 });
    const outcome = await refusalOf(db.insertInto('fund_entries').values(bad).execute());
    expect(outcome).toContain('a reversal must mirror the entry it reverses');
  });

  // 100,000 on the embedded database; 30,000 on PostgreSQL, where inserting them costs ~20 s on a shared
  // two-core machine (the sums still pass 2^31 fen, so the bigint-as-string path is exercised).
  const n = backend === 'sqlite' ? 100_000 : 30_000;
  it(`${n.toLocaleString('en')} random entries with reversals: the database totals equal the reference sum, to the fen`, async () => {
    const db = storage.db;
    const unionId = 'bu-cy02';
    const period = mustParsePeriod('2026-Q4');
    let seed = 20260925;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const ref = { income: 0n, expense: 0n, byCategory: new Map<string, bigint>() };
    const rows: FundEntriesTable[] = [];
    let seq = (await lastSeq(db, unionId)) + 1;
    const startedInsert = Date.now();
    for (let i = 0; i < n; i++) {
      const cat = FUND_CATEGORIES[Math.floor(rand() * FUND_CATEGORIES.length)];
      const amount = rand() < 0.9 ? 1 + Math.floor(rand() * 50_000) : 1 + Math.floor(rand() * 1_000_000_000);
      const day = `2026-${String(10 + Math.floor(rand() * 2)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
      const e = entryRow({ union_id: unionId, seq: seq++, date: day, direction: cat.direction, category: cat.name, amount_fen: amount, funding_route: cat.direction === 'income' ? 'other' : null });
      rows.push(e);
      let v = BigInt(amount);
      if (rand() < 0.1) {
        rows.push(entryRow({ union_id: unionId, seq: seq++, date: '2026-11-25', kind: 'reversal', reverses_id: e.id, direction: e.direction, category: e.category, amount_fen: amount, funding_route: e.funding_route }));
        v = 0n;
      }
      if (cat.direction === 'income') ref.income += v;
      else ref.expense += v;
      ref.byCategory.set(cat.name, (ref.byCategory.get(cat.name) ?? 0n) + v);
    }
    // Spending is posted only once approved: approve every expense that is not a reversal.
    const approvals = rows.filter((r) => r.direction === 'expense' && r.kind === 'entry').map((r) => ({ entry_id: r.id, decision: 'approve' as const, decided_by: chairId, decided_at: NOW.toISOString(), note: null }));
    const expenseRows = rows.map((r) => (r.direction === 'expense' && r.kind === 'entry' ? { ...r, needs_approval: 1 as const } : r));
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < expenseRows.length; i += 1000) await trx.insertInto('fund_entries').values(expenseRows.slice(i, i + 1000)).execute();
      for (let i = 0; i < approvals.length; i += 2000) await trx.insertInto('fund_approvals').values(approvals.slice(i, i + 2000)).execute();
      await trx.updateTable('fund_counters').set({ next_seq: seq }).where('union_id', '=', unionId).execute();
    });
    const insertMs = Date.now() - startedInsert;

    const started = Date.now();
    const totals = await postedTotals(db, unionId, { from: period.from, to: period.to });
    const content = await assembleNotice(db, {
      unionId: unionId,
        unionName: '老街美食城联合工会',
      period,
      version: 1,
      explanation: '',
      itemThresholdFen: 100_000,
      signOff: null,
      asOfSeq: await lastSeq(db, unionId),
    });
    const ms = Date.now() - started;
    process.stdout.write(`${backend}: ${rows.length} ledger rows inserted in ${insertMs} ms; totals and notice built in ${ms} ms\n`);
    expect(BigInt(totals.incomeFen)).toBe(ref.income);
    expect(BigInt(totals.expenseFen)).toBe(ref.expense);
    expect(BigInt(content.incomeFen)).toBe(ref.income);
    expect(BigInt(content.expenseFen)).toBe(ref.expense);
    expect(content.entryCount).toBe(rows.length);
    for (const c of FUND_CATEGORIES) {
      expect([c.name, BigInt(content.byCategory.find((r) => r.category === c.name)!.amountFen)]).toEqual([c.name, ref.byCategory.get(c.name) ?? 0n]);
    }
    // The sums are far past 2^31: the bigint path is exercised on PostgreSQL.
    expect(totals.incomeFen + totals.expenseFen).toBeGreaterThan(2 ** 31);
  });
});

/** Who the raw rows are recorded by (a seeded staff user). */
let actor = '';

/** The first text column of each append-only table, to try an UPDATE with. */
const firstTextColumn: Record<(typeof APPEND_ONLY_TABLES)[number], string> = {
  fund_entries: 'purpose',
  fund_approvals: 'note',
  fund_periods: 'closed_at',
  fund_sign_offs: 'opinion',
  fund_comments: 'body',
  fund_attachments: 'file_name',
  fund_entry_attachments: 'linked_at',
  fund_notices: 'hash',
  fund_notice_views: 'first_opened_at',
  fund_questions: 'body',
  fund_answers: 'body',
};

function entryRow(over: Partial<FundEntriesTable> & Pick<FundEntriesTable, 'union_id' | 'seq' | 'date'>): FundEntriesTable {
  const id = `fe_t_${randomBytes(8).toString('hex')}`;
  return {
    id,
    direction: 'income',
    category: '会费收入',
    sub_category: null,
    funding_route: 'dues',
    amount_fen: 100,
    kind: 'entry',
    reverses_id: null,
    corrects_id: null,
    needs_approval: 0,
    counterparty: null,
    purpose: 'test',
    request_id: `t:${id}`,
    gift_kind: null,
    gift_form: null,
    gift_recipients: null,
    gift_recipient_count: null,
    dues_member_id: null,
    dues_member_count: null,
    flags: '[]',
    recorded_by: actor,
    recorded_at: NOW.toISOString(),
    ...over,
  };
}
