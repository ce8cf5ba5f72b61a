/**
 * Check-in in the mini-program: a member taps 扫码签到, agrees to the privacy guide the first time,
 * holds the camera to the station's current rotating code and is checked in; a code from before the
 * rotation is refused with its message; staff scan three member cards with the network off, see them
 * queued on the phone, and the queue uploads when the network is back.
 */
import { buildActivityInput } from '../support/activity-factories';
import { startWeappWorld, type WeappWorld } from '../support/weapp/world';

jest.setTimeout(120_000);

let world: WeappWorld;
let shiftMs = 0;
let activityId = '';
let staffToken = '';

beforeAll(async () => {
  // The host's clock moves on when the test says so (the station code rotates every 15 s).
  world = await startWeappWorld({ clock: () => new Date(Date.now() + shiftMs) });
  staffToken = await world.host.login('staff', 'bu-cy01');
  activityId = (await world.host.call('activity.create', buildActivityInput(new Date()), staffToken)).id;
  await world.host.call('activity.publish', { id: activityId }, staffToken);
});
afterAll(() => world?.close());

async function signedUpMember() {
  const phone = await world.phoneAs('member', 'bu-cy01', { path: 'pages/activity-checkin/index', query: { id: activityId } });
  await world.host.call('activity.signUp', { id: activityId }, world.sessionOf(phone));
  return phone;
}

it('a member scans the station code and is checked in; a code from before the rotation is refused', async () => {
  const member = await signedUpMember();
  await member.waitForText('扫码签到');
  const station = await world.host.call('activity.checkInCode', { id: activityId }, staffToken);
  member.camera.push(station.url);
  await member.tap('扫码签到');
  // First use of the camera: WeChat asks for the privacy agreement, the page shows its sheet.
  await member.waitForText('使用前请阅读隐私保护指引');
  await member.tap('同意并继续');
  await member.waitForText('签到成功');
  expect(member.scanned).toEqual([station.url]);
  const { checkedIn } = await world.host.call('activity.attendance', { id: activityId }, staffToken);
  expect(checkedIn).toBe(1);

  // Two minutes on, a second member holds up the old code (a photo forwarded from the hall).
  shiftMs += 120_000;
  const late = await signedUpMember();
  await late.waitForText('扫码签到');
  late.privacyAgreed = true; // agreed on an earlier day
  late.camera.push(station.url);
  await late.tap('扫码签到');
  await late.waitForText('二维码已过期');
  await late.waitForText('签到码每 15 秒更新，请扫描签到台上的最新二维码');
  expect((await world.host.call('activity.attendance', { id: activityId }, staffToken)).checkedIn).toBe(1);
});

it('staff scan three cards offline: queued on the phone, uploaded when the network is back', async () => {
  const cards: string[] = [];
  for (let i = 0; i < 3; i++) {
    const m = await signedUpMember();
    cards.push((await world.host.call('membership.card', {}, world.sessionOf(m))).token);
  }
  const staff = await world.phoneAs('staff', 'bu-cy01', { path: 'packages/staff/pages/scan-members/index', query: { id: activityId } });
  await staff.waitForText('扫描会员码');
  await staff.idle();
  staff.setOnline(false);
  staff.privacyAgreed = true;
  for (const token of cards) {
    staff.camera.push(token);
    await staff.tap('扫描会员码');
  }
  await staff.waitForText('待上传 3 条');
  await staff.waitForText('网络不通：扫码已保存在本机，恢复网络后自动上传');
  const before = (await world.host.call('activity.attendance', { id: activityId }, staffToken)).checkedIn;

  staff.setOnline(true);
  await staff.tap('立即上传');
  await staff.waitForText('已全部上传');
  await staff.waitForText('本机签到成功 3 人');
  expect((await world.host.call('activity.attendance', { id: activityId }, staffToken)).checkedIn).toBe(before + 3);
});
