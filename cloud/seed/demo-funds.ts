/**
 * Demo fund data (演示经费数据), relative to the seed date:
 * - bu-cy01 味香园: the two quarters before the current one are closed, signed off and
 *   published; the older one was corrected later (a reversal and a replacement recorded in
 *   the next quarter), so it has version 2 and version 1 is marked 已更正. The current quarter
 *   has posted income, a spending entry waiting for the chair, and a birthday gift over the
 *   yearly cap (flagged). A member's question on the newest notice has an answer.
 * - bu-cy03 大众快餐: the older quarter is published; the last one is closed but not signed off.
 * - bu-cy02 老街美食城: no fund data (the end-to-end test records its books from scratch).
 * Notices are built by the same code as `fund.publishNotice`, so their hashes verify.
 */
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { newId } from '../domain/crypto';
import { canonicalJson, noticeFromLedger, noticeHash } from '../domain/fund-notice';
import { addDays, periodOf, previousPeriod, type Period } from '../domain/fund-period';
import { chinaDate } from '../domain/time';
import { lastSeq, loadSettings, nextSeq, readNoticeLedger } from '../storage/fund.repository';
import type { Database, FundEntriesTable } from '../storage/schema';
import { DEMO_FUND_IDS } from './demo-fund-ids';

type Trx = Transaction<Database>;

interface People {
  staff: string;
  chair: string;
  reviewer: string;
  reviewerName: string;
}

async function peopleOf(trx: Trx, code: string): Promise<People> {
  const byName = async (username: string) => {
    const row = await trx
      .selectFrom('staff_credentials')
      .innerJoin('users', 'users.id', 'staff_credentials.user_id')
      .select(['users.id', 'users.display_name'])
      .where('staff_credentials.username', '=', username)
      .executeTakeFirstOrThrow();
    return row;
  };
  const [staff, chair, reviewer] = await Promise.all([byName(`${code}-staff`), byName(`${code}-chair`), byName(`${code}-reviewer`)]);
  return { staff: staff.id, chair: chair.id, reviewer: reviewer.id, reviewerName: reviewer.display_name };
}

interface EntrySpec {
  id?: string;
  date: string;
  direction: 'income' | 'expense';
  category: string;
  subCategory?: string;
  route?: FundEntriesTable['funding_route'];
  amountFen: number;
  counterparty?: string;
  purpose: string;
  reversesId?: string;
  correctsId?: string;
  gift?: { kind: 'holiday' | 'birthday'; recipientCount: number };
  duesCount?: number;
  flags?: { code: 'gift_cap_exceeded'; message: string }[];
  /** Spending: decided by the chair on the same day (default), or left waiting. */
  pending?: boolean;
}

async function entry(trx: Trx, unionId: string, who: People, e: EntrySpec): Promise<string> {
  const id = e.id ?? newId('fe');
  const seq = await nextSeq(trx, unionId);
  const at = `${e.date}T03:00:00.000Z`;
  const reversal = Boolean(e.reversesId);
  await trx
    .insertInto('fund_entries')
    .values({
      id,
      union_id: unionId,
      seq,
      date: e.date,
      direction: e.direction,
      category: e.category,
      sub_category: e.subCategory ?? null,
      funding_route: e.direction === 'income' ? (e.route ?? 'other') : null,
      amount_fen: e.amountFen,
      kind: reversal ? 'reversal' : 'entry',
      reverses_id: e.reversesId ?? null,
      corrects_id: e.correctsId ?? null,
      needs_approval: e.direction === 'expense' && !reversal ? 1 : 0,
      counterparty: e.counterparty ?? null,
      purpose: e.purpose,
      request_id: `seed:${id}`,
      gift_kind: e.gift?.kind ?? null,
      gift_form: e.gift ? 'goods' : null,
      gift_recipients: e.gift ? 'members' : null,
      gift_recipient_count: e.gift?.recipientCount ?? null,
      dues_member_id: null,
      dues_member_count: e.duesCount ?? null,
      flags: JSON.stringify(e.flags ?? []),
      recorded_by: who.staff,
      recorded_at: at,
    })
    .execute();
  if (e.direction === 'expense' && !reversal && !e.pending) {
    await trx.insertInto('fund_approvals').values({ entry_id: id, decision: 'approve', decided_by: who.chair, decided_at: `${e.date}T07:00:00.000Z`, note: null }).execute();
  }
  return id;
}

async function closeAndSign(trx: Trx, unionId: string, who: People, p: Period, opinion: string | null, now: Date): Promise<void> {
  await trx.insertInto('fund_periods').values({ union_id: unionId, period_key: p.key, from_date: p.from, to_date: p.to, closed_by: who.staff, closed_at: atOrBefore(addDays(p.to, 2), now) }).execute();
  if (opinion) {
    await trx
      .insertInto('fund_sign_offs')
      .values({ union_id: unionId, period_key: p.key, opinion, reviewer_id: who.reviewer, reviewer_name: who.reviewerName, signed_at: atOrBefore(addDays(p.to, 4), now) })
      .execute();
  }
}

async function publish(trx: Trx, union: { id: string; name: string }, who: People, p: Period, version: number, id: string, explanation: string, at: string): Promise<void> {
  const settings = await loadSettings(trx, union.id);
  const signOff = await trx.selectFrom('fund_sign_offs').selectAll().where('union_id', '=', union.id).where('period_key', '=', p.key).executeTakeFirstOrThrow();
  const asOfSeq = await lastSeq(trx, union.id);
  const ledger = await readNoticeLedger(trx, union.id, p, { itemThresholdFen: settings.itemThresholdFen, asOfSeq });
  const content = noticeFromLedger(ledger, {
    unionId: union.id,
    unionName: union.name,
    period: p,
    version,
    explanation,
    itemThresholdFen: settings.itemThresholdFen,
    signOff: { opinion: signOff.opinion, reviewerName: signOff.reviewer_name, signedAt: signOff.signed_at },
    asOfSeq,
  });
  await trx
    .insertInto('fund_notices')
    .values({
      id,
      union_id: union.id,
      period_key: p.key,
      version,
      hash: noticeHash(content),
      content: canonicalJson(content),
      opening_fen: content.openingFen,
      income_fen: content.incomeFen,
      expense_fen: content.expenseFen,
      closing_fen: content.closingFen,
      published_by: who.staff,
      published_at: at,
    })
    .execute();
}

/** The earlier of a day's 10:00 (China time) and `now`. */
function atOrBefore(date: string, now: Date): string {
  const t = new Date(`${date}T02:00:00.000Z`);
  return (t < now ? t : now).toISOString();
}

/** A date `offset` days into the period, but never after `last`. */
function dayIn(p: Period, offset: number, last = p.to): string {
  const d = addDays(p.from, offset);
  return d > last ? last : d;
}

export async function seedDemoFunds(trx: Trx, now: Date): Promise<{ entries: number; notices: number }> {
  const today = chinaDate(now);
  const current = periodOf(today, 'quarter');
  const q2 = previousPeriod(current);
  const q1 = previousPeriod(q2);
  const cy01 = { id: 'bu-cy01', name: '味香园餐饮有限公司工会' };
  const who = await peopleOf(trx, 'cy01');
  const add = (e: EntrySpec) => entry(trx, cy01.id, who, e);

  // The quarter before last.
  await add({ date: dayIn(q1, 4), direction: 'income', category: '行政补助收入', route: 'chamber', amountFen: 2_000_000, counterparty: '青山县餐饮行业协会', purpose: '行业协会年度拨付工会工作经费' });
  await add({ date: dayIn(q1, 9), direction: 'income', category: '拨缴经费收入', route: 'employer', amountFen: 860_000, counterparty: '青山县味香园餐饮有限公司', purpose: '拨缴工会经费（留成部分）' });
  await add({ date: dayIn(q1, 12), direction: 'income', category: '上级工会补助收入', route: 'upper', amountFen: 500_000, counterparty: '青山县总工会', purpose: '新建工会启动经费补助' });
  await add({ date: dayIn(q1, 15), direction: 'income', category: '会费收入', route: 'dues', amountFen: 36_000, purpose: '会员会费（6 人，一季度）', duesCount: 6 });
  await add({ date: dayIn(q1, 20), direction: 'income', category: '其他收入', route: 'employer', amountFen: 200_000, counterparty: '青山县味香园餐饮有限公司', purpose: '企业捐赠职工活动经费' });
  await add({ date: dayIn(q1, 30), direction: 'expense', category: '职工活动支出', subCategory: '文体活动', amountFen: 320_000, counterparty: '青山县体育中心', purpose: '职工趣味运动会场地及奖品' });
  await add({ date: dayIn(q1, 40), direction: 'expense', category: '职工活动支出', subCategory: '会员活动', amountFen: 120_000, counterparty: '青山县百货公司', purpose: '节日慰问品（粽子、食用油，会员 6 人）', gift: { kind: 'holiday', recipientCount: 6 } });
  const training = await add({ date: dayIn(q1, 50), direction: 'expense', category: '业务支出', amountFen: 80_000, counterparty: '青山县工人文化宫', purpose: '工会干部业务培训' });
  await add({ date: dayIn(q1, 60), direction: 'expense', category: '职工服务支出', amountFen: 150_000, counterparty: '青山县家电城', purpose: '职工之家添置微波炉、饮水机' });
  await closeAndSign(trx, cy01.id, who, q1, '经审查，本季度收支有据，票据齐全，同意公示。', now);
  await publish(trx, cy01, who, q1, 1, `${DEMO_FUND_IDS.olderNotice}_v1`, '本季度收到行业协会、企业、上级工会三方面经费，开展了职工运动会和节日慰问。', atOrBefore(addDays(q1.to, 8), now));

  // The last quarter, with a correction of the quarter before (recorded here, pointing back).
  await add({ date: dayIn(q2, 3), direction: 'income', category: '拨缴经费收入', route: 'employer', amountFen: 860_000, counterparty: '青山县味香园餐饮有限公司', purpose: '拨缴工会经费（留成部分）' });
  await add({ date: dayIn(q2, 5), direction: 'income', category: '会费收入', route: 'dues', amountFen: 36_000, purpose: '会员会费（6 人，本季度）', duesCount: 6 });
  await add({ date: dayIn(q2, 8), direction: 'income', category: '行政补助收入', route: 'chamber', amountFen: 1_000_000, counterparty: '青山县餐饮行业协会', purpose: '行业协会拨付职工技能竞赛经费' });
  await add({ date: dayIn(q2, 10), direction: 'expense', category: '业务支出', amountFen: 80_000, reversesId: training, counterparty: '青山县工人文化宫', purpose: '冲正：培训费实为 600 元，原录 800 元' });
  await add({ date: dayIn(q2, 10), direction: 'expense', category: '业务支出', amountFen: 60_000, correctsId: training, counterparty: '青山县工人文化宫', purpose: '工会干部业务培训（更正后金额）' });
  await add({ date: dayIn(q2, 20), direction: 'expense', category: '职工活动支出', subCategory: '职工教育', amountFen: 240_000, counterparty: '青山县职业技能培训中心', purpose: '厨师技能竞赛与安全生产培训' });
  await add({ date: dayIn(q2, 35), direction: 'expense', category: '职工活动支出', subCategory: '会员活动', amountFen: 180_000, counterparty: '青山县百货公司', purpose: '中秋节慰问品（月饼，会员 6 人）', gift: { kind: 'holiday', recipientCount: 6 } });
  await add({ date: dayIn(q2, 45), direction: 'expense', category: '维权支出', amountFen: 60_000, counterparty: '青山县劳动法律服务所', purpose: '劳动合同法律咨询讲座' });
  await add({ date: dayIn(q2, 55), direction: 'expense', category: '资本性支出', amountFen: 450_000, counterparty: '青山县办公家具厂', purpose: '职工书屋书架、阅览桌' });
  // The correction above changes what members should know about the older quarter: version 2.
  await publish(trx, cy01, who, q1, 2, DEMO_FUND_IDS.olderNotice, '更正：一季度“工会干部业务培训”实付 600 元，误录为 800 元，已在下一季度冲正并按实际金额重记。', atOrBefore(dayIn(q2, 12), now));
  await closeAndSign(trx, cy01.id, who, q2, '经审查，本季度收支真实，更正手续完备，同意公示。', now);
  await publish(trx, cy01, who, q2, 1, DEMO_FUND_IDS.notice, '本季度举办厨师技能竞赛，添置职工书屋设施，中秋慰问全体会员。会费全部用于会员活动。', atOrBefore(addDays(q2.to, 10), now));

  // The current quarter: posted income, a spending entry waiting for the chair, a flagged gift.
  await add({ id: DEMO_FUND_IDS.postedEntry, date: today, direction: 'income', category: '会费收入', route: 'dues', amountFen: 36_000, purpose: '会员会费（6 人，本季度）', duesCount: 6 });
  await add({ id: DEMO_FUND_IDS.pendingEntry, date: today, direction: 'expense', category: '职工活动支出', subCategory: '文体活动', amountFen: 150_000, counterparty: '青山县文化馆', purpose: '职工合唱团排练场地租用', pending: true });
  await add({
    date: today,
    direction: 'expense',
    category: '职工活动支出',
    subCategory: '会员活动',
    amountFen: 240_000,
    counterparty: '青山县蛋糕坊',
    purpose: '会员生日蛋糕券改为生日蛋糕实物（6 人）',
    gift: { kind: 'birthday', recipientCount: 6 },
    flags: [{ code: 'gift_cap_exceeded', message: '生日慰问每人全年累计 400.00 元，超过本工会标准 300.00 元' }],
    pending: true,
  });
  // A receipt photo on the waiting entry (a 1×1 PNG stands in for the photo).
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  await trx
    .insertInto('fund_attachments')
    .values({
      id: DEMO_FUND_IDS.attachment,
      union_id: cy01.id,
      file_name: '场地租用报价单.png',
      mime_type: 'image/png',
      size_bytes: png.length,
      sha256: createHash('sha256').update(png).digest('hex'),
      content_base64: png.toString('base64'),
      uploaded_by: who.staff,
      uploaded_at: now.toISOString(),
    })
    .execute();
  await trx.insertInto('fund_entry_attachments').values({ entry_id: DEMO_FUND_IDS.pendingEntry, attachment_id: DEMO_FUND_IDS.attachment, linked_by: who.staff, linked_at: now.toISOString() }).execute();

  // A member's question on the newest notice, answered by the staff.
  const asker = newId('usr');
  await trx.insertInto('users').values({ id: asker, display_name: '演示会员', wechat_openid: null, wechat_unionid: null, dev_key: null, created_at: now.toISOString() }).execute();
  const askedAt = atOrBefore(addDays(q2.to, 12), now);
  await trx.insertInto('fund_questions').values({ id: DEMO_FUND_IDS.question, notice_id: DEMO_FUND_IDS.notice, union_id: cy01.id, body: '职工书屋的书架放在哪里？大家都能用吗？', asked_by: asker, asked_at: askedAt }).execute();
  await trx
    .insertInto('fund_answers')
    .values({ id: newId('fqa'), question_id: DEMO_FUND_IDS.question, body: '放在三楼职工之家，每天 9:00–21:00 开放，全体职工都可以借阅。', answered_by: who.staff, answerer_name: 'CY01 工会干部', answered_at: askedAt })
    .execute();

  // bu-cy03: the older quarter published on time, the last one closed but not yet signed off.
  const cy03 = { id: 'bu-cy03', name: '大众快餐连锁有限公司工会' };
  const who3 = await peopleOf(trx, 'cy03');
  const add3 = (e: EntrySpec) => entry(trx, cy03.id, who3, e);
  await add3({ date: dayIn(q1, 6), direction: 'income', category: '拨缴经费收入', route: 'employer', amountFen: 1_400_000, counterparty: '青山县大众快餐连锁有限公司', purpose: '拨缴工会经费（留成部分）' });
  await add3({ date: dayIn(q1, 10), direction: 'income', category: '会费收入', route: 'dues', amountFen: 30_000, purpose: '会员会费（5 人）', duesCount: 5 });
  await add3({ date: dayIn(q1, 40), direction: 'expense', category: '职工活动支出', subCategory: '文体活动', amountFen: 500_000, counterparty: '青山县青年旅行社', purpose: '职工春季健步走活动' });
  await closeAndSign(trx, cy03.id, who3, q1, '收支清楚，同意公示。', now);
  await publish(trx, cy03, who3, q1, 1, newId('ntc'), '本季度组织职工健步走活动。', atOrBefore(addDays(q1.to, 12), now));
  await add3({ date: dayIn(q2, 6), direction: 'income', category: '拨缴经费收入', route: 'employer', amountFen: 1_400_000, counterparty: '青山县大众快餐连锁有限公司', purpose: '拨缴工会经费（留成部分）' });
  await add3({ date: dayIn(q2, 30), direction: 'expense', category: '职工服务支出', amountFen: 260_000, counterparty: '青山县人民医院', purpose: '职工健康体检（部分）' });
  await closeAndSign(trx, cy03.id, who3, q2, null, now);

  const entries = await trx.selectFrom('fund_entries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return { entries: Number(entries.n), notices: 5 };
}
