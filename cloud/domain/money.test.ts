import fc from 'fast-check';
import { formatFen, formatYuan, parseYuan, toFen } from './money';

describe('parseYuan', () => {
  it.each([
    ['12', 1200],
    ['12.3', 1230],
    ['12.34', 1234],
    ['1,234.56', 123456],
    ['¥0.01', 1],
    [' 8 000 ', 800000],
    ['100元', 10000],
  ])('reads %s as %i fen', (text, fen) => expect(parseYuan(text)).toBe(fen));

  it.each(['', 'abc', '1.234', '-5', '1e3', '12.3.4'])('refuses %j', (text) => expect(parseYuan(text)).toBeNull());

  it('round-trips every fen amount through formatFen', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1_000_000_000_000 }), (fen) => parseYuan(formatFen(fen)) === fen));
  });
});

describe('formatFen', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [123456, '1,234.56'],
    [-100, '-1.00'],
    [5_000_000_000, '50,000,000.00'],
  ])('%i → %s', (fen, text) => expect(formatFen(fen)).toBe(text));

  it('adds the yuan sign', () => {
    expect(formatYuan(120000)).toBe('¥1,200.00');
    expect(formatYuan(-1)).toBe('-¥0.01');
  });
});

describe('toFen (database sums)', () => {
  it('takes numbers (SQLite) and bigint strings (PostgreSQL) exactly', () => {
    expect(toFen(5_000_000_000)).toBe(5_000_000_000);
    expect(toFen('5000000000')).toBe(5_000_000_000);
    expect(toFen('-42')).toBe(-42);
    expect(toFen(null)).toBe(0);
    expect(toFen(BigInt(7))).toBe(7);
  });

  it('refuses what it cannot hold exactly rather than round', () => {
    expect(() => toFen('9007199254740993')).toThrow();
    expect(() => toFen('12.5')).toThrow();
  });
});
