/**
 * Ledger rules (账本规则), pure: what an entry counts for, its status, the totals of a set
 * of entries, and the spending rules checked when an entry is recorded.
 *
 * Entry states (条目状态), derived from the append-only tables, never stored as a mutable field:
 *   income, reversal ............................ posted at once
 *   expense ─ chair approves ──> posted
 *           └ chair rejects ───> rejected (kept, counts for nothing)
 *   (pending_approval until the chair decides; the recorder can never decide)
 * A posted entry is corrected only by a reversing entry (冲正) that points to it; the
 * reversal counts with the opposite sign in the same direction and category.
 */
import {
  CATEGORY_NAMES,
  DUES_CATEGORY,
  FUND_CATEGORIES,
  FUNDING_ROUTES,
  MEMBER_ACTIVITY_CATEGORY,
  type Direction,
  type EntryStatus,
  type FundingRoute,
  type GiftForm,
  type GiftKind,
  type GiftRecipients,
} from '../contract/fund/labels';
import { formatFen } from './money';

export type EntryKind = 'entry' | 'reversal';

/** The fields of a posted entry that count for totals. */
export interface CountedEntry {
  direction: Direction;
  category: string;
  subCategory: string | null;
  fundingRoute: FundingRoute | null;
  amountFen: number;
  kind: EntryKind;
}

/** What the entry adds to its direction's total: a reversal takes its amount back. */
export function signedFen(e: Pick<CountedEntry, 'amountFen' | 'kind'>): number {
  return e.kind === 'reversal' ? -e.amountFen : e.amountFen;
}

/** Status from the entry and the chair's decision (if any). */
export function entryStatus(needsApproval: boolean, decision: 'approve' | 'reject' | null): EntryStatus {
  if (!needsApproval) return 'posted';
  if (decision === 'approve') return 'posted';
  if (decision === 'reject') return 'rejected';
  return 'pending_approval';
}

export interface Totals {
  incomeFen: number;
  expenseFen: number;
  /** `${direction}|${category}` → fen. */
  byCategory: Map<string, number>;
  /** `${category}|${subCategory}` → fen (entries with a sub-category only). */
  bySubCategory: Map<string, number>;
  /** Income by funding route. */
  byRoute: Map<FundingRoute, number>;
  /** 会费收入 collected, and 职工活动支出 (what dues are returned through). */
  duesFen: number;
  memberActivityFen: number;
  count: number;
}

export function emptyTotals(): Totals {
  return { incomeFen: 0, expenseFen: 0, byCategory: new Map(), bySubCategory: new Map(), byRoute: new Map(), duesFen: 0, memberActivityFen: 0, count: 0 };
}

function bump<K>(m: Map<K, number>, k: K, v: number): void {
  m.set(k, (m.get(k) ?? 0) + v);
}

/** Adds one posted entry to running totals (integer fen only: no rounding anywhere). */
export function addToTotals(t: Totals, e: CountedEntry): void {
  const v = signedFen(e);
  if (e.direction === 'income') {
    t.incomeFen += v;
    bump(t.byRoute, e.fundingRoute ?? 'other', v);
    if (e.category === DUES_CATEGORY) t.duesFen += v;
  } else {
    t.expenseFen += v;
    if (e.category === MEMBER_ACTIVITY_CATEGORY) t.memberActivityFen += v;
  }
  bump(t.byCategory, `${e.direction}|${e.category}`, v);
  if (e.subCategory) bump(t.bySubCategory, `${e.category}|${e.subCategory}`, v);
  t.count++;
  if (!Number.isSafeInteger(t.incomeFen) || !Number.isSafeInteger(t.expenseFen)) throw new Error('ledger totals left the exact integer range');
}

export function totalsOf(entries: Iterable<CountedEntry>): Totals {
  const t = emptyTotals();
  for (const e of entries) addToTotals(t, e);
  return t;
}

/** Every standard category of both directions, in table order, with its total (zeros included). */
export function categoryRows(t: Totals): { direction: Direction; category: string; amountFen: number }[] {
  return FUND_CATEGORIES.map((c) => ({ direction: c.direction, category: c.name, amountFen: t.byCategory.get(`${c.direction}|${c.name}`) ?? 0 }));
}

/** Sub-category totals that are not zero, ordered by category (table order) then name. */
export function subCategoryRows(t: Totals): { category: string; subCategory: string; amountFen: number }[] {
  return [...t.bySubCategory.entries()]
    .filter(([, v]) => v !== 0)
    .map(([k, amountFen]) => {
      const i = k.indexOf('|');
      return { category: k.slice(0, i), subCategory: k.slice(i + 1), amountFen };
    })
    .sort((a, b) => CATEGORY_NAMES.indexOf(a.category) - CATEGORY_NAMES.indexOf(b.category) || (a.subCategory < b.subCategory ? -1 : a.subCategory > b.subCategory ? 1 : 0));
}

/** All five funding routes with their income (zeros included), so each of the "四个一点" shows. */
export function routeRows(t: Totals): { route: FundingRoute; amountFen: number }[] {
  return FUNDING_ROUTES.map((route) => ({ route, amountFen: t.byRoute.get(route) ?? 0 }));
}

// ---------------------------------------------------------------------------------------------
// Spending rules (支出规定)

export interface GiftInput {
  kind: GiftKind;
  form: GiftForm;
  recipients: GiftRecipients;
  recipientCount: number;
}

/** Per-member yearly caps (每人每年标准), a union setting: they differ by province. */
export interface GiftCaps {
  holidayCapFen: number;
  birthdayCapFen: number;
}

export interface Flag {
  code: 'gift_cap_exceeded';
  message: string;
}

export type RuleOutcome = { ok: true; flags: Flag[] } | { ok: false; path: string; message: string };

/** The amount each recipient receives, rounded up (so a cap is never passed by rounding). */
export function perHeadFen(amountFen: number, recipientCount: number): number {
  return Math.ceil(amountFen / recipientCount);
}

/** A gift entry already recorded: its amount and how many received it. */
export interface GiftGiven {
  amountFen: number;
  recipientCount: number;
}

/** What each recipient already received this year from `gifts` (per head, rounded up per entry). */
export function perHeadThisYear(gifts: readonly GiftGiven[]): number {
  return gifts.reduce((sum, g) => sum + perHeadFen(g.amountFen, g.recipientCount), 0);
}

/**
 * Checks a gift or welfare expense (慰问品、福利):
 * - gifts and welfare go to members only (不得发放给非会员);
 * - no cash, shopping cards or vouchers as gifts (不得发放现金、购物卡、代金券);
 * - the per-member yearly cap of holiday and birthday gifts: passing it does not refuse the
 *   entry (the rules leave room, e.g. a cap changed mid-year) but flags it for the chair and
 *   the reviewer. `yearPerHeadFen` is what each recipient already got this calendar year
 *   from this union's gift entries of the same kind (not rejected, not reversed).
 */
export function checkGift(amountFen: number, gift: GiftInput, caps: GiftCaps, yearPerHeadFen: number): RuleOutcome {
  if (gift.recipients !== 'members') return { ok: false, path: 'gift.recipients', message: '慰问品和福利只能发给会员' };
  if (gift.form === 'cash' || gift.form === 'shopping_card' || gift.form === 'voucher') {
    return { ok: false, path: 'gift.form', message: '慰问品不得发放现金、购物卡或代金券' };
  }
  const flags: Flag[] = [];
  const cap = gift.kind === 'holiday' ? caps.holidayCapFen : gift.kind === 'birthday' ? caps.birthdayCapFen : null;
  if (cap !== null) {
    const after = yearPerHeadFen + perHeadFen(amountFen, gift.recipientCount);
    if (after > cap) {
      const label = gift.kind === 'holiday' ? '节日慰问' : '生日慰问';
      flags.push({ code: 'gift_cap_exceeded', message: `${label}每人全年累计 ${formatFen(after)} 元，超过本工会标准 ${formatFen(cap)} 元` });
    }
  }
  return { ok: true, flags };
}

