/** Sample inputs of the `activity.*` functions (see ./index.ts). */
import type { Sample } from './index';

/** A fixed demo activity (seeded) that sample inputs name, so the access matrix reaches the handlers. */
const SAMPLE_ACTIVITY = 'act-demo-cy01-sports';
const byId: Sample = () => ({ id: SAMPLE_ACTIVITY });

export const activitySamples: Record<string, Sample> = {
  'activity.create': (f) => ({
    unionId: f.baseUnionId,
    type: 'sports',
    title: '示例活动',
    place: '工会活动室',
    startAt: '2030-05-01T09:00:00+08:00',
    endAt: '2030-05-01T11:00:00+08:00',
    signUpDeadline: '2030-04-30T18:00:00+08:00',
    audience: 'union',
  }),
  'activity.update': () => ({ id: SAMPLE_ACTIVITY, place: '工会活动室（二楼）' }),
  'activity.publish': byId,
  'activity.cancel': () => ({ id: SAMPLE_ACTIVITY, reason: '场地临时无法使用' }),
  'activity.finish': byId,
  'activity.list': () => ({}),
  'activity.listByUnion': (f) => ({ unionId: f.baseUnionId }),
  'activity.get': byId,
  'activity.signUp': byId,
  'activity.cancelSignUp': byId,
  'activity.mine': () => ({}),
  'activity.checkInCode': byId,
  'activity.checkIn': () => ({ code: '000000', nonce: 'sample-nonce-0001', activityId: SAMPLE_ACTIVITY }),
  'activity.scanMember': () => ({
    activityId: SAMPLE_ACTIVITY,
    scans: [{ memberToken: 'not-a-token', nonce: 'sample-scan-0001', deviceId: 'sample-device', scannedAt: '2030-05-01T09:05:00+08:00' }],
  }),
  'activity.attendance': byId,
  'activity.participants': byId,
  'activity.record': byId,
  'activity.saveRecord': () => ({ id: SAMPLE_ACTIVITY, content: '趣味运动项目', outcome: '增进了职工交流', awards: '' }),
  'activity.exportRecord': byId,
  'activity.history': byId,
};
