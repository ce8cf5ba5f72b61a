/** The ledger (经费账本) as staff, chair and reviewer read it, with the periods' states. */
import { z } from 'zod';
import { defineContract } from '../define';
import { id } from '../common';
import { periodKey, type EntryFlag } from './fields';
import type { Direction, EntryStatus, FundingRoute, GiftForm, GiftKind, GiftRecipients } from './labels';

export interface LedgerAttachment {
  id: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
}

export interface LedgerComment {
  id: string;
  body: string;
  authorName: string;
  authorRole: string;
  createdAt: string;
}

export interface LedgerItem {
  id: string;
  seq: number;
  date: string;
  quarter: string;
  direction: Direction;
  category: string;
  subCategory: string | null;
  fundingRoute: FundingRoute | null;
  amountFen: number;
  /** What it adds to its direction's total (negative for a reversal). */
  signedFen: number;
  kind: 'entry' | 'reversal';
  reversesId: string | null;
  reversedById: string | null;
  correctsId: string | null;
  status: EntryStatus;
  counterparty: string | null;
  purpose: string;
  recordedByName: string;
  recordedAt: string;
  /** Whether the caller recorded it (the recorder cannot approve it). */
  mine: boolean;
  approval: { decision: 'approve' | 'reject'; byName: string; at: string; note: string | null } | null;
  gift: { kind: GiftKind; form: GiftForm; recipients: GiftRecipients; recipientCount: number } | null;
  /** Dues: a batch count, or one member (name and number shown to staff only, never to the reviewer). */
  dues: { memberCount: number; memberName?: string; memberNo?: string } | null;
  flags: EntryFlag[];
  comments: LedgerComment[];
  attachments: LedgerAttachment[];
}

export interface PeriodState {
  quarter: string;
  title: string;
  from: string;
  to: string;
  /** The period has ended (it can be closed). */
  ended: boolean;
  closedAt: string | null;
  signedOffAt: string | null;
  latestNotice: { noticeId: string; version: number; publishedAt: string } | null;
  pendingCount: number;
}

export interface LedgerResult {
  unionId: string;
  unionName: string;
  items: LedgerItem[];
  total: number;
  page: number;
  pageSize: number;
  /** Posted totals of the selection (the chosen period, or everything). */
  summary: { incomeFen: number; expenseFen: number; pendingCount: number; flaggedCount: number };
  /** Recent periods with their state, newest first. */
  periods: PeriodState[];
  /** The caller's roles here, so the page shows the right actions. */
  can: { record: boolean; approve: boolean; comment: boolean; signOff: boolean; publish: boolean };
}

export const ledger = defineContract<LedgerResult>()(
  'fund.ledger',
  z.strictObject({
    /** The union whose books, notices or settings these are. */
    unionId: id,
    /** Only entries dated in this period (e.g. `2026-Q3`). */
    quarter: periodKey.optional(),
    /** Only entries with this status. */
    status: z.enum(['posted', 'pending_approval', 'rejected']).optional(),
    /** Page number, from 1. */
    page: z.number().int().min(1).max(100000).optional(),
    /** Entries per page (default 50). */
    pageSize: z.number().int().min(1).max(200).optional(),
  }),
  '经费账本（按期间、状态筛选，分页）',
);
