import { buildIdNumber } from '../contract/fields/id-number';
import { ageOn, classifyRosterQuery, deriveMyStatus, membershipRate, prefixUpperBound } from './membership';

const TODAY = '2026-11-25';

describe('deriveMyStatus (入会状态)', () => {
  const pending = { id: 'a1', unionId: 'b1', status: 'pending' as const, createdAt: '2026-11-20T00:00:00.000Z', rejectReason: null };

  it('is none for a worker with nothing', () => {
    expect(deriveMyStatus({})).toEqual({ status: 'none' });
  });

  it('is pending while the latest application waits', () => {
    expect(deriveMyStatus({ latestApplication: pending })).toEqual({ status: 'pending', unionId: 'b1', applicationId: 'a1' });
  });

  it('is rejected with the reason', () => {
    expect(deriveMyStatus({ latestApplication: { ...pending, status: 'rejected', rejectReason: '非本单位职工' } })).toEqual({
      status: 'rejected',
      unionId: 'b1',
      applicationId: 'a1',
      reason: '非本单位职工',
    });
  });

  it('is member as soon as there is an active membership, whatever the applications say', () => {
    expect(deriveMyStatus({ activeMember: { unionId: 'b1', memberNo: 'CY01-000001', joinedAt: 'x' }, latestApplication: pending })).toEqual({
      status: 'member',
      unionId: 'b1',
      memberNo: 'CY01-000001',
    });
  });

  it('is left after leaving, until a newer application', () => {
    const left = { unionId: 'b1', memberNo: 'CY01-000001', leftAt: '2026-11-21T00:00:00.000Z' };
    expect(deriveMyStatus({ leftMember: left, latestApplication: { ...pending, status: 'approved' } })).toMatchObject({ status: 'left' });
    expect(deriveMyStatus({ leftMember: left, latestApplication: pending })).toMatchObject({ status: 'left' });
    expect(deriveMyStatus({ leftMember: left, latestApplication: { ...pending, createdAt: '2026-11-22T00:00:00.000Z' } })).toMatchObject({ status: 'pending' });
  });
});

describe('membershipRate (入会率)', () => {
  it('is members over employees in percent, one decimal', () => {
    expect(membershipRate(6, 86)).toBe(7);
    expect(membershipRate(1, 3)).toBe(33.3);
    expect(membershipRate(2, 2)).toBe(100);
    expect(membershipRate(0, 0)).toBeNull();
  });
});

describe('classifyRosterQuery', () => {
  it('reads full ID numbers and phones as exact lookups, four digits as a phone tail, the rest as text', () => {
    const id = buildIdNumber({ area: '110105', birthDate: '1990-01-01', sequence: 12 });
    expect(classifyRosterQuery(id.toLowerCase(), TODAY)).toEqual({ kind: 'idNumber', value: id });
    expect(classifyRosterQuery('+86 138 0013 8000', TODAY)).toEqual({ kind: 'phone', value: '13800138000' });
    expect(classifyRosterQuery('5678', TODAY)).toEqual({ kind: 'phoneTail', value: '5678' });
    expect(classifyRosterQuery(' 王 ', TODAY)).toEqual({ kind: 'text', value: '王' });
    expect(classifyRosterQuery('CY01-0000', TODAY)).toEqual({ kind: 'memberNoPrefix', value: 'CY01-0000' });
    expect(classifyRosterQuery('cy01-000042', TODAY)).toEqual({ kind: 'memberNo', value: 'CY01-000042' });
    expect(classifyRosterQuery('42', TODAY)).toEqual({ kind: 'memberNo', value: '42' });
    expect(classifyRosterQuery('000042', TODAY)).toEqual({ kind: 'memberNo', value: '000042' });
    expect(classifyRosterQuery('1234567', TODAY)).toEqual({ kind: 'text', value: '1234567' });
    expect(classifyRosterQuery('100%', TODAY)).toEqual({ kind: 'text', value: '100%' });
    expect(classifyRosterQuery('', TODAY)).toEqual({ kind: 'none' });
    expect(classifyRosterQuery(undefined, TODAY)).toEqual({ kind: 'none' });
  });

  it('bounds a prefix range in code-point order', () => {
    expect(prefixUpperBound('王小')).toBe('王尐');
    expect(prefixUpperBound('CY01-0000')).toBe('CY01-0001');
    expect(prefixUpperBound('a%')).toBe('a&');
    expect(prefixUpperBound('\u{20000}')).toBe('\u{20001}');
    expect(prefixUpperBound('\ud7ff')).toBe('\ue000');
    const names = ['王小', '王小二', '王小\u{2A6D6}', '王尐', '王', '汪小'];
    expect(names.filter((n) => n >= '王小' && n < prefixUpperBound('王小'))).toEqual(['王小', '王小二', '王小\u{2A6D6}']);
  });
});

describe('ageOn', () => {
  it('counts whole years', () => {
    expect(ageOn('1990-11-25', TODAY)).toBe(36);
    expect(ageOn('1990-11-26', TODAY)).toBe(35);
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
  });
});
