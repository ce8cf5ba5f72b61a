/** Sample inputs of the `membership.*` functions (see ./index.ts). */
import { DEMO_APPLICATION_ID, DEMO_APPLICATION_ID_2, DEMO_MEMBER_ID, DEMO_MEMBER_ID_2 } from '../../../cloud/seed/membership-demo';
import type { Sample } from './index';

export const membershipSamples: Record<string, Sample> = {
  // Joining, review, the roster and its files (cloud/functions/membership/: invite, apply, my-status,
  // card, applications, review, roster, leave, export, import, stats).
  'membership.resolveInvite': () => ({ token: 'not-a-real-token.sig' }),
  'membership.joinUrlLink': () => ({ token: 'not-a-real-token.sig' }),
  'membership.apply': () => ({
    token: 'not-a-real-token.sig',
    name: '王芳',
    idNumber: '11010519491231002X',
    phone: '13800138000',
    ethnicity: '汉族',
    education: '高中',
    politicalStatus: '群众',
    job: '厨师',
    householdType: '非农业户口',
    unitId: 'unit-wxy',
    consentVersion: 'join-consent-2026-11-v2',
  }),
  'membership.myStatus': () => ({}),
  'membership.card': () => ({}),
  'membership.listApplications': (f) => ({ unionId: f.baseUnionId }),
  'membership.review': () => ({ applicationId: DEMO_APPLICATION_ID, decision: 'approve' }),
  'membership.approveMany': (f) => ({ unionId: f.baseUnionId, applicationIds: [DEMO_APPLICATION_ID_2] }),
  'membership.roster': (f) => ({ unionId: f.baseUnionId, query: '王', page: 1, pageSize: 20 }),
  'membership.reveal': () => ({ memberId: DEMO_MEMBER_ID, field: 'phone', reason: '核对联系方式' }),
  'membership.leave': () => ({ memberId: DEMO_MEMBER_ID_2, reason: '离职' }),
  'membership.exportRoster': (f) => ({ unionId: f.baseUnionId }),
  'membership.exportRosterFull': (f) => ({ unionId: f.baseUnionId, reason: '报送全省工会会员实名制系统（样例）' }),
  'membership.importRoster': (f) => ({ unionId: f.baseUnionId, mode: 'preview', fileBase64: '' }),
  'membership.stats': (f) => ({ unionId: f.baseUnionId }),
};
