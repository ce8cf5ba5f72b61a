/**
 * The quarterly fund-use notice (季度经费公示), pure: assembled from the posted entries of a
 * closed, signed-off period, and sealed with a SHA-256 over its canonical JSON.
 *
 * Notice states (公示状态): a period is open → closed (结账) → signed off (经审签署) →
 * published as version 1 → (a correction) version 2, 3 … Every version stays readable; all
 * but the newest are marked superseded (已更正). Nothing is ever edited in place.
 *
 * The hash (校验码) covers what the books say: every figure, every listed item, the id of every
 * entry counted and the later corrections known when it was published (`sealedPart`). It does
 * not cover the sign-off, the explanation, the version, the ledger position or the union's name
 * (publishing metadata), so the code is the same before closing, at the reviewer's sign-off and
 * on the published notice as long as the figures are: the code the 经审 signs is the code
 * members see. Anyone with the ledger can rebuild the same JSON and the same hash (`noticeHash`).
 *
 * Formats: 2 (since issue 14) hashes `sealedPart`; 1 (notices published before) hashed the whole
 * content, sign-off and explanation included. A stored notice keeps the format and the hash it
 * was published with; both are checked by the rule of their format.
 */
import { createHash } from 'node:crypto';
import type { Direction, FundingRoute } from '../contract/fund/labels';
import type { NoticeCorrectionView, NoticeItemView } from '../contract/fund/notices';
import { categoryRows, routeRows, subCategoryRows, totalsOf, type CountedEntry, type Totals } from './fund-ledger';
import type { Period } from './fund-period';

/** A posted entry as the notice needs it. */
export interface NoticeEntry extends CountedEntry {
  id: string;
  seq: number;
  date: string;
  counterparty: string | null;
  purpose: string;
  reversesId: string | null;
}

/**
 * A later entry that corrects (reverses, 冲正, or replaces, 更正) an entry of this period, and an
 * entry the notice lists one by one: the contract's shapes (`NoticeFigures`), one declaration each.
 */
export type NoticeCorrection = NoticeCorrectionView;
export type NoticeItem = NoticeItemView;

export interface NoticeSignOff {
  opinion: string;
  reviewerName: string;
  signedAt: string;
}

/** The format new notices are published in (see the file comment). */
export const NOTICE_FORMAT = 2;
export type NoticeFormat = 1 | 2;

/** Everything a notice holds. Field names are part of the format: change them only with `format`. */
export interface NoticeContent {
  format: NoticeFormat;
  unionId: string;
  unionName: string;
  quarter: string;
  from: string;
  to: string;
  version: number;
  openingFen: number;
  incomeFen: number;
  expenseFen: number;
  closingFen: number;
  byCategory: { direction: Direction; category: string; amountFen: number }[];
  bySubCategory: { category: string; subCategory: string; amountFen: number }[];
  byFundingRoute: { route: FundingRoute; amountFen: number }[];
  /** 先收后返: dues collected vs. spending on members' activities, this period and this year to date. */
  dues: { collectedFen: number; returnedFen: number; yearCollectedFen: number; yearReturnedFen: number };
  itemThresholdFen: number;
  /** Entries at or above the threshold, and every reversal, in ledger order. */
  items: NoticeItem[];
  /** How many posted entries the period has. */
  entryCount: number;
  /** Ids of every posted entry of the period, sorted. */
  entryIds: string[];
  corrections: NoticeCorrection[];
  signOff: NoticeSignOff;
  explanation: string;
  /** The ledger position (per-union sequence) the corrections were read up to. */
  asOfSeq: number;
}

export interface NoticeInput {
  unionId: string;
  unionName: string;
  period: Period;
  version: number;
  /** Opening balance: every posted entry dated before the period (income − expense). */
  openingFen: number;
  /**
   * The posted entries dated in the period, for the totals: either the entries themselves or
   * groups of them with summed amounts (totals are additive, so both give the same figures).
   */
  groups: readonly CountedEntry[];
  /** Ids of every posted entry dated in the period. */
  entryIds: readonly string[];
  /** Posted entries of the period that may be listed (the rule below picks them; extra ones are ignored). */
  items: readonly NoticeEntry[];
  /** Dues and members' activities from 1 January to the day before the period. */
  yearBefore: { duesFen: number; memberActivityFen: number };
  corrections: readonly NoticeCorrection[];
  itemThresholdFen: number;
  signOff: NoticeSignOff;
  explanation: string;
  asOfSeq: number;
  /** Default NOTICE_FORMAT; 1 only to rebuild a notice published in that format. */
  format?: NoticeFormat;
}

/** What a notice is built from, as read from the ledger (`readNoticeLedger` in fund.repository.ts). */
export interface NoticeLedger {
  /** Posted totals of every entry dated before the period. */
  opening: { incomeFen: number; expenseFen: number };
  groups: readonly CountedEntry[];
  entryIds: readonly string[];
  items: readonly NoticeEntry[];
  corrections: readonly NoticeCorrection[];
  yearBefore: { duesFen: number; memberActivityFen: number };
}

/** What a notice says besides the ledger: whose, which period and version, the sign-off and explanation. */
export interface NoticeMeta {
  unionId: string;
  unionName: string;
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

/** The notice from what the ledger says and its metadata: the one path of preview, publish, verify, the seed and the tests. */
export function noticeFromLedger(ledger: NoticeLedger, meta: NoticeMeta): NoticeContent {
  return buildNoticeContent({
    ...meta,
    openingFen: ledger.opening.incomeFen - ledger.opening.expenseFen,
    groups: ledger.groups,
    entryIds: ledger.entryIds,
    items: ledger.items,
    corrections: ledger.corrections,
    yearBefore: ledger.yearBefore,
    // A preview before sign-off carries an empty sign-off; publishing requires a real one.
    signOff: meta.signOff ?? { opinion: '', reviewerName: '', signedAt: '' },
  });
}

export function buildNoticeContent(input: NoticeInput): NoticeContent {
  const totals: Totals = totalsOf(input.groups);
  const items: NoticeItem[] = input.items
    .filter((e) => e.kind === 'reversal' || e.amountFen >= input.itemThresholdFen)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.seq - b.seq))
    .map((e) => ({
      id: e.id,
      date: e.date,
      direction: e.direction,
      category: e.category,
      subCategory: e.subCategory,
      amountFen: e.amountFen,
      kind: e.kind,
      reversesId: e.reversesId,
      counterparty: e.counterparty,
      purpose: e.purpose,
    }));
  const entryIds = [...input.entryIds].sort();
  const corrections = [...input.corrections].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    format: input.format ?? NOTICE_FORMAT,
    unionId: input.unionId,
    unionName: input.unionName,
    quarter: input.period.key,
    from: input.period.from,
    to: input.period.to,
    version: input.version,
    openingFen: input.openingFen,
    incomeFen: totals.incomeFen,
    expenseFen: totals.expenseFen,
    closingFen: input.openingFen + totals.incomeFen - totals.expenseFen,
    byCategory: categoryRows(totals),
    bySubCategory: subCategoryRows(totals),
    byFundingRoute: routeRows(totals),
    dues: {
      collectedFen: totals.duesFen,
      returnedFen: totals.memberActivityFen,
      yearCollectedFen: input.yearBefore.duesFen + totals.duesFen,
      yearReturnedFen: input.yearBefore.memberActivityFen + totals.memberActivityFen,
    },
    itemThresholdFen: input.itemThresholdFen,
    items,
    entryCount: entryIds.length,
    entryIds,
    corrections,
    signOff: input.signOff,
    explanation: input.explanation,
    asOfSeq: input.asOfSeq,
  };
}

/**
 * Canonical JSON: object keys sorted (by UTF-16 code units), no whitespace, integers only
 * (money is fen), `undefined` refused. The same value always gives the same bytes.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isSafeInteger(value)) throw new Error(`canonicalJson: ${value} is not an exact integer`);
      return String(value);
    case 'object': {
      if (Array.isArray(value)) {
        // A list of strings (the entry ids: 100,000 of them) is spelled the same by JSON.stringify, natively.
        if (value.every((v) => typeof v === 'string')) return JSON.stringify(value);
        return `[${value.map(canonicalJson).join(',')}]`;
      }
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj).sort();
      return `{${keys
        .map((k) => {
          if (obj[k] === undefined) throw new Error(`canonicalJson: ${k} is undefined`);
          return `${JSON.stringify(k)}:${canonicalJson(obj[k])}`;
        })
        .join(',')}}`;
    }
    default:
      throw new Error(`canonicalJson: cannot encode ${typeof value}`);
  }
}

/**
 * Do two JSON values have the same canonical JSON? Compared structurally, without building the
 * text, and without looking at prototypes (values may come from JSON.parse or a database driver).
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = Object.keys(ao).filter((k) => ao[k] !== undefined);
  if (keys.length !== Object.keys(bo).filter((k) => bo[k] !== undefined).length) return false;
  for (const k of keys) if (!Object.prototype.hasOwnProperty.call(bo, k) || !jsonEqual(ao[k], bo[k])) return false;
  return true;
}

/** The fields of a notice that make the books' figures: what the hash of format 2 covers. */
export const SEALED_FIELDS = [
  'format',
  'unionId',
  'quarter',
  'from',
  'to',
  'openingFen',
  'incomeFen',
  'expenseFen',
  'closingFen',
  'byCategory',
  'bySubCategory',
  'byFundingRoute',
  'dues',
  'itemThresholdFen',
  'items',
  'entryCount',
  'entryIds',
  'corrections',
] as const satisfies readonly (keyof NoticeContent)[];

/** What the hash covers: the whole content in format 1, the figures and entries (SEALED_FIELDS) from format 2. */
export function sealedPart(content: NoticeContent): unknown {
  if (content.format === 1) return content;
  const sealed: Record<string, unknown> = {};
  for (const k of SEALED_FIELDS) sealed[k] = content[k];
  return sealed;
}

/** The 校验码: SHA-256 (hex) of the canonical JSON of what the notice's format seals. */
export function noticeHash(content: NoticeContent): string {
  return sha256Hex(canonicalJson(sealedPart(content)));
}

/** SHA-256 (hex) of a canonical JSON text already made (saves serialising a large notice twice). */
export function sha256Hex(json: string): string {
  return createHash('sha256').update(json, 'utf8').digest('hex');
}
