/**
 * Funds as stored (经费账本). The ledger tables are append-only (triggers in migration 003):
 * this module only ever inserts and reads them. Sums come back from PostgreSQL as bigint
 * strings: every sum and count goes through `toFen`.
 */
import { sql, type ExpressionBuilder } from 'kysely';
import type { Direction, FundingRoute, GiftKind, NoticePeriod } from '../contract/fund/labels';
import { DUES_CATEGORY, MEMBER_ACTIVITY_CATEGORY } from '../contract/fund/labels';
import type { FundSettings } from '../contract/fund/settings';
import type { CountedEntry, GiftGiven } from '../domain/fund-ledger';
import type { NoticeCorrection, NoticeEntry, NoticeLedger, NoticeSignOff } from '../domain/fund-notice';
import type { Period } from '../domain/fund-period';
import { toFen } from '../domain/money';
import type {
  Database,
  FundApprovalsTable,
  FundAttachmentsTable,
  FundCommentsTable,
  FundEntriesTable,
  FundEntryAttachmentsTable,
  FundPeriodsTable,
  FundSignOffsTable,
  Q,
} from './schema';

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

/** What a notice is built from, read from the ledger (the domain composes it: `noticeFromLedger`). */
export async function readNoticeLedger(db: Q, unionId: string, period: Pick<Period, 'from' | 'to'>, a: { itemThresholdFen: number; asOfSeq: number }): Promise<NoticeLedger> {
  const yearStart = `${period.from.slice(0, 4)}-01-01`;
  const [opening, groups, entryIds, items, corrections, duesFen, memberActivityFen] = await Promise.all([
    postedTotals(db, unionId, { before: period.from }),
    periodGroups(db, unionId, period),
    periodEntryIds(db, unionId, period),
    periodItems(db, unionId, period, a.itemThresholdFen),
    laterCorrections(db, unionId, period, a.asOfSeq),
    categoryTotal(db, unionId, 'income', DUES_CATEGORY, yearStart, period.from),
    categoryTotal(db, unionId, 'expense', MEMBER_ACTIVITY_CATEGORY, yearStart, period.from),
  ]);
  return { opening, groups, entryIds, items, corrections, yearBefore: { duesFen, memberActivityFen } };
}

/**
 * The union's gift entries of one kind this calendar year, as the per-head sum needs them
 * (`perHeadThisYear`): entries not rejected and not reversed (pending ones count: they may be approved).
 */
export async function giftsThisYear(db: Q, unionId: string, kind: GiftKind, year: number): Promise<GiftGiven[]> {
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
  return rows.map((r) => ({ amountFen: r.amount_fen, recipientCount: r.gift_recipient_count ?? 1 }));
}

/** Is this error one of the append-only / closed-period triggers of migration 003? */
export function triggerRefusal(err: unknown): 'immutable' | 'quarter_closed' | 'same_person' | null {
  const message = String((err as { message?: unknown })?.message ?? '');
  for (const reason of ['immutable', 'quarter_closed', 'same_person'] as const) if (message.startsWith(`${reason}:`)) return reason;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Which union a fund object belongs to (for the `objectRoles` policies)

type FundObjectTable = 'fund_entries' | 'fund_attachments' | 'fund_notices' | 'fund_questions';

/** The union (id and parent) that owns the entry, receipt, notice or question `id`, if it exists. */
export async function unionOfFundObject(db: Q, table: FundObjectTable, id: string): Promise<{ id: string; parent_id: string | null } | undefined> {
  return db
    .selectFrom('unions')
    .select(['unions.id', 'unions.parent_id'])
    .where('unions.id', '=', (eb) => eb.selectFrom(table).select(`${table}.union_id`).where(`${table}.id`, '=', id))
    .executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------
// Entries, approvals, comments

/** An entry with the chair's decision (null: none yet, or none needed). */
export type EntryRow = FundEntriesTable & { decision: 'approve' | 'reject' | null };

export async function findEntry(db: Q, entryId: string): Promise<EntryRow | undefined> {
  return entriesWithApproval(db).selectAll('fund_entries').select('a.decision').where('fund_entries.id', '=', entryId).executeTakeFirst();
}

/** The entry a client's `requestId` already recorded in this union, if any. */
export async function entryIdByRequest(db: Q, unionId: string, requestId: string): Promise<string | undefined> {
  const row = await db.selectFrom('fund_entries').select('id').where('union_id', '=', unionId).where('request_id', '=', requestId).executeTakeFirst();
  return row?.id;
}

/** Is `memberId` an active member (在册会员) of the union (a per-member dues entry)? */
export async function isActiveMemberId(db: Q, unionId: string, memberId: string): Promise<boolean> {
  const row = await db.selectFrom('members').select('id').where('id', '=', memberId).where('union_id', '=', unionId).where('status', '=', 'active').executeTakeFirst();
  return row !== undefined;
}

/** An entry of the union that a new entry would replace (更正): its kind and its reversal, if any. */
export async function correctionTarget(db: Q, unionId: string, entryId: string): Promise<{ id: string; kind: 'entry' | 'reversal'; reversalId: string | null } | undefined> {
  return db
    .selectFrom('fund_entries as o')
    .leftJoin('fund_entries as r', 'r.reverses_id', 'o.id')
    .select(['o.id', 'o.kind', 'r.id as reversalId'])
    .where('o.id', '=', entryId)
    .where('o.union_id', '=', unionId)
    .executeTakeFirst();
}

/** How many of `attachmentIds` are receipts of this union. */
export async function countUnionAttachments(db: Q, unionId: string, attachmentIds: readonly string[]): Promise<number> {
  if (attachmentIds.length === 0) return 0;
  const rows = await db.selectFrom('fund_attachments').select('id').where('union_id', '=', unionId).where('id', 'in', attachmentIds).execute();
  return rows.length;
}

export async function insertEntry(db: Q, row: FundEntriesTable): Promise<void> {
  await db.insertInto('fund_entries').values(row).execute();
}

export async function linkAttachment(db: Q, link: FundEntryAttachmentsTable): Promise<void> {
  await db.insertInto('fund_entry_attachments').values(link).execute();
}

export async function findApproval(db: Q, entryId: string): Promise<FundApprovalsTable | undefined> {
  return db.selectFrom('fund_approvals').selectAll().where('entry_id', '=', entryId).executeTakeFirst();
}

export async function insertApproval(db: Q, row: FundApprovalsTable): Promise<void> {
  await db.insertInto('fund_approvals').values(row).execute();
}

/** The reversal of `entryId`, if it has one. */
export async function findReversalOf(db: Q, entryId: string): Promise<{ id: string; recorded_by: string; purpose: string } | undefined> {
  return db.selectFrom('fund_entries').select(['id', 'recorded_by', 'purpose']).where('reverses_id', '=', entryId).executeTakeFirst();
}

export async function insertComment(db: Q, row: FundCommentsTable): Promise<void> {
  await db.insertInto('fund_comments').values(row).execute();
}

// ---------------------------------------------------------------------------------------------
// The ledger as read

export interface LedgerQuery {
  range?: { from: string; to: string };
  status?: 'posted' | 'pending_approval' | 'rejected';
  page: number;
  pageSize: number;
}

export type LedgerRow = FundEntriesTable & Pick<FundApprovalsTable, 'decided_by' | 'note'> & { decision: 'approve' | 'reject' | null; decided_at: string | null };

function ledgerBase(db: Q, unionId: string, range: LedgerQuery['range']) {
  let q = entriesWithApproval(db).where('fund_entries.union_id', '=', unionId);
  if (range) q = q.where('fund_entries.date', '>=', range.from).where('fund_entries.date', '<=', range.to);
  return q;
}

/** One page of a union's entries, newest first, with the chair's decision, and how many match. */
export async function ledgerPage(db: Q, unionId: string, query: LedgerQuery): Promise<{ total: number; rows: LedgerRow[] }> {
  let filtered = ledgerBase(db, unionId, query.range);
  if (query.status === 'posted') filtered = filtered.where(isPostedJoined);
  if (query.status === 'pending_approval') filtered = filtered.where('fund_entries.needs_approval', '=', 1).where('a.decision', 'is', null);
  if (query.status === 'rejected') filtered = filtered.where('a.decision', '=', 'reject');
  const countRow = await filtered.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const rows = await filtered
    .selectAll('fund_entries')
    .select(['a.decision', 'a.decided_by', 'a.decided_at', 'a.note'])
    .orderBy('fund_entries.seq', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { total: toFen(countRow?.n), rows: rows as LedgerRow[] };
}

/** Spending of the union (in `range`) still waiting for the chair, and entries carrying rule flags. */
export async function ledgerCounts(db: Q, unionId: string, range: LedgerQuery['range']): Promise<{ pendingCount: number; flaggedCount: number }> {
  const pending = await ledgerBase(db, unionId, range).select((eb) => eb.fn.countAll().as('n')).where('fund_entries.needs_approval', '=', 1).where('a.decision', 'is', null).executeTakeFirst();
  const flagged = await ledgerBase(db, unionId, range).select((eb) => eb.fn.countAll().as('n')).where('fund_entries.flags', '<>', '[]').executeTakeFirst();
  return { pendingCount: toFen(pending?.n), flaggedCount: toFen(flagged?.n) };
}

/** For the listed entries: their reversals, comments (oldest first) and receipts. */
export async function entryDetails(db: Q, entryIds: readonly string[]) {
  const ids = entryIds.length ? [...entryIds] : ['-'];
  const [reversals, comments, attachments] = await Promise.all([
    db.selectFrom('fund_entries').select(['id', 'reverses_id']).where('reverses_id', 'in', ids).execute(),
    db.selectFrom('fund_comments').selectAll().where('entry_id', 'in', ids).orderBy('created_at').execute(),
    db
      .selectFrom('fund_entry_attachments as l')
      .innerJoin('fund_attachments as f', 'f.id', 'l.attachment_id')
      .select(['l.entry_id', 'f.id', 'f.file_name', 'f.mime_type', 'f.size_bytes', 'f.sha256'])
      .where('l.entry_id', 'in', ids)
      .orderBy('l.linked_at')
      .orderBy('f.file_name')
      .execute(),
  ]);
  return { reversals, comments, attachments };
}

/** Names and numbers of the members per-member dues entries name. */
export async function duesMembers(db: Q, memberIds: readonly string[]): Promise<{ id: string; name: string; member_no: string }[]> {
  if (memberIds.length === 0) return [];
  return db.selectFrom('members').select(['id', 'name', 'member_no']).where('id', 'in', memberIds).execute();
}

// ---------------------------------------------------------------------------------------------
// Periods: closing and sign-off

/** What the period strip shows of a union's books: first entry date, closed periods, sign-offs, dates of pending spending. */
export async function periodRecords(db: Q, unionId: string) {
  const [first, closed, signed, pendingDates] = await Promise.all([
    db.selectFrom('fund_entries').select((eb) => eb.fn.min('date').as('d')).where('union_id', '=', unionId).executeTakeFirst(),
    db.selectFrom('fund_periods').select(['period_key', 'from_date', 'to_date', 'closed_at']).where('union_id', '=', unionId).execute(),
    db.selectFrom('fund_sign_offs').select(['period_key', 'signed_at']).where('union_id', '=', unionId).execute(),
    entriesWithApproval(db).select(['fund_entries.date']).where('fund_entries.union_id', '=', unionId).where('fund_entries.needs_approval', '=', 1).where('a.decision', 'is', null).execute(),
  ]);
  return { firstDate: first?.d ?? null, closed, signed, pendingDates: pendingDates.map((r) => r.date) };
}

/** When the period was closed, if it was. */
export async function periodClosedAt(db: Q, unionId: string, periodKey: string): Promise<string | null> {
  const row = await db.selectFrom('fund_periods').select('closed_at').where('union_id', '=', unionId).where('period_key', '=', periodKey).executeTakeFirst();
  return row?.closed_at ?? null;
}

/** Does the union have an entry dated before `date`? */
export async function hasEntriesBefore(db: Q, unionId: string, date: string): Promise<boolean> {
  const row = await db.selectFrom('fund_entries').select('id').where('union_id', '=', unionId).where('date', '<', date).limit(1).executeTakeFirst();
  return Boolean(row);
}

/** Spending dated in the range still waiting for the chair. */
export async function pendingIn(db: Q, unionId: string, range: { from: string; to: string }): Promise<number> {
  return (await ledgerCounts(db, unionId, range)).pendingCount;
}

export async function insertClosedPeriod(db: Q, row: FundPeriodsTable): Promise<void> {
  await db.insertInto('fund_periods').values(row).execute();
}

export async function insertSignOff(db: Q, row: FundSignOffsTable): Promise<void> {
  await db.insertInto('fund_sign_offs').values(row).execute();
}

// ---------------------------------------------------------------------------------------------
// Receipts

export async function insertAttachment(db: Q, row: FundAttachmentsTable): Promise<void> {
  await db.insertInto('fund_attachments').values(row).execute();
}

export async function findAttachment(db: Q, id: string): Promise<FundAttachmentsTable | undefined> {
  return db.selectFrom('fund_attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The union an entry belongs to, if the entry exists. */
export async function entryUnionId(db: Q, entryId: string): Promise<string | undefined> {
  const row = await db.selectFrom('fund_entries').select('union_id').where('id', '=', entryId).executeTakeFirst();
  return row?.union_id;
}
