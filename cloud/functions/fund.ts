/**
 * Funds (经费): `fund.addEntry`, `fund.approve`, `fund.reverse`, `fund.ledger`, `fund.comment`,
 * `fund.attach`, `fund.attachment`, `fund.closeQuarter`, `fund.signOff`, `fund.previewNotice`,
 * `fund.publishNotice`, `fund.listNotices`, `fund.getNotice`, `fund.ask`, `fund.answer`,
 * `fund.settings`, `fund.updateSettings`, `fund.overview`.
 *
 * Who does what: staff (工会干部) record and publish; the chair (主席) approves spending and may
 * record; the reviewer (经审) reads the ledger, comments and signs off, and writes nothing else;
 * members read their own union's published notices and ask questions on them; the industry
 * union sees which base unions published on time and the sum of their figures.
 *
 * Objects named by id (entry, notice, question, receipt) are loaded first, then the caller's
 * roles on the object's union decide: a caller who may not see it gets `not_found`.
 */
import { notifyNoticeAnswered, notifyNoticePublished, notifySignOffWaiting, notifySpendingWaiting } from './notify/producers';
import { createHash } from 'node:crypto';
import * as c from '../contract/fund.contract';
import { AppError } from '../contract/errors';
import {
  categoryByName,
  FUNDING_ROUTE_LABELS,
  MAX_ATTACHMENT_BYTES,
  type EntryStatus,
  type FundingRoute,
  type GiftForm,
  type GiftKind,
  type GiftRecipients,
} from '../contract/fund-labels';
import type { Role } from '../contract/labels';
import { newId } from '../domain/crypto';
import { checkGift, entryStatus, signedFen, type Flag } from '../domain/fund-ledger';
import { canonicalJson, jsonEqual, noticeHash, type NoticeContent } from '../domain/fund-notice';
import { mustParsePeriod, noticeDueDate, parsePeriod, periodLabel, periodOf, previousPeriod, type Period } from '../domain/fund-period';
import { toFen } from '../domain/money';
import { chinaDate } from '../domain/time';
import { DEMO_FUND_IDS } from '../seed/demo-fund-ids';
import { isUniqueViolation } from '../storage/db';
import {
  assembleNotice,
  closedThrough,
  entriesWithApproval,
  giftPerHeadThisYear,
  isPostedJoined,
  lastSeq,
  loadSettings,
  loadSignOff,
  lockBooks,
  nextSeq,
  postedTotals,
  saveSettings,
  triggerRefusal,
} from '../storage/fund.repository';
import { holdLimit, limitKey } from '../storage/limits.repository';
import type { FundEntriesTable, Q } from '../storage/schema';
import { defineFunction, type FnContext, type Principal, type Writer } from './registry';

// ---------------------------------------------------------------------------------------------
// Helpers

interface UnionRow {
  id: string;
  name: string;
  kind: 'industry' | 'base';
  parent_id: string | null;
}

/** Readers of a union's books: its staff, chair and reviewer. */
const BOOK_READERS: readonly Role[] = ['staff', 'chair', 'reviewer'];
/** Those who record and publish. */
const RECORDERS: readonly Role[] = ['staff', 'chair'];

async function loadUnion(db: Q, unionId: string): Promise<UnionRow> {
  const u = await db.selectFrom('unions').select(['id', 'name', 'kind', 'parent_id']).where('id', '=', unionId).executeTakeFirst();
  if (!u) throw new AppError('not_found', '找不到该工会');
  return u;
}

/** The roles the caller holds on `union` (an industryAdmin of its parent counts as industryAdmin). */
function rolesOn(p: Principal, union: Pick<UnionRow, 'id' | 'parent_id'>): Set<Role> {
  const held = new Set<Role>();
  for (const g of p.roles) {
    if (g.unionId === union.id) held.add(g.role);
    else if (g.role === 'industryAdmin' && union.parent_id !== null && g.unionId === union.parent_id) held.add('industryAdmin');
  }
  return held;
}

function holdsAny(held: Set<Role>, roles: readonly Role[]): boolean {
  return roles.some((r) => held.has(r));
}

/** The union the caller is an active member of, if any. */
async function memberUnionOf(db: Q, userId: string): Promise<string | null> {
  const m = await db.selectFrom('members').select('union_id').where('user_id', '=', userId).where('status', '=', 'active').executeTakeFirst();
  return m?.union_id ?? null;
}

async function displayName(db: Q, userId: string): Promise<string> {
  const u = await db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
  return u?.display_name ?? '';
}

function today(ctx: FnContext): string {
  return chinaDate(ctx.now);
}

function field(path: string, message: string): AppError {
  return new AppError('validation_error', undefined, [{ path, message }]);
}

/** Parses a period key and checks it is the kind this union publishes by. */
function periodFor(key: string, kind: 'quarter' | 'month'): Period {
  const p = parsePeriod(key);
  if (!p) throw field('quarter', '期间格式不正确');
  if (p.kind !== kind) throw field('quarter', kind === 'quarter' ? '本工会按季度公示，请填写 2026-Q3 这样的季度' : '本工会按月公示，请填写 2026-M07 这样的月份');
  return p;
}

/** Runs a fund write; the database triggers' refusals become the stable reasons. */
async function write<T>(ctx: FnContext, body: (w: Writer) => Promise<T>): Promise<T> {
  try {
    return await ctx.transaction(body);
  } catch (err) {
    const refusal = triggerRefusal(err);
    if (refusal) throw new AppError(refusal);
    throw err;
  }
}

type EntryRow = FundEntriesTable & { decision: 'approve' | 'reject' | null };

async function loadEntry(db: Q, entryId: string): Promise<EntryRow | undefined> {
  return entriesWithApproval(db).selectAll('fund_entries').select('a.decision').where('fund_entries.id', '=', entryId).executeTakeFirst();
}

function statusOf(e: Pick<EntryRow, 'needs_approval' | 'decision'>): EntryStatus {
  return entryStatus(e.needs_approval === 1, e.decision);
}

/**
 * Loads an entry for a caller: `not_found` unless the caller reads that union's books;
 * `forbidden` when they read them but hold none of `act`.
 */
async function entryFor(ctx: FnContext, entryId: string, act: readonly Role[]): Promise<{ entry: EntryRow; union: UnionRow; held: Set<Role> }> {
  const p = ctx.requirePrincipal();
  const entry = await loadEntry(ctx.db, entryId);
  if (!entry) throw new AppError('not_found', '找不到该条目');
  const union = await loadUnion(ctx.db, entry.union_id);
  const held = rolesOn(p, union);
  if (!holdsAny(held, BOOK_READERS)) throw new AppError('not_found', '找不到该条目');
  if (!holdsAny(held, act)) throw new AppError('forbidden');
  return { entry, union, held };
}

/** Who may read a union's published notices: its active members, its staff/chair/reviewer, and the industry admin above it. */
async function noticeAccess(ctx: FnContext, union: UnionRow): Promise<{ visible: boolean; member: boolean; staff: boolean; held: Set<Role> }> {
  const p = ctx.requirePrincipal();
  const held = rolesOn(p, union);
  const member = (await memberUnionOf(ctx.db, p.userId)) === union.id;
  const staff = holdsAny(held, RECORDERS);
  return { visible: member || holdsAny(held, [...BOOK_READERS, 'industryAdmin']), member, staff, held };
}

// ---------------------------------------------------------------------------------------------
// Ledger

const SAMPLE_DAY = () => chinaDate(new Date());

/**
 * 记一笔账. Income is posted at once; spending waits for the chair (主席一支笔). The date may
 * not be in the future nor in a closed period (`quarter_closed`: record the correction in the
 * current period instead, with `correctsId`). Gifts are checked against the spending rules:
 * non-members, cash, shopping cards and vouchers are refused (`spending_rule`); passing the
 * per-member yearly cap is flagged for the chair and the reviewer. Idempotent by `requestId`.
 */
export const addEntry = defineFunction({
  contract: c.addEntry,
  policy: { kind: 'unionRoles', roles: RECORDERS, unionOf: (i) => i.unionId },
  kind: 'mutation',
  sample: (f) => ({
    unionId: f.baseUnionId,
    date: SAMPLE_DAY(),
    direction: 'income' as const,
    category: '会费收入',
    amountFen: 12_000,
    purpose: '会员会费（样例）',
    requestId: `sample-${Date.now()}-${Math.random().toString(36).slice(2)}`,
    dues: { memberCount: 10 },
  }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    if (input.date > today(ctx)) throw field('date', '日期不能晚于今天');
    const settings = await loadSettings(ctx.db, input.unionId);
    if (input.subCategory) {
      const allowed = [...(categoryByName(input.category)?.subCategories ?? []), ...(settings.subCategories[input.category] ?? [])];
      if (!allowed.includes(input.subCategory)) throw field('subCategory', `“${input.category}”下没有明细项目“${input.subCategory}”`);
    }
    const route: FundingRoute | null = input.direction === 'income' ? (input.fundingRoute ?? categoryByName(input.category)?.defaultRoute ?? 'other') : null;

    const run = () =>
      write(ctx, async (w) => {
        await lockBooks(w.db, input.unionId);
        const existing = await w.db.selectFrom('fund_entries').select('id').where('union_id', '=', input.unionId).where('request_id', '=', input.requestId).executeTakeFirst();
        if (existing) {
          const e = (await loadEntry(w.db, existing.id))!;
          await w.audit({ action: 'fund.addEntry.duplicate', objectType: 'fund_entry', objectId: e.id, unionId: input.unionId, detail: { requestId: input.requestId } });
          return { id: e.id, status: statusOf(e), seq: e.seq, flags: JSON.parse(e.flags) as Flag[], duplicate: true };
        }
        const closed = await closedThrough(w.db, input.unionId);
        if (closed && input.date <= closed) throw new AppError('quarter_closed', `${closed} 及以前的期间已结账，更正请记入当期并注明更正的原条目`);

        if (input.dues?.memberId) {
          const m = await w.db.selectFrom('members').select('id').where('id', '=', input.dues.memberId).where('union_id', '=', input.unionId).where('status', '=', 'active').executeTakeFirst();
          if (!m) throw field('dues.memberId', '本工会没有这位在册会员');
        }
        if (input.correctsId) {
          const original = await w.db
            .selectFrom('fund_entries as o')
            .leftJoin('fund_entries as r', 'r.reverses_id', 'o.id')
            .select(['o.id', 'o.kind', 'r.id as reversalId'])
            .where('o.id', '=', input.correctsId)
            .where('o.union_id', '=', input.unionId)
            .executeTakeFirst();
          if (!original || original.kind !== 'entry') throw field('correctsId', '找不到要更正的原条目');
          if (!original.reversalId) throw field('correctsId', '请先冲正原条目，再记更正后的条目');
        }
        const attachmentIds = [...new Set(input.attachmentIds ?? [])];
        if (attachmentIds.length) {
          const found = await w.db.selectFrom('fund_attachments').select('id').where('union_id', '=', input.unionId).where('id', 'in', attachmentIds).execute();
          if (found.length !== attachmentIds.length) throw field('attachmentIds', '附件不存在或不属于本工会');
        }
        let flags: Flag[] = [];
        if (input.gift) {
          const year = Number(input.date.slice(0, 4));
          const already = await giftPerHeadThisYear(w.db, input.unionId, input.gift.kind, year);
          const outcome = checkGift(input.amountFen, input.gift, settings, already);
          if (!outcome.ok) throw new AppError('spending_rule', outcome.message, [{ path: outcome.path, message: outcome.message }]);
          flags = outcome.flags;
        }

        const id = newId('fe');
        const seq = await nextSeq(w.db, input.unionId);
        const needsApproval = input.direction === 'expense' ? 1 : 0;
        await w.db
          .insertInto('fund_entries')
          .values({
            id,
            union_id: input.unionId,
            seq,
            date: input.date,
            direction: input.direction,
            category: input.category,
            sub_category: input.subCategory ?? null,
            funding_route: route,
            amount_fen: input.amountFen,
            kind: 'entry',
            reverses_id: null,
            corrects_id: input.correctsId ?? null,
            needs_approval: needsApproval,
            counterparty: input.counterparty || null,
            purpose: input.purpose,
            request_id: input.requestId,
            gift_kind: input.gift?.kind ?? null,
            gift_form: input.gift?.form ?? null,
            gift_recipients: input.gift?.recipients ?? null,
            gift_recipient_count: input.gift?.recipientCount ?? null,
            dues_member_id: input.dues?.memberId ?? null,
            dues_member_count: input.dues ? (input.dues.memberCount ?? 1) : null,
            flags: JSON.stringify(flags),
            recorded_by: p.userId,
            recorded_at: ctx.now.toISOString(),
          })
          .execute();
        for (const attachmentId of attachmentIds) {
          await w.db.insertInto('fund_entry_attachments').values({ entry_id: id, attachment_id: attachmentId, linked_by: p.userId, linked_at: ctx.now.toISOString() }).execute();
        }
        if (needsApproval) await notifySpendingWaiting(w.db, { entryId: id, unionId: input.unionId, purpose: input.purpose, amountFen: input.amountFen, at: ctx.now });
        await w.audit({
          objectType: 'fund_entry',
          objectId: id,
          unionId: input.unionId,
          detail: { seq, date: input.date, direction: input.direction, category: input.category, amountFen: input.amountFen, flags: flags.map((f) => f.code) },
        });
        const status: EntryStatus = needsApproval ? 'pending_approval' : 'posted';
        return { id, status, seq, flags, duplicate: false };
      });
    try {
      return await run();
    } catch (err) {
      // Two sends of one requestId at the same moment: the loser reads the winner's entry.
      if (isUniqueViolation(err)) return run();
      throw err;
    }
  },
});

/**
 * 主席审批. Only the chair; never the person who recorded the entry (`same_person`). A
 * flagged entry (e.g. over the gift cap) needs `acknowledgeFlags: true`; not approving needs
 * a note. The decision is a new row (the entry itself never changes); the same decision sent
 * again answers `duplicate: true`, a different one `already_decided`.
 */
export const approve = defineFunction({
  contract: c.approve,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  sample: () => ({ id: DEMO_FUND_IDS.pendingEntry }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const { entry, union } = await entryFor(ctx, input.id, ['chair']);
    const decision = input.decision ?? 'approve';
    if (entry.needs_approval === 0) throw new AppError('already_decided', '收入和冲正条目无需审批，已记账');
    return write(ctx, async (w) => {
      await lockBooks(w.db, union.id);
      const prior = await w.db.selectFrom('fund_approvals').selectAll().where('entry_id', '=', entry.id).executeTakeFirst();
      if (prior) {
        if (prior.decision !== decision) throw new AppError('already_decided', prior.decision === 'approve' ? '该支出已批准' : '该支出已被退回');
        await w.audit({ action: 'fund.approve.duplicate', objectType: 'fund_entry', objectId: entry.id, unionId: union.id });
        return { id: entry.id, status: entryStatus(true, prior.decision), duplicate: true };
      }
      if (entry.recorded_by === p.userId) throw new AppError('same_person');
      const closed = await closedThrough(w.db, union.id);
      if (closed && entry.date <= closed) throw new AppError('quarter_closed');
      const flags = JSON.parse(entry.flags) as Flag[];
      if (decision === 'approve' && flags.length > 0 && !input.acknowledgeFlags) throw field('acknowledgeFlags', `请先确认提示：${flags.map((f) => f.message).join('；')}`);
      if (decision === 'reject' && !input.note) throw field('note', '不批准时请写明原因');
      await w.db.insertInto('fund_approvals').values({ entry_id: entry.id, decision, decided_by: p.userId, decided_at: ctx.now.toISOString(), note: input.note || null }).execute();
      await w.audit({ objectType: 'fund_entry', objectId: entry.id, unionId: union.id, detail: { decision, acknowledgedFlags: flags.map((f) => f.code) } });
      return { id: entry.id, status: entryStatus(true, decision), duplicate: false };
    });
  },
});

/**
 * 冲正. Records a reversing entry dated today (the current, open period) that takes the
 * original's amount back in the same direction and category; the original stays as it was.
 * Only posted entries can be reversed, each once (`already_reversed`; the same caller sending
 * the same reason again gets the first reversal back with `duplicate: true`). To put the right
 * figure in, record a new entry with `correctsId`.
 */
export const reverse = defineFunction({
  contract: c.reverse,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  sample: () => ({ id: DEMO_FUND_IDS.postedEntry, reason: '金额录错（样例）' }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const { entry, union } = await entryFor(ctx, input.id, RECORDERS);
    if (entry.kind === 'reversal') throw new AppError('immutable', '冲正条目不能再冲正');
    const status = statusOf(entry);
    if (status === 'pending_approval') throw new AppError('not_approved', '该支出尚未审批，没有记账，无需冲正');
    if (status === 'rejected') throw new AppError('already_decided', '该支出未获批准，没有记账，无需冲正');
    const purpose = `冲正：${input.reason}`;
    return write(ctx, async (w) => {
      await lockBooks(w.db, union.id);
      const prior = await w.db.selectFrom('fund_entries').select(['id', 'recorded_by', 'purpose']).where('reverses_id', '=', entry.id).executeTakeFirst();
      if (prior) {
        if (prior.recorded_by !== p.userId || prior.purpose !== purpose) throw new AppError('already_reversed');
        await w.audit({ action: 'fund.reverse.duplicate', objectType: 'fund_entry', objectId: prior.id, unionId: union.id });
        return { id: prior.id, duplicate: true };
      }
      const date = today(ctx);
      const closed = await closedThrough(w.db, union.id);
      if (closed && date <= closed) throw new AppError('quarter_closed');
      const id = newId('fe');
      const seq = await nextSeq(w.db, union.id);
      await w.db
        .insertInto('fund_entries')
        .values({
          id,
          union_id: union.id,
          seq,
          date,
          direction: entry.direction,
          category: entry.category,
          sub_category: entry.sub_category,
          funding_route: entry.funding_route,
          amount_fen: entry.amount_fen,
          kind: 'reversal',
          reverses_id: entry.id,
          corrects_id: null,
          needs_approval: 0,
          counterparty: entry.counterparty,
          purpose,
          request_id: `reverse:${entry.id}`,
          gift_kind: null,
          gift_form: null,
          gift_recipients: null,
          gift_recipient_count: null,
          dues_member_id: null,
          dues_member_count: null,
          flags: '[]',
          recorded_by: p.userId,
          recorded_at: ctx.now.toISOString(),
        })
        .execute();
      await w.audit({ objectType: 'fund_entry', objectId: id, unionId: union.id, detail: { seq, reverses: entry.id, amountFen: entry.amount_fen, reason: input.reason } });
      return { id, duplicate: false };
    });
  },
});

/** The periods to show: the current one and those before it back to the first entry (at most 8). */
async function periodStates(ctx: FnContext, union: UnionRow, kind: 'quarter' | 'month'): Promise<c.PeriodState[]> {
  const db = ctx.db;
  const first = await db.selectFrom('fund_entries').select((eb) => eb.fn.min('date').as('d')).where('union_id', '=', union.id).executeTakeFirst();
  const closedRows = await db.selectFrom('fund_periods').select(['period_key', 'from_date', 'to_date', 'closed_at']).where('union_id', '=', union.id).execute();
  const signed = await db.selectFrom('fund_sign_offs').select(['period_key', 'signed_at']).where('union_id', '=', union.id).execute();
  const notices = await db.selectFrom('fund_notices').select(['id', 'period_key', 'version', 'published_at']).where('union_id', '=', union.id).orderBy('version', 'desc').execute();
  const pending = await entriesWithApproval(db)
    .select(['fund_entries.date'])
    .where('fund_entries.union_id', '=', union.id)
    .where('fund_entries.needs_approval', '=', 1)
    .where('a.decision', 'is', null)
    .execute();
  const now = today(ctx);
  const earliest = [first?.d, ...closedRows.map((r) => r.from_date)].filter((d): d is string => typeof d === 'string').sort()[0] ?? now;
  const out: c.PeriodState[] = [];
  for (let p = periodOf(now, kind); out.length < 8; p = previousPeriod(p)) {
    const closed = closedRows.find((r) => r.period_key === p.key);
    const latest = notices.find((n) => n.period_key === p.key);
    out.push({
      quarter: p.key,
      title: periodLabel(p.key),
      from: p.from,
      to: p.to,
      ended: now > p.to,
      closedAt: closed?.closed_at ?? null,
      signedOffAt: signed.find((s) => s.period_key === p.key)?.signed_at ?? null,
      latestNotice: latest ? { noticeId: latest.id, version: latest.version, publishedAt: latest.published_at } : null,
      pendingCount: pending.filter((e) => e.date >= p.from && e.date <= p.to).length,
    });
    if (p.from <= earliest) break;
  }
  return out;
}

/**
 * 经费账本. Staff, chair and reviewer of the union. Newest first, with each entry's status,
 * the chair's decision, rule flags, comments and receipts. The reviewer gets no member
 * personal data: a per-member dues entry shows only that it covers one member.
 */
export const ledger = defineFunction({
  contract: c.ledger,
  policy: { kind: 'unionRoles', roles: BOOK_READERS, unionOf: (i) => i.unionId },
  kind: 'query',
  sample: (f) => ({ unionId: f.baseUnionId }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const union = await loadUnion(ctx.db, input.unionId);
    const held = rolesOn(p, union);
    const settings = await loadSettings(ctx.db, union.id);
    const period = input.quarter ? periodFor(input.quarter, settings.noticePeriod) : null;
    const page = input.page ?? 1;
    const pageSize = input.pageSize ?? 50;

    let base = entriesWithApproval(ctx.db).where('fund_entries.union_id', '=', union.id);
    if (period) base = base.where('fund_entries.date', '>=', period.from).where('fund_entries.date', '<=', period.to);
    let filtered = base;
    if (input.status === 'posted') filtered = filtered.where(isPostedJoined);
    if (input.status === 'pending_approval') filtered = filtered.where('fund_entries.needs_approval', '=', 1).where('a.decision', 'is', null);
    if (input.status === 'rejected') filtered = filtered.where('a.decision', '=', 'reject');

    const countRow = await filtered.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    const rows = await filtered
      .selectAll('fund_entries')
      .select(['a.decision', 'a.decided_by', 'a.decided_at', 'a.note'])
      .orderBy('fund_entries.seq', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    const ids = rows.map((r) => r.id);
    const none = ['-'];
    const [reversals, comments, attachments] = await Promise.all([
      ctx.db.selectFrom('fund_entries').select(['id', 'reverses_id']).where('reverses_id', 'in', ids.length ? ids : none).execute(),
      ctx.db.selectFrom('fund_comments').selectAll().where('entry_id', 'in', ids.length ? ids : none).orderBy('created_at').execute(),
      ctx.db
        .selectFrom('fund_entry_attachments as l')
        .innerJoin('fund_attachments as f', 'f.id', 'l.attachment_id')
        .select(['l.entry_id', 'f.id', 'f.file_name', 'f.mime_type', 'f.size_bytes', 'f.sha256'])
        .where('l.entry_id', 'in', ids.length ? ids : none)
        .orderBy('l.linked_at')
        .orderBy('f.file_name')
        .execute(),
    ]);
    const userIds = [...new Set(rows.flatMap((r) => [r.recorded_by, r.decided_by]).filter((x): x is string => Boolean(x)))];
    const users = await ctx.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds.length ? userIds : none).execute();
    const nameOf = (id: string | null) => users.find((u) => u.id === id)?.display_name ?? '';
    // Member names only for staff and chair: the reviewer sees no member personal data.
    const seesMembers = holdsAny(held, RECORDERS);
    const memberIds = seesMembers ? rows.map((r) => r.dues_member_id).filter((x): x is string => Boolean(x)) : [];
    const members = memberIds.length ? await ctx.db.selectFrom('members').select(['id', 'name', 'member_no']).where('id', 'in', memberIds).execute() : [];

    const items: c.LedgerItem[] = rows.map((r) => {
      const member = members.find((m) => m.id === r.dues_member_id);
      return {
        id: r.id,
        seq: r.seq,
        date: r.date,
        quarter: periodOf(r.date, settings.noticePeriod).key,
        direction: r.direction,
        category: r.category,
        subCategory: r.sub_category,
        fundingRoute: r.funding_route as FundingRoute | null,
        amountFen: r.amount_fen,
        signedFen: signedFen({ amountFen: r.amount_fen, kind: r.kind }),
        kind: r.kind,
        reversesId: r.reverses_id,
        reversedById: reversals.find((x) => x.reverses_id === r.id)?.id ?? null,
        correctsId: r.corrects_id,
        status: entryStatus(r.needs_approval === 1, r.decision),
        counterparty: r.counterparty,
        purpose: r.purpose,
        recordedByName: nameOf(r.recorded_by),
        recordedAt: r.recorded_at,
        mine: r.recorded_by === p.userId,
        approval: r.decision ? { decision: r.decision, byName: nameOf(r.decided_by), at: r.decided_at ?? '', note: r.note } : null,
        gift: r.gift_kind
          ? { kind: r.gift_kind as GiftKind, form: r.gift_form as GiftForm, recipients: r.gift_recipients as GiftRecipients, recipientCount: r.gift_recipient_count ?? 1 }
          : null,
        dues:
          r.dues_member_count !== null
            ? { memberCount: r.dues_member_count, ...(member ? { memberName: member.name, memberNo: member.member_no } : {}) }
            : null,
        flags: JSON.parse(r.flags) as Flag[],
        comments: comments
          .filter((x) => x.entry_id === r.id)
          .map((x) => ({ id: x.id, body: x.body, authorName: x.author_name, authorRole: x.author_role, createdAt: x.created_at })),
        attachments: attachments
          .filter((x) => x.entry_id === r.id)
          .map((x) => ({ id: x.id, fileName: x.file_name, mimeType: x.mime_type, sizeBytes: x.size_bytes, sha256: x.sha256 })),
      };
    });

    const totals = await postedTotals(ctx.db, union.id, period ? { from: period.from, to: period.to } : {});
    const pendingRow = await base.select((eb) => eb.fn.countAll().as('n')).where('fund_entries.needs_approval', '=', 1).where('a.decision', 'is', null).executeTakeFirst();
    const flaggedRow = await base.select((eb) => eb.fn.countAll().as('n')).where('fund_entries.flags', '<>', '[]').executeTakeFirst();
    return {
      unionId: union.id,
      unionName: union.name,
      items,
      total: toFen(countRow?.n),
      page,
      pageSize,
      summary: { incomeFen: totals.incomeFen, expenseFen: totals.expenseFen, pendingCount: toFen(pendingRow?.n), flaggedCount: toFen(flaggedRow?.n) },
      periods: await periodStates(ctx, union, settings.noticePeriod),
      can: {
        record: holdsAny(held, RECORDERS),
        approve: held.has('chair'),
        comment: holdsAny(held, BOOK_READERS),
        signOff: held.has('reviewer'),
        publish: holdsAny(held, RECORDERS),
      },
    };
  },
});

const ROLE_TITLES: Partial<Record<Role, string>> = { reviewer: '经审', chair: '主席', staff: '工会干部' };

/** 审查意见 on an entry (the reviewer), or a reply (staff, chair). Comments are never edited. */
export const comment = defineFunction({
  contract: c.comment,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  sample: () => ({ entryId: DEMO_FUND_IDS.postedEntry, body: '请补充票据（样例）' }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const { entry, union, held } = await entryFor(ctx, input.entryId, BOOK_READERS);
    const role: Role = held.has('reviewer') ? 'reviewer' : held.has('chair') ? 'chair' : 'staff';
    const id = newId('fc');
    const name = await displayName(ctx.db, p.userId);
    await write(ctx, async (w) => {
      await w.db
        .insertInto('fund_comments')
        .values({ id, entry_id: entry.id, union_id: union.id, body: input.body, author_id: p.userId, author_name: name, author_role: ROLE_TITLES[role] ?? role, created_at: ctx.now.toISOString() })
        .execute();
      await w.audit({ objectType: 'fund_entry', objectId: entry.id, unionId: union.id, detail: { commentId: id } });
    });
    return { id };
  },
});

const MAGIC: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'application/pdf': (b) => b.length > 5 && b.subarray(0, 5).toString('latin1') === '%PDF-',
};

/** A 1×1 PNG, for the sample input. */
export const SAMPLE_PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/**
 * 上传票据: a receipt photo (JPEG/PNG) or PDF, at most 600 KiB; the bytes must be what the
 * type says. Stored with its SHA-256; linked to an entry now (`entryId`) or by `fund.addEntry`.
 * A receipt can be added to an entry later, never removed.
 */
export const attach = defineFunction({
  contract: c.attach,
  policy: { kind: 'unionRoles', roles: RECORDERS, unionOf: (i) => i.unionId },
  kind: 'mutation',
  sample: (f) => ({ unionId: f.baseUnionId, fileName: '收据.png', mimeType: 'image/png' as const, dataBase64: SAMPLE_PNG_BASE64 }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const bytes = Buffer.from(input.dataBase64, 'base64');
    if (bytes.length > MAX_ATTACHMENT_BYTES) throw field('dataBase64', '文件不能超过 600 KB');
    if (!MAGIC[input.mimeType](bytes)) throw new AppError('invalid_attachment');
    if (input.entryId) {
      const e = await ctx.db.selectFrom('fund_entries').select('union_id').where('id', '=', input.entryId).executeTakeFirst();
      if (!e || e.union_id !== input.unionId) throw field('entryId', '找不到该条目');
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const id = newId('fa');
    await write(ctx, async (w) => {
      await w.db
        .insertInto('fund_attachments')
        .values({
          id,
          union_id: input.unionId,
          file_name: input.fileName,
          mime_type: input.mimeType,
          size_bytes: bytes.length,
          sha256,
          content_base64: bytes.toString('base64'),
          uploaded_by: p.userId,
          uploaded_at: ctx.now.toISOString(),
        })
        .execute();
      if (input.entryId) await w.db.insertInto('fund_entry_attachments').values({ entry_id: input.entryId, attachment_id: id, linked_by: p.userId, linked_at: ctx.now.toISOString() }).execute();
      await w.audit({ objectType: 'fund_attachment', objectId: id, unionId: input.unionId, detail: { sha256, sizeBytes: bytes.length, mimeType: input.mimeType, entryId: input.entryId ?? null } });
    });
    return { attachmentId: id, sha256, sizeBytes: bytes.length };
  },
});

/** 下载票据: for the union's staff, chair and reviewer. */
export const attachment = defineFunction({
  contract: c.attachment,
  policy: { kind: 'signedIn' },
  kind: 'query',
  sample: () => ({ id: DEMO_FUND_IDS.attachment }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const row = await ctx.db.selectFrom('fund_attachments').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!row) throw new AppError('not_found', '找不到该附件');
    const union = await loadUnion(ctx.db, row.union_id);
    if (!holdsAny(rolesOn(p, union), BOOK_READERS)) throw new AppError('not_found', '找不到该附件');
    return { id: row.id, fileName: row.file_name, mimeType: row.mime_type, sizeBytes: row.size_bytes, sha256: row.sha256, dataBase64: row.content_base64 };
  },
});

// ---------------------------------------------------------------------------------------------
// Periods

/**
 * 结账. The period must have ended, the one before it must be closed (books are continuous:
 * `previous_period_open`), and no spending in it may still wait for the chair (`not_approved`).
 * From then on nothing can be dated in it (enforced by a database trigger as well). Closing a
 * closed period again answers `duplicate: true`.
 */
export const closeQuarter = defineFunction({
  contract: c.closeQuarter,
  policy: { kind: 'unionRoles', roles: RECORDERS, unionOf: (i) => i.unionId },
  kind: 'mutation',
  sample: (f) => ({ unionId: f.baseUnionId, quarter: previousPeriod(periodOf(SAMPLE_DAY(), 'quarter')).key }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const settings = await loadSettings(ctx.db, input.unionId);
    const period = periodFor(input.quarter, settings.noticePeriod);
    return write(ctx, async (w) => {
      await lockBooks(w.db, input.unionId);
      const prior = await w.db.selectFrom('fund_periods').select('closed_at').where('union_id', '=', input.unionId).where('period_key', '=', period.key).executeTakeFirst();
      if (prior) {
        await w.audit({ action: 'fund.closeQuarter.duplicate', objectType: 'fund_period', objectId: `${input.unionId}:${period.key}`, unionId: input.unionId });
        return { quarter: period.key, closedAt: prior.closed_at, duplicate: true };
      }
      if (today(ctx) <= period.to) throw new AppError('period_not_ended', `${periodLabel(period.key)}到 ${period.to} 才结束`);
      const closed = await closedThrough(w.db, input.unionId);
      if (closed && closed >= period.from) throw new AppError('quarter_closed', `${closed} 及以前已结账`);
      const dayBefore = previousPeriod(period).to;
      if (closed ? closed !== dayBefore : await hasEntriesBefore(w.db, input.unionId, period.from)) {
        throw new AppError('previous_period_open', `请先结账${periodLabel(previousPeriod(period).key)}`);
      }
      const pending = await entriesWithApproval(w.db)
        .select((eb) => eb.fn.countAll().as('n'))
        .where('fund_entries.union_id', '=', input.unionId)
        .where('fund_entries.date', '>=', period.from)
        .where('fund_entries.date', '<=', period.to)
        .where('fund_entries.needs_approval', '=', 1)
        .where('a.decision', 'is', null)
        .executeTakeFirst();
      const n = toFen(pending?.n);
      if (n > 0) throw new AppError('not_approved', `本期还有 ${n} 笔支出待主席审批，审批后才能结账`);
      const closedAt = ctx.now.toISOString();
      await w.db.insertInto('fund_periods').values({ union_id: input.unionId, period_key: period.key, from_date: period.from, to_date: period.to, closed_by: p.userId, closed_at: closedAt }).execute();
      await notifySignOffWaiting(w.db, { unionId: input.unionId, quarter: period.key, at: ctx.now });
      await w.audit({ objectType: 'fund_period', objectId: `${input.unionId}:${period.key}`, unionId: input.unionId, detail: { from: period.from, to: period.to } });
      return { quarter: period.key, closedAt, duplicate: false };
    });
  },
});

async function hasEntriesBefore(db: Q, unionId: string, date: string): Promise<boolean> {
  const row = await db.selectFrom('fund_entries').select('id').where('union_id', '=', unionId).where('date', '<', date).limit(1).executeTakeFirst();
  return Boolean(row);
}

/** 经审签署: the reviewer's opinion on a closed period, once (a second one is `immutable`). */
export const signOff = defineFunction({
  contract: c.signOff,
  policy: { kind: 'unionRoles', roles: ['reviewer'], unionOf: (i) => i.unionId },
  kind: 'mutation',
  sample: (f) => ({ unionId: f.baseUnionId, quarter: previousPeriod(periodOf(SAMPLE_DAY(), 'quarter')).key, opinion: '账目清楚，同意公示（样例）' }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const settings = await loadSettings(ctx.db, input.unionId);
    const period = periodFor(input.quarter, settings.noticePeriod);
    const name = await displayName(ctx.db, p.userId);
    return write(ctx, async (w) => {
      await lockBooks(w.db, input.unionId);
      const closed = await w.db.selectFrom('fund_periods').select('closed_at').where('union_id', '=', input.unionId).where('period_key', '=', period.key).executeTakeFirst();
      if (!closed) throw new AppError('quarter_open', `${periodLabel(period.key)}尚未结账，结账后才能签署`);
      if (await loadSignOff(w.db, input.unionId, period.key)) throw new AppError('immutable', '该期间已签署，签署后不能修改');
      const signedAt = ctx.now.toISOString();
      await w.db.insertInto('fund_sign_offs').values({ union_id: input.unionId, period_key: period.key, opinion: input.opinion, reviewer_id: p.userId, reviewer_name: name, signed_at: signedAt }).execute();
      await w.audit({ objectType: 'fund_period', objectId: `${input.unionId}:${period.key}`, unionId: input.unionId, detail: { signOff: true } });
      return { quarter: period.key, signedAt };
    });
  },
});

// ---------------------------------------------------------------------------------------------
// Notices

interface NoticeRow {
  id: string;
  union_id: string;
  period_key: string;
  version: number;
  hash: string;
  content: string;
  published_at: string;
}

async function latestNotice(db: Q, unionId: string, periodKey: string): Promise<NoticeRow | undefined> {
  return db
    .selectFrom('fund_notices')
    .select(['id', 'union_id', 'period_key', 'version', 'hash', 'content', 'published_at'])
    .where('union_id', '=', unionId)
    .where('period_key', '=', periodKey)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Would publishing `next` change anything against `prior`? (Version and ledger position aside.)
 * Compared structurally: serialising a notice of 100,000 entries once more would cost more.
 */
function sameContent(next: NoticeContent, prior: NoticeContent): boolean {
  // A notice published in format 1 with nothing changed since is still the same notice.
  return jsonEqual({ ...next, version: prior.version, asOfSeq: prior.asOfSeq, format: prior.format }, prior);
}

function figures(content: NoticeContent, hash: string): c.NoticeFigures {
  return {
    quarter: content.quarter,
    title: `${periodLabel(content.quarter)}经费公示`,
    from: content.from,
    to: content.to,
    version: content.version,
    hash,
    openingFen: content.openingFen,
    incomeFen: content.incomeFen,
    expenseFen: content.expenseFen,
    closingFen: content.closingFen,
    byCategory: content.byCategory,
    bySubCategory: content.bySubCategory,
    byFundingRoute: content.byFundingRoute.map((r) => ({ ...r, label: FUNDING_ROUTE_LABELS[r.route] })),
    dues: content.dues,
    itemThresholdFen: content.itemThresholdFen,
    items: content.items,
    entryCount: content.entryCount,
    corrections: content.corrections,
    signOff: content.signOff.signedAt ? content.signOff : null,
    explanation: content.explanation,
  };
}

/** What publishing now would produce: the content, whether it differs from the latest version, and why it cannot be published yet. */
async function draftNotice(db: Q, union: UnionRow, period: Period, explanation: string | undefined) {
  const settings = await loadSettings(db, union.id);
  const latest = await latestNotice(db, union.id, period.key);
  const prior = latest ? (JSON.parse(latest.content) as NoticeContent) : null;
  const closed = await db.selectFrom('fund_periods').select('closed_at').where('union_id', '=', union.id).where('period_key', '=', period.key).executeTakeFirst();
  const signOff = await loadSignOff(db, union.id, period.key);
  const content = await assembleNotice(db, {
    union,
    period,
    version: (latest?.version ?? 0) + 1,
    explanation: explanation ?? prior?.explanation ?? '',
    itemThresholdFen: prior?.itemThresholdFen ?? settings.itemThresholdFen,
    signOff,
    asOfSeq: await lastSeq(db, union.id),
  });
  const unchanged = prior !== null && sameContent(content, prior);
  const blocker = !closed ? `${periodLabel(period.key)}尚未结账` : !signOff ? '经费审查委员会尚未签署' : null;
  return { content, latest, prior, unchanged, closed: Boolean(closed), signOff, blocker };
}

/**
 * 预览公示: the figures as they stand (before closing too, to check them), whether the period
 * is closed and signed off, and whether publishing would create a new version.
 */
export const previewNotice = defineFunction({
  contract: c.previewNotice,
  policy: { kind: 'unionRoles', roles: BOOK_READERS, unionOf: (i) => i.unionId },
  kind: 'query',
  sample: (f) => ({ unionId: f.baseUnionId, quarter: previousPeriod(periodOf(SAMPLE_DAY(), 'quarter')).key }),
  async handler(input, ctx) {
    const union = await loadUnion(ctx.db, input.unionId);
    const settings = await loadSettings(ctx.db, union.id);
    const period = periodFor(input.quarter, settings.noticePeriod);
    const d = await draftNotice(ctx.db, union, period, input.explanation);
    const shown = d.unchanged && d.prior && d.latest ? d.prior : d.content;
    const hash = d.unchanged && d.latest ? d.latest.hash : noticeHash(d.content);
    return {
      ...figures(shown, hash),
      unionId: union.id,
      unionName: union.name,
      closed: d.closed,
      signedOff: Boolean(d.signOff),
      publishable: d.blocker === null && !d.unchanged,
      blocker: d.blocker,
      latestNotice: d.latest ? { noticeId: d.latest.id, version: d.latest.version, hash: d.latest.hash } : null,
      unchanged: d.unchanged,
    };
  },
});

/**
 * 发布公示. Needs a closed (`quarter_open`) and signed-off (`not_signed_off`) period. The
 * notice is sealed with a SHA-256 over its canonical JSON and never changes. Publishing a
 * period again with something changed (a later correction of one of its entries, a new
 * explanation) creates the next version; the earlier stays readable, marked 已更正. With
 * nothing changed it answers the current version with `duplicate: true`.
 */
export const publishNotice = defineFunction({
  contract: c.publishNotice,
  policy: { kind: 'unionRoles', roles: RECORDERS, unionOf: (i) => i.unionId },
  kind: 'mutation',
  sample: (f) => ({ unionId: f.baseUnionId, quarter: previousPeriod(periodOf(SAMPLE_DAY(), 'quarter')).key }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const union = await loadUnion(ctx.db, input.unionId);
    const settings = await loadSettings(ctx.db, union.id);
    const period = periodFor(input.quarter, settings.noticePeriod);
    return write(ctx, async (w) => {
      await lockBooks(w.db, union.id);
      const d = await draftNotice(w.db, union, period, input.explanation);
      if (!d.closed) throw new AppError('quarter_open', `${periodLabel(period.key)}尚未结账，结账并经审签署后才能公示`);
      if (!d.signOff) throw new AppError('not_signed_off');
      if (d.unchanged && d.latest) {
        await w.audit({ action: 'fund.publishNotice.duplicate', objectType: 'fund_notice', objectId: d.latest.id, unionId: union.id });
        return { noticeId: d.latest.id, version: d.latest.version, hash: d.latest.hash, duplicate: true };
      }
      const json = canonicalJson(d.content);
      const hash = noticeHash(d.content);
      const id = newId('ntc');
      await w.db
        .insertInto('fund_notices')
        .values({
          id,
          union_id: union.id,
          period_key: period.key,
          version: d.content.version,
          hash,
          content: json,
          opening_fen: d.content.openingFen,
          income_fen: d.content.incomeFen,
          expense_fen: d.content.expenseFen,
          closing_fen: d.content.closingFen,
          published_by: p.userId,
          published_at: ctx.now.toISOString(),
        })
        .execute();
      await notifyNoticePublished(w.db, { noticeId: id, unionId: union.id, quarter: period.key, at: ctx.now });
      await w.audit({ objectType: 'fund_notice', objectId: id, unionId: union.id, detail: { quarter: period.key, version: d.content.version, hash, supersedes: d.latest?.id ?? null } });
      return { noticeId: id, version: d.content.version, hash, duplicate: false };
    });
  },
});

/** The union a caller's notice list is about when none is named: their membership, else their first union role. */
async function defaultNoticeUnion(ctx: FnContext): Promise<string | null> {
  const p = ctx.requirePrincipal();
  const own = await memberUnionOf(ctx.db, p.userId);
  if (own) return own;
  return p.roles[0]?.unionId ?? null;
}

/**
 * 经费公示列表, newest period first, each version listed (older versions `superseded`). Members
 * see their own union's; staff, chair and reviewer their union's; the industry admin any of its
 * base unions'. Another union's list is `not_found`. Staff and chair also get how many people
 * opened each notice and how many questions wait for an answer.
 */
export const listNotices = defineFunction({
  contract: c.listNotices,
  policy: { kind: 'signedIn' },
  kind: 'query',
  sample: (f) => ({ unionId: f.baseUnionId }),
  async handler(input, ctx) {
    const unionId = input.unionId ?? (await defaultNoticeUnion(ctx));
    if (!unionId) return { unionId: null, unionName: null, items: [] };
    const union = await loadUnion(ctx.db, unionId);
    const access = await noticeAccess(ctx, union);
    if (!access.visible) throw new AppError('not_found', '找不到该工会的经费公示');
    const rows = await ctx.db
      .selectFrom('fund_notices')
      .select(['id', 'period_key', 'version', 'published_at', 'income_fen', 'expense_fen', 'closing_fen'])
      .where('union_id', '=', union.id)
      .orderBy('period_key', 'desc')
      .orderBy('version', 'desc')
      .execute();
    const newest = new Map<string, number>();
    for (const r of rows) newest.set(r.period_key, Math.max(newest.get(r.period_key) ?? 0, r.version));
    const ids = rows.map((r) => r.id);
    const none = ['-'];
    const [views, questions] = access.staff
      ? await Promise.all([
          ctx.db.selectFrom('fund_notice_views').select(['notice_id', (eb) => eb.fn.countAll().as('n')]).where('notice_id', 'in', ids.length ? ids : none).groupBy('notice_id').execute(),
          ctx.db
            .selectFrom('fund_questions as q')
            .leftJoin('fund_answers as ans', 'ans.question_id', 'q.id')
            .select(['q.notice_id', 'q.id', 'ans.id as answerId'])
            .where('q.notice_id', 'in', ids.length ? ids : none)
            .execute(),
        ])
      : [[], []];
    const items: c.NoticeListItem[] = rows.map((r) => {
      const item: c.NoticeListItem = {
        noticeId: r.id,
        quarter: r.period_key,
        title: `${periodLabel(r.period_key)}经费公示`,
        version: r.version,
        publishedAt: r.published_at,
        superseded: r.version < (newest.get(r.period_key) ?? r.version),
        incomeFen: toFen(r.income_fen),
        expenseFen: toFen(r.expense_fen),
        closingFen: toFen(r.closing_fen),
      };
      if (access.staff) {
        const qs = questions.filter((q) => q.notice_id === r.id);
        item.openedCount = toFen(views.find((v) => v.notice_id === r.id)?.n ?? 0);
        item.questionCount = new Set(qs.map((q) => q.id)).size;
        item.unansweredCount = new Set(qs.filter((q) => !q.answerId).map((q) => q.id)).size;
      }
      return item;
    });
    return { unionId: union.id, unionName: union.name, items };
  },
});

/** Loads a notice for a caller who may see it, else `not_found`. */
async function noticeFor(ctx: FnContext, noticeId: string) {
  const row = await ctx.db
    .selectFrom('fund_notices')
    .select(['id', 'union_id', 'period_key', 'version', 'hash', 'content', 'published_at'])
    .where('id', '=', noticeId)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', '找不到该公示');
  const union = await loadUnion(ctx.db, row.union_id);
  const access = await noticeAccess(ctx, union);
  if (!access.visible) throw new AppError('not_found', '找不到该公示');
  return { row, union, access };
}

/**
 * A notice that no longer matches (its stored content against its hash, or the ledger against
 * both): an error line for the operators and an audit event of its own, which stays when the
 * call is refused.
 */
async function reportAlteredNotice(ctx: FnContext, row: NoticeRow, detail: { check: 'content' | 'ledger'; contentHash: string; recomputedHash?: string }): Promise<void> {
  const meta = { noticeId: row.id, unionId: row.union_id, quarter: row.period_key, version: row.version, hash: row.hash, ...detail };
  if (ctx.services.log) ctx.services.log.error('fund notice does not match its hash', meta);
  else process.stderr.write(`${JSON.stringify({ level: 'error', at: ctx.now.toISOString(), message: 'fund notice does not match its hash', ...meta })}\n`);
  await write(ctx, async (w) => {
    await w.audit({ action: 'fund.noticeAltered', objectType: 'fund_notice', objectId: row.id, unionId: row.union_id, detail: { hash: row.hash, ...detail } });
  });
}

/**
 * 一期经费公示. The first time a member of the union opens it, that is counted (staff see the
 * count). Includes every version of the period, the questions and the union's answers: members
 * see questions without names, staff and chair see who asked. Before serving, the stored
 * content is hashed again: content that no longer gives the notice's hash is refused
 * (`notice_altered`), logged as an error and audited (`fund.noticeAltered`).
 */
export const getNotice = defineFunction({
  contract: c.getNotice,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  sample: () => ({ noticeId: DEMO_FUND_IDS.notice }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const { row, union, access } = await noticeFor(ctx, input.noticeId);
    const content = JSON.parse(row.content) as NoticeContent;
    const contentHash = noticeHash(content);
    if (contentHash !== row.hash) {
      await reportAlteredNotice(ctx, row, { check: 'content', contentHash });
      throw new AppError('notice_altered');
    }
    if (access.member) {
      const seen = await ctx.db.selectFrom('fund_notice_views').select('notice_id').where('notice_id', '=', row.id).where('user_id', '=', p.userId).executeTakeFirst();
      if (!seen) {
        await write(ctx, async (w) => {
          const inserted = await w.db
            .insertInto('fund_notice_views')
            .values({ notice_id: row.id, user_id: p.userId, first_opened_at: ctx.now.toISOString() })
            .onConflict((oc) => oc.columns(['notice_id', 'user_id']).doNothing())
            .executeTakeFirst();
          await w.audit({ action: 'fund.noticeOpened', objectType: 'fund_notice', objectId: row.id, unionId: union.id, detail: { first: Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0 } });
        });
      }
    }
    const versions = await ctx.db
      .selectFrom('fund_notices')
      .select(['id', 'version', 'published_at'])
      .where('union_id', '=', union.id)
      .where('period_key', '=', row.period_key)
      .orderBy('version')
      .execute();
    const latest = versions[versions.length - 1];
    const questions = await ctx.db.selectFrom('fund_questions').selectAll().where('notice_id', '=', row.id).orderBy('asked_at').execute();
    const qIds = questions.map((q) => q.id);
    const answers = qIds.length ? await ctx.db.selectFrom('fund_answers').selectAll().where('question_id', 'in', qIds).orderBy('answered_at').execute() : [];
    const askers = access.staff && qIds.length ? await ctx.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', questions.map((q) => q.asked_by)).execute() : [];
    const detail: c.NoticeDetail = {
      ...figures(content, row.hash),
      noticeId: row.id,
      unionId: union.id,
      unionName: union.name,
      publishedAt: row.published_at,
      superseded: latest.version > row.version,
      latestNoticeId: latest.id,
      versions: versions.map((v) => ({ noticeId: v.id, version: v.version, publishedAt: v.published_at })),
      questions: questions.map((q) => ({
        id: q.id,
        body: q.body,
        askedAt: q.asked_at,
        mine: q.asked_by === p.userId,
        ...(access.staff ? { askedByName: askers.find((u) => u.id === q.asked_by)?.display_name ?? '' } : {}),
        answers: answers.filter((a) => a.question_id === q.id).map((a) => ({ id: a.id, body: a.body, answererName: a.answerer_name, answeredAt: a.answered_at })),
      })),
      canAsk: access.member,
      canAnswer: access.staff,
    };
    if (access.staff) {
      const n = await ctx.db.selectFrom('fund_notice_views').select((eb) => eb.fn.countAll().as('n')).where('notice_id', '=', row.id).executeTakeFirst();
      detail.openedCount = toFen(n?.n);
    }
    return detail;
  },
});

/**
 * 核验: the notice rebuilt from the ledger now (same period, item threshold, ledger position and
 * format; the sign-off from its table, the explanation and version as published) and hashed,
 * against the hash it was published with. `matches` only when the ledger and the stored content
 * both give that hash; otherwise the mismatch is logged and audited like in `fund.getNotice`.
 * Who may: as `fund.getNotice` (members of the union, its staff, chair and reviewer, the
 * industry admin; others `not_found`).
 */
export const verifyNotice = defineFunction({
  contract: c.verifyNotice,
  policy: { kind: 'signedIn' },
  kind: 'query',
  sample: () => ({ noticeId: DEMO_FUND_IDS.notice }),
  async handler(input, ctx) {
    const { row, union } = await noticeFor(ctx, input.noticeId);
    const stored = JSON.parse(row.content) as NoticeContent;
    const contentHash = noticeHash(stored);
    const rebuilt = await assembleNotice(ctx.db, {
      union: { id: union.id, name: stored.unionName },
      period: mustParsePeriod(row.period_key),
      version: row.version,
      explanation: stored.explanation,
      itemThresholdFen: stored.itemThresholdFen,
      signOff: await loadSignOff(ctx.db, union.id, row.period_key),
      asOfSeq: stored.asOfSeq,
      format: stored.format,
    });
    const recomputedHash = noticeHash(rebuilt);
    const matches = recomputedHash === row.hash && contentHash === row.hash;
    if (!matches) await reportAlteredNotice(ctx, row, { check: 'ledger', contentHash, recomputedHash });
    return { matches, hash: row.hash, recomputedHash, contentHash };
  },
});

/** At most this many unanswered questions per member per notice (a light brake on floods). */
const MAX_OPEN_QUESTIONS = 3;

/** 会员提问 on a notice of their own union; the thread is visible to the union's members. */
export const ask = defineFunction({
  contract: c.ask,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  sample: () => ({ noticeId: DEMO_FUND_IDS.notice, body: '职工活动支出包括哪些活动？（样例）' }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const { row, union, access } = await noticeFor(ctx, input.noticeId);
    if (!access.member) throw new AppError('forbidden', '只有本工会会员可以提问');
    const id = newId('fq');
    await write(ctx, async (w) => {
      // Counted under the member's guard row for this notice, in the transaction that inserts
      // (limits.repository.ts): parallel questions take turns, so a 4th unanswered one is refused.
      await holdLimit(w.db, limitKey.questions(row.id, p.userId), ctx.now);
      const open = await w.db
        .selectFrom('fund_questions as q')
        .leftJoin('fund_answers as a', 'a.question_id', 'q.id')
        .select((eb) => eb.fn.count('q.id').distinct().as('n'))
        .where('q.notice_id', '=', row.id)
        .where('q.asked_by', '=', p.userId)
        .where('a.id', 'is', null)
        .executeTakeFirst();
      if (toFen(open?.n) >= MAX_OPEN_QUESTIONS) throw new AppError('rate_limited', '你的提问还在等待答复，答复后再提新问题吧');
      await w.db.insertInto('fund_questions').values({ id, notice_id: row.id, union_id: union.id, body: input.body, asked_by: p.userId, asked_at: ctx.now.toISOString() }).execute();
      await w.audit({ objectType: 'fund_question', objectId: id, unionId: union.id, detail: { noticeId: row.id } });
    });
    return { id };
  },
});

/** 答复: staff or chair of the notice's union answer a member's question. */
export const answer = defineFunction({
  contract: c.answer,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  sample: () => ({ questionId: DEMO_FUND_IDS.question, body: '包括文体活动、职工教育等（样例）' }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const q = await ctx.db.selectFrom('fund_questions').select(['id', 'notice_id', 'union_id', 'asked_by']).where('id', '=', input.questionId).executeTakeFirst();
    if (!q) throw new AppError('not_found', '找不到该提问');
    const union = await loadUnion(ctx.db, q.union_id);
    const access = await noticeAccess(ctx, union);
    if (!access.visible) throw new AppError('not_found', '找不到该提问');
    if (!access.staff) throw new AppError('forbidden', '只有本工会干部可以答复');
    const id = newId('fqa');
    const name = await displayName(ctx.db, p.userId);
    await write(ctx, async (w) => {
      await w.db.insertInto('fund_answers').values({ id, question_id: q.id, body: input.body, answered_by: p.userId, answerer_name: name, answered_at: ctx.now.toISOString() }).execute();
      await notifyNoticeAnswered(w.db, { noticeId: q.notice_id, unionId: union.id, askerUserId: q.asked_by, answerId: id, answer: input.body, at: ctx.now });
      await w.audit({ objectType: 'fund_question', objectId: q.id, unionId: union.id, detail: { answerId: id } });
    });
    return { id };
  },
});

// ---------------------------------------------------------------------------------------------
// Settings and the industry view

/** 经费设置 of a union (defaults until saved). */
export const settings = defineFunction({
  contract: c.settings,
  policy: { kind: 'unionRoles', roles: [...BOOK_READERS, 'industryAdmin'], unionOf: (i) => i.unionId },
  kind: 'query',
  sample: (f) => ({ unionId: f.baseUnionId }),
  async handler(input, ctx) {
    return loadSettings(ctx.db, input.unionId);
  },
});

/**
 * 修改经费设置. Changing the period kind is refused while a period of the current kind is
 * half-way (the new periods must start right after the last closed one).
 */
export const updateSettings = defineFunction({
  contract: c.updateSettings,
  policy: { kind: 'unionRoles', roles: RECORDERS, unionOf: (i) => i.unionId },
  kind: 'mutation',
  sample: (f) => ({ unionId: f.baseUnionId, itemThresholdFen: 100_000 }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    if (input.subCategories) {
      for (const [category, names] of Object.entries(input.subCategories)) {
        if (!categoryByName(category)) throw field(`subCategories.${category}`, `没有科目“${category}”`);
        if (new Set(names).size !== names.length) throw field(`subCategories.${category}`, '明细项目重复');
      }
    }
    return write(ctx, async (w) => {
      await lockBooks(w.db, input.unionId);
      const before = await loadSettings(w.db, input.unionId);
      const next: c.FundSettings = {
        unionId: input.unionId,
        noticePeriod: input.noticePeriod ?? before.noticePeriod,
        itemThresholdFen: input.itemThresholdFen ?? before.itemThresholdFen,
        holidayCapFen: input.holidayCapFen ?? before.holidayCapFen,
        birthdayCapFen: input.birthdayCapFen ?? before.birthdayCapFen,
        dueDays: input.dueDays ?? before.dueDays,
        subCategories: input.subCategories ?? before.subCategories,
      };
      if (next.noticePeriod !== before.noticePeriod) {
        // The next period of the new kind must start the day after the last closed one.
        const closed = await closedThrough(w.db, input.unionId);
        if (closed && periodOf(closed, next.noticePeriod).to !== closed) throw field('noticePeriod', `${closed} 不是${next.noticePeriod === 'quarter' ? '季度' : '月份'}末，不能在此时改变公示周期`);
      }
      await saveSettings(w.db, next, p.userId, ctx.now);
      await w.audit({ objectType: 'fund_settings', objectId: input.unionId, unionId: input.unionId, detail: { before, after: next } });
      return next;
    });
  },
});

/**
 * The notices that cover one quarter for a union: the quarter's own notice, or (a union that
 * publishes monthly, now or then) its three months'. Judged by what was published, so a
 * union that changed its period keeps its history.
 */
function keysOfQuarter<N extends { period_key: string }>(quarter: Period, published: N[]): string[] {
  if (published.some((n) => n.period_key === quarter.key)) return [quarter.key];
  const firstMonth = Number(quarter.from.slice(5, 7));
  const months = [0, 1, 2].map((i) => `${quarter.year}-M${String(firstMonth + i).padStart(2, '0')}`);
  return published.some((n) => months.includes(n.period_key)) ? months : [quarter.key];
}

/**
 * 行业工会总览: for each quarter of the year that has ended, which base unions published their
 * notice on time — within `dueDays` (the industry union's setting, default 15) after the period
 * ends — late, or not at all; and the sum of the published figures (latest versions).
 */
export const overview = defineFunction({
  contract: c.overview,
  policy: { kind: 'unionRoles', roles: ['industryAdmin', 'staff', 'chair'], unionOf: (i) => i.unionId },
  kind: 'query',
  sample: (f) => ({ unionId: f.industryUnionId }),
  async handler(input, ctx) {
    const industry = await loadUnion(ctx.db, input.unionId);
    if (industry.kind !== 'industry') throw field('unionId', '请选择行业工会');
    const now = today(ctx);
    // Default: the year of the last quarter that has ended (in January, last year's).
    const year = input.year ?? previousPeriod(periodOf(now, 'quarter')).year;
    const { dueDays } = await loadSettings(ctx.db, industry.id);
    const bases = await ctx.db.selectFrom('unions').select(['id', 'name', 'code']).where('parent_id', '=', industry.id).orderBy('code').execute();
    const baseIds = bases.map((b) => b.id);
    const notices = baseIds.length
      ? await ctx.db
          .selectFrom('fund_notices')
          .select(['id', 'union_id', 'period_key', 'version', 'content', 'published_at', 'income_fen', 'expense_fen', 'closing_fen'])
          .where('union_id', 'in', baseIds)
          .where('period_key', 'like', `${year}-%`)
          .execute()
      : [];

    const quarters: c.OverviewQuarter[] = [];
    for (let q = 1; q <= 4; q++) {
      const quarter = mustParsePeriod(`${year}-Q${q}`);
      if (quarter.from > now) break;
      const dueDate = noticeDueDate(quarter, dueDays);
      const byCategory = new Map<string, { direction: 'income' | 'expense'; category: string; amountFen: number }>();
      let income = 0;
      let expense = 0;
      let closing = 0;
      let counted = 0;
      const unions: c.OverviewUnion[] = bases.map((b) => {
        const keys = keysOfQuarter(quarter, notices.filter((n) => n.union_id === b.id));
        const first = keys.map((k) => notices.filter((n) => n.union_id === b.id && n.period_key === k).sort((x, y) => x.version - y.version)[0]);
        const latest = keys.map((k) => notices.filter((n) => n.union_id === b.id && n.period_key === k).sort((x, y) => y.version - x.version)[0]);
        const all = latest.every(Boolean);
        // On time is judged by the first version of each period (a later correction does not make it late).
        const publishedAt = all ? first.map((n) => n!.published_at).sort()[first.length - 1] : null;
        const dueOf = (k: string) => noticeDueDate(mustParsePeriod(k), dueDays);
        const onTime = all && keys.every((k, i) => chinaDate(new Date(first[i]!.published_at)) <= dueOf(k));
        const status: c.OverviewUnion['status'] = all ? (onTime ? 'on_time' : 'late') : now > dueDate ? 'missing' : 'not_due';
        let figures: Pick<c.OverviewUnion, 'incomeFen' | 'expenseFen' | 'closingFen'> = { incomeFen: null, expenseFen: null, closingFen: null };
        if (all) {
          const inc = latest.reduce((s, n) => s + toFen(n!.income_fen), 0);
          const exp = latest.reduce((s, n) => s + toFen(n!.expense_fen), 0);
          const clo = toFen(latest[latest.length - 1]!.closing_fen);
          figures = { incomeFen: inc, expenseFen: exp, closingFen: clo };
          income += inc;
          expense += exp;
          closing += clo;
          counted++;
          for (const n of latest) {
            for (const row of (JSON.parse(n!.content) as NoticeContent).byCategory) {
              const k = `${row.direction}|${row.category}`;
              const cur = byCategory.get(k) ?? { direction: row.direction, category: row.category, amountFen: 0 };
              cur.amountFen += row.amountFen;
              byCategory.set(k, cur);
            }
          }
        }
        return { unionId: b.id, unionName: b.name, status, publishedAt, noticeIds: latest.filter(Boolean).map((n) => n!.id), ...figures };
      });
      quarters.push({
        quarter: quarter.key,
        title: periodLabel(quarter.key),
        dueDate,
        unions,
        onTime: unions.filter((u) => u.status === 'on_time').length,
        late: unions.filter((u) => u.status === 'late').length,
        missing: unions.filter((u) => u.status === 'missing').length,
        aggregate: { incomeFen: income, expenseFen: expense, closingFen: closing, unionsCounted: counted, byCategory: [...byCategory.values()] },
      });
    }
    return { unionId: industry.id, year, dueDays, quarters: quarters.reverse() };
  },
});
