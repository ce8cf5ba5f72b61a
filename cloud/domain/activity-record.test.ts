import type { ActivityRecord } from '../contract/activity/record';
import { chinaDateTime, recordFilename, recordSheets } from './activity-record';

function buildRecord(overrides: Partial<ActivityRecord> = {}): ActivityRecord {
  return {
    id: 'act_1',
    title: '春季趣味运动会',
    type: 'sports',
    status: 'finished',
    unionName: '味香园餐饮有限公司工会',
    organizer: '味香园餐饮有限公司工会',
    place: '县体育馆',
    startAt: '2026-04-18T01:00:00.000Z',
    endAt: '2026-04-18T04:00:00.000Z',
    audience: 'union',
    quota: 30,
    counts: { signedUp: 4, waitlisted: 1, checkedIn: 4, walkIns: 1, refused: 2, flagged: 1 },
    participants: [
      { memberId: 'm1', name: '王芳', memberNo: 'CY01-000001', unitName: '味香园', signUp: 'signed_up', signedUpAt: '2026-04-10T02:00:00.000Z', checkedInAt: '2026-04-18T00:50:00.000Z', method: 'code', walkIn: false },
      { memberId: 'm2', name: '李强', memberNo: 'CY01-000002', unitName: '味香园', signUp: 'signed_up', signedUpAt: '2026-04-10T03:00:00.000Z', checkedInAt: null, method: null, walkIn: false },
      { memberId: 'm3', name: '张敏', memberNo: 'CY01-000003', unitName: '味香园', signUp: null, signedUpAt: null, checkedInAt: '2026-04-18T01:10:00.000Z', method: 'scan', walkIn: true },
    ],
    content: '拔河、跳绳',
    outcome: '职工交流',
    awards: '拔河一等奖：后厨队',
    filledBy: '干部',
    filledAt: '2026-04-19T02:00:00.000Z',
    generatedAt: '2026-04-20T02:00:00.000Z',
    ...overrides,
  };
}

it('shows times in China Standard Time', () => {
  expect(chinaDateTime('2026-04-18T16:30:00.000Z')).toBe('2026-04-19 00:30');
  expect(chinaDateTime(null)).toBe('');
});

it('lays out the summary with the counts and the sign-up check-in rate (walk-ins apart)', () => {
  const s = recordSheets(buildRecord());
  const get = (k: string) => s.summary.find(([key]) => key === k)?.[1];
  expect(s.title).toBe('活动记录：春季趣味运动会');
  expect(get('活动时间')).toBe('2026-04-18 09:00 至 2026-04-18 12:00');
  expect(get('签到人数')).toBe('4（其中现场签到 1）');
  expect(get('报名签到率')).toBe('75%');
  expect(get('表彰奖励')).toBe('拔河一等奖：后厨队');
  expect(get('名额')).toBe('30');
  expect(recordSheets(buildRecord({ quota: null, filledBy: null })).summary.find(([k]) => k === '填写人')?.[1]).toBe('未填写');
});

it('lists every participant with status, times, method and walk-ins marked', () => {
  const { people } = recordSheets(buildRecord());
  expect(people.header[0]).toBe('序号');
  expect(people.rows).toEqual([
    [1, '王芳', 'CY01-000001', '味香园', '已报名', '2026-04-10 10:00', '2026-04-18 08:50', '扫签到码', ''],
    [2, '李强', 'CY01-000002', '味香园', '已报名', '2026-04-10 11:00', '未签到', '', ''],
    [3, '张敏', 'CY01-000003', '味香园', '未报名', '', '2026-04-18 09:10', '干部扫会员码', '现场签到'],
  ]);
});

it('makes a safe file name', () => {
  expect(recordFilename({ title: '安全/培训 第1期', startAt: '2026-04-18T01:00:00.000Z' })).toBe('活动记录-安全_培训_第1期-2026-04-18.xlsx');
});
