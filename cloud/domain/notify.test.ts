import { cut, digestDay, messages, reminderDueAt, retryDelayMs, wechatData, wechatTime, wechatValue } from './notify';

const at = (s: string) => new Date(s);

describe('reminder due time', () => {
  it('is 2 hours before the start when published earlier', () => {
    expect(reminderDueAt(at('2026-12-10T06:00:00Z'), at('2026-12-01T00:00:00Z'))?.toISOString()).toBe('2026-12-10T04:00:00.000Z');
  });
  it('is at publishing when published less than 2 h before a start more than 15 min away', () => {
    expect(reminderDueAt(at('2026-12-10T06:00:00Z'), at('2026-12-10T05:00:00Z'))?.toISOString()).toBe('2026-12-10T05:00:00.000Z');
  });
  it('is none when the start is 15 minutes away or less at publishing', () => {
    expect(reminderDueAt(at('2026-12-10T06:00:00Z'), at('2026-12-10T05:45:00Z'))).toBeNull();
    expect(reminderDueAt(at('2026-12-10T06:00:00Z'), at('2026-12-10T05:50:00Z'))).toBeNull();
  });
});

describe('staff digest', () => {
  it('is due from 09:00 China time of that China day', () => {
    expect(digestDay(at('2026-12-08T00:59:00Z'))).toBeNull(); // 08:59 in Shanghai
    expect(digestDay(at('2026-12-08T01:00:00Z'))).toBe('2026-12-08');
    expect(digestDay(at('2026-12-08T16:30:00Z'))).toBeNull(); // 00:30 on the 9th in Shanghai: before 09:00
  });
});

describe('WeChat field values', () => {
  it('cuts thing to 20 characters', () => {
    const v = wechatValue('thing1', '这是一个非常非常非常非常非常非常长的活动名称超过二十个字');
    expect([...(v ?? '')].length).toBe(20);
    expect(v?.endsWith('…')).toBe(true);
  });
  it('keeps only Chinese in phrase, at most 5', () => {
    expect(wechatValue('phrase2', '已通过 ok')).toBe('已通过');
    expect(wechatValue('phrase2', '一二三四五六')).toBe('一二三四五');
    expect(wechatValue('phrase2', 'ok')).toBeNull();
  });
  it('formats time in China time as WeChat wants it', () => {
    expect(wechatTime(at('2026-12-08T06:05:00Z'))).toBe('2026年12月08日 14:05');
    expect(wechatValue('time4', '2026年12月08日 14:05')).toBe('2026年12月08日 14:05');
    expect(wechatValue('time4', '2026-12-08')).toBeNull();
  });
  it('fills the configured keys of a template', () => {
    const m = messages.applicationApproved({ unionName: '朝阳区餐饮行业第一联合工会', memberNo: 'CY01-000123', at: at('2026-12-08T02:00:00Z') });
    const data = wechatData({ templateId: 't', fields: { title: 'thing1', result: 'phrase2', note: 'thing3', time: 'time4' } }, m.fields);
    expect(data).toEqual({
      thing1: { value: cut('加入朝阳区餐饮行业第一联合工会', 20) },
      phrase2: { value: '已通过' },
      thing3: { value: '会员编号CY01-000123' },
      time4: { value: '2026年12月08日 10:00' },
    });
  });
});

it('backs off 30 s, 2 min, 8 min, 32 min', () => {
  expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([30_000, 120_000, 480_000, 1_920_000]);
});
