import { deriveKeys } from './crypto';
import { MEMBER_TOKEN_TTL_SECONDS, issueMemberToken, verifyMemberToken } from './member-token';

const key = deriveKeys(Buffer.alloc(32, 5)).token;
const now = new Date('2026-11-25T10:00:00Z');

it('verifies a fresh token, naming only the member and union ids', () => {
  const { token, expiresAt } = issueMemberToken(key, 'mbr_1', 'bu-1', now);
  expect(expiresAt.getTime() - now.getTime()).toBe(MEMBER_TOKEN_TTL_SECONDS * 1000);
  expect(verifyMemberToken(key, token, now)).toEqual({ ok: true, payload: { memberId: 'mbr_1', unionId: 'bu-1', expiresAt } });
});

it('refuses it once expired, and refuses forged or foreign tokens as invalid', () => {
  const { token } = issueMemberToken(key, 'mbr_1', 'bu-1', now);
  expect(verifyMemberToken(key, token, new Date(now.getTime() + MEMBER_TOKEN_TTL_SECONDS * 1000))).toEqual({ ok: false, problem: 'expired' });
  expect(verifyMemberToken(deriveKeys(Buffer.alloc(32, 6)).token, token, now)).toEqual({ ok: false, problem: 'invalid' });
  expect(verifyMemberToken(key, 'x.y', now)).toEqual({ ok: false, problem: 'invalid' });
});
