/** The notice members read (经费公示): preview, publish, list, read, verify. */
import { z } from 'zod';
import { defineContract } from '../define';
import { id } from '../common';
import { periodKey } from './fields';
import type { Direction, FundingRoute } from './labels';

export interface NoticeItemView {
  id: string;
  date: string;
  direction: Direction;
  category: string;
  subCategory: string | null;
  amountFen: number;
  kind: 'entry' | 'reversal';
  reversesId: string | null;
  counterparty: string | null;
  purpose: string;
}

export interface NoticeCorrectionView {
  id: string;
  date: string;
  kind: 'entry' | 'reversal';
  direction: Direction;
  category: string;
  amountFen: number;
  reversesId: string | null;
  correctsId: string | null;
  purpose: string;
}

/** The figures of a notice (published or previewed). */
export interface NoticeFigures {
  quarter: string;
  title: string;
  from: string;
  to: string;
  version: number;
  hash: string;
  openingFen: number;
  incomeFen: number;
  expenseFen: number;
  closingFen: number;
  byCategory: { direction: Direction; category: string; amountFen: number }[];
  bySubCategory: { category: string; subCategory: string; amountFen: number }[];
  byFundingRoute: { route: FundingRoute; label: string; amountFen: number }[];
  dues: { collectedFen: number; returnedFen: number; yearCollectedFen: number; yearReturnedFen: number };
  itemThresholdFen: number;
  items: NoticeItemView[];
  entryCount: number;
  corrections: NoticeCorrectionView[];
  signOff: { opinion: string; reviewerName: string; signedAt: string } | null;
  explanation: string;
}

export interface NoticeQuestion {
  id: string;
  body: string;
  askedAt: string;
  /** Asked by the caller. */
  mine: boolean;
  /** Staff only: who asked (members see questions without names). */
  askedByName?: string;
  answers: { id: string; body: string; answererName: string; answeredAt: string }[];
}

export interface NoticeDetail extends NoticeFigures {
  noticeId: string;
  unionId: string;
  unionName: string;
  publishedAt: string;
  /** A newer version exists (已更正). */
  superseded: boolean;
  latestNoticeId: string;
  /** Every version of this period, oldest first. */
  versions: { noticeId: string; version: number; publishedAt: string }[];
  /** Staff of the union: how many people opened this version. */
  openedCount?: number;
  questions: NoticeQuestion[];
  /** The caller may ask a question (a member of this union). */
  canAsk: boolean;
  /** The caller may answer questions (staff or chair of this union). */
  canAnswer: boolean;
}

export interface NoticePreview extends NoticeFigures {
  unionId: string;
  unionName: string;
  closed: boolean;
  signedOff: boolean;
  /** The version publishing now would create, or the current one when nothing changed. */
  publishable: boolean;
  /** Why it cannot be published yet (Chinese), when it cannot. */
  blocker: string | null;
  latestNotice: { noticeId: string; version: number; hash: string } | null;
  unchanged: boolean;
}

export const previewNotice = defineContract<NoticePreview>()(
  'fund.previewNotice',
  z.strictObject({
    /** The union whose books, notices or settings these are. */
    unionId: id,
    quarter: periodKey,
    /** The explanation to preview (defaults to the last published one). */
    explanation: z.string().trim().max(1000, '说明最多 1000 字').optional(),
  }),
  '预览某期间的经费公示（未结账时也可看到当前数字）',
);

export const publishNotice = defineContract<{ noticeId: string; version: number; hash: string; duplicate: boolean }>()(
  'fund.publishNotice',
  z.strictObject({
    /** The union whose books, notices or settings these are. */
    unionId: id,
    /** A closed, signed-off period. */
    quarter: periodKey,
    /** A short explanation for members (情况说明); defaults to the last published one. */
    explanation: z.string().trim().max(1000, '说明最多 1000 字').optional(),
  }),
  '发布经费公示（再次发布即更正，生成新版本）',
);

export interface NoticeListItem {
  noticeId: string;
  quarter: string;
  title: string;
  version: number;
  publishedAt: string;
  superseded: boolean;
  incomeFen: number;
  expenseFen: number;
  closingFen: number;
  /** Staff of the union only. */
  openedCount?: number;
  questionCount?: number;
  unansweredCount?: number;
}

export const listNotices = defineContract<{ unionId: string | null; unionName: string | null; items: NoticeListItem[] }>()(
  'fund.listNotices',
  z.strictObject({
    /** Default: the caller's own union (a member's union, or the union of their staff role). */
    unionId: id.optional(),
  }),
  '经费公示列表（最新在前）',
);

export const getNotice = defineContract<NoticeDetail>()(
  'fund.getNotice',
  z.strictObject({
    /** One version of a notice (from `fund.listNotices`). */
    noticeId: id,
  }),
  '一期经费公示的内容（会员打开即计入阅读人数）',
);

/** The result of checking a notice against the ledger (核验). */
export interface NoticeVerification {
  /** True when the notice as stored and served and the notice rebuilt from the ledger both give `hash`. */
  matches: boolean;
  /** The 校验码 the notice was published with. */
  hash: string;
  /** The hash of the notice rebuilt now from the ledger (same period, threshold and ledger position). */
  recomputedHash: string;
  /** The hash of the content as stored (what `fund.getNotice` serves). */
  contentHash: string;
}

export const verifyNotice = defineContract<NoticeVerification>()(
  'fund.verifyNotice',
  z.strictObject({
    /** The notice to check (from `fund.listNotices`). */
    noticeId: id,
  }),
  '核验一期经费公示：按账本重新计算校验码，与发布时的校验码比对',
);
