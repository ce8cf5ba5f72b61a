/**
 * Fund categories and labels (经费收支科目), as data. Zod-free so pages can import them.
 *
 * Sources (see docs/fund-categories.md for what each comes from and what is our reading):
 * - 《基层工会经费收支管理办法》(全总办公厅 总工办发〔2017〕32号): income and spending ranges
 *   of a base union and the sub-items of 职工活动支出;
 * - 《工会会计制度》(财政部 财会〔2021〕7号, in force 2022-01-01): the income and spending
 *   account names (会费收入, 拨缴经费收入, 上级补助收入, 行政补助收入, 事业收入, 投资收益,
 *   其他收入; 职工活动支出, 职工服务支出, 维权支出, 业务支出, 资本性支出, 其他支出 …).
 * The `category` of an entry is the top-level Chinese name (CONTRACT.md): `会费收入`, `职工活动支出`.
 */

export type Direction = 'income' | 'expense';

export const DIRECTION_LABELS: Record<Direction, string> = { income: '收入', expense: '支出' };

/**
 * The four funding routes of an industry (chamber) union: "行业(商会)拨一点、企业捐一点、上级补一点、
 * 自己收一点", plus `other`. Every income entry carries one, so each route is visible as such.
 */
export const FUNDING_ROUTES = ['chamber', 'employer', 'upper', 'dues', 'other'] as const;
export type FundingRoute = (typeof FUNDING_ROUTES)[number];

export const FUNDING_ROUTE_LABELS: Record<FundingRoute, string> = {
  chamber: '行业(商会)拨一点',
  employer: '企业捐一点',
  upper: '上级补一点',
  dues: '自己收一点（会费）',
  other: '其他来源',
};

export interface FundCategory {
  /** The Chinese name, used on the wire as `category`. */
  name: string;
  direction: Direction;
  /** Standard sub-items (明细项目); a union may add its own in its settings. */
  subCategories: readonly string[];
  /** Income only: the route an entry of this category belongs to unless the entry says otherwise. */
  defaultRoute?: FundingRoute;
  /** What belongs here, for the entry form. */
  hint: string;
}

export const FUND_CATEGORIES: readonly FundCategory[] = [
  { name: '会费收入', direction: 'income', subCategories: [], defaultRoute: 'dues', hint: '会员按规定缴纳的会费（先收后返，全部用于会员活动）' },
  { name: '拨缴经费收入', direction: 'income', subCategories: [], defaultRoute: 'employer', hint: '单位按全部职工工资总额 2% 拨缴的工会经费中留归本工会的部分' },
  { name: '上级工会补助收入', direction: 'income', subCategories: [], defaultRoute: 'upper', hint: '上级工会拨付的补助（含回拨、专项补助）' },
  { name: '行政补助收入', direction: 'income', subCategories: [], defaultRoute: 'chamber', hint: '所在单位行政方（行业协会、商会）给予的补助' },
  { name: '事业收入', direction: 'income', subCategories: [], defaultRoute: 'other', hint: '工会附属事业单位的收入' },
  { name: '投资收益', direction: 'income', subCategories: [], defaultRoute: 'other', hint: '利息等投资收益' },
  { name: '其他收入', direction: 'income', subCategories: [], defaultRoute: 'other', hint: '接受的捐赠等其他收入（企业捐赠请选“企业捐一点”）' },
  {
    name: '职工活动支出',
    direction: 'expense',
    subCategories: ['职工教育', '文体活动', '宣传活动', '劳模职工疗休养', '会员活动', '其他活动'],
    hint: '职工教育、文体、宣传、疗休养、会员活动（含节日、生日慰问）等',
  },
  { name: '职工服务支出', direction: 'expense', subCategories: [], hint: '职工之家、心理咨询、法律援助等为职工服务的支出' },
  { name: '维权支出', direction: 'expense', subCategories: [], hint: '劳动关系协调、劳动保护、困难职工帮扶等维权支出' },
  { name: '业务支出', direction: 'expense', subCategories: [], hint: '培训工会干部、办公、差旅、会议等工会业务支出' },
  { name: '资本性支出', direction: 'expense', subCategories: [], hint: '购置设备、修缮职工活动场所等' },
  { name: '其他支出', direction: 'expense', subCategories: [], hint: '以上各项以外的支出' },
];

export const INCOME_CATEGORIES = FUND_CATEGORIES.filter((c) => c.direction === 'income').map((c) => c.name);
export const EXPENSE_CATEGORIES = FUND_CATEGORIES.filter((c) => c.direction === 'expense').map((c) => c.name);
export const CATEGORY_NAMES = FUND_CATEGORIES.map((c) => c.name);

export function categoryByName(name: string): FundCategory | undefined {
  return FUND_CATEGORIES.find((c) => c.name === name);
}

/** Dues (会费收入) are "先收后返": returned in full through members' activities (职工活动支出). */
export const DUES_CATEGORY = '会费收入';
export const MEMBER_ACTIVITY_CATEGORY = '职工活动支出';

/** Gifts and welfare (慰问、福利): the kinds with a yearly per-member cap. */
export const GIFT_KINDS = ['holiday', 'birthday', 'other'] as const;
export type GiftKind = (typeof GIFT_KINDS)[number];
export const GIFT_KIND_LABELS: Record<GiftKind, string> = { holiday: '节日慰问', birthday: '生日慰问', other: '其他慰问' };

/** What is handed out. Cash, shopping cards and vouchers are not allowed as gifts. */
export const GIFT_FORMS = ['goods', 'service', 'cash', 'shopping_card', 'voucher'] as const;
export type GiftForm = (typeof GIFT_FORMS)[number];
export const GIFT_FORM_LABELS: Record<GiftForm, string> = {
  goods: '实物',
  service: '服务（体检、观影等）',
  cash: '现金',
  shopping_card: '购物卡',
  voucher: '代金券',
};

export const GIFT_RECIPIENTS = ['members', 'non_members', 'mixed'] as const;
export type GiftRecipients = (typeof GIFT_RECIPIENTS)[number];
export const GIFT_RECIPIENT_LABELS: Record<GiftRecipients, string> = { members: '仅会员', non_members: '非会员', mixed: '会员和非会员' };

/** Entry status (条目状态): income and reversals are posted at once; spending waits for the chair. */
export type EntryStatus = 'posted' | 'pending_approval' | 'rejected';
export const ENTRY_STATUS_LABELS: Record<EntryStatus, string> = { posted: '已记账', pending_approval: '待主席审批', rejected: '主席未批准' };

/** How often a union publishes (公示周期): quarterly by default, or monthly. */
export const NOTICE_PERIODS = ['quarter', 'month'] as const;
export type NoticePeriod = (typeof NOTICE_PERIODS)[number];

/** Largest single entry: 1,000 万元 (keeps one amount inside a 32-bit integer column). */
export const MAX_ENTRY_FEN = 1_000_000_000;

/** Attachments (票据): receipt photos or PDFs. */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];
/** 600 KiB: the file goes base64 inside a call, and a call's body is at most 1 MB. */
export const MAX_ATTACHMENT_BYTES = 600 * 1024;
export const MAX_ATTACHMENTS_PER_ENTRY = 5;
