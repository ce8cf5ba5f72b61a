/**
 * Submitting a join application (提交入会申请). The form's schema lives in `apply-form.ts`
 * (zod/mini, shared with the light join page).
 */
import { defineContract } from '../define';
import { applyInput } from './apply-form';

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
