/**
 * Activity (活动) constants and labels the app needs at run time. Zod-free, so a page
 * that only shows activities does not pull the schema library into its bundle.
 */

/** 活动类型: 文体活动 / 培训 / 劳动竞赛 / 慰问 / 其他. */
export const ACTIVITY_TYPES = ['sports', 'training', 'contest', 'care', 'other'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ACTIVITY_TYPE_LABELS: Record<ActivityType, string> = {
  sports: '文体活动',
  training: '培训',
  contest: '劳动竞赛',
  care: '慰问',
  other: '其他',
};

/**
 * 活动状态. States and transitions:
 *
 *     draft (草稿) ──publish──▶ published (已发布) ──finish──▶ finished (已结束)
 *       │                          │
 *       └──────────cancel──────────┴──▶ cancelled (已取消)
 *
 * Only `published` takes sign-ups and check-ins; members never see drafts.
 * `update` is allowed in draft and published (audited with before/after values).
 */
export const ACTIVITY_STATUSES = ['draft', 'published', 'cancelled', 'finished'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export const ACTIVITY_STATUS_LABELS: Record<ActivityStatus, string> = {
  draft: '草稿',
  published: '已发布',
  cancelled: '已取消',
  finished: '已结束',
};

/** 面向对象: members of the organising union only, or every member of the industry union. */
export const AUDIENCES = ['union', 'industry'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const AUDIENCE_LABELS: Record<Audience, string> = {
  union: '本工会会员',
  industry: '全行业会员',
};

/**
 * A member's sign-up (报名) states:
 *
 *     signed_up (已报名) ◀──promoted in order when a place frees──  waitlisted (候补)
 *         │                                                             │
 *         └────────────── cancelSignUp ──▶ cancelled (已取消报名) ◀──────┘
 *
 * A cancelled sign-up may sign up again (it goes to the back of the queue).
 */
export const SIGN_UP_STATUSES = ['signed_up', 'waitlisted', 'cancelled'] as const;
export type SignUpStatus = (typeof SIGN_UP_STATUSES)[number];

export const SIGN_UP_STATUS_LABELS: Record<SignUpStatus, string> = {
  signed_up: '已报名',
  waitlisted: '候补中',
  cancelled: '已取消报名',
};

/** Time phase of an activity, computed from its times (not stored). */
export type ActivityPhase = 'upcoming' | 'ongoing' | 'ended';

export const PHASE_LABELS: Record<ActivityPhase, string> = {
  upcoming: '未开始',
  ongoing: '进行中',
  ended: '已结束',
};

/** What one check-in attempt came to. */
export type CheckInOutcome = 'checked_in' | 'duplicate' | 'refused';

export const CHECK_IN_OUTCOME_LABELS: Record<CheckInOutcome, string> = {
  checked_in: '签到成功',
  duplicate: '重复签到',
  refused: '签到被拒',
};

/** How a check-in was made: the member scanned the station's code, or staff scanned the member card. */
export type CheckInMethod = 'code' | 'scan';

export const CHECK_IN_METHOD_LABELS: Record<CheckInMethod, string> = {
  code: '扫签到码',
  scan: '干部扫会员码',
};

/** The station's rotating code changes every this many seconds; the current and previous step are accepted. */
export const CHECK_IN_STEP_SECONDS = 15;

/** Default check-in window: opens this many minutes before the start, closes at the end. */
export const DEFAULT_CHECK_IN_LEAD_MINUTES = 30;

/** Limits shared by the form and the server. */
export const ACTIVITY_LIMITS = {
  title: 60,
  description: 2000,
  place: 100,
  organizer: 60,
  quota: 100000,
  cancelReason: 200,
  recordText: 5000,
  scanBatch: 100,
} as const;
