/** Factories for activity tests: a valid `activity.create` input with times relative to a clock. */
import type { InputOf } from '../../cloud/contract';

export type ActivityInput = InputOf<'activity.create'>;

const minutes = (base: Date, m: number) => new Date(base.getTime() + m * 60000).toISOString();

/**
 * An activity of base union bu-cy01 for its own members: sign-up open for 5 more minutes,
 * check-in open from now for an hour, starting in 10 minutes. (The request signature
 * allows the test clock to move at most 15 minutes from real time, so times stay close.)
 */
export function buildActivityInput(now: Date, overrides: Partial<ActivityInput> = {}): ActivityInput {
  return {
    unionId: 'bu-cy01',
    type: 'sports',
    title: '职工趣味运动会',
    description: '拔河、跳绳',
    place: '县体育馆',
    startAt: minutes(now, 10),
    endAt: minutes(now, 70),
    signUpDeadline: minutes(now, 5),
    checkInFrom: minutes(now, 0),
    checkInUntil: minutes(now, 60),
    audience: 'union',
    ...overrides,
  };
}

/** A random nonce, as the app makes one per attempt. */
export function nonce(): string {
  return `n-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
}
