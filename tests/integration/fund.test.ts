/**
 * Funds through the real host and the real SDK, on SQLite and (with TEST_DATABASE_URL)
 * PostgreSQL: recording, the chair's approval, reversals, closing, sign-off, publishing and
 * correcting notices, members reading and asking, receipts, spending rules, the industry view.
 * The clock is fixed at 2026-11-25 (China), so the current quarter is 2026-Q4.
 */
import { noticeHash } from '../../cloud/domain/fund-notice';
import { mustParsePeriod } from '../../cloud/domain/fund-period';
import { DEMO_FUND_IDS } from '../../cloud/seed/demo-fund-ids';
import { loadSignOff } from '../../cloud/storage/fund.repository';
import { assembleNotice, buildExpense, buildGift, buildIncome } from '../support/fund-factories';
import { BACKENDS, startTestHost, type TestHost } from '../support/host';
import { freezeDateAt } from '../support/frozen-date';

jest.setTimeout(60_000);

const NOW = new Date('2026-11-25T08:00:00Z');
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n').toString('base64');

// Only Date is faked (frozen at NOW), so the SDK's request signatures match the host's clock;
// timers, I/O and the database run as usual.
freezeDateAt(NOW);

describe.each(BACKENDS)('funds on %s', (backend) => {
  let t: TestHost;
  const now = NOW;
  let staff: string;
  let chair: string;
  let chair2: string;
  let reviewer: string;
  let member: string;
  let member2: string;
  let otherStaff: string;
  let otherMember: string;
  let admin: string;

  beforeAll(async () => {
    t = await startTestHost({ backend, clock: () => now });
    [staff, chair, chair2, reviewer, member, member2, otherStaff, otherMember, admin] = await Promise.all([
      t.login('staff', 'bu-cy02'),
      t.login('chair', 'bu-cy02'),
      t.login('chair', 'bu-cy02', 'second-chair'),
      t.login('reviewer', 'bu-cy02'),
      t.login('member', 'bu-cy02', 'm1'),
      t.login('member', 'bu-cy02', 'm2'),
      t.login('staff', 'bu-cy01'),
      t.login('member', 'bu-cy01', 'o1'),
      t.login('industryAdmin'),
    ]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('posts income at once and holds spending for the chair; the reviewer and staff cannot approve', async () => {
    const income = await t.call('fund.addEntry', buildIncome(), staff);
    expect(income).toMatchObject({ status: 'posted', duplicate: false, flags: [] });
    const spend = await t.call('fund.addEntry', buildExpense(), staff);
    expect(spend.status).toBe('pending_approval');
    expect((await t.refusal('fund.approve', { id: spend.id }, staff)).reason).toBe('forbidden');
    expect((await t.refusal('fund.approve', { id: spend.id }, reviewer)).reason).toBe('forbidden');
    const approved = await t.call('fund.approve', { id: spend.id }, chair);
    expect(approved).toEqual({ id: spend.id, status: 'posted', duplicate: false });
    // The same decision again is harmless; the other decision is refused.
    expect((await t.call('fund.approve', { id: spend.id }, chair)).duplicate).toBe(true);
    expect((await t.refusal('fund.approve', { id: spend.id, decision: 'reject', note: '改主意' }, chair)).reason).toBe('already_decided');
    const ledger = await t.call('fund.ledger', { unionId: 'bu-cy02', quarter: '2026-Q3' }, reviewer);
    const item = ledger.items.find((i) => i.id === spend.id)!;
    expect(item.approval).toMatchObject({ decision: 'approve' });
    expect(item.approval!.at).toBe(NOW.toISOString());
    expect(ledger.can).toEqual({ record: false, approve: false, comment: true, signOff: true, publish: false });
  });

  it('never lets the recorder approve their own spending', async () => {
    const spend = await t.call('fund.addEntry', buildExpense({ amountFen: 30_000 }), chair);
    expect((await t.refusal('fund.approve', { id: spend.id }, chair)).reason).toBe('same_person');
    expect((await t.call('fund.approve', { id: spend.id }, chair2)).status).toBe('posted');
  });

  it('records a rejection with its reason and counts the entry for nothing', async () => {
    const spend = await t.call('fund.addEntry', buildExpense({ amountFen: 99_900 }), staff);
    expect((await t.refusal('fund.approve', { id: spend.id, decision: 'reject' }, chair)).fields?.[0]?.path).toBe('note');
    expect((await t.call('fund.approve', { id: spend.id, decision: 'reject', note: '超出预算' }, chair)).status).toBe('rejected');
    const rejected = await t.call('fund.ledger', { unionId: 'bu-cy02', status: 'rejected' }, staff);
    expect(rejected.items.map((i) => i.id)).toContain(spend.id);
    expect((await t.refusal('fund.reverse', { id: spend.id, reason: 'x' }, staff)).reason).toBe('already_decided');
  });

  it('the reviewer can neither record nor reverse', async () => {
    expect((await t.refusal('fund.addEntry', buildIncome(), reviewer)).reason).toBe('forbidden');
    const income = await t.call('fund.addEntry', buildIncome({ amountFen: 1_000 }), staff);
    expect((await t.refusal('fund.reverse', { id: income.id, reason: '录错' }, reviewer)).reason).toBe('forbidden');
    expect((await t.refusal('fund.attach', { unionId: 'bu-cy02', fileName: 'a.png', mimeType: 'image/png', dataBase64: PNG }, reviewer)).reason).toBe('forbidden');
    expect((await t.refusal('fund.publishNotice', { unionId: 'bu-cy02', quarter: '2026-Q3' }, reviewer)).reason).toBe('forbidden');
  });

  it('is idempotent by requestId', async () => {
    const input = buildIncome({ amountFen: 4_321 });
    const first = await t.call('fund.addEntry', input, staff);
    const again = await t.call('fund.addEntry', input, staff);
    expect(again).toEqual({ ...first, duplicate: true });
  });

  it('refuses dates in the future and sub-categories that do not exist', async () => {
    expect((await t.refusal('fund.addEntry', buildIncome({ date: '2026-11-26' }), staff)).fields?.[0]?.path).toBe('date');
    expect((await t.refusal('fund.addEntry', buildExpense({ subCategory: '旅游' }), staff)).fields?.[0]?.path).toBe('subCategory');
    expect((await t.refusal('fund.addEntry', buildExpense({ category: '会费收入' }), staff)).fields?.[0]?.path).toBe('category');
    expect((await t.refusal('fund.addEntry', buildIncome({ amountFen: 0 }), staff)).fields?.[0]?.path).toBe('amountFen');
    expect((await t.refusal('fund.addEntry', buildIncome({ amountFen: 1_000_000_001 }), staff)).fields?.[0]?.path).toBe('amountFen');
    expect((await t.refusal('fund.addEntry', buildIncome({ amountFen: 10.5 }), staff)).fields?.[0]?.path).toBe('amountFen');
  });

  it('accepts a union\'s own sub-category once it is in the settings', async () => {
    await t.call('fund.updateSettings', { unionId: 'bu-cy02', subCategories: { 职工活动支出: ['读书会'] } }, staff);
    expect((await t.call('fund.addEntry', buildExpense({ subCategory: '读书会', amountFen: 8_000 }), staff)).status).toBe('pending_approval');
    expect((await t.refusal('fund.updateSettings', { unionId: 'bu-cy02', holidayCapFen: 1 }, reviewer)).reason).toBe('forbidden');
  });

  it('applies the spending rules: members only, no cash or cards, the yearly cap flagged', async () => {
    const cash = await t.refusal('fund.addEntry', buildGift({}, { form: 'cash' }), staff);
    expect(cash).toMatchObject({ reason: 'spending_rule' });
    expect(cash.fields?.[0]?.path).toBe('gift.form');
    expect((await t.refusal('fund.addEntry', buildGift({}, { form: 'shopping_card' }), staff)).reason).toBe('spending_rule');
    const outsiders = await t.refusal('fund.addEntry', buildGift({}, { recipients: 'mixed' }), staff);
    expect(outsiders.fields?.[0]?.path).toBe('gift.recipients');
    // 4 members × 1,000 yuan: within the 1,500 yuan yearly holiday cap.
    const first = await t.call('fund.addEntry', buildGift({ amountFen: 400_000 }), staff);
    expect(first.flags).toEqual([]);
    // Another 4 × 900 yuan: 1,900 a head for the year → flagged, not refused.
    const second = await t.call('fund.addEntry', buildGift({ amountFen: 360_000 }), staff);
    expect(second.flags).toEqual([{ code: 'gift_cap_exceeded', message: expect.stringContaining('节日慰问每人全年累计 1,900.00 元') }]);
    const refused = await t.refusal('fund.approve', { id: second.id }, chair);
    expect(refused.fields?.[0]?.path).toBe('acknowledgeFlags');
    expect((await t.call('fund.approve', { id: second.id, acknowledgeFlags: true }, chair)).status).toBe('posted');
    await t.call('fund.approve', { id: first.id }, chair);
    const ledger = await t.call('fund.ledger', { unionId: 'bu-cy02' }, reviewer);
    expect(ledger.items.find((i) => i.id === second.id)!.flags[0].code).toBe('gift_cap_exceeded');
    expect(ledger.summary.flaggedCount).toBeGreaterThanOrEqual(1);
  });

  it('reverses a posted entry once, with the original untouched', async () => {
    const income = await t.call('fund.addEntry', buildIncome({ amountFen: 77_700, date: '2026-08-10' }), staff);
    const before = await t.call('fund.ledger', { unionId: 'bu-cy02', quarter: '2026-Q3' }, staff);
    const rev = await t.call('fund.reverse', { id: income.id, reason: '重复录入' }, staff);
    expect(rev.duplicate).toBe(false);
    expect(await t.call('fund.reverse', { id: income.id, reason: '重复录入' }, staff)).toEqual({ id: rev.id, duplicate: true });
    expect((await t.refusal('fund.reverse', { id: income.id, reason: '别的原因' }, chair)).reason).toBe('already_reversed');
    expect((await t.refusal('fund.reverse', { id: rev.id, reason: '再冲' }, staff)).reason).toBe('immutable');
    // The reversal is dated today (2026-Q4) and takes the amount back there.
    const q4 = await t.call('fund.ledger', { unionId: 'bu-cy02', quarter: '2026-Q4' }, staff);
    const r = q4.items.find((i) => i.id === rev.id)!;
    expect(r).toMatchObject({ kind: 'reversal', reversesId: income.id, signedFen: -77_700, date: '2026-11-25', status: 'posted', purpose: '冲正：重复录入' });
    const after = await t.call('fund.ledger', { unionId: 'bu-cy02', quarter: '2026-Q3' }, staff);
    expect(after.summary.incomeFen).toBe(before.summary.incomeFen);
    expect(after.items.find((i) => i.id === income.id)).toMatchObject({ amountFen: 77_700, reversedById: rev.id, kind: 'entry' });
    const pending = await t.call('fund.addEntry', buildExpense({ amountFen: 5_000 }), staff);
    expect((await t.refusal('fund.reverse', { id: pending.id, reason: 'x' }, staff)).reason).toBe('not_approved');
    await t.call('fund.approve', { id: pending.id, decision: 'reject', note: '不需要' }, chair);
  });

  it('stores receipts with their SHA-256, checks their type, and shows them to the reviewer', async () => {
    const up = await t.call('fund.attach', { unionId: 'bu-cy02', fileName: '发票.png', mimeType: 'image/png', dataBase64: PNG }, staff);
    expect(up.sha256).toBe(require('node:crypto').createHash('sha256').update(Buffer.from(PNG, 'base64')).digest('hex'));
    const pdf = await t.call('fund.attach', { unionId: 'bu-cy02', fileName: '合同.pdf', mimeType: 'application/pdf', dataBase64: PDF }, staff);
    expect((await t.refusal('fund.attach', { unionId: 'bu-cy02', fileName: 'x.jpg', mimeType: 'image/jpeg', dataBase64: PNG }, staff)).reason).toBe('invalid_attachment');
    const big = Buffer.alloc(610 * 1024, 1);
    big.write('%PDF-');
    expect((await t.refusal('fund.attach', { unionId: 'bu-cy02', fileName: 'big.pdf', mimeType: 'application/pdf', dataBase64: big.toString('base64') }, staff)).reason).toBe('validation_error');
    const spend = await t.call('fund.addEntry', buildExpense({ amountFen: 12_300, attachmentIds: [up.attachmentId, pdf.attachmentId] }), staff);
    const ledger = await t.call('fund.ledger', { unionId: 'bu-cy02', status: 'pending_approval' }, reviewer);
    expect(ledger.items.find((i) => i.id === spend.id)!.attachments.map((a) => a.fileName).sort()).toEqual(['发票.png', '合同.pdf'].sort());
    const file = await t.call('fund.attachment', { id: up.attachmentId }, reviewer);
    expect(file.dataBase64).toBe(PNG);
    expect((await t.refusal('fund.attachment', { id: up.attachmentId }, otherStaff)).reason).toBe('not_found');
    expect((await t.refusal('fund.attachment', { id: up.attachmentId }, member)).reason).toBe('not_found');
    // Someone else's receipt cannot be linked.
    const theirs = await t.call('fund.attach', { unionId: 'bu-cy01', fileName: 'x.png', mimeType: 'image/png', dataBase64: PNG }, otherStaff);
    expect((await t.refusal('fund.addEntry', buildExpense({ attachmentIds: [theirs.attachmentId] }), staff)).fields?.[0]?.path).toBe('attachmentIds');
    await t.call('fund.approve', { id: spend.id }, chair);
  });

  it('shows member names on per-member dues to staff, never to the reviewer', async () => {
    const m = await t.host.storage.db.selectFrom('members').select(['id', 'name', 'member_no']).where('union_id', '=', 'bu-cy02').where('status', '=', 'active').executeTakeFirstOrThrow();
    const dues = await t.call('fund.addEntry', buildIncome({ category: '会费收入', amountFen: 3_000, purpose: '会费', dues: { memberId: m.id } }), staff);
    const forStaff = await t.call('fund.ledger', { unionId: 'bu-cy02' }, staff);
    expect(forStaff.items.find((i) => i.id === dues.id)!.dues).toEqual({ memberCount: 1, memberName: m.name, memberNo: m.member_no });
    const forReviewer = await t.call('fund.ledger', { unionId: 'bu-cy02' }, reviewer);
    expect(forReviewer.items.find((i) => i.id === dues.id)!.dues).toEqual({ memberCount: 1 });
    expect(JSON.stringify(forReviewer)).not.toContain(m.name);
    const other = await t.host.storage.db.selectFrom('members').select('id').where('union_id', '=', 'bu-cy01').executeTakeFirstOrThrow();
    expect((await t.refusal('fund.addEntry', buildIncome({ category: '会费收入', purpose: '会费', dues: { memberId: other.id } }), staff)).fields?.[0]?.path).toBe('dues.memberId');
  });

  it('lets the reviewer comment and staff reply; comments show in the ledger', async () => {
    const e = await t.call('fund.addEntry', buildIncome({ amountFen: 2_000 }), staff);
    await t.call('fund.comment', { entryId: e.id, body: '请补充拨缴凭证' }, reviewer);
    await t.call('fund.comment', { entryId: e.id, body: '已补充' }, staff);
    const ledger = await t.call('fund.ledger', { unionId: 'bu-cy02' }, reviewer);
    expect(ledger.items.find((i) => i.id === e.id)!.comments.map((x) => [x.authorRole, x.body])).toEqual([
      ['经审', '请补充拨缴凭证'],
      ['工会干部', '已补充'],
    ]);
    expect((await t.refusal('fund.comment', { entryId: e.id, body: 'x' }, member)).reason).toBe('not_found');
  });

  it('answers not_found to another union\'s staff for every object of this union (identifier swap)', async () => {
    const e = await t.call('fund.addEntry', buildExpense({ amountFen: 1_100 }), staff);
    for (const [name, input] of [
      ['fund.approve', { id: e.id }],
      ['fund.reverse', { id: e.id, reason: 'x' }],
      ['fund.comment', { entryId: e.id, body: 'x' }],
    ] as const) {
      expect([name, (await t.refusal(name, input, otherStaff)).reason]).toEqual([name, 'not_found']);
      expect([name, (await t.refusal(name, input, admin)).reason]).toEqual([name, 'not_found']);
    }
    expect((await t.refusal('fund.ledger', { unionId: 'bu-cy02' }, otherStaff)).reason).toBe('forbidden');
    await t.call('fund.approve', { id: e.id }, chair);
  });

  describe('a quarter from closing to publication', () => {
    it('will not close a period that has not ended, or one with spending still waiting', async () => {
      expect((await t.refusal('fund.closeQuarter', { unionId: 'bu-cy02', quarter: '2026-Q4' }, staff)).reason).toBe('period_not_ended');
      // Settle what earlier tests left waiting.
      const waitingBefore = await t.call('fund.ledger', { unionId: 'bu-cy02', status: 'pending_approval', pageSize: 200 }, chair);
      for (const item of waitingBefore.items) await t.call('fund.approve', { id: item.id, acknowledgeFlags: true }, item.mine ? chair2 : chair);
      const waiting = await t.call('fund.addEntry', buildExpense({ amountFen: 2_500, date: '2026-09-30' }), staff);
      const r = await t.refusal('fund.closeQuarter', { unionId: 'bu-cy02', quarter: '2026-Q3' }, staff);
      expect(r.reason).toBe('not_approved');
      expect(r.rawMessage).toContain('1 笔');
      await t.call('fund.approve', { id: waiting.id }, chair);
      // Books are continuous: nothing can be skipped.
      await t.call('fund.addEntry', buildIncome({ date: '2026-03-02', amountFen: 10_000 }), staff);
      expect((await t.refusal('fund.closeQuarter', { unionId: 'bu-cy02', quarter: '2026-Q3' }, staff)).reason).toBe('previous_period_open');
      expect((await t.refusal('fund.closeQuarter', { unionId: 'bu-cy02', quarter: '2026-M07' }, staff)).fields?.[0]?.path).toBe('quarter');
      for (const q of ['2026-Q1', '2026-Q2']) expect((await t.call('fund.closeQuarter', { unionId: 'bu-cy02', quarter: q }, staff)).duplicate).toBe(false);
    });

    it('closes, refuses entries dated in the closed period, signs off once, publishes, and seals with a hash that the ledger reproduces', async () => {
      expect((await t.refusal('fund.signOff', { unionId: 'bu-cy02', quarter: '2026-Q3', opinion: '同意' }, reviewer)).reason).toBe('quarter_open');
      const closed = await t.call('fund.closeQuarter', { unionId: 'bu-cy02', quarter: '2026-Q3' }, chair);
      expect(closed).toEqual({ quarter: '2026-Q3', closedAt: NOW.toISOString(), duplicate: false });
      expect((await t.call('fund.closeQuarter', { unionId: 'bu-cy02', quarter: '2026-Q3' }, staff)).duplicate).toBe(true);
      expect((await t.refusal('fund.addEntry', buildIncome({ date: '2026-09-30' }), staff)).reason).toBe('quarter_closed');
      expect((await t.refusal('fund.addEntry', buildIncome({ date: '2026-01-05' }), staff)).reason).toBe('quarter_closed');
      expect((await t.refusal('fund.publishNotice', { unionId: 'bu-cy02', quarter: '2026-Q3' }, staff)).reason).toBe('not_signed_off');
      expect((await t.refusal('fund.signOff', { unionId: 'bu-cy02', quarter: '2026-Q3', opinion: '同意' }, staff)).reason).toBe('forbidden');
      await t.call('fund.signOff', { unionId: 'bu-cy02', quarter: '2026-Q3', opinion: '账目清楚，同意公示' }, reviewer);
      expect((await t.refusal('fund.signOff', { unionId: 'bu-cy02', quarter: '2026-Q3', opinion: '改一下' }, reviewer)).reason).toBe('immutable');

      const preview = await t.call('fund.previewNotice', { unionId: 'bu-cy02', quarter: '2026-Q3', explanation: '三季度经费情况' }, reviewer);
      expect(preview).toMatchObject({ closed: true, signedOff: true, publishable: true, blocker: null, version: 1, latestNotice: null });
      const published = await t.call('fund.publishNotice', { unionId: 'bu-cy02', quarter: '2026-Q3', explanation: '三季度经费情况' }, staff);
      expect(published).toMatchObject({ version: 1, hash: preview.hash, duplicate: false });
      expect(published.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(await t.call('fund.publishNotice', { unionId: 'bu-cy02', quarter: '2026-Q3' }, staff)).toEqual({ ...published, duplicate: true });

      // Anyone with the ledger gets the same hash.
      const db = t.host.storage.db;
      const signOff = await loadSignOff(db, 'bu-cy02', '2026-Q3');
      const stored = await db.selectFrom('fund_notices').select(['content', 'hash']).where('id', '=', published.noticeId).executeTakeFirstOrThrow();
      const rebuilt = await assembleNotice(db, {
        unionId: 'bu-cy02',
        unionName: '老街美食城联合工会',
        period: mustParsePeriod('2026-Q3'),
        version: 1,
        explanation: '三季度经费情况',
        itemThresholdFen: 100_000,
        signOff,
        asOfSeq: (JSON.parse(stored.content) as { asOfSeq: number }).asOfSeq,
      });
      expect(noticeHash(rebuilt)).toBe(published.hash);
      expect(stored.hash).toBe(published.hash);

      // The figures add up: opening + income − expense = closing, and equal the ledger's posted totals.
      const n = await t.call('fund.getNotice', { noticeId: published.noticeId }, member);
      const ledger = await t.call('fund.ledger', { unionId: 'bu-cy02', quarter: '2026-Q3', status: 'posted', pageSize: 200 }, staff);
      expect(n.incomeFen).toBe(ledger.summary.incomeFen);
      expect(n.expenseFen).toBe(ledger.summary.expenseFen);
      expect(n.closingFen).toBe(n.openingFen + n.incomeFen - n.expenseFen);
      expect(n.openingFen).toBe(10_000);
      expect(n.entryCount).toBe(ledger.total);
      expect(n.byCategory.filter((r) => r.direction === 'expense').reduce((s, r) => s + r.amountFen, 0)).toBe(n.expenseFen);
      expect(n.byFundingRoute.map((r) => r.label)).toEqual(['行业(商会)拨一点', '企业捐一点', '上级补一点', '自己收一点（会费）', '其他来源']);
      expect(n.items.every((i) => i.amountFen >= n.itemThresholdFen || i.kind === 'reversal')).toBe(true);
      expect(n.signOff).toMatchObject({ opinion: '账目清楚，同意公示' });
      expect(n).toMatchObject({ version: 1, superseded: false, canAsk: true, canAnswer: false });
      expect(n.openedCount).toBeUndefined();
    });

    it('a correction publishes version 2; version 1 stays readable, marked superseded', async () => {
      const list1 = await t.call('fund.listNotices', {}, member);
      const v1 = list1.items.find((i) => i.quarter === '2026-Q3')!;
      // Correct a Q3 entry in the current quarter: reverse it and record the right figure.
      const q3 = await t.call('fund.ledger', { unionId: 'bu-cy02', quarter: '2026-Q3', status: 'posted' }, staff);
      const wrong = q3.items.find((i) => i.kind === 'entry' && i.direction === 'income' && !i.reversedById)!;
      const rev = await t.call('fund.reverse', { id: wrong.id, reason: '金额有误' }, staff);
      await t.call('fund.addEntry', buildIncome({ date: '2026-11-25', amountFen: wrong.amountFen - 100, correctsId: wrong.id, purpose: '更正后金额' }), staff);
      const preview = await t.call('fund.previewNotice', { unionId: 'bu-cy02', quarter: '2026-Q3' }, staff);
      expect(preview).toMatchObject({ version: 2, unchanged: false, publishable: true });
      const v2 = await t.call('fund.publishNotice', { unionId: 'bu-cy02', quarter: '2026-Q3', explanation: '更正：一笔拨缴经费金额有误' }, staff);
      expect(v2.version).toBe(2);
      const list2 = await t.call('fund.listNotices', {}, member);
      expect(list2.items.filter((i) => i.quarter === '2026-Q3').map((i) => [i.version, i.superseded])).toEqual([
        [2, false],
        [1, true],
      ]);
      const old = await t.call('fund.getNotice', { noticeId: v1.noticeId }, member);
      expect(old).toMatchObject({ version: 1, superseded: true, latestNoticeId: v2.noticeId });
      const fresh = await t.call('fund.getNotice', { noticeId: v2.noticeId }, member);
      // Same books (the quarter is closed), plus the corrections recorded later.
      expect(fresh.incomeFen).toBe(old.incomeFen);
      expect(fresh.corrections.map((c) => c.id)).toContain(rev.id);
      // The earlier reversal of a Q3 entry (already in version 1), this reversal and its replacement.
      expect(fresh.corrections).toHaveLength(3);
      expect(old.corrections).toHaveLength(1);
      expect(fresh.hash).not.toBe(old.hash);
      expect(fresh.versions.map((v) => v.version)).toEqual([1, 2]);
    });

    it('shows members their own union\'s notices only, and counts who opened them', async () => {
      const mine = await t.call('fund.listNotices', {}, member);
      expect(mine.unionId).toBe('bu-cy02');
      expect(mine.items[0].openedCount).toBeUndefined();
      expect((await t.refusal('fund.listNotices', { unionId: 'bu-cy01' }, member)).reason).toBe('not_found');
      expect((await t.refusal('fund.getNotice', { noticeId: mine.items[0].noticeId }, otherMember)).reason).toBe('not_found');
      expect((await t.refusal('fund.getNotice', { noticeId: mine.items[0].noticeId }, otherStaff)).reason).toBe('not_found');
      const worker = await t.login('worker', undefined, 'w1');
      expect(await t.call('fund.listNotices', {}, worker)).toEqual({ unionId: null, unionName: null, items: [] });
      await t.call('fund.getNotice', { noticeId: mine.items[0].noticeId }, member2);
      await t.call('fund.getNotice', { noticeId: mine.items[0].noticeId }, member2);
      const forStaff = await t.call('fund.listNotices', { unionId: 'bu-cy02' }, staff);
      expect(forStaff.items[0].openedCount).toBe(2);
      expect((await t.call('fund.getNotice', { noticeId: mine.items[0].noticeId }, staff)).openedCount).toBe(2);
      // The industry admin reads a base union's notices without being counted as a reader.
      expect((await t.call('fund.listNotices', { unionId: 'bu-cy02' }, admin)).items.length).toBe(forStaff.items.length);
    });

    it('lets members ask and staff answer; the thread is visible to the union\'s members without names', async () => {
      const { items } = await t.call('fund.listNotices', {}, member);
      const noticeId = items[0].noticeId;
      const q = await t.call('fund.ask', { noticeId, body: '资本性支出买了什么？' }, member);
      expect((await t.refusal('fund.ask', { noticeId, body: 'x' }, staff)).reason).toBe('forbidden');
      expect((await t.refusal('fund.ask', { noticeId, body: 'x' }, otherMember)).reason).toBe('not_found');
      expect((await t.refusal('fund.answer', { questionId: q.id, body: 'x' }, reviewer)).reason).toBe('forbidden');
      expect((await t.refusal('fund.answer', { questionId: q.id, body: 'x' }, otherStaff)).reason).toBe('not_found');
      expect((await t.refusal('fund.answer', { questionId: q.id, body: 'x' }, member2)).reason).toBe('forbidden');
      await t.call('fund.answer', { questionId: q.id, body: '购置了职工书屋的书架' }, staff);
      const seen = await t.call('fund.getNotice', { noticeId }, member2);
      const thread = seen.questions.find((x) => x.id === q.id)!;
      expect(thread).toMatchObject({ body: '资本性支出买了什么？', mine: false, answers: [{ body: '购置了职工书屋的书架' }] });
      expect(thread.askedByName).toBeUndefined();
      expect((await t.call('fund.getNotice', { noticeId }, member)).questions.find((x) => x.id === q.id)!.mine).toBe(true);
      expect((await t.call('fund.getNotice', { noticeId }, staff)).questions.find((x) => x.id === q.id)!.askedByName).toBeTruthy();
      for (let i = 0; i < 3; i++) await t.call('fund.ask', { noticeId, body: `问题 ${i}` }, member2);
      expect((await t.refusal('fund.ask', { noticeId, body: '第四个' }, member2)).reason).toBe('rate_limited');
      const list = await t.call('fund.listNotices', { unionId: 'bu-cy02' }, staff);
      expect(list.items[0]).toMatchObject({ questionCount: 4, unansweredCount: 3 });
    });
  });

  it('keeps sums past 2^31 fen exact (PostgreSQL returns bigint sums as strings)', async () => {
    const requests = Array.from({ length: 5 }, () => buildIncome({ unionId: 'ind-cy', date: '2026-10-08', amountFen: 1_000_000_000, category: '上级工会补助收入' }));
    const indStaff = await t.login('staff', 'ind-cy');
    for (const r of requests) await t.call('fund.addEntry', r, indStaff);
    const ledger = await t.call('fund.ledger', { unionId: 'ind-cy', quarter: '2026-Q4' }, indStaff);
    expect(ledger.summary.incomeFen).toBe(5_000_000_000);
    expect(ledger.total).toBe(5);
    const preview = await t.call('fund.previewNotice', { unionId: 'ind-cy', quarter: '2026-Q4' }, indStaff);
    expect(preview).toMatchObject({ incomeFen: 5_000_000_000, closingFen: 5_000_000_000, closed: false, publishable: false, blocker: '2026年第4季度尚未结账' });
    expect(preview.byFundingRoute.find((r) => r.route === 'upper')!.amountFen).toBe(5_000_000_000);
  });

  it('publishes monthly when the union says so', async () => {
    const staff3 = await t.login('staff', 'bu-cy03');
    // bu-cy03's last closed day (2026-09-30) is a month end too: switching is allowed.
    expect(await t.call('fund.updateSettings', { unionId: 'bu-cy03', noticePeriod: 'month' }, staff3)).toMatchObject({ noticePeriod: 'month' });
    expect((await t.refusal('fund.closeQuarter', { unionId: 'bu-cy03', quarter: '2026-Q4' }, staff3)).fields?.[0]?.path).toBe('quarter');
    expect((await t.call('fund.closeQuarter', { unionId: 'bu-cy03', quarter: '2026-M10' }, staff3)).duplicate).toBe(false);
    expect((await t.refusal('fund.closeQuarter', { unionId: 'bu-cy03', quarter: '2026-M11' }, staff3)).reason).toBe('period_not_ended');
    const ledger = await t.call('fund.ledger', { unionId: 'bu-cy03' }, staff3);
    expect(ledger.periods[0]).toMatchObject({ quarter: '2026-M11', title: '2026年11月', ended: false });
    expect(ledger.periods[1]).toMatchObject({ quarter: '2026-M10', closedAt: NOW.toISOString() });
  });

  it('shows the industry union which base unions published on time, and the sum of their figures', async () => {
    const r = await t.call('fund.overview', { unionId: 'ind-cy' }, admin);
    expect(r.year).toBe(2026);
    expect(r.dueDays).toBe(15);
    const q2 = r.quarters.find((q) => q.quarter === '2026-Q2')!;
    expect(q2.dueDate).toBe('2026-07-15');
    expect(Object.fromEntries(q2.unions.map((u) => [u.unionId, u.status]))).toEqual({ 'bu-cy01': 'on_time', 'bu-cy02': 'missing', 'bu-cy03': 'on_time' });
    const cy01 = q2.unions.find((u) => u.unionId === 'bu-cy01')!;
    const cy03 = q2.unions.find((u) => u.unionId === 'bu-cy03')!;
    expect(q2.aggregate.incomeFen).toBe(cy01.incomeFen! + cy03.incomeFen!);
    expect(q2.aggregate.unionsCounted).toBe(2);
    const q3 = r.quarters.find((q) => q.quarter === '2026-Q3')!;
    // bu-cy02 published Q3 on 2026-11-25, after its due date 2026-10-15.
    expect(q3.unions.find((u) => u.unionId === 'bu-cy02')!.status).toBe('late');
    expect(q3.unions.find((u) => u.unionId === 'bu-cy03')!.status).toBe('missing');
    expect(r.quarters.find((q) => q.quarter === '2026-Q4')!.unions.every((u) => u.status === 'not_due')).toBe(true);
    expect((await t.refusal('fund.overview', { unionId: 'ind-cy' }, staff)).reason).toBe('forbidden');
    expect((await t.refusal('fund.overview', { unionId: 'bu-cy02' }, admin)).fields?.[0]?.path).toBe('unionId');
  });

  it('the seeded demo notices verify, and the corrected one has two versions', async () => {
    const m = await t.login('member', 'bu-cy01', 'seed-check');
    const list = await t.call('fund.listNotices', {}, m);
    expect(list.items.map((i) => [i.quarter, i.version, i.superseded])).toEqual([
      ['2026-Q3', 1, false],
      ['2026-Q2', 2, false],
      ['2026-Q2', 1, true],
    ]);
    const db = t.host.storage.db;
    for (const item of list.items) {
      const row = await db.selectFrom('fund_notices').select(['content', 'hash', 'version', 'period_key']).where('id', '=', item.noticeId).executeTakeFirstOrThrow();
      const content = JSON.parse(row.content) as { explanation: string; asOfSeq: number; itemThresholdFen: number };
      const rebuilt = await assembleNotice(db, {
        unionId: 'bu-cy01',
        unionName: '味香园餐饮有限公司工会',
        period: mustParsePeriod(row.period_key),
        version: row.version,
        explanation: content.explanation,
        itemThresholdFen: content.itemThresholdFen,
        signOff: await loadSignOff(db, 'bu-cy01', row.period_key),
        asOfSeq: content.asOfSeq,
      });
      expect(noticeHash(rebuilt)).toBe(row.hash);
    }
    const n = await t.call('fund.getNotice', { noticeId: DEMO_FUND_IDS.notice }, m);
    expect(n.questions[0].answers).toHaveLength(1);
    expect(n.dues.yearCollectedFen).toBeGreaterThan(0);
  });
});
