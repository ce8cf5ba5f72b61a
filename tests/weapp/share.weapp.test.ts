/**
 * 转发给朋友: a member shares a fund notice or an activity to a chat (`onShareAppMessage`); the card
 * opens the same page for whoever taps it (scene 1007). A colleague who is a member reads it; a
 * worker who is not logged in is logged in with WeChat, comes back to the shared page, and is told it
 * is for members, with the way to join.
 */
import { DEMO_FUND_IDS } from '../../cloud/seed/demo-fund-ids';
import { buildActivityInput } from '../support/activity-factories';
import { weappWorldForThisFile } from '../support/weapp/world';

jest.setTimeout(120_000);

const world = weappWorldForThisFile();

/** The page and query a share card opens (WeChat launches the receiver's app with them). */
function launchOf(path: string) {
  const [page, query = ''] = path.replace(/^\//, '').split('?');
  return { path: page, query: Object.fromEntries(new URLSearchParams(query)), scene: 1007 };
}

it('a member shares a fund notice; a member opens it, a worker outside the union is led to join', async () => {
  const sharer = await world().phoneAs('member', 'bu-cy01', { path: 'pages/notice/index', query: { id: DEMO_FUND_IDS.notice } });
  await sharer.waitForText('支出构成');
  const card = sharer.share();
  expect(card.path).toBe(`/pages/notice/index?id=${DEMO_FUND_IDS.notice}`);
  expect(card.title).toMatch(/^味香园餐饮有限公司工会 .+经费公示$/);

  const colleague = await world().phoneAs('member', 'bu-cy01', launchOf(card.path));
  await colleague.waitForText('支出构成');
  expect(colleague.route).toBe('pages/notice/index');

  const outsider = world().phone({ wechatUser: 'outsider1', launch: launchOf(card.path) });
  await outsider.waitFor(() => outsider.requests.some((r) => r.url.endsWith('auth.wechatLogin')), 'WeChat login');
  await outsider.waitForRoute('pages/notice/index');
  await outsider.waitForText(/^经费公示和工会活动只对本会会员开放/);
  await outsider.tap('去入会');
  await outsider.waitForRoute('pages/card/index');
});

it('a member shares an activity; a colleague opens it, signs up, and cancels after confirming', async () => {
  const staff = await world().host.login('staff', 'bu-cy01');
  const { id } = await world().host.call('activity.create', buildActivityInput(new Date(), { title: '厨艺交流会' }), staff);
  await world().host.call('activity.publish', { id }, staff);
  const sharer = await world().phoneAs('member', 'bu-cy01', { path: 'pages/activity-detail/index', query: { id } });
  await sharer.waitForText('厨艺交流会');
  const card = sharer.share();
  expect(card).toMatchObject({ title: '厨艺交流会｜工会活动', path: `/pages/activity-detail/index?id=${id}` });

  const colleague = await world().phoneAs('member', 'bu-cy01', launchOf(card.path));
  await colleague.waitForText('厨艺交流会');
  await colleague.tap(await colleague.waitForText('报名'));
  await colleague.waitForText('报名成功');

  // Changed their mind: 取消报名 asks first (WeChat's modal), 再想想 keeps the seat, 取消报名 gives it up.
  await colleague.tap(await colleague.waitForText('取消报名'));
  expect((await colleague.answerModal(false)).content).toBe('确定取消报名吗？名额会让给候补的会员。');
  await colleague.idle();
  expect(colleague.find('已取消报名')).toEqual([]);
  await colleague.tap('取消报名');
  await colleague.answerModal(true);
  await colleague.waitForText('已取消报名');
});
