/** Sample inputs of the `membership.*` functions (see ./index.ts). */
import { DEMO_APPLICATION_ID, DEMO_APPLICATION_ID_2, DEMO_MEMBER_ID, DEMO_MEMBER_ID_2 } from '../../../cloud/seed/membership-demo';
import { DEMO_ATTACHMENT_ID, DEMO_ATTACHMENT_ID_2 } from '../../../cloud/seed/files-demo';
import { DEMO_DATA_REQUEST_ID, DEMO_TRANSFER_ID, DEMO_TRANSFER_OUT_ID } from '../../../cloud/seed/lifecycle-demo';
import type { Sample } from './index';

/** A 1×1 PNG, for the upload samples. */
const SAMPLE_PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

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
  // Lifecycle (transfers, data requests, my data, retention) and the member file (一人一档):
  // cloud/functions/membership/{transfer,data-requests,my-data,purge,member-file}.ts.
  'membership.transfer': () => ({ toUnionId: 'bu-cy02', toUnitId: 'unit-zjmg', reason: '更换工作单位' }),
  'membership.confirmTransfer': () => ({ transferId: DEMO_TRANSFER_ID, decision: 'confirm' }),
  'membership.cancelTransfer': () => ({ transferId: DEMO_TRANSFER_OUT_ID }),
  'membership.listTransfers': (f) => ({ unionId: f.baseUnionId }),
  'membership.requestCorrection': () => ({ field: 'job', value: '面点师', note: '岗位已变' }),
  'membership.requestDeletion': () => ({ note: '不再需要' }),
  'membership.myData': () => ({}),
  'membership.myRequests': () => ({}),
  'membership.listDataRequests': (f) => ({ unionId: f.baseUnionId }),
  'membership.handleDataRequest': () => ({ requestId: DEMO_DATA_REQUEST_ID, decision: 'apply' }),
  'membership.purgeExpired': (f) => ({ unionId: f.baseUnionId, dryRun: true }),
  'membership.attach': () => ({ memberId: DEMO_MEMBER_ID, kind: 'diploma', fileName: '毕业证书.png', base64: SAMPLE_PNG_BASE64 }),
  'membership.memberFile': () => ({ memberId: DEMO_MEMBER_ID }),
  'membership.attachment': () => ({ attachmentId: DEMO_ATTACHMENT_ID }),
  'membership.removeAttachment': () => ({ attachmentId: DEMO_ATTACHMENT_ID_2 }),
  'membership.myFile': () => ({}),
  'membership.attachOwn': () => ({ kind: 'other', fileName: '培训证书.png', base64: SAMPLE_PNG_BASE64 }),
  // A seeded attachment of a member no persona is: refused to everyone (the member's side is in
  // tests/integration/member-file.test.ts).
  'membership.myAttachment': () => ({ attachmentId: DEMO_ATTACHMENT_ID }),
  'membership.removeOwnAttachment': () => ({ attachmentId: DEMO_ATTACHMENT_ID_2 }),
};
