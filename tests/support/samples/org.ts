/** Sample inputs of the `org.*` functions (see ./index.ts). */
import { DEMO_APPROVAL_FILE_ID, demoPng } from '../../../cloud/seed/files-demo';
import { DEMO_INVITATION_ID } from '../../../cloud/seed/membership-demo';
import type { Sample } from './index';

/** A 1×1 PNG: the upper union's approval document. */
const SAMPLE_PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** A small PNG: the evidence photo of a ticked item. */
const SAMPLE_PHOTO_BASE64 = demoPng(8, 8, [200, 60, 60]).toString('base64');

export const orgSamples: Record<string, Sample> = {
  'org.tree': () => ({}),
  'org.invite': (f) => ({ unionId: f.baseUnionId }),
  'org.listInvites': (f) => ({ unionId: f.baseUnionId }),
  'org.revokeInvite': () => ({ invitationId: DEMO_INVITATION_ID }),
  'org.invitePoster': () => ({ invitationId: DEMO_INVITATION_ID, format: 'svg' }),
  'org.committees': (f) => ({ unionId: f.baseUnionId }),
  'org.setTerm': (f) => ({
    unionId: f.baseUnionId,
    kind: 'women',
    form: 'single',
    termStart: '2025-01-01',
    termEnd: '2029-12-31',
    upperApprovalNote: '青餐工〔2025〕3号 同意提前换届',
    upperApprovalFile: { fileName: '上级批复.png', base64: SAMPLE_PNG_BASE64 },
  }),
  'org.approvalFile': (f) => ({ unionId: f.baseUnionId, fileId: DEMO_APPROVAL_FILE_ID }),
  'org.setSeat': (f) => ({ unionId: f.baseUnionId, kind: 'union', role: 'member', personName: '王丽' }),
  'org.recordElection': (f) => ({ unionId: f.baseUnionId, kind: 'union', status: 'approved', approvalRef: '青餐工〔2026〕1号' }),
  'org.compliance': (f) => ({ unionId: f.baseUnionId }),
  'org.complianceOverview': (f) => ({ unionId: f.industryUnionId }),
  'org.tickItem': (f) => ({ unionId: f.baseUnionId, item: 'sign', done: true, note: '挂在二楼办公室门口', photoBase64: SAMPLE_PHOTO_BASE64 }),
  'org.tickPhoto': (f) => ({ unionId: f.baseUnionId, item: 'seal' }),
  'org.recordChairReport': (f) => ({ unionId: f.baseUnionId, year: 2025, reportedOn: '2026-01-20', note: '第一届会员大会第二次会议' }),
  'org.exportComplianceOverview': (f) => ({ unionId: f.industryUnionId }),
  'org.setComplianceTarget': (f) => ({ unionId: f.industryUnionId, membershipRateTarget: 80 }),
};
