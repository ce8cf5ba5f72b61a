import { REASONS } from '../errors';
import { create, timeProblems, update } from './manage';

it('gives every refusal reason its own integer code (the SDK carries only the code)', () => {
  const codes = Object.values(REASONS).map((r) => r.code);
  expect(new Set(codes).size).toBe(codes.length);
});

describe('activity form rules (shared by the app and the host)', () => {
  const valid = {
    unionId: 'bu-1',
    type: 'training',
    title: '消防培训',
    place: '会议室',
    startAt: '2026-05-01T09:00:00+08:00',
    endAt: '2026-05-01T11:00:00+08:00',
    signUpDeadline: '2026-04-30T18:00:00+08:00',
    audience: 'union',
  };

  it('accepts a valid activity and refuses unknown fields', () => {
    expect(create.input.safeParse(valid).success).toBe(true);
    expect(create.input.safeParse({ ...valid, colour: 'red' }).success).toBe(false);
  });

  it('points at the field that breaks a time rule', () => {
    const r = create.input.safeParse({ ...valid, endAt: '2026-05-01T08:00:00+08:00' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['endAt']);
    expect(timeProblems({ endAt: '2026-05-01T03:00:00Z', signUpDeadline: '2026-05-02T00:00:00Z' })).toEqual([{ path: 'signUpDeadline', message: '报名截止时间不能晚于活动结束' }]);
    expect(timeProblems({ checkInFrom: '2026-05-01T03:00:00Z', checkInUntil: '2026-05-01T02:00:00Z' })[0]?.path).toBe('checkInUntil');
  });

  it('limits the quota and lengths, and lets an edit remove the quota', () => {
    expect(create.input.safeParse({ ...valid, quota: 0 }).success).toBe(false);
    expect(create.input.safeParse({ ...valid, quota: 2.5 }).success).toBe(false);
    expect(create.input.safeParse({ ...valid, title: 'x'.repeat(61) }).success).toBe(false);
    expect(update.input.safeParse({ id: 'a', quota: null }).success).toBe(true);
    expect(update.input.safeParse({ id: 'a' }).success).toBe(true);
  });
});
