import fc from 'fast-check';
import { FUND_CATEGORIES, FUNDING_ROUTES, MAX_ENTRY_FEN, type FundingRoute } from '../contract/fund/labels';
import { checkGift, entryStatus, perHeadFen, totalsOf, type CountedEntry } from './fund-ledger';

interface Row {
  categoryIndex: number;
  route: FundingRoute;
  amountFen: number;
  withSub: boolean;
  reversed: boolean;
}

/** A random ledger: entries, some of them reversed once (a reversal mirrors its original). */
const original: fc.Arbitrary<Row> = fc.record({
  categoryIndex: fc.integer({ min: 0, max: FUND_CATEGORIES.length - 1 }),
  route: fc.constantFrom<FundingRoute>(...FUNDING_ROUTES),
  amountFen: fc.oneof(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: MAX_ENTRY_FEN })),
  withSub: fc.boolean(),
  reversed: fc.boolean(),
});

function ledgerOf(rows: Row[]): { entries: CountedEntry[]; rows: typeof rows } {
  const entries: CountedEntry[] = [];
  for (const r of rows) {
    const cat = FUND_CATEGORIES[r.categoryIndex];
    const e: CountedEntry = {
      direction: cat.direction,
      category: cat.name,
      subCategory: r.withSub && cat.subCategories.length ? cat.subCategories[r.amountFen % cat.subCategories.length] : null,
      fundingRoute: cat.direction === 'income' ? r.route : null,
      amountFen: r.amountFen,
      kind: 'entry',
    };
    entries.push(e);
    if (r.reversed) entries.push({ ...e, kind: 'reversal' });
  }
  return { entries, rows };
}

/**
 * The independent reference: BigInt sums straight from the generated rows (a reversed row
 * contributes nothing), written without the code under test.
 */
function reference(rows: Row[]) {
  const byCategory = new Map<string, bigint>();
  const byRoute = new Map<string, bigint>();
  let income = 0n;
  let expense = 0n;
  let count = 0;
  for (const r of rows) {
    count += r.reversed ? 2 : 1;
    if (r.reversed) continue;
    const cat = FUND_CATEGORIES[r.categoryIndex];
    const v = BigInt(r.amountFen);
    byCategory.set(cat.name, (byCategory.get(cat.name) ?? 0n) + v);
    if (cat.direction === 'income') {
      income += v;
      byRoute.set(r.route, (byRoute.get(r.route) ?? 0n) + v);
    } else expense += v;
  }
  return { income, expense, byCategory, byRoute, count };
}

function check(rows: Row[]): void {
  const { entries } = ledgerOf(rows);
  // Order must not matter: shuffle deterministically.
  const shuffled = entries.map((e, i) => ({ e, k: (i * 2654435761) % 4294967296 })).sort((a, b) => a.k - b.k).map((x) => x.e);
  const t = totalsOf(shuffled);
  const ref = reference(rows);
  expect(BigInt(t.incomeFen)).toBe(ref.income);
  expect(BigInt(t.expenseFen)).toBe(ref.expense);
  expect(t.count).toBe(ref.count);
  for (const c of FUND_CATEGORIES) expect([c.name, BigInt(t.byCategory.get(`${c.direction}|${c.name}`) ?? 0)]).toEqual([c.name, ref.byCategory.get(c.name) ?? 0n]);
  for (const route of FUNDING_ROUTES) expect([route, BigInt(t.byRoute.get(route) ?? 0)]).toEqual([route, ref.byRoute.get(route) ?? 0n]);
  expect(BigInt(t.duesFen)).toBe(ref.byCategory.get('会费收入') ?? 0n);
  expect(BigInt(t.memberActivityFen)).toBe(ref.byCategory.get('职工活动支出') ?? 0n);
  // Totals are additive: summing groups (as the database returns them) gives the same figures.
  const groups = new Map<string, CountedEntry>();
  for (const e of entries) {
    const k = `${e.direction}|${e.category}|${e.subCategory}|${e.fundingRoute}|${e.kind}`;
    const g = groups.get(k);
    if (g) g.amountFen += e.amountFen;
    else groups.set(k, { ...e });
  }
  const fromGroups = totalsOf(groups.values());
  const sorted = (m: Map<string, number>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1));
  expect(fromGroups.incomeFen).toBe(t.incomeFen);
  expect(fromGroups.expenseFen).toBe(t.expenseFen);
  expect(sorted(fromGroups.byCategory)).toEqual(sorted(t.byCategory));
  expect(sorted(fromGroups.bySubCategory)).toEqual(sorted(t.bySubCategory));
  expect(sorted(fromGroups.byRoute)).toEqual(sorted(t.byRoute));
}

describe('ledger totals', () => {
  it('100,000 random entries with reversals: every total equals the reference sum, to the fen', () => {
    const started = Date.now();
    fc.assert(
      fc.property(fc.array(original, { minLength: 100_000, maxLength: 100_000 }), (rows) => {
        check(rows);
      }),
      { numRuns: 1, seed: 20260925 },
    );
    process.stdout.write(`ledger property: 100,000 random entries checked in ${Date.now() - started} ms\n`);
  });

  it('holds for many smaller random ledgers too (shrinks to a small counterexample if it ever fails)', () => {
    fc.assert(fc.property(fc.array(original, { maxLength: 300 }), (rows) => check(rows)), { numRuns: 200 });
  });

  it('a reversal takes back exactly its original', () => {
    const e: CountedEntry = { direction: 'expense', category: '业务支出', subCategory: null, fundingRoute: null, amountFen: 80_000, kind: 'entry' };
    const t = totalsOf([e, { ...e, kind: 'reversal' }, { ...e, amountFen: 60_000 }]);
    expect(t.expenseFen).toBe(60_000);
    expect(t.byCategory.get('expense|业务支出')).toBe(60_000);
  });
});

describe('entry status', () => {
  it('posts income and reversals at once; spending waits for the chair', () => {
    expect(entryStatus(false, null)).toBe('posted');
    expect(entryStatus(true, null)).toBe('pending_approval');
    expect(entryStatus(true, 'approve')).toBe('posted');
    expect(entryStatus(true, 'reject')).toBe('rejected');
  });
});

describe('spending rules', () => {
  const caps = { holidayCapFen: 150_000, birthdayCapFen: 30_000 };
  const gift = { kind: 'holiday' as const, form: 'goods' as const, recipients: 'members' as const, recipientCount: 10 };

  it('refuses gifts to non-members', () => {
    expect(checkGift(10_000, { ...gift, recipients: 'non_members' }, caps, 0)).toMatchObject({ ok: false, path: 'gift.recipients' });
    expect(checkGift(10_000, { ...gift, recipients: 'mixed' }, caps, 0)).toMatchObject({ ok: false });
  });

  it.each(['cash', 'shopping_card', 'voucher'] as const)('refuses %s as a gift', (form) => {
    expect(checkGift(10_000, { ...gift, form }, caps, 0)).toMatchObject({ ok: false, path: 'gift.form' });
  });

  it('flags, without refusing, a gift that passes the yearly cap per member', () => {
    expect(checkGift(1_500_000, gift, caps, 0)).toEqual({ ok: true, flags: [] });
    const over = checkGift(1_500_010, gift, caps, 0);
    expect(over.ok && over.flags[0].code).toBe('gift_cap_exceeded');
    const birthday = checkGift(20_000, { ...gift, kind: 'birthday', recipientCount: 1 }, caps, 20_000);
    expect(birthday.ok && birthday.flags[0].message).toBe('生日慰问每人全年累计 400.00 元，超过本工会标准 300.00 元');
    expect(checkGift(9_999_999, { ...gift, kind: 'other' }, caps, 0)).toEqual({ ok: true, flags: [] });
  });

  it('rounds the amount a head up, so rounding never hides a cap', () => {
    expect(perHeadFen(100, 3)).toBe(34);
    expect(perHeadFen(99, 3)).toBe(33);
  });
});
