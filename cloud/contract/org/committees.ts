/** Committees (委员会): terms and 换届, seats, and the election result with its approval. */
import { z } from 'zod';
import { defineContract } from '../define';
import { id } from '../common';
import type { FileResult } from '../file';

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
export const chinaDay = z
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
