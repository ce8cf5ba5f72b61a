/**
 * Joining in the mini-program, as a worker meets it: the union's mini-program code (`scene`) or a
 * scanned link QR (`q`) opens the join page; WeChat login happens on the spot; consent, the form,
 * 提交入会申请; staff approve on their phone (工作台 → 入会审核); the member's card shows a QR token
 * that renews as the phone's clock moves on.
 */
import { CONSENT_TITLE } from '../../cloud/contract/membership/labels';
import { uniqueIdentity } from '../support/membership-factories';
import type { Phone } from '../support/weapp/runtime';
import { startWeappWorld, type WeappWorld } from '../support/weapp/world';

jest.setTimeout(120_000);

let world: WeappWorld;
let invitation: { scene: string; url: string };

beforeAll(async () => {
  world = await startWeappWorld();
  const staff = await world.host.login('staff', 'bu-cy01');
  invitation = await world.host.call('org.invite', { unionId: 'bu-cy01', label: '小程序测试' }, staff);
});
afterAll(() => world?.close());

/** Consent, the form, submit: what the worker does on the join page. */
async function fillAndSubmit(phone: Phone, name: string): Promise<void> {
  await phone.waitForText('味香园餐饮有限公司工会');
  await phone.waitForText(CONSENT_TITLE);
  await phone.tap('同意并填写');
  await phone.waitForText('提交入会申请');
  const { idNumber, phone: mobile } = uniqueIdentity('1992-05-17');
  await phone.type('与身份证一致', name);
  await phone.type('18 位，末位可以是 X', idNumber);
  await phone.type('11 位手机号', mobile);
  await phone.waitForText(/性别：(男|女)\s出生日期：1992-05-17/);
  await phone.tap('中专');
  await phone.tap('群众');
  await phone.tap('农业户口（农民工）');
  await phone.type('如：厨师、服务员', '面点师');
  await phone.tap('提交入会申请');
  await phone.waitForText('申请已提交');
}

it('a worker joins from the mini-program code (scene), staff approve, the card renews its QR', async () => {
  const worker = world.phone({ wechatUser: 'joiner1', launch: { path: 'pages/join/index', query: { scene: encodeURIComponent(invitation.scene) }, scene: 1047 } });
  await fillAndSubmit(worker, '王小芳');
  // Logged in with WeChat on the spot: the fake WeChat saw this phone's code.
  expect(world.wechat.requests.some((u) => u.searchParams.get('js_code') === 'ok-joiner1')).toBe(true);

  // Staff: 工作台 → 入会审核 → 批准 王小芳.
  const staff = await world.phoneAs('staff', 'bu-cy01', { path: 'packages/staff/pages/workbench/index' });
  await staff.tap(await staff.waitForText('入会审核'));
  await staff.waitForRoute('packages/staff/pages/applications/index');
  const approve = await staff.waitFor(() => staff.findNear('批准', '王小芳'), '批准 next to 王小芳');
  await staff.tap(approve);
  await staff.waitForText(/^已批准 王小芳，会员编号 CY01-\d+$/);

  // Member: 查看电子会员卡 from the join page, a QR that renews.
  worker.navigate('reLaunch', `/pages/join/index?scene=${encodeURIComponent(invitation.scene)}`);
  await worker.waitForText('你已经是会员');
  await worker.tap('查看电子会员卡');
  await worker.waitForRoute('pages/card/index');
  await worker.waitForText('王小芳');
  const qr = () => worker.elements().find((e) => e.tag === 'image' && String(e.attrs.src ?? '').startsWith('data:image/svg+xml;base64,'));
  const first = String((await worker.waitFor(qr, 'the member QR')).attrs.src);
  await worker.waitForText(/\d+ 秒后自动更新/);
  // A real second passes (tokens of the same second are equal), then the phone's clock reaches the renewal.
  await new Promise((r) => setTimeout(r, 1100));
  worker.setClockOffset(100_000);
  await worker.waitFor(() => String(qr()?.attrs.src ?? first) !== first, 'a renewed member QR', 5000);
});

it('a worker joins from a scanned link QR (q), the path WeChat takes for 扫普通链接二维码打开小程序', async () => {
  const worker = world.phone({ wechatUser: 'joiner2', launch: { path: 'pages/join/index', query: { q: encodeURIComponent(invitation.url), scancode_time: String(Math.floor(Date.now() / 1000)) }, scene: 1011 } });
  await fillAndSubmit(worker, '陈建国');
  await worker.tap('查看入会进度');
  await worker.waitForText('入会申请审核中');
});
