/** Members sign up (报名) and cancel. */
import { defineContract } from '../define';
import { byId } from './schema';

export const signUp = defineContract<{ status: 'signed_up' | 'waitlisted'; position?: number }>()(
  'activity.signUp',
  byId,
  '报名（名额满时进入候补，按先后递补）；重复报名答复当前状态',
);

export const cancelSignUp = defineContract<{ status: 'cancelled' }>()('activity.cancelSignUp', byId, '取消报名（报名截止前；候补第一位自动递补）');
