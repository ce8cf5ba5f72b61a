/** A worker's own membership status (我的入会状态). */
import { z } from 'zod';
import { defineContract } from '../define';
import type { MyMembershipStatus } from './labels';

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
