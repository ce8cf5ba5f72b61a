import { MEMBER_SESSION, STAFF_SESSION, needsTouch, sessionLifetime, sessionState } from './session';

const t0 = new Date('2026-11-25T00:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const base = { lastSeenAt: t0.toISOString(), idleSeconds: 3600, absoluteExpiresAt: at(86400).toISOString(), revokedAt: null };

describe('session lifetimes', () => {
  it('gives staff a shorter life than members', () => {
    expect(sessionLifetime([])).toBe(MEMBER_SESSION);
    expect(sessionLifetime([{ role: 'reviewer', unionId: 'u' }])).toBe(STAFF_SESSION);
    expect(STAFF_SESSION.idleSeconds).toBeLessThan(MEMBER_SESSION.idleSeconds);
  });

  it('ends at the idle limit, at the absolute limit, and when revoked', () => {
    expect(sessionState(base, at(3599))).toBe('active');
    expect(sessionState(base, at(3600))).toBe('idle_expired');
    expect(sessionState({ ...base, lastSeenAt: at(86000).toISOString() }, at(86400))).toBe('expired');
    expect(sessionState({ ...base, revokedAt: at(1).toISOString() }, at(2))).toBe('revoked');
  });

  it('refreshes last-seen at most once a minute', () => {
    expect(needsTouch(base, at(59))).toBe(false);
    expect(needsTouch(base, at(60))).toBe(true);
  });
});
