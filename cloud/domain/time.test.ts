import { chinaDate, chinaDateOfIso } from './time';

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
