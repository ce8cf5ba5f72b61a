/**
 * 订阅消息 in the mini-program (issue 16): at each of the four moments — 提交入会申请 (join form),
 * 报名 (activity detail), 提交 on 我要反映 (request-new) and 新公示提醒 (notice list) — the tap makes
 * one `wx.requestSubscribeMessage` call, from inside the tap, with that moment's template ids (the
 * deployment's, from `UNION_WECHAT_TEMPLATES` via `notify.settings`); the answer reaches the host
 * (`notify.subscribe`: one acceptance per accepted template, read back through `notify.settings`).
 *
 * The app learns the template ids ahead of the tap (`prepareSubscribe`, run when 我的 shows, and after
 * a tap that found none), so each phone opens 我的 first; the first test shows what happens without.
 */
import type { TemplateKey } from '../../cloud/contract/notify/notify.labels';
import { buildActivityInput } from '../support/activity-factories';
import { uniqueIdentity } from '../support/membership-factories';
import type { Phone } from '../support/weapp/runtime';
import { weappWorldForThisFile } from '../support/weapp/world';

jest.setTimeout(120_000);

const TEMPLATES = {
  review_result: { templateId: 'TPL-review', fields: { title: 'thing1', result: 'phrase2', note: 'thing3', time: 'time4' } },
  activity: { templateId: 'TPL-activity', fields: { title: 'thing1', time: 'time2', place: 'thing3', note: 'thing4' } },
  request: { templateId: 'TPL-request', fields: { title: 'thing1', result: 'phrase2', note: 'thing3', time: 'time4' } },
  notice: { templateId: 'TPL-notice', fields: { title: 'thing1', time: 'time2', note: 'thing3' } },
  staff_todo: { templateId: 'TPL-todo', fields: { title: 'thing1', count: 'number2', time: 'time3' } },
};

const world = weappWorldForThisFile({ env: { UNION_WECHAT_TEMPLATES: JSON.stringify(TEMPLATES) } });

/** The app's `notify.settings` call (prepareSubscribe) answered, and the phone settled after it. */
async function settingsFetched(phone: Phone): Promise<void> {
  await phone.waitFor(() => phone.requests.some((r) => r.url.endsWith('/notify.settings') && r.status === 200), 'notify.settings answered');
  await phone.idle(100);
}

/** 我的 shown and settled: `prepareSubscribe` has fetched the template ids. */
async function openMine(phone: Phone): Promise<void> {
  await phone.waitForRoute('pages/mine/index');
  await settingsFetched(phone);
  // The templates arrived: notify.settings answered for this person with the deployment's ids.
  const s = await world().host.call('notify.settings', {}, world().sessionOf(phone));
  expect(s.templates).toMatchObject({ notice: 'TPL-notice', activity: 'TPL-activity', request: 'TPL-request', review_result: 'TPL-review' });
}

/** The person's acceptances on the host, once `notify.subscribe` has recorded the given count. */
async function acceptancesOf(phone: Phone, key: TemplateKey, expected: number): Promise<number | undefined> {
  const token = world().sessionOf(phone);
  let last: number | undefined;
  for (const until = Date.now() + 8000; Date.now() < until; ) {
    last = (await world().host.call('notify.settings', {}, token)).acceptances[key];
    if (last === expected) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  return last;
}

it('新公示提醒 before the template ids are known asks nothing; the next tap asks', async () => {
  const member = await world().phoneAs('member', 'bu-cy01', { path: 'pages/notices/index' });
  await member.waitForRoute('pages/notices/index');
  await member.waitForText('新公示提醒');
  await member.tap('新公示提醒');
  // No template ids yet (我的 never shown): WeChat is not asked; the tap fetches them for next time.
  expect(member.subscribeRequests).toEqual([]);
  await settingsFetched(member);
  await member.tap('新公示提醒');
  expect(member.subscribeRequests).toEqual([{ tmplIds: ['TPL-notice'], answer: { 'TPL-notice': 'accept' } }]);
  expect(await acceptancesOf(member, 'notice', 1)).toBe(1);
});

it('新公示提醒 on the notice list asks for the notice template; the acceptance is recorded', async () => {
  const member = await world().phoneAs('member', 'bu-cy01', { path: 'pages/mine/index' });
  await openMine(member);
  member.tapTab('经费公示');
  await member.waitForRoute('pages/notices/index');
  // tapNow: the request is already made when the tap returns (inside it, before anything is awaited).
  member.tapNow(await member.waitForText('新公示提醒'));
  expect(member.subscribeRequests).toEqual([{ tmplIds: ['TPL-notice'], answer: { 'TPL-notice': 'accept' } }]);
  expect(await acceptancesOf(member, 'notice', 1)).toBe(1);
});

it('报名 on the activity page asks for the activity template; the acceptance is recorded', async () => {
  const staffToken = await world().host.login('staff', 'bu-cy01');
  const { id } = await world().host.call('activity.create', buildActivityInput(new Date()), staffToken);
  await world().host.call('activity.publish', { id }, staffToken);

  const member = await world().phoneAs('member', 'bu-cy01', { path: 'pages/mine/index' });
  await openMine(member);
  member.navigate('navigateTo', `/pages/activity-detail/index?id=${encodeURIComponent(id)}`);
  await member.waitForRoute('pages/activity-detail/index');
  member.tapNow(await member.waitForText('报名'));
  expect(member.subscribeRequests).toEqual([{ tmplIds: ['TPL-activity'], answer: { 'TPL-activity': 'accept' } }]);
  await member.waitForText('报名成功');
  expect(await acceptancesOf(member, 'activity', 1)).toBe(1);
});

it('提交 on 我要反映 asks for the request template; a rejection is recorded as none allowed', async () => {
  const member = await world().phoneAs('member', 'bu-cy01', { path: 'pages/mine/index' });
  member.subscribeAnswer = 'reject';
  await openMine(member);
  member.navigate('navigateTo', '/pages/request-new/index');
  await member.waitForRoute('pages/request-new/index');
  await member.tap(await member.waitForText('劳动安全卫生'));
  await member.type('遇到了什么问题，或有什么建议', '更衣室的储物柜锁坏了好几个，请工会帮忙反映一下。');
  member.tapNow('提交');
  expect(member.subscribeRequests).toEqual([{ tmplIds: ['TPL-request'], answer: { 'TPL-request': 'reject' } }]);
  await member.waitForRoute('pages/request/index');
  // The reject reached the host: a row for the request template with no acceptance left.
  expect(await acceptancesOf(member, 'request', 0)).toBe(0);
});

it('提交入会申请 on the join form asks for the review template; the acceptance is recorded', async () => {
  const staffToken = await world().host.login('staff', 'bu-cy01');
  const invitation = await world().host.call('org.invite', { unionId: 'bu-cy01', label: '订阅消息测试' }, staffToken);
  const worker = await world().phoneAs('worker', 'bu-cy01', { path: 'pages/mine/index' });
  await openMine(worker);
  worker.navigate('reLaunch', `/pages/join/index?scene=${encodeURIComponent(invitation.scene)}`);
  await worker.waitForRoute('pages/join/index');
  await worker.tap(await worker.waitForText('同意并填写'));
  await worker.waitForText('提交入会申请');
  const { idNumber, phone: mobile } = uniqueIdentity('1990-03-08');
  await worker.type('与身份证一致', '赵晓梅');
  await worker.type('18 位，末位可以是 X', idNumber);
  await worker.type('11 位手机号', mobile);
  await worker.tap('中专');
  await worker.tap('群众');
  await worker.tap('农业户口（农民工）');
  await worker.type('如：厨师、服务员', '收银员');
  worker.tapNow('提交入会申请');
  expect(worker.subscribeRequests).toEqual([{ tmplIds: ['TPL-review'], answer: { 'TPL-review': 'accept' } }]);
  await worker.waitForText('申请已提交');
  expect(await acceptancesOf(worker, 'review_result', 1)).toBe(1);
});
