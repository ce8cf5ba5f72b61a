/**
 * Funds (经费): the append-only ledger (账本), the chair's approval (主席一支笔审批), closing a
 * period (结账), the reviewer's sign-off (经审签署), the notice members read (经费公示), and
 * questions on it. Money is integer fen (分) everywhere.
 */
import { z } from 'zod';
import { defineContract } from './define';
import { id } from './common';
import {
  ATTACHMENT_TYPES,
  DUES_CATEGORY,
  EXPENSE_CATEGORIES,
  FUNDING_ROUTES,
  GIFT_FORMS,
  GIFT_KINDS,
  GIFT_RECIPIENTS,
  INCOME_CATEGORIES,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_ENTRY,
  MAX_ENTRY_FEN,
  NOTICE_PERIODS,
  type Direction,
  type EntryStatus,
  type FundingRoute,
  type GiftForm,
  type GiftKind,
  type GiftRecipients,
  type NoticePeriod,
} from './fund-labels';

const PERIOD_RE = /^(\d{4})-(?:Q([1-4])|M(0[1-9]|1[0-2]))$/;

/** A period key: `2026-Q3` (quarter, the default) or `2026-M07` (month, for unions that publish monthly). */
export const periodKey = z.string().trim().regex(PERIOD_RE, '期间格式应为 2026-Q3（季度）或 2026-M07（月）');

/** A China date `YYYY-MM-DD` that exists in the calendar. */
export const chinaDay = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2026-07-15')
  .refine((d) => {
    const t = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d && d >= '2000-01-01';
  }, '日期不存在');

const fen = z.number({ error: '请填写金额' }).int('金额须为整数（分）');
const text = (max: number, label: string) => z.string().trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 字`);

/** One rule raised when the entry was recorded, shown to the chair and the reviewer. */
export interface EntryFlag {
  code: 'gift_cap_exceeded';
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Ledger

export const addEntry = defineContract<{ id: string; status: EntryStatus; seq: number; flags: EntryFlag[]; duplicate: boolean }>()(
  'fund.addEntry',
  z
    .strictObject({
      /** The union whose books this is (基层工会 or the industry union). */
      unionId: id,
      /** The day the money moved (China date). Not in the future, not in a closed period. */
      date: chinaDay,
      /** 收入 or 支出. */
      direction: z.enum(['income', 'expense'], { error: '请选择收入或支出' }),
      /** Top-level category's Chinese name, e.g. `会费收入`, `职工活动支出` (see fund-labels.ts). */
      category: z.string().trim().min(1, '请选择科目'),
      /** Amount in fen (分), > 0, at most 1,000 万元. */
      amountFen: fen.min(1, '金额须大于 0').max(MAX_ENTRY_FEN, '单笔金额不能超过 1000 万元'),
      /** Who paid or was paid (付款方 / 收款方). */
      counterparty: z.string().trim().max(100, '对方单位最多 100 字').optional(),
      /** What the money was for (用途 / 摘要). */
      purpose: text(200, '用途'),
      /** A client-made id: sending the same entry again returns the first one (`duplicate: true`). */
      requestId: z.string().trim().min(8, 'requestId 至少 8 位').max(64),
      /** A sub-item (明细项目): a standard one (e.g. 文体活动) or one the union added. */
      subCategory: z.string().trim().min(1).max(30, '明细项目最多 30 字').optional(),
      /** Income only: which of the four funding routes (四个一点); defaults from the category. */
      fundingRoute: z.enum(FUNDING_ROUTES).optional(),
      /** Spending only: a gift or welfare handed out (慰问品、福利), checked against the spending rules. */
      gift: z
        .strictObject({
          /** 节日 / 生日 / 其他慰问. */
          kind: z.enum(GIFT_KINDS),
          /** 实物、服务; 现金、购物卡、代金券 are refused. */
          form: z.enum(GIFT_FORMS),
          /** Who receives it: members only is allowed. */
          recipients: z.enum(GIFT_RECIPIENTS),
          /** How many people receive it (for the per-member yearly cap). */
          recipientCount: z.number().int('人数须为整数').min(1, '人数至少 1').max(100000),
        })
        .optional(),
      /** 会费收入 only: one member's dues (`memberId`) or a batch (`memberCount`). */
      dues: z
        .strictObject({
          /** The member who paid (per-member recording). */
          memberId: id.optional(),
          /** How many members a batch covers. */
          memberCount: z.number().int().min(1).max(100000).optional(),
        })
        .refine((d) => (d.memberId === undefined) !== (d.memberCount === undefined), { message: '请填写会员或人数（二选一）', path: ['memberId'] })
        .optional(),
      /** A replacement for an entry that was reversed (更正): the original entry's id. */
      correctsId: id.optional(),
      /** Receipts uploaded with `fund.attach`. */
      attachmentIds: z.array(id).max(MAX_ATTACHMENTS_PER_ENTRY, `最多 ${MAX_ATTACHMENTS_PER_ENTRY} 个附件`).optional(),
    })
    .superRefine((v, ctx) => {
      const list: readonly string[] = v.direction === 'income' ? INCOME_CATEGORIES : EXPENSE_CATEGORIES;
      if (!list.includes(v.category)) ctx.addIssue({ code: 'custom', path: ['category'], message: `${v.direction === 'income' ? '收入' : '支出'}科目不正确` });
      if (v.fundingRoute && v.direction !== 'income') ctx.addIssue({ code: 'custom', path: ['fundingRoute'], message: '只有收入有经费来源' });
      if (v.gift && v.direction !== 'expense') ctx.addIssue({ code: 'custom', path: ['gift'], message: '只有支出可以是慰问品' });
      if (v.dues && v.category !== DUES_CATEGORY) ctx.addIssue({ code: 'custom', path: ['dues'], message: '只有会费收入可以登记缴费会员' });
    }),
  '记一笔账（收入直接记账，支出待主席审批）',
);

export const approve = defineContract<{ id: string; status: EntryStatus; duplicate: boolean }>()(
  'fund.approve',
  z.strictObject({
    /** The spending entry waiting for the chair. */
    id,
    /** 批准 (default) or 不批准. */
    decision: z.enum(['approve', 'reject']).optional(),
    /** The chair's note (审批意见); required when not approving. */
    note: z.string().trim().max(200, '审批意见最多 200 字').optional(),
    /** The chair has read the entry's rule flags (e.g. over the gift cap); required to approve a flagged entry. */
    acknowledgeFlags: z.boolean().optional(),
  }),
  '主席审批一笔支出（批准后记账）',
);

export const reverse = defineContract<{ id: string; duplicate: boolean }>()(
  'fund.reverse',
  z.strictObject({
    /** The posted entry to correct. */
    id,
    /** Why (冲正原因), shown in the ledger and the notice. */
    reason: text(200, '冲正原因'),
  }),
  '冲正一笔已记账的条目（生成反向条目，原条目不变）',
);

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

export const comment = defineContract<{ id: string }>()(
  'fund.comment',
  z.strictObject({
    /** The entry the comment is on. */
    entryId: id,
    /** The comment (审查意见 or reply). */
    body: text(500, '意见'),
  }),
  '对账本条目提出意见（经审）或答复（工会）',
);

export const attach = defineContract<{ attachmentId: string; sha256: string; sizeBytes: number }>()(
  'fund.attach',
  z.strictObject({
    /** The union whose books, notices or settings these are. */
    unionId: id,
    /** The file's name as shown (e.g. 发票.jpg). */
    fileName: text(100, '文件名'),
    /** JPEG, PNG or PDF; the content must match. */
    mimeType: z.enum(ATTACHMENT_TYPES, { error: '只能上传 JPG、PNG 图片或 PDF' }),
    /** The file, base64; at most 600 KiB once decoded. */
    dataBase64: z
      .string()
      .min(4, '文件为空')
      .max(Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 4, '文件不能超过 600 KB')
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, '文件内容不是 base64'),
    /** Link it to this entry now (otherwise pass the id to `fund.addEntry`). */
    entryId: id.optional(),
  }),
  '上传票据（照片或 PDF，记录 SHA-256）',
);

export const attachment = defineContract<{ id: string; fileName: string; mimeType: string; sizeBytes: number; sha256: string; dataBase64: string }>()(
  'fund.attachment',
  z.strictObject({
    /** The receipt (from the ledger's `attachments`). */
    id,
  }),
  '下载票据',
);

// ---------------------------------------------------------------------------------------------
// Periods and notices

export const closeQuarter = defineContract<{ quarter: string; closedAt: string; duplicate: boolean }>()(
  'fund.closeQuarter',
  z.strictObject({
    /** The union whose books, notices or settings these are. */
    unionId: id,
    /** The period to close (`2026-Q3`); it must have ended, with the one before it closed. */
    quarter: periodKey,
  }),
  '结账：该期间不再记账（更正记入当期）',
);

export const signOff = defineContract<{ quarter: string; signedAt: string }>()(
  'fund.signOff',
  z.strictObject({
    /** The union whose books, notices or settings these are. */
    unionId: id,
    /** A closed period. */
    quarter: periodKey,
    /** The review body's opinion (审查意见), printed on the notice. */
    opinion: text(500, '审查意见'),
  }),
  '经审签署已结账期间',
);

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

export const ask = defineContract<{ id: string }>()(
  'fund.ask',
  z.strictObject({
    /** The notice asked about. */
    noticeId: id,
    /** The member's question (提问). */
    body: text(300, '问题'),
  }),
  '会员就经费公示提问',
);

export const answer = defineContract<{ id: string }>()(
  'fund.answer',
  z.strictObject({
    /** The question answered. */
    questionId: id,
    /** The union's answer (答复). */
    body: text(500, '答复'),
  }),
  '工会答复会员提问',
);

// ---------------------------------------------------------------------------------------------
// Settings and the industry view

export interface FundSettings {
  unionId: string;
  noticePeriod: NoticePeriod;
  itemThresholdFen: number;
  holidayCapFen: number;
  birthdayCapFen: number;
  dueDays: number;
  /** The union's own sub-categories, by category. */
  subCategories: Record<string, string[]>;
}

export const settings = defineContract<FundSettings>()(
  'fund.settings',
  z.strictObject({
    /** The union whose settings these are. */
    unionId: id,
  }),
  '本工会的经费设置',
);

export const updateSettings = defineContract<FundSettings>()(
  'fund.updateSettings',
  z.strictObject({
    /** The union whose books, notices or settings these are. */
    unionId: id,
    /** 公示周期: quarter (default) or month. */
    noticePeriod: z.enum(NOTICE_PERIODS).optional(),
    /** Entries at or above this amount are listed one by one (fen). */
    itemThresholdFen: fen.min(0).max(MAX_ENTRY_FEN).optional(),
    /** Holiday gifts: per member per year (fen); provinces differ (e.g. 安徽 150,000). */
    holidayCapFen: fen.min(0).max(MAX_ENTRY_FEN).optional(),
    /** Birthday gifts: per member per year (fen) (e.g. 安徽 30,000). */
    birthdayCapFen: fen.min(0).max(MAX_ENTRY_FEN).optional(),
    /** Industry union: days after a period's end a base union has to publish. */
    dueDays: z.number().int().min(1).max(90).optional(),
    /** The union's own sub-categories, by category name (replaces the list). */
    subCategories: z.record(z.string(), z.array(z.string().trim().min(1).max(30)).max(30)).optional(),
  }),
  '修改本工会的经费设置（慰问标准、公示周期、逐笔列示金额、自设明细项目）',
);

export interface OverviewUnion {
  unionId: string;
  unionName: string;
  /** on_time: published within the due days; late; missing (due passed, nothing); not_due: due date not reached yet. */
  status: 'on_time' | 'late' | 'missing' | 'not_due';
  publishedAt: string | null;
  noticeIds: string[];
  incomeFen: number | null;
  expenseFen: number | null;
  closingFen: number | null;
}

export interface OverviewQuarter {
  quarter: string;
  title: string;
  dueDate: string;
  unions: OverviewUnion[];
  onTime: number;
  late: number;
  missing: number;
  /** Sum over the base unions that published (latest versions). */
  aggregate: { incomeFen: number; expenseFen: number; closingFen: number; unionsCounted: number; byCategory: { direction: Direction; category: string; amountFen: number }[] };
}

export const overview = defineContract<{ unionId: string; year: number; dueDays: number; quarters: OverviewQuarter[] }>()(
  'fund.overview',
  z.strictObject({
    /** The industry union. */
    unionId: id,
    /** The year (default: the year of the last quarter that has ended). */
    year: z.number().int().min(2000).max(2999).optional(),
  }),
  '行业工会：各基层工会按时公示情况与经费汇总',
);

