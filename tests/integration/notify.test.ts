/**
 * Notifications (issue 16) through the real host, the real database (SQLite, and PostgreSQL with
 * TEST_DATABASE_URL) and real HTTP to the fake WeChat: each event → the right people once, in the
 * message centre and as one WeChat subscribe message; rollback → nothing; WeChat's answers
 * (43101, 40001, timeouts) honoured; reminders by time.
 */
import { buildActivityInput } from '../support/activity-factories';
import { startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { BACKENDS, startTestHost, type TestHost } from '../support/host';
import { buildApplicant } from '../support/membership-factories';
import { deliveryStates, enqueueNotification } from '../../cloud/storage/notifications.repository';
import { runTransaction } from '../../cloud/storage/transaction';
import { messages } from '../../cloud/domain/notify';

jest.setTimeout(120_000);

export const TEMPLATES = {
  review_result: { templateId: 'TPL-review', fields: { title: 'thing1', result: 'phrase2', note: 'thing3', time: 'time4' } },
  activity: { templateId: 'TPL-activity', fields: { title: 'thing1', time: 'time2', place: 'thing3', note: 'thing4' } },
  request: { templateId: 'TPL-request', fields: { title: 'thing1', result: 'phrase2', note: 'thing3', time: 'time4' } },
  notice: { templateId: 'TPL-notice', fields: { title: 'thing1', time: 'time2', note: 'thing3' } },
  staff_todo: { templateId: 'TPL-todo', fields: { title: 'thing1', count: 'number2', time: 'time3' } },
};

export function addTemplates(wx: FakeWechat): void {
  for (const t of Object.values(TEMPLATES)) wx.addTemplate(t.templateId, Object.values(t.fields));
}

describe.each(BACKENDS)('notifications on %s', (backend) => {
  let t: TestHost;
  let wx: FakeWechat;
  let staff: string;
  let token: string;
  let n = 0;

  beforeAll(async () => {
    wx = await startFakeWechat();
    addTemplates(wx);
    t = await startTestHost({
      backend,
      env: {
        WECHAT_APP_ID: wx.appId,
        WECHAT_APP_SECRET: wx.appSecret,
        WECHAT_API_BASE: wx.url,
        WECHAT_TIMEOUT_MS: '300',
        UNION_WECHAT_TEMPLATES: JSON.stringify(TEMPLATES),
        // The test ticks the sender itself.
        UNION_NOTIFY_TICK_MS: '3600000',
      },
    });
    staff = await t.login('staff', 'bu-cy01', `notify-${backend}`);
    token = (await t.call('org.invite', { unionId: 'bu-cy01' }, staff)).token;
  });
  afterAll(async () => {
    await t?.close();
    await wx?.close();
  });
  beforeEach(() => {
    wx.sendMode = 'normal';
  });

  /** A worker logged in with WeChat who applied to bu-cy01 and, when `accept`, accepted the review template. */
  async function applicant(accept: number): Promise<{ session: string; openid: string; applicationId: string; userId: string }> {
    const name = `${backend}-w${++n}-${Date.now()}`;
    const login = await t.call('auth.wechatLogin', { code: `ok-${name}` });
    const session = login.sessionToken;
    const openid = `openid-${name}`;
    if (accept) {
      wx.accept(openid, TEMPLATES.review_result.templateId, accept);
      for (let i = 0; i < accept; i++) await t.call('notify.subscribe', { answers: { [TEMPLATES.review_result.templateId]: 'accept' } }, session);
    }
    const { applicationId } = await t.call('membership.apply', buildApplicant(token, { unitId: 'unit-wxy' }), session);
    return { session, openid, applicationId, userId: login.user.id };
  }

  it('approval: one message in the worker’s centre that opens the card, one WeChat message, sent once', async () => {
    const w = await applicant(1);
    await t.call('membership.review', { applicationId: w.applicationId, decision: 'approve' }, staff);
    const list = await t.call('notify.list', {}, w.session);
    expect(list.unread).toBe(1);
    expect(list.items).toEqual([expect.objectContaining({ kind: 'application_approved', title: '入会申请已通过', page: '/pages/card/index' })]);
    // The staff member who approved got nothing.
    expect((await t.call('notify.list', {}, staff)).items.filter((i) => i.kind === 'application_approved')).toEqual([]);

    const before = wx.delivered.length;
    await t.host.notify.tick();
    await t.host.notify.tick();
    const mine = wx.delivered.slice(before).filter((d) => d.touser === w.openid);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ templateId: 'TPL-review', page: 'pages/card/index', data: { phrase2: { value: '已通过' } } });
    expect([...mine[0]!.data.thing1!.value].length).toBeLessThanOrEqual(20);
    expect(await deliveryStates(t.host.storage.db, `application_approved:${w.applicationId}`)).toEqual([expect.objectContaining({ status: 'sent', attempts: 1 })]);
    expect((await t.call('notify.settings', {}, w.session)).acceptances.review_result).toBe(0);

    // Read: one, then all.
    const id = list.items[0]!.id;
    expect(await t.call('notify.markRead', { ids: [id] }, w.session)).toEqual({ unread: 0 });
    expect((await t.call('notify.list', {}, w.session)).items[0]?.readAt).toBeTruthy();
  });

  it('rejection carries the reason; a person reads and marks only their own messages', async () => {
    const w = await applicant(0);
    const other = await applicant(0);
    await t.call('membership.review', { applicationId: w.applicationId, decision: 'reject', reason: '单位信息不符' }, staff);
    const mine = await t.call('notify.list', {}, w.session);
    expect(mine.items[0]).toMatchObject({ kind: 'application_rejected', body: expect.stringContaining('单位信息不符') });
    expect((await t.call('notify.list', {}, other.session)).items).toEqual([]);
    // Another person's id changes nothing.
    await t.call('notify.markRead', { ids: [mine.items[0]!.id] }, other.session);
    expect((await t.call('notify.list', {}, w.session)).unread).toBe(1);
    // Without an acceptance: not sent on WeChat, counted as could-not-be-told.
    await t.host.notify.tick();
    expect(await deliveryStates(t.host.storage.db, `application_rejected:${w.applicationId}`)).toEqual([expect.objectContaining({ status: 'skipped', outcome: 'no_acceptance' })]);
    expect(wx.delivered.filter((d) => d.touser === w.openid)).toEqual([]);
  });

  it('a rolled-back change leaves no message and no delivery', async () => {
    const w = await applicant(1);
    await expect(
      runTransaction(t.host.storage.db, async (trx) => {
        await enqueueNotification(trx, { to: [w.userId], eventKey: `rollback:${w.applicationId}`, message: messages.applicationApproved({ unionName: '工会', memberNo: 'X-1', at: new Date() }), at: new Date() });
        throw new Error('the change failed after the message was written');
      }),
    ).rejects.toThrow('the change failed');
    expect((await t.call('notify.list', {}, w.session)).items).toEqual([]);
    expect(await deliveryStates(t.host.storage.db, `rollback:${w.applicationId}`)).toEqual([]);
  });

  it('43101 (no acceptance left at WeChat) stops for that person and template', async () => {
    const w = await applicant(0);
    // We think there is an acceptance; WeChat has none.
    await t.call('notify.subscribe', { answers: { [TEMPLATES.review_result.templateId]: 'accept' } }, w.session);
    await t.call('membership.review', { applicationId: w.applicationId, decision: 'approve' }, staff);
    await t.host.notify.tick();
    expect(await deliveryStates(t.host.storage.db, `application_approved:${w.applicationId}`)).toEqual([expect.objectContaining({ status: 'skipped', outcome: 'wechat_43101' })]);
    expect((await t.call('notify.settings', {}, w.session)).acceptances.review_result).toBe(0);
  });

  it('40001 (token no longer valid) refreshes the token and sends once', async () => {
    const w = await applicant(1);
    await t.call('membership.review', { applicationId: w.applicationId, decision: 'approve' }, staff);
    const issued = wx.tokensIssued;
    await t.host.notify.tick(); // makes sure a token exists
    const w2 = await applicant(1);
    wx.invalidateTokens();
    await t.call('membership.review', { applicationId: w2.applicationId, decision: 'approve' }, staff);
    await t.host.notify.tick();
    expect(wx.tokensIssued).toBeGreaterThan(issued);
    expect(wx.delivered.filter((d) => d.touser === w2.openid)).toHaveLength(1);
    expect(await deliveryStates(t.host.storage.db, `application_approved:${w2.applicationId}`)).toEqual([expect.objectContaining({ status: 'sent' })]);
  });

  it('a stalled WeChat: the send times out and is retried later, calls meanwhile answer at once; other errors retry then fail', async () => {
    const w = await applicant(1);
    await t.call('membership.review', { applicationId: w.applicationId, decision: 'approve' }, staff);
    wx.sendMode = 'hang';
    const ticking = t.host.notify.tick();
    const started = Date.now();
    await t.call('notify.list', {}, w.session);
    expect(Date.now() - started).toBeLessThan(250);
    await ticking;
    expect(await deliveryStates(t.host.storage.db, `application_approved:${w.applicationId}`)).toEqual([expect.objectContaining({ status: 'pending', attempts: 1, outcome: 'wechat_unavailable' })]);

    const w2 = await applicant(1);
    wx.sendMode = 'normal';
    wx.failSends(-1, 1);
    await t.call('membership.review', { applicationId: w2.applicationId, decision: 'approve' }, staff);
    await t.host.notify.tick();
    expect(await deliveryStates(t.host.storage.db, `application_approved:${w2.applicationId}`)).toEqual([expect.objectContaining({ status: 'pending', attempts: 1, outcome: 'wechat_-1' })]);
  });

  it('reminders: 2 h before the start, at publishing when published later (start > 15 min away), else none; once', async () => {
    const member = await t.login('member', 'bu-cy01', `notify-rem-${backend}`);
    const now = new Date();
    const plus = (m: number) => new Date(now.getTime() + m * 60_000).toISOString();
    const make = async (startIn: number, title: string) => {
      const { id } = await t.call('activity.create', buildActivityInput(now, { title, startAt: plus(startIn), endAt: plus(startIn + 60), signUpDeadline: plus(startIn - 5), checkInFrom: plus(startIn - 10), checkInUntil: plus(startIn + 60) }), staff);
      await t.call('activity.publish', { id }, staff);
      await t.call('activity.signUp', { id }, member);
      return id;
    };
    const later = await make(122, '三小时后的培训');
    const soon = await make(30, '半小时后的比赛');
    const tooSoon = await make(10, '十分钟后的活动');
    const kinds = async () => (await t.call('notify.list', {}, member)).items.filter((i) => i.kind === 'activity_reminder').map((i) => i.page);
    await t.host.notify.schedule(new Date());
    expect(await kinds()).toEqual([`/pages/activity-detail/index?id=${soon}`]);
    await t.host.notify.schedule(new Date(now.getTime() + 3 * 60_000));
    await t.host.notify.schedule(new Date(now.getTime() + 3 * 60_000));
    expect((await kinds()).sort()).toEqual([`/pages/activity-detail/index?id=${later}`, `/pages/activity-detail/index?id=${soon}`].sort());
    expect((await kinds()).some((p) => p?.includes(tooSoon))).toBe(false);
    const counts = await t.call('notify.counts', { objectType: 'activity', id: later }, staff);
    expect(counts).toMatchObject({ messages: 1, read: 0 });
  });
});

describe.each(BACKENDS)('events → recipients on %s', (backend) => {
  let t: TestHost;
  beforeAll(async () => {
    t = await startTestHost({ backend, env: { UNION_NOTIFY_TICK_MS: '3600000' } });
  });
  afterAll(async () => {
    await t?.close();
  });
  const kinds = async (session: string) => (await t.call('notify.list', {}, session)).items.map((i) => i.kind);

  it('activity changed, cancelled and a seat from the waiting list reach those signed up, once each', async () => {
    const staff = await t.login('staff', 'bu-cy01', `ev-${backend}`);
    const a = await t.login('member', 'bu-cy01', `ev-a-${backend}`);
    const b = await t.login('member', 'bu-cy01', `ev-b-${backend}`);
    const bystander = await t.login('member', 'bu-cy01', `ev-c-${backend}`);
    const now = new Date();
    const { id } = await t.call('activity.create', buildActivityInput(now, { quota: 1, startAt: new Date(now.getTime() + 6 * 3600_000).toISOString(), endAt: new Date(now.getTime() + 7 * 3600_000).toISOString(), signUpDeadline: new Date(now.getTime() + 5 * 3600_000).toISOString(), checkInFrom: undefined, checkInUntil: undefined }), staff);
    await t.call('activity.publish', { id }, staff);
    await t.call('activity.signUp', { id }, a);
    expect(await t.call('activity.signUp', { id }, b)).toMatchObject({ status: 'waitlisted' });
    await t.call('activity.cancelSignUp', { id }, a);
    expect(await kinds(b)).toEqual(['waitlist_promoted']);
    await t.call('activity.update', { id, place: '区工人文化宫' }, staff);
    expect(await kinds(b)).toEqual(['activity_changed', 'waitlist_promoted']);
    await t.call('activity.cancel', { id, reason: '暴雨预警' }, staff);
    expect(await kinds(b)).toEqual(['activity_cancelled', 'activity_changed', 'waitlist_promoted']);
    expect(await kinds(a)).toEqual([]);
    expect(await kinds(bystander)).toEqual([]);
    expect(await t.call('notify.counts', { objectType: 'activity', id }, staff)).toMatchObject({ messages: 3 });
  });
});
