/**
 * Membership (入会与会员名册): joining by QR code, staff review, the member card and the
 * real-name roster. The join form's schema lives in `membership-apply.ts` (zod/mini, shared
 * with the join page); the rest uses classic zod (staff pages are in a sub-package).
 */
import { z } from 'zod';
import { defineContract } from './define';
import { id } from './common';
import type { FileResult } from './file';
import { applyInput } from './membership-apply';
import {
  APPLICATION_STATUSES,
  IMPORT_MAX_FILE_BYTES,
  IMPORT_MAX_FILE_LABEL,
  REVEAL_FIELDS,
  ROSTER_PAGE_SIZE_MAX,
  type ApplicationStatus,
  type MemberStatus,
  type MyMembershipStatus,
} from './membership.labels';
import type { Reason } from './errors';
import type { UnionKind } from './labels';

/** A unit the worker may pick on the join page, with the union that workers of it join. */
export interface JoinUnitOption {
  id: string;
  name: string;
  unionId: string;
  unionName: string;
  unionKind: UnionKind;
}

/** What the join page shows about an invitation. */
export interface InviteInfo {
  /** The union the code belongs to. */
  union: { id: string; name: string; kind: UnionKind };
  /** The employer, when the code names one (fixed on the form). */
  unit?: { id: string; name: string };
  /** The industry union (行业工会) above. */
  industry: { id: string; name: string };
  /** Why this union, in a sentence for the worker (DOMAIN.md, Joining). */
  explain: string;
  /** Units to choose from (empty when the code names a unit). */
  units: JoinUnitOption[];
  /** The worker may type an employer that is not listed (industry-union codes only). */
  allowOtherUnit: boolean;
  expiresAt: string | null;
}

export const resolveInvite = defineContract<InviteInfo>()(
  'membership.resolveInvite',
  z.strictObject({
    /** The invitation token from the QR code (`t=` of the link, or the mini-program `scene`). */
    token: z.string().trim().min(1, '缺少邀请码').max(512, '邀请码过长'),
  }),
  '读取入会邀请码：加入哪个工会、为什么、可选的工作单位',
);

/** A WeChat URL Link to the mini-program's join page for an invitation (for the H5 join page outside WeChat). */
export interface JoinUrlLink {
  /** `https://wxaurl.cn/…`: opens WeChat and the mini-program's join page with this invitation. */
  urlLink?: string;
  /** When the link stops working. */
  expiresAt?: string;
  /** Why there is no link: `wechat_not_configured` (host without WeChat credentials), `wechat_unavailable`, `wechat_limit`, `wechat_rejected`. */
  unavailable?: { reason: 'wechat_not_configured' | 'wechat_unavailable' | 'wechat_limit' | 'wechat_rejected'; message: string };
}

/**
 * 在微信中打开 (public): the H5 join page opened outside WeChat (phone camera, browser) offers one tap
 * into the mini-program, where the worker logs in with WeChat. The link is made once per invitation
 * and kept until a day before it expires; refused like `resolveInvite` for a bad or stopped code.
 */
export const joinUrlLink = defineContract<JoinUrlLink>()(
  'membership.joinUrlLink',
  z.strictObject({
    /** The invitation token from the H5 link (`t=`). */
    token: z.string().trim().min(1, '缺少邀请码').max(512, '邀请码过长'),
  }),
  '入会邀请码的微信 URL Link（在微信中打开小程序入会页）',
);

export interface ApplyResult {
  applicationId: string;
  status: 'pending';
  /** The union the application went to (a unit with its own base union routes there). */
  unionId: string;
  unionName: string;
  /** True when this login already had a pending application: nothing new was written. */
  duplicate: boolean;
}

export const apply = defineContract<ApplyResult>()('membership.apply', applyInput, '提交入会申请（实名信息与个人信息授权）');

export interface MyStatus {
  status: MyMembershipStatus;
  unionId?: string;
  unionName?: string;
  memberNo?: string;
  /** The reviewer's reason, when rejected. */
  reason?: string;
  applicationId?: string;
  /** When the pending or rejected application was submitted. */
  submittedAt?: string;
  /** 入会时间, for a member. */
  joinedAt?: string;
}

export const myStatus = defineContract<MyStatus>()('membership.myStatus', z.strictObject({}), '我的入会状态');

/** 电子会员卡. `token` is the member QR content: short-lived and signed, never the ID number or openid. */
export interface MemberCard {
  name: string;
  unionName: string;
  memberNo: string;
  joinedAt: string;
  token: string;
  expiresAt: string;
  /** Ask again after this many seconds (before `expiresAt`, whatever the phone's clock says). */
  refreshAfterSeconds: number;
  unitName: string | null;
  industryName: string | null;
  gender: 'male' | 'female';
}

export const card = defineContract<MemberCard>()('membership.card', z.strictObject({}), '电子会员卡（含短时效会员二维码）');

/** One application in the review queue (入会审核). Personal numbers masked. */
export interface ApplicationItem {
  id: string;
  unionId: string;
  name: string;
  unitName: string;
  createdAt: string;
  idNumberMasked: string;
  phoneMasked: string;
  status: ApplicationStatus;
  gender: 'male' | 'female';
  birthDate: string;
  age: number;
  ethnicity: string;
  education: string;
  politicalStatus: string;
  job: string;
  householdType: string;
  consentVersion: string;
  consentedAt: string;
  /** The ID number matches an imported member without a login: approval links this login to that member. */
  linksImportedMember: boolean;
  rejectReason: string | null;
  reviewedAt: string | null;
  memberNo: string | null;
}

/** 可疑登记: another login tried to register an ID number held by this union's member or applicant. */
export interface FlaggedAttempt {
  id: string;
  at: string;
  /** The name the other login typed. */
  name: string;
  idNumberMasked: string;
  phoneMasked: string;
  matched: 'member' | 'application';
  /** The name on the matching member or application. */
  matchedName: string;
  attemptedUnionName: string;
}

export const listApplications = defineContract<{ items: ApplicationItem[]; total: number; flagged: FlaggedAttempt[] }>()(
  'membership.listApplications',
  z.strictObject({
    /** The union whose applications to list. */
    unionId: id,
    /** Which ones: pending (default, oldest first), approved or rejected (newest review first). */
    status: z.enum(APPLICATION_STATUSES, { error: '状态只能是 pending、approved 或 rejected' }).optional(),
    /** At most this many (default 100). */
    limit: z.number().int('须为整数').min(1, '至少 1').max(200, '最多 200').optional(),
  }),
  '入会申请列表（待审核的最早的在前）',
);

const reviewReason = z.string().trim().min(2, '请填写理由（至少 2 个字）').max(100, '理由最多 100 个字');

export const review = defineContract<{ status: 'approved' | 'rejected'; memberNo?: string; memberId?: string }>()(
  'membership.review',
  z
    .strictObject({
      /** The application to decide. */
      applicationId: id,
      /** approve (批准: a member number is assigned) or reject (不批准, with a reason). */
      decision: z.enum(['approve', 'reject'], { error: '请选择批准或不批准' }),
      /** Why not (shown to the worker); required when rejecting. */
      reason: reviewReason.optional(),
    })
    .refine((v) => v.decision !== 'reject' || v.reason !== undefined, { path: ['reason'], message: '不批准时请填写理由' }),
  '审核入会申请：批准（分配会员编号）或不批准（附理由）',
);

export interface BulkResult {
  applicationId: string;
  /** approved, or the refusal reason for this one (not_found, application_not_pending, duplicate_identity). */
  outcome: 'approved' | Reason;
  memberNo?: string;
  message?: string;
}

export const approveMany = defineContract<{ results: BulkResult[]; approved: number }>()(
  'membership.approveMany',
  z.strictObject({
    /** The union whose queue this is. */
    unionId: id,
    /** Applications to approve (each decided on its own: one refusal does not stop the rest). */
    applicationIds: z.array(id).min(1, '请至少选择一份申请').max(100, '一次最多批准 100 份'),
  }),
  '批量批准入会申请',
);

export interface RosterItem {
  memberId: string;
  name: string;
  memberNo: string;
  unitName: string;
  idNumberMasked: string;
  phoneMasked: string;
  status: MemberStatus;
  gender: 'male' | 'female';
  job: string;
  joinedAt: string;
  leftAt: string | null;
}

export const roster = defineContract<{ items: RosterItem[]; total: number; page: number; pageSize: number }>()(
  'membership.roster',
  z.strictObject({
    /** The union whose roster (会员名册) to read. */
    unionId: id,
    /** Name or member number (part of it), a full phone or ID number (exact), or the last 4 digits of a phone. */
    query: z.string().trim().max(40, '最多 40 个字').optional(),
    /** Only members of this unit. */
    unitId: id.optional(),
    /** active (在册, default), left (已退会) or all. */
    status: z.enum(['active', 'left', 'all'], { error: '状态只能是 active、left 或 all' }).optional(),
    /** 1-based page number. */
    page: z.number().int('须为整数').min(1, '页码从 1 开始').max(100000).optional(),
    pageSize: z.number().int('须为整数').min(1, '至少 1').max(ROSTER_PAGE_SIZE_MAX, `最多 ${ROSTER_PAGE_SIZE_MAX}`).optional(),
  }),
  '会员名册：搜索、按单位和状态筛选、分页（号码打码）',
);

export const reveal = defineContract<{ value: string }>()(
  'membership.reveal',
  z.strictObject({
    /** The member whose number to show in full. */
    memberId: id,
    /** idNumber (身份证号) or phone (手机号). */
    field: z.enum(REVEAL_FIELDS, { error: '只能查看身份证号或手机号' }),
    /** Why (kept in the audit log), e.g. 办理困难帮扶. */
    reason: z.string().trim().min(2, '请填写查看理由（至少 2 个字）').max(100, '理由最多 100 个字'),
  }),
  '查看完整身份证号或手机号（须填理由，记入审计日志）',
);

export const leave = defineContract<{ status: 'left'; leftAt: string; duplicate: boolean }>()(
  'membership.leave',
  z.strictObject({
    /** The member who leaves (退会); omitted: the caller themself (a member leaving on their own). */
    memberId: id.optional(),
    /** Why, e.g. 离职、自愿退会 (kept on the member and in the audit log). */
    reason: z.string().trim().min(2, '请填写退会原因（至少 2 个字）').max(100, '原因最多 100 个字'),
  }),
  '办理退会：工会干部为会员办理，或会员本人申请（名册中保留，状态为已退会）',
);

export const exportRoster = defineContract<FileResult & { rows: number }>()(
  'membership.exportRoster',
  z.strictObject({
    /** The union whose roster to export. */
    unionId: id,
    /** active (在册, default) or all (incl. 已退会). */
    status: z.enum(['active', 'all'], { error: '状态只能是 active 或 all' }).optional(),
  }),
  '导出会员名册 .xlsx（全省实名制系统的列格式，身份证号和手机号打码，记入审计日志）',
);

export const exportRosterFull = defineContract<FileResult & { rows: number; remainingToday: number }>()(
  'membership.exportRosterFull',
  z.strictObject({
    /** The union whose roster to export. */
    unionId: id,
    /** active (在册, default) or all (incl. 已退会). */
    status: z.enum(['active', 'all'], { error: '状态只能是 active 或 all' }).optional(),
    /** Why the full numbers leave the system (kept in the audit log and the file's properties), e.g. 报送全省工会会员实名制系统. */
    reason: z.string().trim().min(2, '请填写导出事由（至少 2 个字）').max(100, '事由最多 100 个字'),
  }),
  '完整导出会员名册 .xlsx（含完整身份证号和手机号，报送全省实名制系统用；工会主席，须填事由，每会每天 3 次，记入审计日志）',
);

/** One problem found in an import file: spreadsheet row (0: the whole file), column, what is wrong. */
export interface ImportProblem {
  row: number;
  field: string;
  problem: string;
}

export interface ImportPreview {
  mode: 'preview';
  /** SHA-256 of the file: send it back with `mode: 'confirm'`. */
  fileHash: string;
  totalRows: number;
  validRows: number;
  problems: ImportProblem[];
  /** The first valid rows, masked, for a look before confirming. */
  sample: { row: number; name: string; idNumberMasked: string; phoneMasked: string; unitName: string }[];
  maxRows: number;
}

export interface ImportConfirmed {
  mode: 'confirm';
  importId: string;
  imported: number;
  /** Rows not written, with why (including rows that became duplicates since the preview). */
  skipped: ImportProblem[];
  /** True when this file had been confirmed before: nothing new was written. */
  duplicate: boolean;
}

// base64 of IMPORT_MAX_FILE_BYTES, rounded up to whole 4-character groups.
const MAX_BASE64 = Math.ceil(IMPORT_MAX_FILE_BYTES / 3) * 4;

export const importRoster = defineContract<ImportPreview | ImportConfirmed>()(
  'membership.importRoster',
  z
    .strictObject({
      /** The union whose roster receives the rows. */
      unionId: id,
      /** preview: check every row, write nothing; confirm: write the valid rows of the same file. */
      mode: z.enum(['preview', 'confirm'], { error: 'mode 只能是 preview 或 confirm' }),
      /** The .xlsx file, base64 (at most 4 MB and 10,000 rows before encoding: see docs/roster-xlsx.md). */
      fileBase64: z
        .string()
        .max(MAX_BASE64, `文件过大（上限 ${IMPORT_MAX_FILE_LABEL}；请分成几个文件）`)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容不是 base64'),
      /** The file's name, for the audit log. */
      fileName: z.string().trim().max(120, '文件名过长').optional(),
      /** With confirm: the `fileHash` from the preview the staffer looked at. */
      previewHash: z.string().regex(/^[0-9a-f]{64}$/, '预览编号不正确').optional(),
    })
    .refine((v) => v.mode !== 'confirm' || v.previewHash !== undefined, { path: ['previewHash'], message: '请先预览再确认导入' }),
  '导入会员名册 .xlsx：先预览逐行报告，再确认写入有效行（同一文件重复确认不会重复写入）',
);

export interface UnitStats {
  id: string;
  name: string;
  unionId: string | null;
  unionName: string;
  employees: number;
  members: number;
  /** 入会率 in percent (one decimal), null without an employee count. */
  rate: number | null;
}

export interface UnionStats {
  union: { id: string; name: string; kind: UnionKind };
  totals: { employees: number; members: number; rate: number | null; pending: number };
  /** For the industry union: each base union, plus one line for the industry union's own (direct) members. */
  baseUnions: { id: string; name: string; employees: number; members: number; rate: number | null; pending: number }[];
  units: UnitStats[];
  /** Members whose employer was typed in (not one of the listed units). */
  otherUnitMembers: number;
}

export const stats = defineContract<UnionStats>()(
  'membership.stats',
  z.strictObject({
    /** The union to count (the industry union counts every base union). */
    unionId: id,
  }),
  '会员人数与入会率（按基层工会和会员单位）',
);
