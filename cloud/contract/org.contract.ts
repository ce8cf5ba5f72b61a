import { z } from 'zod';
import { defineContract } from './define';
import { id } from './common';
import type { Reason } from './errors';

/** A member unit (会员单位 / 企业) with its employee count (职工人数). */
export interface UnitNode {
  id: string;
  name: string;
  employees: number;
}

/** The organisation tree (组织架构): industry union → base unions → units. */
export interface OrgTree {
  id: string;
  name: string;
  /** Named only: the upper-level union outside the system (上级工会). */
  upperUnionName: string | null;
  baseUnions: { id: string; name: string; units: UnitNode[] }[];
  /** Member units with no base union of their own: their workers join the industry union directly. */
  directUnits: UnitNode[];
}

export const tree = defineContract<OrgTree>()('org.tree', z.strictObject({}), '组织架构：行业工会、基层工会、会员单位');

/** A join invitation (入会邀请码) as staff see it. */
export interface InvitationInfo {
  id: string;
  /** The signed token (`t=` of the link). */
  token: string;
  /** Opens the join page: `{UNION_PUBLIC_URL}/#/pages/join/index?t=<token>`. */
  url: string;
  /** The short signed form for a mini-program code's `scene` (≤ 32 characters). */
  scene: string;
  unionId: string;
  unitId: string | null;
  unitName: string | null;
  label: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  /** active (可用) | revoked (已停用) | expired (已过期). */
  state: 'active' | 'revoked' | 'expired';
  /** Applications made with this code. */
  applications: number;
  /**
   * The code the poster and the staff page show: `miniProgram` (小程序码, 微信扫一扫) when the host has
   * WeChat credentials, else `link` (the QR of `url`, for WeChat or any phone camera). A poster made
   * while WeChat is unreachable falls back to `link` and says so (`org.invitePoster` → `codeKind`).
   */
  posterCode: 'miniProgram' | 'link';
}

/** Why WeChat's part is missing although the host has credentials (outage, timeout, quota…). */
export interface WechatFallback {
  reason: Reason;
  /** For staff, in Chinese: what happened and what is used instead. */
  message: string;
}

/** `org.invite`'s answer: the invitation, and what WeChat made for it when the host has credentials. */
export interface InviteResult extends InvitationInfo {
  /** The mini-program code (PNG, base64) opening `pages/join/index` with `scene`; only with WeChat credentials. */
  miniProgramCode?: string;
  /** A WeChat URL Link (`https://wxaurl.cn/…`) to the join page for this invitation; only with WeChat credentials. */
  urlLink?: string;
  /** When `urlLink` stops working (WeChat allows 30 days at most; `membership.joinUrlLink` renews it). */
  urlLinkExpiresAt?: string;
  /** Present when the host has WeChat credentials but WeChat did not deliver: the invitation works with its H5 link. */
  wechatFallback?: WechatFallback;
}

/** A join invitation (入会邀请码). */
export const invite = defineContract<InviteResult>()(
  'org.invite',
  z.strictObject({
    /** The union the worker joins (base union or the industry union). */
    unionId: id,
    /** Pre-fills the employer (工作单位) on the join page. */
    unitId: id.optional(),
    /** Days until the code stops working; none: valid until revoked. */
    expiresInDays: z.number().int('须为整数').min(1, '至少 1 天').max(3650, '最多 3650 天').optional(),
    /** A note for staff: where the code is posted (e.g. 后厨门口). */
    label: z.string().trim().min(1, '不能为空').max(30, '最多 30 个字').optional(),
  }),
  '生成入会邀请码（二维码内容）',
);

/** 邀请码列表: the union's codes, newest first, with their state and how many applied with each. */
export const listInvites = defineContract<{ items: InvitationInfo[] }>()(
  'org.listInvites',
  z.strictObject({
    /** The union whose codes to list. */
    unionId: id,
  }),
  '入会邀请码列表',
);

/** 停用邀请码: the code stops working at once (the join page says so); repeated calls are harmless. */
export const revokeInvite = defineContract<{ id: string; state: 'revoked'; revokedAt: string; duplicate: boolean }>()(
  'org.revokeInvite',
  z.strictObject({
    /** The invitation to stop. */
    invitationId: id,
  }),
  '停用入会邀请码',
);

/** A file to save: base64 content with its name and type. */
export interface FileResult {
  fileName: string;
  mimeType: string;
  base64: string;
}

/** The poster or code image, and which code it carries. */
export interface PosterResult extends FileResult {
  /** `miniProgram`: WeChat's 小程序码 (微信扫一扫); `link`: the QR of the H5 link (微信或手机相机). */
  codeKind: 'miniProgram' | 'link';
  /** Present when the host has WeChat credentials but the mini-program code could not be had: `link` was used. */
  wechatFallback?: WechatFallback;
}

/**
 * 下载海报: `svg` is the printable A4 poster; `png` the bare code (the mini-program code when the
 * host has WeChat credentials, else the link's QR code, 512 px).
 */
export const invitePoster = defineContract<PosterResult>()(
  'org.invitePoster',
  z.strictObject({
    /** The invitation to print. */
    invitationId: id,
    /** `svg`: A4 poster with the union name and instructions; `png`: the QR code alone. */
    format: z.enum(['svg', 'png'], { error: '格式只能是 svg 或 png' }),
  }),
  '入会二维码海报（SVG）或二维码图片（PNG）',
);

// ------------------------------------------------------------------ committees (委员会) and 规范化建设

/** One seat and its holder. */
export interface SeatInfo {
  id: string;
  role: 'chair' | 'vice_chair' | 'member';
  /** The member holding it, when the holder is on this union's roster. */
  memberId: string | null;
  name: string;
  /** Holds the seat since (China date). */
  since: string;
}

/** 换届批复文件: metadata of the upper union's approval document of a term (download with `org.approvalFile`). */
export interface TermApprovalFileInfo {
  id: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  /** early 提前换届 | late 延期换届 | on_time (given although not required). */
  timing: 'early' | 'late' | 'on_time';
  /** The term start it approves. */
  termStart: string;
  uploadedAt: string;
}

/** A committee as staff see it, with the rules checked live against the roster. */
export interface CommitteeInfo {
  kind: 'union' | 'audit' | 'women';
  /** 委员会 or single office (经审员 / 女职工委员) as recorded; null: not set up yet. */
  form: 'committee' | 'single' | null;
  /** What the rules require now, from the live member and women counts. */
  requiredForm: 'committee' | 'single';
  /** Name shown (e.g. 经费审查委员会, 经费审查员). */
  label: string;
  exists: boolean;
  termStart: string | null;
  termEnd: string | null;
  /** ok | due (6 个月内应换届) | overdue (已逾期). null when not set up. */
  reelection: 'ok' | 'due' | 'overdue' | null;
  upperApprovalNote: string | null;
  /** The upper union's written approval of this term's early or late start, as a document (批复文件). */
  upperApprovalFile: TermApprovalFileInfo | null;
  electionStatus: 'none' | 'pending' | 'approved';
  electionApprovalRef: string | null;
  electionApprovedOn: string | null;
  seats: SeatInfo[];
  /** Vacancies (空缺), e.g. 主席空缺. */
  vacancies: string[];
  /** Rule problems in Chinese (size, form, term); empty when all is well. */
  problems: string[];
}

/** A re-election due or overdue (换届提醒). */
export interface ReelectionItem {
  unionId: string;
  unionName: string;
  kind: 'union' | 'audit' | 'women';
  label: string;
  termEnd: string;
  state: 'due' | 'overdue';
}

export interface CommitteesResult {
  unionId: string;
  unionName: string;
  unionKind: 'industry' | 'base';
  /** Live from the roster: active members and active women members. */
  members: number;
  women: number;
  committees: CommitteeInfo[];
  /** This union's, and for the industry union also its base unions', due and overdue re-elections. */
  reelections: ReelectionItem[];
}

const kind = z.enum(['union', 'audit', 'women'], { error: '委员会只能是 union、audit 或 women' });
/** A calendar date (YYYY-MM-DD) that exists: 2026-02-30 is refused. */
const chinaDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d, '没有这一天');

/** 委员会: the union's three committees, their seats, terms, election approval and rule problems. */
export const committees = defineContract<CommitteesResult>()(
  'org.committees',
  z.strictObject({
    /** The union (base or industry). */
    unionId: id,
  }),
  '本工会的委员会、委员、任期和换届提醒',
);

/** 设置任期: creates the committee or starts a new term (换届); the term must be 3–5 years. */
export const setTerm = defineContract<{ kind: 'union' | 'audit' | 'women'; termStart: string; termEnd: string; form: 'committee' | 'single'; upperApprovalFile: TermApprovalFileInfo | null }>()(
  'org.setTerm',
  z.strictObject({
    unionId: id,
    /** union 工会委员会 | audit 经费审查委员会/经审员 | women 女职工委员会/女职工委员. */
    kind,
    /** committee (委员会) or single (一人担任: 经审员 / 女职工委员; not for the union committee). */
    form: z.enum(['committee', 'single'], { error: '只能是 committee 或 single' }),
    /** 本届开始日期. */
    termStart: chinaDay,
    /** 本届届满日期 (3–5 years after the start). */
    termEnd: chinaDay,
    /** An early or late re-election: the upper union's written approval (批复文号或说明). */
    upperApprovalNote: z.string().trim().min(1, '不能为空').max(200, '最多 200 个字').optional(),
    /**
     * The upper union's written approval as a document (批复文件: a photo or scan, JPG/PNG/WebP or
     * PDF, at most 5 MB, base64). Required when the new term starts early (more than 6 months before
     * the old term ends) or late (after it ended); kept with the term otherwise too.
     */
    upperApprovalFile: z
      .strictObject({
        /** The name of the picked file (the stored name ends in the real type's extension). */
        fileName: z.string().trim().min(1, '不能为空').max(120, '最多 120 个字'),
        base64: z.string().min(1, '请选择文件'),
      })
      .optional(),
  }),
  '设置委员会任期（换届）',
);

/** 下载换届批复文件: the upper union's approval document of a term, for that union's staff (audited). */
export const approvalFile = defineContract<FileResult & { id: string; sizeBytes: number; sha256: string }>()(
  'org.approvalFile',
  z.strictObject({
    /** The union whose committee it belongs to. */
    unionId: id,
    /** The document (`upperApprovalFile.id` of `org.committees`). */
    fileId: id,
  }),
  '下载换届的上级批复文件（记入审计日志）',
);

/** 设置席位: a holder for a seat (a member of this union, or a named person), or vacate a seat. */
export const setSeat = defineContract<{ seat: SeatInfo | null; ended: string | null }>()(
  'org.setSeat',
  z.strictObject({
    unionId: id,
    kind,
    /** chair 主席/主任 | vice_chair 副主席/副主任 | member 委员. */
    role: z.enum(['chair', 'vice_chair', 'member'], { error: '席位只能是 chair、vice_chair 或 member' }),
    /** The holder from this union's roster… */
    memberId: id.optional(),
    /** …or a named person (e.g. the employer's representative who is not a member). */
    personName: z.string().trim().min(1, '不能为空').max(30, '最多 30 个字').optional(),
    /** Holds the seat since (China date); default today. */
    since: chinaDay.optional(),
    /** Ends this seat (the holder leaves it; the old holder of a chair is replaced by giving a new holder). */
    endSeatId: id.optional(),
  }),
  '设置委员会席位（任职、免职）',
);

/** 选举结果报批: the chair / vice-chair election result and the upper union's approval. */
export const recordElection = defineContract<{ kind: 'union' | 'audit' | 'women'; electionStatus: 'pending' | 'approved'; electionApprovalRef: string | null; electionApprovedOn: string | null }>()(
  'org.recordElection',
  z.strictObject({
    unionId: id,
    kind,
    /** pending 待批准 (报上级) | approved 已批准. */
    status: z.enum(['pending', 'approved'], { error: '只能是 pending 或 approved' }),
    /** 上级工会批复文号 (required when approved). */
    approvalRef: z.string().trim().min(1, '不能为空').max(100, '最多 100 个字').optional(),
    /** 批复日期 (China date; default today when approved). */
    approvedOn: chinaDay.optional(),
  }),
  '记录主席、副主席选举结果及上级批复',
);

/** The standardisation checklist (规范化建设) of one base union. */
export interface ComplianceResult {
  unionId: string;
  unionName: string;
  /** 0–100: share of scored items passing. */
  score: number;
  passed: number;
  scored: number;
  membershipRateTarget: number;
  items: {
    key: string;
    label: string;
    /** pass 达标 | fail 未达标 | unscored 数据待接入 (not counted). */
    status: 'pass' | 'fail' | 'unscored';
    detail: string;
    nextStep: string | null;
    /** Ticked by staff; `note` is their evidence note. */
    manual: boolean;
    note?: string | null;
    /** A hand-ticked item's evidence photo (fetch it with `org.tickPhoto`); null without one. */
    photo?: { mimeType: string; sizeBytes: number; at: string } | null;
  }[];
  /** 主席年度述职 recorded for this union, newest first. */
  chairReports: { year: number; reportedOn: string; note: string | null }[];
}

/** 规范化建设: one base union's checklist with a score and, for each failing item, what to do next. */
export const compliance = defineContract<ComplianceResult>()(
  'org.compliance',
  z.strictObject({
    /** The base union. */
    unionId: id,
  }),
  '基层工会规范化建设检查清单和得分',
);

/** 规范化建设总览: every base union of the industry union with its score and failing items. */
export const complianceOverview = defineContract<{ membershipRateTarget: number; items: { unionId: string; unionName: string; score: number; failing: { key: string; label: string }[] }[] }>()(
  'org.complianceOverview',
  z.strictObject({
    /** The industry union. */
    unionId: id,
  }),
  '行业工会：各基层工会规范化建设得分一览',
);

/** 入会率目标: the industry union sets the target every unit of its base unions is measured against. */
export const setComplianceTarget = defineContract<{ membershipRateTarget: number }>()(
  'org.setComplianceTarget',
  z.strictObject({
    /** The industry union. */
    unionId: id,
    /** 入会率目标, per cent (1–100). */
    membershipRateTarget: z.number().int('须为整数').min(1, '至少 1%').max(100, '最多 100%'),
  }),
  '设置入会率目标',
);

/** 勾选: an item the data cannot show (牌子、印章、办公场所、制度上墙), with a photo and a note as evidence. */
export const tickItem = defineContract<{ item: string; done: boolean; note: string | null; photo: { mimeType: string; sizeBytes: number; at: string } | null }>()(
  'org.tickItem',
  z.strictObject({
    /** The base union. */
    unionId: id,
    /** sign 工会牌子 | seal 印章 | office 办公场所 | rules 制度上墙. */
    item: z.enum(['sign', 'seal', 'office', 'rules'], { error: '未知的检查项' }),
    done: z.boolean({ error: '须为 true 或 false' }),
    /** 佐证说明 (e.g. 牌子挂在二楼办公室门口). */
    note: z.string().trim().min(1, '不能为空').max(200, '最多 200 个字').optional(),
    /**
     * 佐证照片 (JPG, PNG or WebP, at most 2 MB, base64): required to tick an item (done = true)
     * unless it is already ticked with a photo (then the note alone can change).
     */
    photoBase64: z.string().min(1, '请选择照片').optional(),
  }),
  '规范化建设：人工勾选项（须附照片佐证）',
);

/** 佐证照片: the photo a hand-ticked item was confirmed with. */
export const tickPhoto = defineContract<FileResult & { at: string }>()(
  'org.tickPhoto',
  z.strictObject({
    /** The base union. */
    unionId: id,
    /** sign | seal | office | rules. */
    item: z.enum(['sign', 'seal', 'office', 'rules'], { error: '未知的检查项' }),
  }),
  '规范化建设：查看人工勾选项的佐证照片',
);

/** 主席年度述职: the chair reported on a year's work to the members' (representatives') congress. */
export const recordChairReport = defineContract<{ year: number; reportedOn: string; note: string | null; duplicate: boolean }>()(
  'org.recordChairReport',
  z
    .strictObject({
      /** The base union. */
      unionId: id,
      /** The year reported on (述职年度). */
      year: z.number().int('须为整数').min(2000, '年份不正确').max(2100, '年份不正确'),
      /** The congress date (会员大会或会员代表大会召开日期), China date. */
      reportedOn: chinaDay,
      /** e.g. 第三届会员代表大会第二次会议，到会 45 人. */
      note: z.string().trim().min(1, '不能为空').max(200, '最多 200 个字').optional(),
    })
    .refine((i) => Number(i.reportedOn.slice(0, 4)) >= i.year, { path: ['reportedOn'], message: '述职日期不能早于所述年度' }),
  '规范化建设：记录主席向会员（代表）大会的年度述职',
);

/** 导出总览 (.xlsx): every base union with its score and failing items. */
export const exportComplianceOverview = defineContract<FileResult & { rows: number }>()(
  'org.exportComplianceOverview',
  z.strictObject({
    /** The industry union. */
    unionId: id,
  }),
  '规范化建设总览导出 .xlsx（各基层工会得分和未达标项）',
);
