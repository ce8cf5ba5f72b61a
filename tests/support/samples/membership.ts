/** Sample inputs of the `membership.*` functions (see ./index.ts). */
import { DEMO_ATTACHMENT_ID, DEMO_ATTACHMENT_ID_2 } from '../../../cloud/seed/files-demo';
import { DEMO_DATA_REQUEST_ID, DEMO_TRANSFER_ID, DEMO_TRANSFER_OUT_ID } from '../../../cloud/seed/lifecycle-demo';
import { DEMO_MEMBER_ID } from '../../../cloud/seed/membership-demo';
import type { Sample } from './index';

/** A 1×1 PNG, for the upload samples. */
const SAMPLE_PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

export const membershipSamples: Record<string, Sample> = {
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
