/**
 * The notice's 校验码 and its checks (issue 14 items 5–6, issue 18 item 5), through the real host
 * and SDK on both backends:
 * - one code from before closing through sign-off to the member's page (the code the 经审 signs
 *   is the code members see);
 * - `fund.getNotice` hashes what it serves and refuses content that no longer gives the notice's
 *   hash (`notice_altered`), logged and audited;
 * - `fund.verifyNotice` rebuilds the notice from the ledger: `matches` for a true notice, not for
 *   a forged one, and a notice published in format 1 still verifies by its own rule.
 * Forged notices are inserted as new rows: the funds tables refuse UPDATE and DELETE, so someone
 * bypassing the app can only add rows (tests/integration/fund.storage.test.ts).
 */
import { canonicalJson, noticeHash, type NoticeContent } from '../../cloud/domain/fund-notice';
import { mustParsePeriod } from '../../cloud/domain/fund-period';
import { DEMO_FUND_IDS } from '../../cloud/seed/demo-fund-ids';
import { lastSeq, loadSignOff } from '../../cloud/storage/fund.repository';
import { assembleNotice, buildExpense, buildIncome } from '../support/fund-factories';
import { BACKENDS, startTestHost, type TestHost } from '../support/host';
import { freezeDateAt } from '../support/frozen-date';

jest.setTimeout(60_000);

const NOW = new Date('2026-11-25T08:00:00Z');

freezeDateAt(NOW);

describe.each(BACKENDS)('the notice hash and its checks on %s', (backend) => {
  let t: TestHost;
  let staff: string;
  let chair: string;
  let reviewer: string;
  let member: string;
  let published: { noticeId: string; hash: string };

  beforeAll(async () => {
    t = await startTestHost({ backend, clock: () => NOW });
    [staff, chair, reviewer, member] = await Promise.all([t.login('staff', 'bu-cy02'), t.login('chair', 'bu-cy02'), t.login('reviewer', 'bu-cy02'), t.login('member', 'bu-cy02', 'v1')]);
  });
  afterAll(async () => {
    await t.close();
  });

  /** A copy of a stored notice as a new version, with its content changed by `edit` and the hash `hashOf` gives. */
  async function forge(noticeId: string, version: number, edit: (c: NoticeContent) => void, hashOf: (c: NoticeContent, old: string) => string): Promise<string> {
    const db = t.host.storage.db;
    const row = await db.selectFrom('fund_notices').selectAll().where('id', '=', noticeId).executeTakeFirstOrThrow();
    const content = JSON.parse(row.content) as NoticeContent;
    edit(content);
    const id = `ntc_forged_${version}`;
    await db
      .insertInto('fund_notices')
      .values({ ...row, id, version, content: canonicalJson(content), hash: hashOf(content, row.hash), income_fen: content.incomeFen, closing_fen: content.closingFen })
      .execute();
    return id;
  }

  async function alteredEvents(noticeId: string) {
    const rows = await t.host.storage.db.selectFrom('audit_events').select('detail').where('action', '=', 'fund.noticeAltered').where('object_id', '=', noticeId).execute();
    return rows.map((r) => JSON.parse(r.detail) as { check: string });
  }

  it('keeps one 校验码 from before closing, through the sign-off, to the member\'s page', async () => {
    await t.call('fund.addEntry', buildIncome({ date: '2026-08-03', amountFen: 250_000 }), staff);
    const spend = await t.call('fund.addEntry', buildExpense({ date: '2026-09-10', amountFen: 120_000 }), staff);
    await t.call('fund.approve', { id: spend.id }, chair);
    const beforeClose = await t.call('fund.previewNotice', { unionId: 'bu-cy02', quarter: '2026-Q3' }, reviewer);
    expect(beforeClose).toMatchObject({ closed: false, signedOff: false });
    await t.call('fund.closeQuarter', { unionId: 'bu-cy02', quarter: '2026-Q3' }, staff);
    const closed = await t.call('fund.previewNotice', { unionId: 'bu-cy02', quarter: '2026-Q3' }, reviewer);
    await t.call('fund.signOff', { unionId: 'bu-cy02', quarter: '2026-Q3', opinion: '账目清楚，同意公示' }, reviewer);
    const signed = await t.call('fund.previewNotice', { unionId: 'bu-cy02', quarter: '2026-Q3' }, reviewer);
    expect(signed).toMatchObject({ closed: true, signedOff: true, publishable: true });
    const p = await t.call('fund.publishNotice', { unionId: 'bu-cy02', quarter: '2026-Q3', explanation: '发布时补充的情况说明' }, staff);
    const seen = await t.call('fund.getNotice', { noticeId: p.noticeId }, member);
    expect([beforeClose.hash, closed.hash, signed.hash, p.hash]).toEqual([seen.hash, seen.hash, seen.hash, seen.hash]);
    expect(seen).toMatchObject({ incomeFen: beforeClose.incomeFen, expenseFen: beforeClose.expenseFen, explanation: '发布时补充的情况说明' });
    published = { noticeId: p.noticeId, hash: p.hash };
  });

  it('verifies a published notice against the ledger for its members, staff, chair, reviewer and the industry admin', async () => {
    for (const who of [member, staff, chair, reviewer, await t.login('industryAdmin')]) {
      expect(await t.call('fund.verifyNotice', { noticeId: published.noticeId }, who)).toEqual({ matches: true, hash: published.hash, recomputedHash: published.hash, contentHash: published.hash });
    }
    for (const who of [await t.login('staff', 'bu-cy01'), await t.login('member', 'bu-cy01', 'v-other'), await t.login('worker', undefined, 'v-worker')]) {
      expect((await t.refusal('fund.verifyNotice', { noticeId: published.noticeId }, who)).reason).toBe('not_found');
    }
    expect((await t.refusal('fund.verifyNotice', { noticeId: 'ntc_nope' }, member)).reason).toBe('not_found');
    expect((await t.refusal('fund.verifyNotice', { noticeId: published.noticeId })).reason).toBe('unauthenticated');
    expect(await alteredEvents(published.noticeId)).toEqual([]);
  });

  it('refuses to serve a notice whose content no longer gives its hash, and logs and audits it', async () => {
    // The figures raised by 1,000 元 under the old hash.
    const forged = await forge(
      published.noticeId,
      91,
      (c) => {
        c.incomeFen += 100_000;
        c.closingFen += 100_000;
      },
      (_c, old) => old,
    );
    const logsBefore = t.logs.length;
    const r = await t.refusal('fund.getNotice', { noticeId: forged }, member);
    expect([r.reason, r.code]).toEqual(['notice_altered', 40958]);
    expect(t.logs.slice(logsBefore).join('\n')).toContain('fund notice does not match its hash');
    expect(await alteredEvents(forged)).toEqual([expect.objectContaining({ check: 'content' })]);
    const v = await t.call('fund.verifyNotice', { noticeId: forged }, member);
    expect(v.matches).toBe(false);
    expect(v.hash).toBe(published.hash);
    expect(v.contentHash).not.toBe(published.hash);
    // The true notice is untouched and still served.
    expect((await t.call('fund.getNotice', { noticeId: published.noticeId }, member)).hash).toBe(published.hash);
  });

  it('answers matches: false for a notice that agrees with its own hash but not with the ledger', async () => {
    // A listed item's purpose rewritten, and the hash made again to fit.
    const forged = await forge(
      published.noticeId,
      92,
      (c) => {
        c.items[0].purpose = '改写的用途';
      },
      (c) => noticeHash(c),
    );
    const served = await t.call('fund.getNotice', { noticeId: forged }, member);
    expect(served.items[0].purpose).toBe('改写的用途');
    const v = await t.call('fund.verifyNotice', { noticeId: forged }, reviewer);
    expect(v).toEqual({ matches: false, hash: served.hash, recomputedHash: published.hash, contentHash: served.hash });
    expect(await alteredEvents(forged)).toEqual([expect.objectContaining({ check: 'ledger' })]);
  });

  it('still serves a notice published in format 1 (hash over the whole content), and verifies it by that rule', async () => {
    const db = t.host.storage.db;
    const signOff = await loadSignOff(db, 'bu-cy02', '2026-Q3');
    const legacy = await assembleNotice(db, {
      unionId: 'bu-cy02',
        unionName: '老街美食城联合工会',
      period: mustParsePeriod('2026-Q3'),
      version: 93,
      explanation: '旧格式的公示',
      itemThresholdFen: 100_000,
      signOff,
      asOfSeq: await lastSeq(db, 'bu-cy02'),
      format: 1,
    });
    const row = await db.selectFrom('fund_notices').selectAll().where('id', '=', published.noticeId).executeTakeFirstOrThrow();
    const hash = noticeHash(legacy);
    expect(hash).not.toBe(published.hash);
    await db.insertInto('fund_notices').values({ ...row, id: 'ntc_format1', version: 93, content: canonicalJson(legacy), hash }).execute();
    expect((await t.call('fund.getNotice', { noticeId: 'ntc_format1' }, member)).hash).toBe(hash);
    expect(await t.call('fund.verifyNotice', { noticeId: 'ntc_format1' }, member)).toEqual({ matches: true, hash, recomputedHash: hash, contentHash: hash });
  });

  it('verifies the seeded demo notices', async () => {
    const m = await t.login('member', 'bu-cy01', 'v-seed');
    const list = await t.call('fund.listNotices', {}, m);
    expect(list.items.length).toBeGreaterThan(0);
    for (const item of list.items) expect((await t.call('fund.verifyNotice', { noticeId: item.noticeId }, m)).matches).toBe(true);
    expect((await t.call('fund.verifyNotice', { noticeId: DEMO_FUND_IDS.notice }, m)).matches).toBe(true);
  });
});
