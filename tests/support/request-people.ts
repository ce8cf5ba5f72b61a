/**
 * The people of the request tests (职工诉求), logged in through the real host: two members of
 * bu-cy01 (one of them submits anonymously, with their identity so a test can look for leaks),
 * bu-cy01's staff, chair and reviewer, another base union's staff, the industry admin and the
 * industry union's staff. `key` keeps one test file's logins apart from another's.
 */
import type { TestHost } from './host';

export interface RequestPeople {
  member: string;
  /** Submits only anonymous requests. */
  anonMember: string;
  /** Who the anonymous submitter is: no output for anyone else may contain these. */
  anonMe: { name: string; memberNo: string; memberId: string };
  staff: string;
  chair: string;
  reviewer: string;
  otherStaff: string;
  admin: string;
  industryStaff: string;
  otherMember: string;
}

export async function loginRequestPeople(t: TestHost, key: string): Promise<RequestPeople> {
  const member = await t.login('member', 'bu-cy01', `${key}-a`);
  const anonMember = await t.login('member', 'bu-cy01', `${key}-anon`);
  const me = await t.call('auth.me', {}, anonMember);
  return {
    member,
    anonMember,
    anonMe: { name: me.user.displayName, memberNo: me.user.memberOf!.memberNo, memberId: me.user.memberOf!.memberId },
    staff: await t.login('staff', 'bu-cy01', key),
    chair: await t.login('chair', 'bu-cy01', key),
    reviewer: await t.login('reviewer', 'bu-cy01', key),
    otherStaff: await t.login('staff', 'bu-cy02', key),
    admin: await t.login('industryAdmin', undefined, key),
    industryStaff: await t.login('staff', 'ind-cy', key),
    otherMember: await t.login('member', 'bu-cy01', `${key}-b`),
  };
}
