/**
 * The fund notice in the mini-program: a member taps the 经费公示 tab, opens the newest notice of
 * their union and reads the same figures the host computes (opening, income, spending, closing, and
 * each spending category).
 */
import { formatYuan } from '../../cloud/domain/money';
import { weappWorldForThisFile } from '../support/weapp/world';

jest.setTimeout(120_000);

const world = weappWorldForThisFile();

it('a member opens the newest notice from the 经费公示 tab and sees the host’s figures', async () => {
  const member = await world().phoneAs('member', 'bu-cy01');
  await member.waitForRoute('pages/index/index');
  member.tapTab('经费公示');
  await member.waitForRoute('pages/notices/index');

  const token = world().sessionOf(member);
  const { items } = await world().host.call('fund.listNotices', {}, token);
  const newest = items.find((i) => !i.superseded);
  expect(newest).toBeDefined();
  await member.tap(await member.waitForText(new RegExp(`^${newest!.title}`)));
  await member.waitForRoute('pages/notice/index');
  await member.waitForText('支出构成');

  const notice = await world().host.call('fund.getNotice', { noticeId: newest!.noticeId }, token);
  const text = member.text();
  for (const [label, fen] of [
    ['期初余额', notice.openingFen],
    ['本期收入', notice.incomeFen],
    ['本期支出', notice.expenseFen],
    ['期末余额', notice.closingFen],
  ] as const) {
    expect(text).toContain(`${label}\n${formatYuan(fen)}`);
  }
  for (const c of notice.byCategory.filter((x) => x.direction === 'expense' && x.amountFen > 0)) {
    expect(text).toContain(`${c.category}\n${formatYuan(c.amountFen)}`);
  }
  expect(text).toContain(notice.title);
});
