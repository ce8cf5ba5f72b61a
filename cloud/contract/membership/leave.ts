/** Leaving the union (退会). */
import { z } from 'zod';
import { defineContract } from '../define';
import { id } from '../common';

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
