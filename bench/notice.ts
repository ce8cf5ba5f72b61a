/**
 * `npm run bench:notice`: generate the fund-use notice of a quarter holding 100,000 ledger
 * entries on the embedded database (SQLite, WAL, synchronous=FULL as in production).
 *
 * It seeds the demo, records 100,000 entries into 老街美食城联合工会's 2026-Q3 (≈55 % income
 * across all seven income categories, the rest spending, every spending entry approved, one
 * in ten entries reversed), closes and signs off the quarter, and then times, through the real
 * function handlers: `fund.previewNotice` (build + hash) and `fund.publishNotice` (build,
 * hash, compare with the last version, store, audit). Target: under 1 s each.
 * Options: `--entries N` (default 100000), `--runs N` (default 5, median reported).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FUND_CATEGORIES } from '../cloud/contract/fund/labels';
import { deriveKeys } from '../cloud/domain/crypto';
import { buildRegistry } from '../cloud/functions';
import { createContext, type Principal } from '../cloud/functions/registry';
import type { Services } from '../cloud/functions/services';
import { seedDemo } from '../cloud/seed/demo';
import { openStorage } from '../cloud/storage/db';
import { LocalDiskFileStore } from '../cloud/storage/file-store';
import { lastSeq } from '../cloud/storage/fund.repository';
import type { FundEntriesTable } from '../cloud/storage/schema';
import { rolesOf } from '../cloud/storage/users.repository';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const ENTRIES = arg('entries', 100_000);
const RUNS = arg('runs', 5);
const NOW = new Date('2026-11-25T08:00:00Z');
const UNION = 'bu-cy02';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-bench-'));
  const storage = await openStorage({ kind: 'sqlite', file: path.join(dir, 'union.db') });
  try {
    const keys = deriveKeys(Buffer.alloc(32, 9));
    await seedDemo(storage.db, keys, 'Bench-password-1', NOW);
    const db = storage.db;
    const user = async (username: string) => (await db.selectFrom('staff_credentials').select('user_id').where('username', '=', username).executeTakeFirstOrThrow()).user_id;
    const staff = await user('cy02-staff');
    const chair = await user('cy02-chair');
    const reviewer = await user('cy02-reviewer');

    // --- data: 100,000 entries in 2026-Q3 -------------------------------------------------
    let seed = 42;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const income = FUND_CATEGORIES.filter((c) => c.direction === 'income');
    const expense = FUND_CATEGORIES.filter((c) => c.direction === 'expense');
    const rows: FundEntriesTable[] = [];
    const approvals: { entry_id: string; decision: 'approve'; decided_by: string; decided_at: string; note: null }[] = [];
    let seq = (await lastSeq(db, UNION)) + 1;
    const t0 = Date.now();
    const make = (i: number): FundEntriesTable => {
      const isIncome = rand() < 0.55;
      const cat = isIncome ? income[Math.floor(rand() * income.length)] : expense[Math.floor(rand() * expense.length)];
      // Mostly small amounts (dues, small purchases), a few large ones.
      const amount = rand() < 0.95 ? 100 + Math.floor(rand() * 99_900) : 100_000 + Math.floor(rand() * 5_000_000);
      const month = 7 + Math.floor(rand() * 3);
      const id = `fe_bench_${i.toString(36).padStart(6, '0')}`;
      return {
        id,
        union_id: UNION,
        seq: seq++,
        date: `2026-${String(month).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`,
        direction: cat.direction,
        category: cat.name,
        sub_category: cat.subCategories.length ? cat.subCategories[Math.floor(rand() * cat.subCategories.length)] : null,
        funding_route: isIncome ? (cat.defaultRoute ?? 'other') : null,
        amount_fen: amount,
        kind: 'entry',
        reverses_id: null,
        corrects_id: null,
        needs_approval: isIncome ? 0 : 1,
        counterparty: isIncome ? '会员' : '青山县某供应商',
        purpose: isIncome ? '会费及拨缴经费' : '职工活动采购',
        request_id: `bench:${id}`,
        gift_kind: null,
        gift_form: null,
        gift_recipients: null,
        gift_recipient_count: null,
        dues_member_id: null,
        dues_member_count: null,
        flags: '[]',
        recorded_by: staff,
        recorded_at: NOW.toISOString(),
      };
    };
    let i = 0;
    while (rows.length < ENTRIES) {
      const e = make(i++);
      rows.push(e);
      if (e.needs_approval) approvals.push({ entry_id: e.id, decision: 'approve', decided_by: chair, decided_at: NOW.toISOString(), note: null });
      if (rows.length < ENTRIES && rand() < 0.1) {
        rows.push({ ...e, id: `${e.id}_r`, seq: seq++, kind: 'reversal', reverses_id: e.id, needs_approval: 0, request_id: `bench:${e.id}_r`, date: '2026-09-30', purpose: '冲正：录入有误' });
      }
    }
    await db.transaction().execute(async (trx) => {
      for (let k = 0; k < rows.length; k += 1000) await trx.insertInto('fund_entries').values(rows.slice(k, k + 1000)).execute();
      for (let k = 0; k < approvals.length; k += 2000) await trx.insertInto('fund_approvals').values(approvals.slice(k, k + 2000)).execute();
      await trx.updateTable('fund_counters').set({ next_seq: seq }).where('union_id', '=', UNION).execute();
      await trx.insertInto('fund_periods').values({ union_id: UNION, period_key: '2026-Q3', from_date: '2026-07-01', to_date: '2026-09-30', closed_by: staff, closed_at: NOW.toISOString() }).execute();
      await trx.insertInto('fund_sign_offs').values({ union_id: UNION, period_key: '2026-Q3', opinion: '同意公示', reviewer_id: reviewer, reviewer_name: '经审员', signed_at: NOW.toISOString() }).execute();
    });
    process.stdout.write(`prepared ${rows.length.toLocaleString('en')} entries (${approvals.length.toLocaleString('en')} approvals) in ${Date.now() - t0} ms\n`);

    // --- the real handlers ---------------------------------------------------------------
    const registry = buildRegistry('demo');
    const services: Services = { mode: 'demo', keys, publicUrl: 'http://localhost', wechat: null, files: new LocalDiskFileStore(path.join(os.tmpdir(), 'union-bench-files')) };
    const principal: Principal = { userId: staff, roles: await rolesOf(db, staff), sessionTokenHash: 'bench' };
    const run = async (name: 'fund.previewNotice' | 'fund.publishNotice', input: Record<string, unknown>) => {
      const fn = registry.get(name)!;
      const ctx = createContext({ db, principal, now: NOW, services, fnName: name });
      const started = process.hrtime.bigint();
      const result = (await fn.handler(fn.contract.input.parse(input), ctx)) as Record<string, unknown>;
      return { ms: Number(process.hrtime.bigint() - started) / 1e6, result };
    };

    const previews: number[] = [];
    let preview: Record<string, unknown> = {};
    for (let r = 0; r < RUNS; r++) {
      const out = await run('fund.previewNotice', { unionId: UNION, quarter: '2026-Q3', explanation: '三季度经费收支情况' });
      previews.push(out.ms);
      preview = out.result;
    }
    const publishes: number[] = [];
    let published: Record<string, unknown> = {};
    for (let r = 0; r < RUNS; r++) {
      // The first run publishes version 1; later runs change the explanation, so each publishes a new version.
      const out = await run('fund.publishNotice', { unionId: UNION, quarter: '2026-Q3', explanation: `三季度经费收支情况（第 ${r + 1} 稿）` });
      publishes.push(out.ms);
      published = out.result;
    }
    const size = (await db.selectFrom('fund_notices').select('content').where('id', '=', String(published.noticeId)).executeTakeFirstOrThrow()).content.length;
    process.stdout.write(
      [
        `notice for 2026-Q3 of ${UNION}: ${Number(preview.entryCount).toLocaleString('en')} posted entries, income ${preview.incomeFen} fen, expense ${preview.expenseFen} fen, ${(preview.items as unknown[]).length} items listed, canonical JSON ${(size / 1024).toFixed(0)} KiB`,
        `fund.previewNotice (build + SHA-256): median ${median(previews).toFixed(0)} ms of ${RUNS} runs [${previews.map((x) => x.toFixed(0)).join(', ')}]`,
        `fund.publishNotice (build + SHA-256 + compare + store + audit): median ${median(publishes).toFixed(0)} ms of ${RUNS} runs [${publishes.map((x) => x.toFixed(0)).join(', ')}]; last version ${published.version}, hash ${String(published.hash).slice(0, 16)}…`,
        `target < 1000 ms: ${Math.max(median(previews), median(publishes)) < 1000 ? 'met' : 'NOT met'}`,
      ].join('\n') + '\n',
    );
  } finally {
    await storage.close();
    if (process.env.KEEP_BENCH_DB) process.stdout.write(`kept ${dir}\n`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
