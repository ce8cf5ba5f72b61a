import { admit, decideCheckIn, defaultCheckInWindow, diff, inAudience, phaseOf, promotable, scanTime, signUpRefusal, type ActivityRules, type CheckInFacts } from './activity';

/** A published activity on 2026-05-01, 09:00–11:00 UTC, check-in 08:30–11:00, sign-up until 30 April. */
function buildActivity(overrides: Partial<ActivityRules> = {}): ActivityRules {
  return {
    status: 'published',
    unionId: 'bu-1',
    industryUnionId: 'ind',
    audience: 'union',
    startAt: '2026-05-01T09:00:00.000Z',
    endAt: '2026-05-01T11:00:00.000Z',
    signUpDeadline: '2026-04-30T12:00:00.000Z',
    checkInFrom: '2026-05-01T08:30:00.000Z',
    checkInUntil: '2026-05-01T11:00:00.000Z',
    allowWalkIn: false,
    ...overrides,
  };
}

const member = { unionId: 'bu-1', industryUnionId: 'ind' };
const during = new Date('2026-05-01T09:10:00Z');

function facts(overrides: Partial<CheckInFacts> = {}): CheckInFacts {
  return { activity: buildActivity(), proof: 'ok', member, signUp: 'signed_up', checkedInAt: null, at: during, ...overrides };
}

const decide = (f: Partial<CheckInFacts>) => decideCheckIn(facts(f), 'invalid_checkin_code');

describe('who may take part', () => {
  it('a union activity is for its own members; an industry activity for every member of the industry union', () => {
    expect(inAudience(buildActivity(), member)).toBe(true);
    expect(inAudience(buildActivity(), { unionId: 'bu-2', industryUnionId: 'ind' })).toBe(false);
    expect(inAudience(buildActivity({ audience: 'industry' }), { unionId: 'bu-2', industryUnionId: 'ind' })).toBe(true);
    expect(inAudience(buildActivity({ audience: 'industry' }), { unionId: 'bu-9', industryUnionId: 'other' })).toBe(false);
  });
});

describe('sign-up', () => {
  it('is open for a published activity until the deadline', () => {
    expect(signUpRefusal(buildActivity(), new Date('2026-04-30T12:00:00Z'))).toBeNull();
    expect(signUpRefusal(buildActivity(), new Date('2026-04-30T12:00:01Z'))).toBe('signup_closed');
    expect(signUpRefusal(buildActivity({ status: 'draft' }), new Date('2026-04-01T00:00:00Z'))).toBe('signup_closed');
    expect(signUpRefusal(buildActivity({ status: 'cancelled' }), new Date('2026-04-01T00:00:00Z'))).toBe('activity_cancelled');
    expect(signUpRefusal(buildActivity({ status: 'finished' }), new Date('2026-04-01T00:00:00Z'))).toBe('signup_closed');
  });

  it('gives places while the quota lasts, then a waiting list; a raised quota promotes that many', () => {
    expect(admit(2, 1)).toBe('signed_up');
    expect(admit(2, 2)).toBe('waitlisted');
    expect(admit(null, 10_000)).toBe('signed_up');
    expect(promotable(5, 3, 10)).toBe(2);
    expect(promotable(5, 5, 10)).toBe(0);
    expect(promotable(null, 5, 10)).toBe(10);
  });
});

describe('check-in (with a controlled clock)', () => {
  it('checks in a signed-up member inside the window', () => {
    expect(decide({})).toEqual({ kind: 'check_in', walkIn: false });
    expect(decide({ at: new Date('2026-05-01T08:30:00Z') })).toEqual({ kind: 'check_in', walkIn: false });
    expect(decide({ at: new Date('2026-05-01T11:00:00Z') })).toEqual({ kind: 'check_in', walkIn: false });
  });

  it('refuses outside the window, and after the activity was finished', () => {
    expect(decide({ at: new Date('2026-05-01T08:29:59Z') })).toEqual({ kind: 'refuse', reason: 'outside_checkin_window' });
    expect(decide({ at: new Date('2026-05-01T11:00:01Z') })).toEqual({ kind: 'refuse', reason: 'outside_checkin_window' });
    expect(decide({ activity: buildActivity({ status: 'finished' }) })).toEqual({ kind: 'refuse', reason: 'outside_checkin_window' });
  });

  it('answers a second check-in as a duplicate with the first time, even with an old code', () => {
    const first = '2026-05-01T09:01:00.000Z';
    expect(decide({ checkedInAt: first })).toEqual({ kind: 'duplicate', checkedInAt: first });
    expect(decide({ checkedInAt: first, proof: 'expired' })).toEqual({ kind: 'duplicate', checkedInAt: first });
  });

  it('refuses an old code, a forged code, a non-member and someone outside the audience', () => {
    expect(decide({ proof: 'expired' })).toEqual({ kind: 'refuse', reason: 'code_expired' });
    expect(decide({ proof: 'invalid' })).toEqual({ kind: 'refuse', reason: 'invalid_checkin_code' });
    expect(decide({ member: null })).toEqual({ kind: 'refuse', reason: 'not_member' });
    expect(decide({ member: { unionId: 'bu-2', industryUnionId: 'ind' } })).toEqual({ kind: 'refuse', reason: 'not_member' });
  });

  it('refuses members who did not sign up or only wait, unless walk-ins are allowed', () => {
    expect(decide({ signUp: null })).toEqual({ kind: 'refuse', reason: 'not_signed_up' });
    expect(decide({ signUp: 'waitlisted' })).toEqual({ kind: 'refuse', reason: 'not_signed_up' });
    expect(decide({ signUp: 'cancelled' })).toEqual({ kind: 'refuse', reason: 'not_signed_up' });
    expect(decide({ signUp: null, activity: buildActivity({ allowWalkIn: true }) })).toEqual({ kind: 'check_in', walkIn: true });
  });

  it('refuses a cancelled activity, and treats a draft\'s code as invalid', () => {
    expect(decide({ activity: buildActivity({ status: 'cancelled' }) })).toEqual({ kind: 'refuse', reason: 'activity_cancelled' });
    expect(decide({ activity: buildActivity({ status: 'draft' }) })).toEqual({ kind: 'refuse', reason: 'invalid_checkin_code' });
  });
});

describe('helpers', () => {
  it('opens check-in 30 minutes before the start by default', () => {
    expect(defaultCheckInWindow('2026-05-01T09:00:00.000Z', '2026-05-01T11:00:00.000Z')).toEqual({ from: '2026-05-01T08:30:00.000Z', until: '2026-05-01T11:00:00.000Z' });
  });

  it('tells the phase from the times', () => {
    const a = buildActivity();
    expect(phaseOf(a, new Date('2026-05-01T08:59:59Z'))).toBe('upcoming');
    expect(phaseOf(a, during)).toBe('ongoing');
    expect(phaseOf(a, new Date('2026-05-01T11:00:00Z'))).toBe('ended');
  });

  it('bounds an offline scan\'s time: not after the upload, not more than 7 days before', () => {
    const now = new Date('2026-05-01T10:00:00Z');
    expect(scanTime('2026-05-01T09:00:00Z', now)).toEqual(new Date('2026-05-01T09:00:00Z'));
    expect(scanTime('2026-05-01T12:00:00Z', now)).toEqual(now);
    expect(scanTime('2026-04-20T09:00:00Z', now)).toBeNull();
  });

  it('lists changed fields with before and after', () => {
    expect(diff({ title: 'a', quota: 5, place: 'x' }, { title: 'b', quota: 5, place: undefined })).toEqual({ title: ['a', 'b'] });
  });
});
