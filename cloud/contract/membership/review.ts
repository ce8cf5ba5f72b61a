/** Deciding join applications (审核入会申请): one at a time or many at once. */
import { z } from 'zod';
import { defineContract } from '../define';
import { id } from '../common';
import type { Reason } from '../errors';

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
