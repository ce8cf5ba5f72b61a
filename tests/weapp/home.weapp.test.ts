/**
 * 首页 in the mini-program: every service card opens its page — the tab pages (活动, 经费公示) with
 * switchTab (WeChat refuses navigateTo to a tab page), the others with navigateTo.
 */
import { weappWorldForThisFile } from '../support/weapp/world';

jest.setTimeout(60_000);

const world = weappWorldForThisFile();

it.each([
  ['入会', 'pages/card/index'],
  ['活动', 'pages/activities/index'],
  ['经费公示', 'pages/notices/index'],
  ['诉求与建议', 'pages/requests/index'],
])('the %s card opens %s', async (title, route) => {
  const member = await world().phoneAs('member', 'bu-cy01');
  await member.waitForRoute('pages/index/index');
  await member.waitForText('欢迎来到工会之家。入会、参加活动、查看经费公示，都在这里。');
  expect(member.find('即将开放')).toEqual([]);
  await member.tap(title);
  await member.waitForRoute(route);
  await member.close();
});
