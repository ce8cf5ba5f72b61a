import { addYears, pseudonym, retentionEndsOn, retentionExpired, retentionQueryBound, transferTarget } from './lifecycle';

describe('retention period (保存期限: 3 years after leaving)', () => {
  // Left on 2023-03-10 China time (02:00 UTC = 10:00 +08:00).
  const leftAt = '2023-03-10T02:00:00.000Z';
  it('ends on the same China date three years later', () => {
    expect(retentionEndsOn(leftAt)).toBe('2026-03-10');
  });
  it('the day before: kept; on the day: anonymised; the day after: anonymised', () => {
    expect(retentionExpired(leftAt, new Date('2026-03-09T15:59:59.999Z'))).toBe(false); // 23:59:59 on 03-09 China time
    expect(retentionExpired(leftAt, new Date('2026-03-09T16:00:00.000Z'))).toBe(true); // 00:00 on 03-10 China time
    expect(retentionExpired(leftAt, new Date('2026-03-11T04:00:00.000Z'))).toBe(true);
  });
  it('counts the China date of leaving, not the UTC one', () => {
    // 2023-03-09T17:00Z is 2023-03-10 01:00 in China.
    expect(retentionEndsOn('2023-03-09T17:00:00.000Z')).toBe('2026-03-10');
  });
  it('29 February ends on 28 February of a common year', () => {
    expect(addYears('2024-02-29', 3)).toBe('2027-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(retentionExpired('2024-02-29T04:00:00.000Z', new Date('2027-02-27T04:00:00.000Z'))).toBe(false);
    expect(retentionExpired('2024-02-29T04:00:00.000Z', new Date('2027-02-28T04:00:00.000Z'))).toBe(true);
  });
  it('the query bound includes every expired record', () => {
    for (const left of ['2023-03-10T02:00:00.000Z', '2024-02-29T04:00:00.000Z', '2023-12-31T15:59:00.000Z']) {
      const due = new Date(`${retentionEndsOn(left)}T00:00:00+08:00`);
      expect(left <= retentionQueryBound(due)).toBe(true);
    }
  });
});

describe('pseudonym (已注销会员#xxxx)', () => {
  it('is stable per record and shows no part of the id', () => {
    expect(pseudonym('mbr_abc')).toBe(pseudonym('mbr_abc'));
    expect(pseudonym('mbr_abc')).not.toBe(pseudonym('mbr_abd'));
    expect(pseudonym('mbr_abc')).toMatch(/^已注销会员#[0-9a-f]{6}$/);
  });
});

describe('transfer target (会籍转接去向)', () => {
  const base = { id: 'bu-2', kind: 'base' as const };
  const industry = { id: 'ind', kind: 'industry' as const };
  it('refuses the same union and a missing one', () => {
    expect(transferTarget({ fromUnionId: 'bu-2', union: base, units: [{ id: 'u1' }] })).toMatchObject({ ok: false, reason: 'same_union' });
    expect(transferTarget({ fromUnionId: 'bu-1', union: undefined, units: [] })).toMatchObject({ ok: false, reason: 'not_found' });
  });
  it('takes a unit of the target union only', () => {
    expect(transferTarget({ fromUnionId: 'bu-1', union: base, units: [{ id: 'u1' }, { id: 'u2' }], unitId: 'u2' })).toEqual({ ok: true, unionId: 'bu-2', unitId: 'u2', unitName: null });
    expect(transferTarget({ fromUnionId: 'bu-1', union: base, units: [{ id: 'u1' }], unitId: 'x' })).toMatchObject({ ok: false, field: 'toUnitId' });
  });
  it('a base union with one unit needs no choice; with several it does', () => {
    expect(transferTarget({ fromUnionId: 'bu-1', union: base, units: [{ id: 'u1' }] })).toMatchObject({ ok: true, unitId: 'u1' });
    expect(transferTarget({ fromUnionId: 'bu-1', union: base, units: [{ id: 'u1' }, { id: 'u2' }] })).toMatchObject({ ok: false, field: 'toUnitId' });
  });
  it('the industry union takes a typed employer', () => {
    expect(transferTarget({ fromUnionId: 'bu-1', union: industry, units: [{ id: 'd1' }], unitName: '新开小店' })).toEqual({ ok: true, unionId: 'ind', unitId: null, unitName: '新开小店' });
    expect(transferTarget({ fromUnionId: 'bu-1', union: industry, units: [{ id: 'd1' }] })).toMatchObject({ ok: false, field: 'toUnitId' });
  });
});
