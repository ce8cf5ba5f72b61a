/**
 * Demo data for membership (入会演示数据): invitation codes for a base union, a unit of the
 * joint base union and the industry union, and pending applications in several unions, so the
 * review queue, the roster and the posters have something to show on `npm start`. Fixed ids,
 * so the policy matrix and the API docs can name them.
 */
import type { Transaction } from 'kysely';
import type { Keys } from '../domain/crypto';
import { newId } from '../domain/crypto';
import { demoPerson } from '../domain/demo-people';
import { parseIdNumber } from '../contract/fields/id-number';
import { parsePhone } from '../contract/fields/phone';
import { chinaDate } from '../domain/time';
import { CONSENT_VERSION } from '../contract/membership/labels';
import { insertApplication } from '../storage/membership.repository';
import type { Database } from '../storage/schema';

/** 味香园 (bu-cy01) code without a unit. */
export const DEMO_INVITATION_ID = 'inv_demo_cy01';
/** A pending application in bu-cy01 (the policy matrix approves it). */
export const DEMO_APPLICATION_ID = 'app_demo_cy01_1';
/** A second one, for the bulk approval sample. */
export const DEMO_APPLICATION_ID_2 = 'app_demo_cy01_2';
/** The first seeded member of bu-cy01 (ids `mbr_demo_<code>_<n>`). */
export const DEMO_MEMBER_ID = 'mbr_demo_cy01_1';
/** Another seeded member of bu-cy01, for the leave sample. */
export const DEMO_MEMBER_ID_2 = 'mbr_demo_cy01_2';

export function demoMemberId(unionCode: string, n: number): string {
  return `mbr_demo_${unionCode.toLowerCase()}_${n}`;
}

const INVITATIONS = [
  { id: DEMO_INVITATION_ID, unionId: 'bu-cy01', unitId: null, label: '员工休息室海报', staff: 'cy01-staff' },
  { id: 'inv_demo_cy02_zjmg', unionId: 'bu-cy02', unitId: 'unit-zjmg', label: '张记面馆收银台', staff: 'cy02-staff' },
  { id: 'inv_demo_cy02', unionId: 'bu-cy02', unitId: null, label: '美食城门口公告栏', staff: 'cy02-staff' },
  { id: 'inv_demo_ind', unionId: 'ind-cy', unitId: null, label: '行业工会公众号', staff: 'cy-staff' },
] as const;

const APPLICATIONS = [
  { id: DEMO_APPLICATION_ID, unionId: 'bu-cy01', unitId: 'unit-wxy', invitationId: DEMO_INVITATION_ID, hoursAgo: 50 },
  { id: DEMO_APPLICATION_ID_2, unionId: 'bu-cy01', unitId: 'unit-wxy', invitationId: DEMO_INVITATION_ID, hoursAgo: 26 },
  { id: 'app_demo_cy01_3', unionId: 'bu-cy01', unitId: 'unit-wxy', invitationId: DEMO_INVITATION_ID, hoursAgo: 3 },
  { id: 'app_demo_cy02_1', unionId: 'bu-cy02', unitId: 'unit-zjmg', invitationId: 'inv_demo_cy02_zjmg', hoursAgo: 30 },
  { id: 'app_demo_ind_1', unionId: 'ind-cy', unitId: 'unit-hlj', invitationId: 'inv_demo_ind', hoursAgo: 8 },
] as const;

export async function seedMembershipDemo(trx: Transaction<Database>, keys: Keys, now: Date): Promise<{ invitations: number; applications: number }> {
  const at = now.toISOString();
  for (const inv of INVITATIONS) {
    const staff = await trx.selectFrom('staff_credentials').select('user_id').where('username', '=', inv.staff).executeTakeFirstOrThrow();
    await trx
      .insertInto('invitations')
      .values({ id: inv.id, union_id: inv.unionId, unit_id: inv.unitId, label: inv.label, created_by: staff.user_id, expires_at: null, revoked_at: null, created_at: at })
      .execute();
  }
  for (const a of APPLICATIONS) {
    const person = demoPerson(`apply:${a.id}`, '330106');
    const id = parseIdNumber(person.idNumber, chinaDate(now));
    const phone = parsePhone(person.phone);
    if (!id.ok || !phone.ok) throw new Error('demo applicant data is invalid');
    const userId = newId('usr');
    await trx.insertInto('users').values({ id: userId, display_name: person.name, wechat_openid: null, wechat_unionid: null, dev_key: null, created_at: at }).execute();
    await insertApplication(trx, keys, {
      id: a.id,
      userId,
      unionId: a.unionId,
      unitId: a.unitId,
      unitName: null,
      invitationId: a.invitationId,
      name: person.name,
      gender: id.gender,
      birthDate: id.birthDate,
      idNumber: id.value,
      phone: phone.value,
      ethnicity: person.ethnicity,
      education: person.education,
      politicalStatus: person.politicalStatus,
      job: person.job,
      householdType: person.householdType,
      consentVersion: CONSENT_VERSION,
      existingMemberId: null,
      now: new Date(now.getTime() - a.hoursAgo * 3600 * 1000),
    });
  }
  return { invitations: INVITATIONS.length, applications: APPLICATIONS.length };
}
