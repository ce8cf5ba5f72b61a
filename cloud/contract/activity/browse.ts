/** Reading activities (活动列表、详情、我的活动). */
import { z } from 'zod';
import { defineContract } from '../define';
import { id } from '../common';
import { ACTIVITY_STATUSES, type ActivityPhase, type ActivityStatus, type ActivityType, type Audience, type SignUpStatus } from './labels';
import { byId } from './schema';

/** A member's own standing in one activity. */
export type MyActivityStatus = 'signed_up' | 'waitlisted' | 'checked_in';

/** One activity in the members' list. */
export interface ActivityListItem {
  id: string;
  title: string;
  type: ActivityType;
  startAt: string;
  endAt: string;
  place: string;
  /** 已报名人数. */
  signedUp: number;
  /** 名额; null: no limit. */
  quota: number | null;
  waitlisted: number;
  signUpDeadline: string;
  status: ActivityStatus;
  phase: ActivityPhase;
  audience: Audience;
  unionName: string;
  /** My standing, when I signed up (and did not cancel) or checked in. */
  mine?: MyActivityStatus;
}

export const list = defineContract<{ items: ActivityListItem[]; member: boolean }>()(
  'activity.list',
  z.strictObject({}),
  '会员可参加的活动（未结束的按时间先后在前，其后是近期已结束的）',
);

/** One activity in the staff list of a union. */
export interface StaffActivityItem extends Omit<ActivityListItem, 'mine'> {
  checkedIn: number;
}

export const listByUnion = defineContract<{ items: StaffActivityItem[] }>()(
  'activity.listByUnion',
  z.strictObject({
    /** The organising union whose activities to list (all states, drafts included). */
    unionId: id,
    /** Only activities in this state. */
    status: z.enum(ACTIVITY_STATUSES).optional(),
  }),
  '本工会的活动（干部，含草稿）',
);

/** The full activity, for members (if in its audience) and for its staff. */
export interface ActivityDetail extends ActivityListItem {
  description: string;
  organizer: string;
  unionId: string;
  checkInFrom: string;
  checkInUntil: string;
  allowWalkIn: boolean;
  cancelReason: string | null;
  /** Sign-up possible now (published, before the deadline). */
  signUpOpen: boolean;
  /** Check-in possible now (published, inside the window). */
  checkInOpen: boolean;
  /** My sign-up, if any (also when cancelled); `status` null for a walk-in check-in without one. */
  mySignUp?: { status: SignUpStatus | null; position?: number; checkedInAt?: string };
  /** The caller may manage it (staff of the organising union). */
  canManage: boolean;
  /** Staff only: number checked in. */
  checkedIn?: number;
}

export const get = defineContract<ActivityDetail>()('activity.get', byId, '活动详情');

/** One entry of 我的活动. */
export interface MyActivityItem {
  id: string;
  title: string;
  type: ActivityType;
  startAt: string;
  endAt: string;
  place: string;
  status: ActivityStatus;
  phase: ActivityPhase;
  signUp: SignUpStatus | null;
  /** Place in the waiting list (1 = next to be promoted). */
  position?: number;
  checkedInAt?: string;
  /** Why the union cancelled the activity. */
  cancelReason?: string;
}

export const mine = defineContract<{ items: MyActivityItem[] }>()('activity.mine', z.strictObject({}), '我的活动：报名、候补、签到与已取消的活动');
