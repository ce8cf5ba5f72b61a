import { addDays, isCalendarDate, mustParsePeriod, nextPeriod, noticeDueDate, parsePeriod, periodLabel, periodOf, previousPeriod } from './fund-period';

describe('periods', () => {
  it('reads quarters and months with their first and last days', () => {
    expect(parsePeriod('2026-Q1')).toEqual({ key: '2026-Q1', kind: 'quarter', year: 2026, from: '2026-01-01', to: '2026-03-31' });
    expect(parsePeriod('2024-M02')).toMatchObject({ from: '2024-02-01', to: '2024-02-29' });
    expect(parsePeriod('2025-M02')).toMatchObject({ to: '2025-02-28' });
    expect(parsePeriod('2026-Q4')).toMatchObject({ from: '2026-10-01', to: '2026-12-31' });
  });

  it.each(['2026-Q5', '2026-Q0', '2026-M13', '2026-M7', '26-Q1', '1999-Q1', '2026Q1'])('refuses %s', (key) => expect(parsePeriod(key)).toBeNull());

  it('finds the period of a date, and the ones around it, across years', () => {
    expect(periodOf('2026-11-25', 'quarter').key).toBe('2026-Q4');
    expect(periodOf('2026-11-25', 'month').key).toBe('2026-M11');
    expect(previousPeriod(mustParsePeriod('2026-Q1')).key).toBe('2025-Q4');
    expect(nextPeriod(mustParsePeriod('2025-Q4')).key).toBe('2026-Q1');
    expect(previousPeriod(mustParsePeriod('2026-M01')).key).toBe('2025-M12');
  });

  it('labels periods in Chinese', () => {
    expect(periodLabel('2026-Q3')).toBe('2026年第3季度');
    expect(periodLabel('2026-M07')).toBe('2026年7月');
  });

  it('counts the due date from the end of the period', () => {
    expect(noticeDueDate(mustParsePeriod('2026-Q3'), 15)).toBe('2026-10-15');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('knows real calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-2-1')).toBe(false);
  });
});
