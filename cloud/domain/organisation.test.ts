import {
  chairReportCheck,
  committeeState,
  addMonths,
  complianceScore,
  membershipRatePercent,
  previousQuarters,
  reelectionState,
  reelectionTiming,
  approvalDocumentNeeded,
  requiredForm,
  sizeProblem,
  termProblem,
} from './organisation';

describe('which committees a union needs', () => {
  it('经审委员会 from 25 members up; one 经审员 below', () => {
    expect(requiredForm('audit', { members: 24, women: 0 })).toBe('single');
    expect(requiredForm('audit', { members: 25, women: 0 })).toBe('committee');
  });
  it('女职工委员会 from 10 women members up; one 女职工委员 below', () => {
    expect(requiredForm('women', { members: 100, women: 9 })).toBe('single');
    expect(requiredForm('women', { members: 100, women: 10 })).toBe('committee');
  });
  it('工会委员会 always', () => {
    expect(requiredForm('union', { members: 1, women: 0 })).toBe('committee');
  });
});

describe('committee sizes', () => {
  it('industry committee: 5–11', () => {
    expect(sizeProblem('industry', 'union', 'committee', 4)).toMatch(/5–11/);
    expect(sizeProblem('industry', 'union', 'committee', 5)).toBeNull();
    expect(sizeProblem('industry', 'union', 'committee', 6)).toBeNull();
    expect(sizeProblem('industry', 'union', 'committee', 11)).toBeNull();
    expect(sizeProblem('industry', 'union', 'committee', 12)).toMatch(/5–11/);
  });
  it('base-union committees: odd, at least 3', () => {
    expect(sizeProblem('base', 'union', 'committee', 3)).toBeNull();
    expect(sizeProblem('base', 'union', 'committee', 4)).toMatch(/单数/);
    expect(sizeProblem('base', 'audit', 'committee', 5)).toBeNull();
    expect(sizeProblem('base', 'women', 'committee', 1)).toMatch(/至少 3 人/);
  });
  it('a single office: exactly one holder', () => {
    expect(sizeProblem('base', 'audit', 'single', 1)).toBeNull();
    expect(sizeProblem('base', 'audit', 'single', 0)).toMatch(/尚未/);
    expect(sizeProblem('base', 'women', 'single', 2)).toMatch(/一人/);
  });
});

describe('terms', () => {
  it('exactly 3 and exactly 5 years are allowed; a day less or more is not', () => {
    expect(termProblem('2024-03-01', '2027-03-01')).toBeNull();
    expect(termProblem('2024-03-01', '2029-03-01')).toBeNull();
    expect(termProblem('2024-03-01', '2027-02-28')).toMatch(/至少 3 年/);
    expect(termProblem('2024-03-01', '2029-03-02')).toMatch(/最长 5 年/);
    expect(termProblem('2024-03-01', '2024-03-01')).toMatch(/晚于/);
  });
  it('re-election: overdue after the end, due within 6 months', () => {
    expect(reelectionState('2026-11-24', '2026-11-25')).toBe('overdue');
    expect(reelectionState('2026-11-25', '2026-11-25')).toBe('due');
    expect(reelectionState('2027-05-25', '2026-11-25')).toBe('due');
    expect(reelectionState('2027-05-26', '2026-11-25')).toBe('ok');
  });
  it('a re-election after the end is late, more than 6 months before it early', () => {
    expect(reelectionTiming('2026-11-25', '2026-11-25')).toBe('on_time');
    expect(reelectionTiming('2026-11-25', '2026-11-26')).toBe('late');
    expect(reelectionTiming('2026-11-25', '2026-05-25')).toBe('on_time');
    expect(reelectionTiming('2026-11-25', '2026-05-24')).toBe('early');
  });
  it('an early or late re-election needs the upper union\'s approval document; on time, a first term or a correction does not', () => {
    const current = { termStart: '2021-11-26', termEnd: '2026-11-25' };
    expect(approvalDocumentNeeded(current, '2026-11-25')).toBeNull(); // on the last day of the old term
    expect(approvalDocumentNeeded(current, '2026-11-26')).toBe('late'); // the day after it ended
    expect(approvalDocumentNeeded(current, '2026-05-25')).toBeNull(); // exactly 6 months before the end
    expect(approvalDocumentNeeded(current, '2026-05-24')).toBe('early'); // one day earlier
    expect(approvalDocumentNeeded(current, '2021-11-26')).toBeNull(); // the same term corrected
    expect(approvalDocumentNeeded(null, '2020-01-01')).toBeNull(); // the committee's first term
  });
  it('adds calendar months', () => {
    expect(addMonths('2026-11-25', 6)).toBe('2027-05-25');
    expect(addMonths('2024-02-29', 12)).toBe('2025-03-01');
  });
});

describe('membership rate and quarters', () => {
  it('rounds down and has no rate without employees', () => {
    expect(membershipRatePercent(4, 5)).toBe(80);
    expect(membershipRatePercent(799, 1000)).toBe(79);
    expect(membershipRatePercent(3, 0)).toBeNull();
  });
  it('lists completed quarters, most recent first, across the year end', () => {
    const q = previousQuarters('2026-02-10', 4);
    expect(q.map((x) => [x.from, x.to])).toEqual([
      ['2025-10-01', '2025-12-31'],
      ['2025-07-01', '2025-09-30'],
      ['2025-04-01', '2025-06-30'],
      ['2025-01-01', '2025-03-31'],
    ]);
    expect(q[0].label).toBe('2025年第4季度');
  });
});

describe('score', () => {
  it('counts only scored items', () => {
    expect(complianceScore([{ status: 'pass' }, { status: 'fail' }, { status: 'unscored' }])).toBe(50);
    expect(complianceScore([{ status: 'pass' }, { status: 'pass' }, { status: 'pass' }])).toBe(100);
    expect(complianceScore([])).toBe(0);
  });
});

describe('chair report to the congress (主席年度述职)', () => {
  it('passes with last year\'s report all through this year, and with this year\'s', () => {
    expect(chairReportCheck([2025], '2026-01-01')).toMatchObject({ status: 'pass', nextStep: null, detail: '已记录 2025 年度述职' });
    expect(chairReportCheck([2025], '2026-12-31').status).toBe('pass');
    expect(chairReportCheck([2026], '2026-06-01')).toMatchObject({ status: 'pass', detail: '已记录 2026 年度述职' });
    expect(chairReportCheck([2024, 2025, 2026], '2026-06-01').detail).toBe('已记录 2026 年度述职');
  });

  it('fails with a report two years old or none, and says to report on last year', () => {
    expect(chairReportCheck([2024], '2026-01-01')).toMatchObject({ status: 'fail', detail: '最近一次述职为 2024 年度，2025 年度尚未记录' });
    const none = chairReportCheck([], '2026-03-01');
    expect(none).toMatchObject({ status: 'fail', detail: '尚无述职记录' });
    expect(none.nextStep).toMatch(/2025 年度/);
    // A report recorded for a future year does not count.
    expect(chairReportCheck([2027], '2026-03-01').status).toBe('fail');
  });
});

describe('committeeState', () => {
  const labels = { committee: '经费审查委员会', single: '经费审查员' };
  const base = { unionKind: 'base' as const, kind: 'audit' as const, counts: { members: 30, women: 4 }, today: '2026-12-08' };

  it('names a missing committee by the form the roster requires', () => {
    expect(committeeState({ ...base, committee: null, seatRoles: [] }, labels)).toEqual({ problems: ['尚未建立经费审查委员会'], vacancies: [] });
  });

  it('flags a single office where the roster requires a committee, an ended term and an empty office', () => {
    const s = committeeState({ ...base, committee: { form: 'single', termStart: '2021-01-01', termEnd: '2025-12-31' }, seatRoles: [] }, labels);
    expect(s.problems).toEqual(['会员已达 30 人（25 人起），应设经费审查委员会', '尚未确定人选', '任期已于 2025-12-31 届满']);
    expect(s.vacancies).toEqual(['经费审查员空缺']);
  });

  it('finds nothing wrong with a full committee of three with a chair in its term', () => {
    expect(committeeState({ ...base, committee: { form: 'committee', termStart: '2025-01-01', termEnd: '2029-12-31' }, seatRoles: ['chair', 'member', 'member'] }, labels)).toEqual({ problems: [], vacancies: [] });
  });

  it('says the chair is missing', () => {
    expect(committeeState({ ...base, kind: 'union', committee: { form: 'committee', termStart: '2025-01-01', termEnd: '2029-12-31' }, seatRoles: ['member', 'member', 'member'] }, labels).vacancies).toEqual(['主席空缺']);
  });
});
