import { createHash } from 'node:crypto';
import { mustParsePeriod } from './fund-period';
import { buildNoticeContent, canonicalJson, jsonEqual, noticeHash, type NoticeEntry, type NoticeInput } from './fund-notice';

function entry(over: Partial<NoticeEntry> & { id: string; seq: number }): NoticeEntry {
  return { date: '2026-08-01', direction: 'income', category: '会费收入', subCategory: null, fundingRoute: 'dues', amountFen: 1_000, kind: 'entry', counterparty: null, purpose: '会费', reversesId: null, ...over };
}

const ENTRIES: NoticeEntry[] = [
  entry({ id: 'b', seq: 2, date: '2026-09-01', amountFen: 300_000, category: '拨缴经费收入', fundingRoute: 'employer' }),
  entry({ id: 'a', seq: 1 }),
  entry({ id: 'c', seq: 3, direction: 'expense', category: '职工活动支出', subCategory: '文体活动', fundingRoute: null, amountFen: 120_000 }),
  entry({ id: 'd', seq: 4, direction: 'expense', category: '职工活动支出', subCategory: '文体活动', fundingRoute: null, amountFen: 500, kind: 'reversal', reversesId: 'x' }),
];

/** A notice input from whole entries (they serve as their own groups, ids and item candidates). */
function input(over: Partial<NoticeInput> & { entries?: NoticeEntry[] } = {}): NoticeInput {
  const { entries = ENTRIES, ...rest } = over;
  return {
    unionId: 'bu-1',
    unionName: '某工会',
    period: mustParsePeriod('2026-Q3'),
    version: 1,
    openingFen: 50_000,
    groups: entries,
    entryIds: entries.map((e) => e.id),
    items: entries,
    yearBefore: { duesFen: 2_000, memberActivityFen: 1_500 },
    corrections: [],
    itemThresholdFen: 100_000,
    signOff: { opinion: '同意', reviewerName: '经审员', signedAt: '2026-10-05T02:00:00.000Z' },
    explanation: '说明',
    asOfSeq: 4,
    ...rest,
  };
}

describe('canonical JSON', () => {
  it('sorts keys at every depth and has no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 'x', c: null }], e: true })).toBe('{"a":[{"c":null,"d":"x"}],"b":1,"e":true}');
  });

  it('spells a list of strings exactly as element by element', () => {
    const ids = ['fe_b', 'fe_"a"', 'fe_\u00e9', '会', 'x\ny'];
    expect(canonicalJson(ids)).toBe(`[${ids.map((i) => canonicalJson({ k: i }).slice(5, -1)).join(',')}]`);
    expect(canonicalJson([])).toBe('[]');
  });

  it('gives the same bytes whatever the key order', () => {
    expect(canonicalJson({ x: 1, y: { p: 2, q: 3 } })).toBe(canonicalJson({ y: { q: 3, p: 2 }, x: 1 }));
  });

  it('refuses what has no single spelling: fractions, undefined', () => {
    expect(() => canonicalJson({ a: 1.5 })).toThrow();
    expect(() => canonicalJson({ a: undefined })).toThrow();
  });
});

describe('jsonEqual', () => {
  it('agrees with canonical JSON equality', () => {
    const cases: [unknown, unknown][] = [
      [{ a: [1, { b: null }] }, { a: [1, { b: null }] }],
      [{ a: 1, b: 2 }, { b: 2, a: 1 }],
      [{ a: [] }, { a: {} }],
      [{ a: 1 }, { a: 1, b: 2 }],
      [[1, 2], [2, 1]],
      [{ a: null }, { a: 0 }],
      ['1', 1],
    ];
    for (const [x, y] of cases) expect(jsonEqual(x, y)).toBe(canonicalJson(x) === canonicalJson(y));
  });

  it('ignores prototypes (objects from JSON.parse or a database driver)', () => {
    expect(jsonEqual(Object.assign(Object.create(null), { a: 1 }), { a: 1 })).toBe(true);
  });
});

describe('notice content', () => {
  it('adds up: opening + income − expense = closing, reversals counted with their sign', () => {
    const c = buildNoticeContent(input());
    expect(c).toMatchObject({ incomeFen: 301_000, expenseFen: 119_500, closingFen: 50_000 + 301_000 - 119_500, entryCount: 4 });
    expect(c.byCategory.find((r) => r.category === '职工活动支出')!.amountFen).toBe(119_500);
    expect(c.bySubCategory).toEqual([{ category: '职工活动支出', subCategory: '文体活动', amountFen: 119_500 }]);
    expect(c.dues).toEqual({ collectedFen: 1_000, returnedFen: 119_500, yearCollectedFen: 3_000, yearReturnedFen: 121_000 });
    expect(c.byFundingRoute.map((r) => r.route)).toEqual(['chamber', 'employer', 'upper', 'dues', 'other']);
  });

  it('gives the same figures from per-category groups as from the entries themselves', () => {
    const grouped = input({
      groups: [
        { direction: 'income', category: '会费收入', subCategory: null, fundingRoute: 'dues', amountFen: 1_000, kind: 'entry' },
        { direction: 'income', category: '拨缴经费收入', subCategory: null, fundingRoute: 'employer', amountFen: 300_000, kind: 'entry' },
        { direction: 'expense', category: '职工活动支出', subCategory: '文体活动', fundingRoute: null, amountFen: 120_000, kind: 'entry' },
        { direction: 'expense', category: '职工活动支出', subCategory: '文体活动', fundingRoute: null, amountFen: 500, kind: 'reversal' },
      ],
    });
    expect(noticeHash(buildNoticeContent(grouped))).toBe(noticeHash(buildNoticeContent(input())));
  });

  it('lists items at or above the threshold and every reversal, in ledger order; ids sorted', () => {
    const c = buildNoticeContent(input());
    expect(c.items.map((i) => i.id)).toEqual(['c', 'd', 'b']);
    expect(c.entryIds).toEqual(['a', 'b', 'c', 'd']);
  });

  it('hashes the canonical JSON of the figures and entries with SHA-256, independent of input order', () => {
    const c = buildNoticeContent(input());
    expect(c.format).toBe(2);
    const { signOff, explanation, version, asOfSeq, unionName, ...sealed } = c;
    expect([signOff, explanation, version, asOfSeq, unionName]).toBeTruthy();
    expect(noticeHash(c)).toBe(createHash('sha256').update(canonicalJson(sealed)).digest('hex'));
    const reordered = buildNoticeContent(input({ entries: [...ENTRIES].reverse() }));
    expect(noticeHash(reordered)).toBe(noticeHash(c));
  });

  it('changes the hash when any figure, listed item, entry id or correction changes', () => {
    const base = noticeHash(buildNoticeContent(input()));
    const variants = [
      input({ openingFen: 50_001 }),
      input({ entries: ENTRIES.map((e) => (e.id === 'a' ? { ...e, amountFen: 1_001 } : e)) }),
      input({ entries: ENTRIES.map((e) => (e.id === 'a' ? { ...e, id: 'a2' } : e)) }),
      input({ entries: ENTRIES.map((e) => (e.id === 'b' ? { ...e, purpose: '改过的用途' } : e)) }),
      input({ itemThresholdFen: 1_000 }),
      input({ corrections: [{ id: 'z', date: '2026-10-02', kind: 'reversal', direction: 'income', category: '会费收入', amountFen: 1_000, reversesId: 'a', correctsId: null, purpose: '冲正' }] }),
    ];
    for (const v of variants) expect(noticeHash(buildNoticeContent(v))).not.toBe(base);
  });

  // Issue 18 item 5: the code the 经审 signs (preview before and after closing, sign-off) is the code members see.
  it('keeps the hash through closing, sign-off and publishing: sign-off, explanation, version and ledger position are not sealed', () => {
    const base = noticeHash(buildNoticeContent(input()));
    const variants = [
      input({ signOff: { opinion: '', reviewerName: '', signedAt: '' } }),
      input({ signOff: { opinion: '同意。', reviewerName: '另一位经审员', signedAt: '2026-10-09T02:00:00.000Z' } }),
      input({ explanation: '' }),
      input({ explanation: '发布时补充的情况说明。' }),
      input({ version: 2 }),
      input({ asOfSeq: 40 }),
      input({ unionName: '改名后的工会' }),
    ];
    for (const v of variants) expect(noticeHash(buildNoticeContent(v))).toBe(base);
  });

  it('checks a notice published in format 1 by the rule of format 1: everything it holds', () => {
    const legacy = buildNoticeContent(input({ format: 1 }));
    expect(legacy.format).toBe(1);
    expect(noticeHash(legacy)).toBe(createHash('sha256').update(canonicalJson(legacy)).digest('hex'));
    expect(noticeHash(buildNoticeContent(input({ format: 1, explanation: '说明。' })))).not.toBe(noticeHash(legacy));
  });
});
