import fc from 'fast-check';
import { buildIdNumber, checkCharacter, maskIdNumber, parseIdNumber } from './id-number';

const TODAY = '2026-11-25';

describe('parseIdNumber (GB 11643)', () => {
  it('accepts a valid number and derives birth date and gender', () => {
    // The standard's own example: 11010519491231002X (female, 1949-12-31).
    expect(parseIdNumber('11010519491231002X', TODAY)).toEqual({ ok: true, value: '11010519491231002X', birthDate: '1949-12-31', gender: 'female' });
    const male = buildIdNumber({ area: '330106', birthDate: '1990-02-28', sequence: 13 });
    expect(parseIdNumber(male, TODAY)).toMatchObject({ ok: true, gender: 'male', birthDate: '1990-02-28' });
  });

  it('accepts lower-case x and spaces, and normalises them', () => {
    expect(parseIdNumber(' 11010519491231002x ', TODAY)).toMatchObject({ ok: true, value: '11010519491231002X' });
  });

  it.each([
    ['1101051949123100', 'format'],
    ['11010519491231002Y', 'format'],
    ['99010519491231002X', 'province'],
    ['110105' + '19490230' + '0012', 'birth_date'],
    ['110105' + '18990101' + '0012', 'birth_date'],
    ['11010519491231003X', 'check_digit'],
  ])('refuses %s (%s)', (value, problem) => {
    expect(parseIdNumber(value, TODAY)).toMatchObject({ ok: false, problem });
  });

  it('refuses a birth date after today', () => {
    const tomorrow = buildIdNumber({ area: '110105', birthDate: '2026-11-26', sequence: 1 });
    expect(parseIdNumber(tomorrow, TODAY)).toMatchObject({ ok: false, problem: 'future_birth_date' });
    const today = buildIdNumber({ area: '110105', birthDate: '2026-11-25', sequence: 1 });
    expect(parseIdNumber(today, TODAY).ok).toBe(true);
  });

  it('accepts no number whose check character is wrong (10,000 mutated valid numbers)', () => {
    const validNumber = fc
      .record({
        area: fc.constantFrom('110105', '330106', '440305', '510104', '650102'),
        date: fc.date({ min: new Date('1940-01-01T00:00:00Z'), max: new Date('2008-12-31T00:00:00Z'), noInvalidDate: true }),
        sequence: fc.integer({ min: 0, max: 999 }),
      })
      .map(({ area, date, sequence }) => buildIdNumber({ area, birthDate: date.toISOString().slice(0, 10), sequence }));
    let tried = 0;
    fc.assert(
      fc.property(validNumber, fc.constantFrom(...'0123456789X'), (valid, replacement) => {
        expect(parseIdNumber(valid, TODAY).ok).toBe(true);
        fc.pre(replacement !== valid[17]);
        tried++;
        const mutated = valid.slice(0, 17) + replacement;
        expect(parseIdNumber(mutated, TODAY)).toMatchObject({ ok: false, problem: 'check_digit' });
      }),
      { numRuns: 11000 },
    );
    expect(tried).toBeGreaterThanOrEqual(10000);
  });

  it('catches any single changed digit in the first 17 (MOD 11-2 detects all single errors)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const valid = '11010519491231002X';
        const digit = (Number(valid[pos]) + delta) % 10;
        const mutated = valid.slice(0, pos) + digit + valid.slice(pos + 1);
        expect(checkCharacter(mutated.slice(0, 17))).not.toBe('X');
      }),
      { numRuns: 2000 },
    );
  });

  it('masks as 110***********1234', () => {
    expect(maskIdNumber('110105194912311234')).toBe('110***********1234');
  });
});
