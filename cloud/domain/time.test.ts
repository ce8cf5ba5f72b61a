import { chinaClock, chinaDate, chinaDateOfIso } from './time';

describe('chinaDateOfIso', () => {
  it('gives the same China date as chinaDate for stored timestamps, around midnight in China too', () => {
    const of = chinaDateOfIso();
    const stamps = ['2024-05-01T15:59:59.999Z', '2024-05-01T16:00:00.000Z', '2024-05-01T16:30:00Z', '2024-05-01T15:00:00.000Z', '2024-12-31T16:00:00.000Z', '2024-05-01T00:00:00+08:00', '2024-05-01 10:00:00'];
    for (let round = 0; round < 2; round++) {
      for (const s of stamps) expect(of(s)).toBe(chinaDate(new Date(s)));
    }
    expect(of('2024-05-01T16:00:00.000Z')).toBe('2024-05-02');
  });
});

describe('chinaClock', () => {
  it('gives the China time of day, with the date when it falls on another China day than now', () => {
    const now = new Date('2026-11-25T02:00:00.000Z'); // 10:00 in China
    expect(chinaClock(new Date('2026-11-25T02:15:00.000Z'), now)).toBe('10:15');
    expect(chinaClock(new Date('2026-11-25T16:05:00.000Z'), now)).toBe('11月26日 00:05');
    expect(chinaClock(new Date('2026-11-25T15:59:00.000Z'), new Date('2026-11-25T15:50:00.000Z'))).toBe('23:59');
  });
});
