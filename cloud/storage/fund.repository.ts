/**
 * Funds as stored (经费账本). The ledger tables are append-only (triggers in migration 003):
 * this module only ever inserts and reads them. Sums come back from PostgreSQL as bigint
 * strings: every sum and count goes through `toFen`.
 */
import { sql, type ExpressionBuilder } from 'kysely';
import type { Direction, FundingRoute, GiftKind, NoticePeriod } from '../contract/fund/labels';
import { DUES_CATEGORY, MEMBER_ACTIVITY_CATEGORY } from '../contract/fund/labels';
import type { FundSettings } from '../contract/fund/settings';
import { perHeadFen, type CountedEntry } from '../domain/fund-ledger';
import { buildNoticeContent, type NoticeContent, type NoticeCorrection, type NoticeEntry, type NoticeFormat, type NoticeSignOff } from '../domain/fund-notice';
import type { Period } from '../domain/fund-period';
import { toFen } from '../domain/money';
import type { Database, Q } from './schema';

/** Defaults until a union saves its own settings: 安徽's caps as the example the issue gives. */
export const DEFAULT_FUND_SETTINGS: Omit<FundSettings, 'unionId'> = {
  noticePeriod: 'quarter',
  itemThresholdFen: 100_000,
  holidayCapFen: 150_000,
  birthdayCapFen: 30_000,
  dueDays: 15,
  subCategories: {},
};

export async function loadSettings(db: Q, unionId: string): Promise<FundSettings> {
  const row = await db.selectFrom('fund_settings').selectAll().where('union_id', '=', unionId).executeTakeFirst();
  if (!row) return { unionId, ...DEFAULT_FUND_SETTINGS, subCategories: {} };
  return {
    unionId,
    noticePeriod: row.notice_period as NoticePeriod,
    itemThresholdFen: row.item_threshold_fen,
    holidayCapFen: row.holiday_cap_fen,
    birthdayCapFen: row.birthday_cap_fen,
    dueDays: row.due_days,
    subCategories: JSON.parse(row.sub_categories) as Record<string, string[]>,
  };
}

export async function saveSettings(db: Q, s: FundSettings, userId: string | null, now: Date): Promise<void> {
  const values = {
    notice_period: s.noticePeriod,
    item_threshold_fen: s.itemThresholdFen,
    holiday_cap_fen: s.holidayCapFen,
    birthday_cap_fen: s.birthdayCapFen,
    due_days: s.dueDays,
    sub_categories: JSON.stringify(s.subCategories),
    updated_by: userId,
    updated_at: now.toISOString(),
  };
  await db
    .insertInto('fund_settings')
    .values({ union_id: s.unionId, ...values })
    .onConflict((oc) => oc.column('union_id').doUpdateSet(values))
    .execute();
}

async function ensureCounter(db: Q, unionId: string): Promise<void> {
  await db.insertInto('fund_counters').values({ union_id: unionId, next_seq: 1 }).onConflict((oc) => oc.column('union_id').doNothing()).execute();
}

/**
 * Locks the union's books for the rest of the transaction (PostgreSQL row lock on its counter;
 * SQLite has a single writer). Every fund write takes it first, so a period cannot be closed
 * while an entry dated in it is being recorded or approved.
 */
export async function lockBooks(db: Q, unionId: string): Promise<void> {
  await ensureCounter(db, unionId);
  await db.updateTable('fund_counters').set((eb) => ({ next_seq: eb.ref('next_seq') })).where('union_id', '=', unionId).execute();
}

/** Allocates the next ledger sequence number (gap-free: inside the caller's transaction). */
export async function nextSeq(db: Q, unionId: string): Promise<number> {
  await ensureCounter(db, unionId);
  const row = await db
    .updateTable('fund_counters')
    .set((eb) => ({ next_seq: eb('next_seq', '+', 1) }))
    .where('union_id', '=', unionId)
    .returning('next_seq')
    .executeTakeFirstOrThrow();
  return row.next_seq - 1;
}

/** The highest sequence number used so far (0 when the union has no entries). */
export async function lastSeq(db: Q, unionId: string): Promise<number> {
  const row = await db.selectFrom('fund_counters').select('next_seq').where('union_id', '=', unionId).executeTakeFirst();
  return row ? row.next_seq - 1 : 0;
}

/** The last day of the last closed period (entries dated on or before it are refused). */
export async function closedThrough(db: Q, unionId: string): Promise<string | null> {
  const row = await db.selectFrom('fund_periods').select((eb) => eb.fn.max('to_date').as('to')).where('union_id', '=', unionId).executeTakeFirst();
  return row?.to ?? null;
}

type JoinedEb = ExpressionBuilder<Database & { a: Database['fund_approvals'] }, 'fund_entries' | 'a'>;

/** Posted, for queries joined with the decision as `a`: income and reversals at once, spending once approved. */
export function isPostedJoined(eb: JoinedEb) {
  return eb.or([eb('fund_entries.needs_approval', '=', 0), eb('a.decision', '=', 'approve')]);
}

/** Posted, for queries on `fund_entries` alone (lets SQLite answer from the covering index). */
export function isPosted(eb: ExpressionBuilder<Database, 'fund_entries'>) {
  return eb.or([
    eb('fund_entries.needs_approval', '=', 0),
    eb.exists(
      eb
        .selectFrom('fund_approvals')
        .select('fund_approvals.entry_id')
        .whereRef('fund_approvals.entry_id', '=', 'fund_entries.id')
        .where('fund_approvals.decision', '=', 'approve'),
    ),
  ]);
}

export function entriesWithApproval(db: Q) {
  return db.selectFrom('fund_entries').leftJoin('fund_approvals as a', 'a.entry_id', 'fund_entries.id');
}

function signedSum(eb: ExpressionBuilder<Database, 'fund_entries'>) {
  return sql<string | number>`coalesce(sum(case when ${eb.ref('fund_entries.kind')} = 'reversal' then -${eb.ref('fund_entries.amount_fen')} else ${eb.ref('fund_entries.amount_fen')} end), 0)`;
}

function inRange(db: Q, unionId: string, range: { from?: string; to?: string; before?: string }) {
  let q = db.selectFrom('fund_entries').where('fund_entries.union_id', '=', unionId);
  if (range.from) q = q.where('fund_entries.date', '>=', range.from);
  if (range.to) q = q.where('fund_entries.date', '<=', range.to);
  if (range.before) q = q.where('fund_entries.date', '<', range.before);
  return q.where(isPosted);
}

/** Posted income and expense totals of a union over a date range (either end optional, inclusive). */
export async function postedTotals(db: Q, unionId: string, range: { from?: string; to?: string; before?: string }): Promise<{ incomeFen: number; expenseFen: number }> {
  const rows = await inRange(db, unionId, range)
    .select((eb) => ['fund_entries.direction', signedSum(eb).as('total')])
    .groupBy('fund_entries.direction')
    .execute();
  const get = (d: Direction) => toFen(rows.find((r) => r.direction === d)?.total ?? 0);
  return { incomeFen: get('income'), expenseFen: get('expense') };
}

/** Posted totals of one category over a date range (for dues vs. members' activities). */
async function categoryTotal(db: Q, unionId: string, direction: Direction, category: string, from: string, before: string): Promise<number> {
  const row = await inRange(db, unionId, { from, before })
    .where('fund_entries.direction', '=', direction)
    .where('fund_entries.category', '=', category)
    .select((eb) => signedSum(eb).as('total'))
    .executeTakeFirst();
  return toFen(row?.total ?? 0);
}

/**
 * The posted entries of a period summed by what the totals distinguish (direction, category,
 * sub-category, route, entry or reversal). Each group counts like one entry of its summed
 * amount, so `totalsOf(groups)` equals `totalsOf(entries)`.
 */
export async function periodGroups(db: Q, unionId: string, period: Pick<Period, 'from' | 'to'>): Promise<CountedEntry[]> {
  const rows = await inRange(db, unionId, period)
    .select((eb) => [
      'fund_entries.direction',
      'fund_entries.category',
      'fund_entries.sub_category',
      'fund_entries.funding_route',
      'fund_entries.kind',
      sql<string | number>`sum(${eb.ref('fund_entries.amount_fen')})`.as('amount'),
    ])
    .groupBy(['fund_entries.direction', 'fund_entries.category', 'fund_entries.sub_category', 'fund_entries.funding_route', 'fund_entries.kind'])
    .execute();
  return rows.map((r) => ({
    direction: r.direction,
    category: r.category,
    subCategory: r.sub_category,
    fundingRoute: r.funding_route as FundingRoute | null,
    kind: r.kind,
    amountFen: toFen(r.amount),
  }));
}

/** The ids of every posted entry of a period. */
export async function periodEntryIds(db: Q, unionId: string, period: Pick<Period, 'from' | 'to'>): Promise<string[]> {
  const rows = await inRange(db, unionId, period).select('fund_entries.id').execute();
  return rows.map((r) => r.id);
}

/** Posted entries of a period the notice lists one by one: at or above the threshold, and every reversal. */
export async function periodItems(db: Q, unionId: string, period: Pick<Period, 'from' | 'to'>, thresholdFen: number): Promise<NoticeEntry[]> {
  const rows = await inRange(db, unionId, period)
    .where((eb) => eb.or([eb('fund_entries.amount_fen', '>=', thresholdFen), eb('fund_entries.kind', '=', 'reversal')]))
    .select([
      'fund_entries.id',
      'fund_entries.seq',
      'fund_entries.date',
      'fund_entries.direction',
      'fund_entries.category',
      'fund_entries.sub_category',
      'fund_entries.funding_route',
      'fund_entries.amount_fen',
      'fund_entries.kind',
      'fund_entries.reverses_id',
      'fund_entries.counterparty',
      'fund_entries.purpose',
    ])
    .execute();
  return rows.map((r) => ({
    id: r.id,
    seq: r.seq,
    date: r.date,
    direction: r.direction,
    category: r.category,
    subCategory: r.sub_category,
    fundingRoute: r.funding_route as FundingRoute | null,
    amountFen: r.amount_fen,
    kind: r.kind,
    reversesId: r.reverses_id,
    counterparty: r.counterparty,
    purpose: r.purpose,
  }));
}

/** Entries recorded later (seq ≤ asOfSeq) that reverse or replace an entry dated in the period. */
export async function laterCorrections(db: Q, unionId: string, period: Pick<Period, 'from' | 'to'>, asOfSeq: number): Promise<NoticeCorrection[]> {
  const rows = await db
    .selectFrom('fund_entries as c')
    .innerJoin('fund_entries as o', (j) => j.on((eb) => eb.or([eb('o.id', '=', eb.ref('c.reverses_id')), eb('o.id', '=', eb.ref('c.corrects_id'))])))
    .leftJoin('fund_approvals as a', 'a.entry_id', 'c.id')
    .select(['c.id', 'c.date', 'c.kind', 'c.direction', 'c.category', 'c.amount_fen', 'c.reverses_id', 'c.corrects_id', 'c.purpose'])
    .where('c.union_id', '=', unionId)
    .where('c.date', '>', period.to)
    .where('c.seq', '<=', asOfSeq)
    .where('o.date', '>=', period.from)
    .where('o.date', '<=', period.to)
    .where((eb) => eb.or([eb('c.needs_approval', '=', 0), eb('a.decision', '=', 'approve')]))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    date: r.date,
    kind: r.kind,
    direction: r.direction,
    category: r.category,
    amountFen: r.amount_fen,
    reversesId: r.reverses_id,
    correctsId: r.corrects_id,
    purpose: r.purpose,
  }));
}

export async function loadSignOff(db: Q, unionId: string, periodKey: string): Promise<NoticeSignOff | null> {
  const row = await db.selectFrom('fund_sign_offs').selectAll().where('union_id', '=', unionId).where('period_key', '=', periodKey).executeTakeFirst();
  return row ? { opinion: row.opinion, reviewerName: row.reviewer_name, signedAt: row.signed_at } : null;
}

export interface AssembleArgs {
  union: { id: string; name: string };
  period: Period;
  version: number;
  explanation: string;
  itemThresholdFen: number;
  /** Null only for a preview before sign-off. */
  signOff: NoticeSignOff | null;
  asOfSeq: number;
  /** Default: the current format; a stored notice is rebuilt in the format it was published in. */
  format?: NoticeFormat;
}

/** Builds a notice's content from the ledger: the one path used by preview, publish, the tests and the benchmark. */
export async function assembleNotice(db: Q, a: AssembleArgs): Promise<NoticeContent> {
  const yearStart = `${a.period.from.slice(0, 4)}-01-01`;
  const [opening, groups, entryIds, items, corrections, duesBefore, activityBefore] = await Promise.all([
    postedTotals(db, a.union.id, { before: a.period.from }),
    periodGroups(db, a.union.id, a.period),
    periodEntryIds(db, a.union.id, a.period),
    periodItems(db, a.union.id, a.period, a.itemThresholdFen),
    laterCorrections(db, a.union.id, a.period, a.asOfSeq),
    categoryTotal(db, a.union.id, 'income', DUES_CATEGORY, yearStart, a.period.from),
    categoryTotal(db, a.union.id, 'expense', MEMBER_ACTIVITY_CATEGORY, yearStart, a.period.from),
  ]);
  return buildNoticeContent({
    unionId: a.union.id,
    unionName: a.union.name,
    period: a.period,
    version: a.version,
    openingFen: opening.incomeFen - opening.expenseFen,
    groups,
    entryIds,
    items,
    yearBefore: { duesFen: duesBefore, memberActivityFen: activityBefore },
    corrections,
    itemThresholdFen: a.itemThresholdFen,
    // A preview before sign-off carries an empty sign-off; publishing requires a real one.
    signOff: a.signOff ?? { opinion: '', reviewerName: '', signedAt: '' },
    explanation: a.explanation,
    asOfSeq: a.asOfSeq,
    format: a.format,
  });
}

/**
 * What each recipient already received this calendar year from the union's gift entries of
 * one kind: entries not rejected and not reversed (pending ones count: they may be approved).
 */
export async function giftPerHeadThisYear(db: Q, unionId: string, kind: GiftKind, year: number): Promise<number> {
  const rows = await db
    .selectFrom('fund_entries as e')
    .leftJoin('fund_approvals as a', 'a.entry_id', 'e.id')
    .leftJoin('fund_entries as r', 'r.reverses_id', 'e.id')
    .select(['e.amount_fen', 'e.gift_recipient_count'])
    .where('e.union_id', '=', unionId)
    .where('e.kind', '=', 'entry')
    .where('e.gift_kind', '=', kind)
    .where('e.date', '>=', `${year}-01-01`)
    .where('e.date', '<=', `${year}-12-31`)
    .where('r.id', 'is', null)
    .where((eb) => eb.or([eb('a.decision', 'is', null), eb('a.decision', '=', 'approve')]))
    .execute();
  return rows.reduce((sum, r) => sum + perHeadFen(r.amount_fen, r.gift_recipient_count ?? 1), 0);
}

/** Is this error one of the append-only / closed-period triggers of migration 003? */
export function triggerRefusal(err: unknown): 'immutable' | 'quarter_closed' | 'same_person' | null {
  const message = String((err as { message?: unknown })?.message ?? '');
  for (const reason of ['immutable', 'quarter_closed', 'same_person'] as const) if (message.startsWith(`${reason}:`)) return reason;
  return null;
}
