/** The review queue (入会申请列表), with flagged identity attempts (可疑登记). */
import { z } from 'zod';
import { defineContract } from '../define';
import { id } from '../common';
import { APPLICATION_STATUSES, type ApplicationStatus } from './labels';

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
