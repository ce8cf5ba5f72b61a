/**
 * Activities through the real host and the real SDK, on SQLite and (with
 * TEST_DATABASE_URL) PostgreSQL: the life of an activity, sign-up with quota and waiting
 * list, check-in with the rotating code under a controlled clock, staff scans with an
 * offline queue, the record and its export, and the integrity rules under concurrency.
 */
import ExcelJS from 'exceljs';
import { deriveKeys } from '../../cloud/domain/crypto';
import { issueMemberToken } from '../../cloud/domain/member-token';
import { isUniqueViolation } from '../../cloud/storage/db';
import { buildActivityInput, nonce } from '../support/activity-factories';
import { BACKENDS, startTestHost, type TestHost } from '../support/host';

jest.setTimeout(120_000);

/** The start of a 15-second step near real time (the SDK's signature must stay within 15 minutes of the host clock). */
function alignedNow(): Date {
  return new Date(Math.floor(Date.now() / 15000) * 15000);
}

describe.each(BACKENDS)('activities on %s', (backend) => {
  let t: TestHost;
  let now: Date;
  let base: Date;
  let staff: string;
  let otherStaff: string;
  const tick = (seconds: number) => {
    now = new Date(now.getTime() + seconds * 1000);
  };
  const db = () => t.host.storage.db;
  const keys = () => deriveKeys(t.host.config.dataKey);

  beforeAll(async () => {
    base = alignedNow();
    now = base;
    t = await startTestHost({ backend, clock: () => now });
    staff = await t.login('staff', 'bu-cy01', 'act');
    otherStaff = await t.login('staff', 'bu-cy02', 'act');
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(() => {
    now = base;
  });

  async function published(overrides: Parameters<typeof buildActivityInput>[1] = {}, session = staff): Promise<string> {
    const { id } = await t.call('activity.create', buildActivityInput(now, overrides), session);
    await t.call('activity.publish', { id }, session);
    return id;
  }

  const member = (key: string, unionId = 'bu-cy01') => t.login('member', unionId, key);

  async function memberIdOf(session: string): Promise<string> {
    const { user } = await t.call('auth.me', {}, session);
    return user.memberOf!.memberId;
  }

  /** The counters on the activity row agree with the sign-up rows. */
  async function expectCountersConsistent(id: string): Promise<void> {
    const a = await db().selectFrom('activities').select(['signed_up_count', 'waitlisted_count', 'quota']).where('id', '=', id).executeTakeFirstOrThrow();
    const rows = await db().selectFrom('activity_signups').select(['status']).where('activity_id', '=', id).execute();
    expect(Number(a.signed_up_count)).toBe(rows.filter((r) => r.status === 'signed_up').length);
    expect(Number(a.waitlisted_count)).toBe(rows.filter((r) => r.status === 'waitlisted').length);
    if (a.quota !== null) expect(Number(a.signed_up_count)).toBeLessThanOrEqual(Number(a.quota));
  }

  describe('the life of an activity', () => {
    it('a draft is for staff only; published, members of the union see it, upcoming first', async () => {
      const { id, status } = await t.call('activity.create', buildActivityInput(now, { title: '草稿活动', quota: 20 }), staff);
      expect(status).toBe('draft');
      const m = await member('life-1');
      expect((await t.call('activity.list', {}, m)).items.map((i) => i.id)).not.toContain(id);
      expect((await t.refusal('activity.get', { id }, m)).reason).toBe('not_found');
      await t.call('activity.publish', { id }, staff);
      const { items, member: isMember } = await t.call('activity.list', {}, m);
      expect(isMember).toBe(true);
      const item = items.find((i) => i.id === id)!;
      expect(item).toMatchObject({ title: '草稿活动', signedUp: 0, quota: 20, place: '县体育馆', status: 'published', phase: 'upcoming' });
      expect(item.mine).toBeUndefined();
      // Upcoming before ended: every not-ended item comes before every ended one.
      const phases = items.map((i) => i.phase === 'ended');
      expect(phases.indexOf(true) === -1 || phases.slice(phases.indexOf(true)).every(Boolean)).toBe(true);
      const detail = await t.call('activity.get', { id }, m);
      expect(detail).toMatchObject({ signUpOpen: true, canManage: false, organizer: '味香园餐饮有限公司工会' });
      expect(detail.checkedIn).toBeUndefined();
    });

    it('members of another base union do not see a union activity, but do see an industry-wide one', async () => {
      const own = await published();
      const wide = await published({ audience: 'industry', title: '全行业培训' });
      const other = await member('life-2', 'bu-cy02');
      const ids = (await t.call('activity.list', {}, other)).items.map((i) => i.id);
      expect(ids).toContain(wide);
      expect(ids).not.toContain(own);
      expect((await t.refusal('activity.signUp', { id: own }, other)).reason).toBe('not_found');
      await expect(t.call('activity.signUp', { id: wide }, other)).resolves.toEqual({ status: 'signed_up' });
    });

    it('a worker who is not a member gets an empty list and 非本会会员 on sign-up', async () => {
      const id = await published();
      const worker = await t.login('worker', undefined, 'life-3');
      await expect(t.call('activity.list', {}, worker)).resolves.toEqual({ items: [], member: false });
      const r = await t.refusal('activity.signUp', { id }, worker);
      expect(r.reason).toBe('not_member');
      expect(r.rawMessage).toContain('非本会会员');
    });

    it('staff of another union cannot see or act on it (identifier swap → not_found)', async () => {
      const id = await published();
      for (const [name, input] of [
        ['activity.get', { id }],
        ['activity.update', { id, title: 'x' }],
        ['activity.publish', { id }],
        ['activity.cancel', { id, reason: 'x' }],
        ['activity.finish', { id }],
        ['activity.checkInCode', { id }],
        ['activity.attendance', { id }],
        ['activity.participants', { id }],
        ['activity.record', { id }],
        ['activity.saveRecord', { id, content: '', outcome: '', awards: '' }],
        ['activity.exportRecord', { id }],
        ['activity.history', { id }],
        ['activity.scanMember', { activityId: id, scans: [{ memberToken: 'x', nonce: nonce(), deviceId: 'd', scannedAt: now.toISOString() }] }],
      ] as const) {
        expect([name, (await t.refusal(name, input, otherStaff)).reason]).toEqual([name, 'not_found']);
      }
      expect((await t.refusal('activity.listByUnion', { unionId: 'bu-cy01' }, otherStaff)).reason).toBe('forbidden');
      expect((await t.refusal('activity.get', { id: 'act_nope' }, staff)).reason).toBe('not_found');
    });

    it('the industry admin manages a base union\'s activity; industry staff do not', async () => {
      const id = await published();
      const admin = await t.login('industryAdmin', undefined, 'act');
      await expect(t.call('activity.attendance', { id }, admin)).resolves.toMatchObject({ signedUp: 0 });
      const industryStaff = await t.login('staff', 'ind-cy', 'act');
      expect((await t.refusal('activity.attendance', { id }, industryStaff)).reason).toBe('not_found');
    });

    it('keeps an audit trail of edits to a published activity, with before and after', async () => {
      const { id } = await t.call('activity.create', buildActivityInput(now, { place: '旧地点' }), staff);
      tick(1);
      await t.call('activity.publish', { id }, staff);
      tick(1);
      const r = await t.call('activity.update', { id, place: '新地点', title: '新名称' }, staff);
      expect(r.changed.sort()).toEqual(['place', 'title']);
      expect((await t.call('activity.update', { id, place: '新地点' }, staff)).changed).toEqual([]);
      const { items } = await t.call('activity.history', { id }, staff);
      expect(items.map((i) => i.action)).toEqual(['activity.create', 'activity.publish', 'activity.update']);
      expect(items[2].detail).toMatchObject({ changes: { place: ['旧地点', '新地点'], title: ['职工趣味运动会', '新名称'] } });
      expect(items[2].actorName).toBeTruthy();
    });

    it('refuses wrong times and changes that break the rules', async () => {
      const bad = await t.refusal('activity.create', buildActivityInput(now, { endAt: buildActivityInput(now).startAt }), staff);
      expect(bad.reason).toBe('validation_error');
      expect(bad.fields?.map((f) => f.path)).toContain('endAt');
      const id = await published();
      const r = await t.refusal('activity.update', { id, signUpDeadline: new Date(now.getTime() + 100 * 60000).toISOString() }, staff);
      expect(r.fields?.[0]?.path).toBe('signUpDeadline');
      expect((await t.refusal('activity.update', { id, audience: 'industry' }, staff)).fields?.[0]?.path).toBe('audience');
      expect((await t.refusal('activity.publish', { id }, staff)).reason).toBe('invalid_activity_state');
      expect((await t.refusal('activity.finish', { id }, staff)).reason).toBe('invalid_activity_state');
    });

    it('cancelling tells the members who signed up, on 我的活动, with the reason', async () => {
      const id = await published();
      const m = await member('life-4');
      await t.call('activity.signUp', { id }, m);
      const r = await t.call('activity.cancel', { id, reason: '场地维修' }, staff);
      expect(r).toEqual({ id, status: 'cancelled', affected: 1 });
      const mine = (await t.call('activity.mine', {}, m)).items.find((i) => i.id === id);
      expect(mine).toMatchObject({ status: 'cancelled', cancelReason: '场地维修', signUp: 'signed_up' });
      expect((await t.refusal('activity.signUp', { id }, await member('life-5'))).reason).toBe('activity_cancelled');
      expect((await t.refusal('activity.checkInCode', { id }, staff)).reason).toBe('activity_cancelled');
    });

    it('finishes after the start, then takes no more check-ins', async () => {
      const id = await published({ startAt: new Date(now.getTime() - 60000).toISOString(), signUpDeadline: new Date(now.getTime() - 60000).toISOString() });
      await expect(t.call('activity.finish', { id }, staff)).resolves.toEqual({ id, status: 'finished' });
      expect((await t.refusal('activity.checkInCode', { id }, staff)).reason).toBe('invalid_activity_state');
    });
  });

  describe('sign-up', () => {
    it('fills the quota, then a waiting list promoted in order when someone cancels', async () => {
      const id = await published({ quota: 2 });
      const [a, b, c, d] = await Promise.all(['q-a', 'q-b', 'q-c', 'q-d'].map((k) => member(k)));
      expect(await t.call('activity.signUp', { id }, a)).toEqual({ status: 'signed_up' });
      expect(await t.call('activity.signUp', { id }, b)).toEqual({ status: 'signed_up' });
      expect(await t.call('activity.signUp', { id }, c)).toEqual({ status: 'waitlisted', position: 1 });
      expect(await t.call('activity.signUp', { id }, d)).toEqual({ status: 'waitlisted', position: 2 });
      // Signing up again answers the current status.
      expect(await t.call('activity.signUp', { id }, d)).toEqual({ status: 'waitlisted', position: 2 });
      await t.call('activity.cancelSignUp', { id }, a);
      expect((await t.call('activity.get', { id }, c)).mySignUp).toEqual({ status: 'signed_up' });
      expect((await t.call('activity.get', { id }, d)).mySignUp).toEqual({ status: 'waitlisted', position: 1 });
      expect((await t.call('activity.list', {}, d)).items.find((i) => i.id === id)).toMatchObject({ signedUp: 2, mine: 'waitlisted' });
      // A's new sign-up goes to the back of the queue.
      expect(await t.call('activity.signUp', { id }, a)).toEqual({ status: 'waitlisted', position: 2 });
      expect((await t.refusal('activity.cancelSignUp', { id }, await member('q-e'))).reason).toBe('not_signed_up');
      await expectCountersConsistent(id);
    });

    it('raising the quota promotes waiting members; it cannot go below those signed up', async () => {
      const id = await published({ quota: 1 });
      const [a, b, c] = await Promise.all(['r-a', 'r-b', 'r-c'].map((k) => member(k)));
      for (const s of [a, b, c]) await t.call('activity.signUp', { id }, s);
      await t.call('activity.update', { id, quota: 2 }, staff);
      expect((await t.call('activity.get', { id }, b)).mySignUp?.status).toBe('signed_up');
      expect((await t.call('activity.get', { id }, c)).mySignUp).toEqual({ status: 'waitlisted', position: 1 });
      const low = await t.refusal('activity.update', { id, quota: 1 }, staff);
      expect(low.fields?.[0]).toMatchObject({ path: 'quota' });
      await t.call('activity.update', { id, quota: null }, staff);
      expect((await t.call('activity.get', { id }, c)).mySignUp?.status).toBe('signed_up');
      await expectCountersConsistent(id);
    });

    it('closes sign-up and cancelling at the deadline (controlled clock)', async () => {
      const id = await published();
      const m = await member('deadline');
      const late = await member('deadline-late');
      await t.call('activity.signUp', { id }, m);
      tick(5 * 60);
      await expect(t.call('activity.get', { id }, m)).resolves.toMatchObject({ signUpOpen: true });
      tick(1);
      expect((await t.refusal('activity.signUp', { id }, late)).reason).toBe('signup_closed');
      expect((await t.refusal('activity.cancelSignUp', { id }, m)).reason).toBe('signup_closed');
      await expect(t.call('activity.get', { id }, m)).resolves.toMatchObject({ signUpOpen: false });
    });

    it('200 members signing up at once for 50 places: exactly 50 signed up, 150 waiting, no error', async () => {
      const id = await published({ quota: 50, title: '抢名额' });
      const sessions: string[] = [];
      for (let i = 0; i < 200; i += 20) sessions.push(...(await Promise.all(Array.from({ length: 20 }, (_, j) => member(`rush-${i + j}`)))));
      const answers = await Promise.allSettled(sessions.map((s) => t.call('activity.signUp', { id }, s)));
      const failed = answers.filter((a) => a.status === 'rejected');
      expect(failed).toEqual([]);
      const ok = answers.map((a) => (a as PromiseFulfilledResult<{ status: string; position?: number }>).value);
      expect(ok.filter((a) => a.status === 'signed_up')).toHaveLength(50);
      const waiting = ok.filter((a) => a.status === 'waitlisted');
      expect(waiting).toHaveLength(150);
      expect(waiting.map((a) => a.position).sort((x, y) => x! - y!)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
      await expect(t.call('activity.attendance', { id }, staff)).resolves.toMatchObject({ signedUp: 50, waitlisted: 150 });
      await expectCountersConsistent(id);
      expect(t.logs).toEqual([]);
    });
  });

  describe('check-in with the station code', () => {
    async function signedUpMember(id: string, key: string): Promise<string> {
      const m = await member(key);
      await t.call('activity.signUp', { id }, m);
      return m;
    }

    it('checks in once with the QR code; again answers 已签到 with the first time', async () => {
      const id = await published();
      const m = await signedUpMember(id, 'ci-1');
      const station = await t.call('activity.checkInCode', { id }, staff);
      expect(station).toMatchObject({ signedUp: 1, checkedIn: 0, checkInOpen: true });
      expect(station.url).toContain('/#/pages/activity-checkin/index?c=');
      expect(station.manualCode).toMatch(/^\d{6}$/);
      const first = await t.call('activity.checkIn', { code: station.url, nonce: nonce() }, m);
      expect(first).toMatchObject({ duplicate: false, checkedInAt: now.toISOString(), activityId: id });
      tick(20);
      const again = await t.call('activity.checkIn', { code: (await t.call('activity.checkInCode', { id }, staff)).code, nonce: nonce() }, m);
      expect(again).toMatchObject({ duplicate: true, checkedInAt: first.checkedInAt });
      await expect(t.call('activity.attendance', { id }, staff)).resolves.toMatchObject({ signedUp: 1, checkedIn: 1 });
      expect((await t.call('activity.list', {}, m)).items.find((i) => i.id === id)?.mine).toBe('checked_in');
    });

    it('accepts the 6-digit code with the activity id', async () => {
      const id = await published();
      const m = await signedUpMember(id, 'ci-2');
      const { manualCode } = await t.call('activity.checkInCode', { id }, staff);
      expect((await t.refusal('activity.checkIn', { code: manualCode, nonce: nonce() }, m)).reason).toBe('invalid_checkin_code');
      await expect(t.call('activity.checkIn', { code: manualCode, nonce: nonce(), activityId: id }, m)).resolves.toMatchObject({ duplicate: false });
    });

    it('a photo of the code forwarded home fails 30 seconds later: 二维码已过期', async () => {
      const id = await published();
      const m = await signedUpMember(id, 'ci-3');
      const { code } = await t.call('activity.checkInCode', { id }, staff);
      tick(29);
      const other = await signedUpMember(id, 'ci-3b');
      await expect(t.call('activity.checkIn', { code, nonce: nonce() }, other)).resolves.toMatchObject({ duplicate: false });
      tick(1);
      const r = await t.refusal('activity.checkIn', { code, nonce: nonce() }, m);
      expect(r.reason).toBe('code_expired');
      expect(r.rawMessage).toBe('二维码已过期，请重新扫码');
    });

    it('answers 不在签到时间, 未报名, 非本会会员 specifically, and stores each refusal with its reason', async () => {
      const id = await published({ checkInFrom: new Date(now.getTime() + 60000).toISOString() });
      const signed = await signedUpMember(id, 'ci-4');
      const notSigned = await member('ci-4b');
      const otherUnion = await member('ci-4c', 'bu-cy02');
      const worker = await t.login('worker', undefined, 'ci-4d');
      const early = await t.call('activity.checkInCode', { id }, staff);
      expect(early.checkInOpen).toBe(false);
      expect((await t.refusal('activity.checkIn', { code: early.code, nonce: nonce() }, signed)).reason).toBe('outside_checkin_window');
      tick(60);
      const { code } = await t.call('activity.checkInCode', { id }, staff);
      expect((await t.refusal('activity.checkIn', { code, nonce: nonce() }, notSigned)).reason).toBe('not_signed_up');
      const foreign = await t.refusal('activity.checkIn', { code, nonce: nonce() }, otherUnion);
      expect([foreign.reason, foreign.rawMessage]).toEqual(['not_member', '非本会会员']);
      expect((await t.refusal('activity.checkIn', { code, nonce: nonce() }, worker)).reason).toBe('not_member');
      expect((await t.refusal('activity.checkIn', { code: 'garbage', nonce: nonce() }, worker)).reason).toBe('invalid_checkin_code');
      const refused = await db().selectFrom('activity_checkin_attempts').select(['reason', 'outcome']).where('activity_id', '=', id).orderBy('at').execute();
      expect(refused.map((r) => r.reason).sort()).toEqual(['not_member', 'not_member', 'not_signed_up', 'outside_checkin_window']);
      expect(refused.every((r) => r.outcome === 'refused')).toBe(true);
      await expect(t.call('activity.attendance', { id }, staff)).resolves.toMatchObject({ refused: 4, checkedIn: 0 });
      const { attempts } = await t.call('activity.participants', { id }, staff);
      expect(attempts.map((a) => a.reason).sort()).toEqual(['not_member', 'not_member', 'not_signed_up', 'outside_checkin_window']);
    });

    it('lets walk-ins check in when allowed, marked 现场', async () => {
      const id = await published({ allowWalkIn: true });
      const m = await member('ci-5');
      const { code } = await t.call('activity.checkInCode', { id }, staff);
      await expect(t.call('activity.checkIn', { code, nonce: nonce() }, m)).resolves.toMatchObject({ walkIn: true, duplicate: false });
      await expect(t.call('activity.attendance', { id }, staff)).resolves.toMatchObject({ checkedIn: 1, walkIns: 1, signedUp: 0 });
      const { items } = await t.call('activity.participants', { id }, staff);
      expect(items).toEqual([expect.objectContaining({ signUp: null, walkIn: true, method: 'code' })]);
    });

    /** `HH:mm` in China of a moment (the end of a lock, as the refusal names it). */
    const chinaHm = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
    const wrongFor = (manualCode: string) => (manualCode === '000000' ? '111111' : '000000');
    const codeAttempts = (id: string, memberSession: string) =>
      memberIdOf(memberSession).then((memberId) => db().selectFrom('activity_checkin_attempts').select(['outcome', 'reason']).where('activity_id', '=', id).where('member_id', '=', memberId).execute());

    it('after 10 wrong codes refuses every code of that member on that activity for 10 minutes, the right one too, saying until when; then accepts it', async () => {
      const id = await published();
      const m = await signedUpMember(id, 'ci-6');
      const other = await signedUpMember(id, 'ci-6-other');
      const { manualCode } = await t.call('activity.checkInCode', { id }, staff);
      const wrong = wrongFor(manualCode);
      for (let i = 0; i < 9; i++) expect((await t.refusal('activity.checkIn', { code: wrong, activityId: id, nonce: nonce() }, m)).reason).toBe('invalid_checkin_code');
      const lockEnd = new Date(now.getTime() + 10 * 60_000);
      const tenth = await t.refusal('activity.checkIn', { code: wrong, activityId: id, nonce: nonce() }, m);
      expect(tenth.reason).toBe('invalid_checkin_code');
      expect(tenth.rawMessage).toContain(chinaHm(lockEnd));
      expect((await t.refusal('activity.checkIn', { code: wrong, activityId: id, nonce: nonce() }, m)).reason).toBe('rate_limited');

      // The right code, typed and scanned, is refused too, naming the end and the way out (a staff scan).
      const right = await t.refusal('activity.checkIn', { code: manualCode, activityId: id, nonce: nonce() }, m);
      expect(right.reason).toBe('rate_limited');
      expect(right.rawMessage).toContain(chinaHm(lockEnd));
      expect(right.rawMessage).toContain('扫会员码');
      const { code: longCode } = await t.call('activity.checkInCode', { id }, staff);
      expect((await t.refusal('activity.checkIn', { code: longCode, nonce: nonce() }, m)).reason).toBe('rate_limited');
      expect(await db().selectFrom('activity_checkins').select('member_id').where('activity_id', '=', id).where('member_id', '=', await memberIdOf(m)).execute()).toEqual([]);
      // Only that member, only that activity.
      await expect(t.call('activity.checkIn', { code: manualCode, activityId: id, nonce: nonce() }, other)).resolves.toMatchObject({ duplicate: false });

      tick(10 * 60 - 1);
      const late = await t.call('activity.checkInCode', { id }, staff);
      expect((await t.refusal('activity.checkIn', { code: late.manualCode, activityId: id, nonce: nonce() }, m)).reason).toBe('rate_limited');
      tick(1);
      const fresh = await t.call('activity.checkInCode', { id }, staff);
      await expect(t.call('activity.checkIn', { code: fresh.manualCode, activityId: id, nonce: nonce() }, m)).resolves.toMatchObject({ duplicate: false });
      const attempts = await codeAttempts(id, m);
      expect(attempts.filter((a) => a.reason === 'invalid_checkin_code')).toHaveLength(10);
      expect(attempts.filter((a) => a.reason === 'rate_limited')).toHaveLength(4);
    });

    it('100 parallel wrong codes of one member: exactly 10 are checked, 90 refused as rate_limited; the right code is refused after them', async () => {
      const id = await published();
      const m = await signedUpMember(id, 'ci-guess-100');
      const { manualCode } = await t.call('activity.checkInCode', { id }, staff);
      const wrong = wrongFor(manualCode);
      const answers = await Promise.all(Array.from({ length: 100 }, () => t.refusal('activity.checkIn', { code: wrong, activityId: id, nonce: nonce() }, m)));
      const reasons = answers.map((a) => a.reason);
      expect(reasons.filter((r) => r === 'invalid_checkin_code')).toHaveLength(10);
      expect(reasons.filter((r) => r === 'rate_limited')).toHaveLength(90);
      const attempts = await codeAttempts(id, m);
      expect(attempts.filter((a) => a.reason === 'invalid_checkin_code')).toHaveLength(10);
      expect(attempts).toHaveLength(100);
      expect((await t.refusal('activity.checkIn', { code: manualCode, activityId: id, nonce: nonce() }, m)).reason).toBe('rate_limited');
      expect(t.logs).toEqual([]);
    });

    it('50 wrong and 50 right codes of one member in parallel: 10 wrong ones checked, every right one either checks in (once) or is refused by the lock', async () => {
      const id = await published();
      const m = await signedUpMember(id, 'ci-guess-mixed');
      const { manualCode } = await t.call('activity.checkInCode', { id }, staff);
      const wrong = wrongFor(manualCode);
      const calls = Array.from({ length: 100 }, (_, i) =>
        t.call('activity.checkIn', { code: i % 2 ? manualCode : wrong, activityId: id, nonce: nonce() }, m).then(
          (r) => ({ right: i % 2 === 1, answer: r.duplicate ? 'duplicate' : 'checked_in' }),
          (e: { reason: string }) => ({ right: i % 2 === 1, answer: e.reason }),
        ),
      );
      const answers = await Promise.all(calls);
      expect(answers.filter((a) => !a.right).every((a) => a.answer === 'invalid_checkin_code' || a.answer === 'rate_limited')).toBe(true);
      expect(answers.filter((a) => a.answer === 'invalid_checkin_code')).toHaveLength(10);
      expect(answers.filter((a) => a.right).every((a) => ['checked_in', 'duplicate', 'rate_limited'].includes(a.answer))).toBe(true);
      expect(answers.filter((a) => a.answer === 'checked_in').length).toBeLessThanOrEqual(1);
      const rows = await db().selectFrom('activity_checkins').select('member_id').where('activity_id', '=', id).execute();
      expect(rows).toHaveLength(answers.some((a) => a.answer === 'checked_in') ? 1 : 0);
      expect((await t.refusal('activity.checkIn', { code: manualCode, activityId: id, nonce: nonce() }, m)).reason).toBe('rate_limited');
      expect(t.logs).toEqual([]);
    });

    it('a member locked out of code check-in can still be checked in by a staff scan of the member card', async () => {
      const id = await published();
      const m = await signedUpMember(id, 'ci-locked-scan');
      const { manualCode } = await t.call('activity.checkInCode', { id }, staff);
      for (let i = 0; i < 10; i++) await t.refusal('activity.checkIn', { code: wrongFor(manualCode), activityId: id, nonce: nonce() }, m);
      expect((await t.refusal('activity.checkIn', { code: manualCode, activityId: id, nonce: nonce() }, m)).reason).toBe('rate_limited');
      const memberToken = issueMemberToken(keys().token, await memberIdOf(m), 'bu-cy01', now).token;
      const scanned = await t.call('activity.scanMember', { activityId: id, scans: [{ memberToken, nonce: nonce(), deviceId: 'pad-lock', scannedAt: now.toISOString() }] }, staff);
      expect(scanned.results.map((r) => r.outcome)).toEqual(['checked_in']);
    });

    it('50 parallel check-ins of one member → exactly 1 check-in row, one first answer, 49 duplicates', async () => {
      const id = await published();
      const m = await signedUpMember(id, 'ci-par');
      const { code } = await t.call('activity.checkInCode', { id }, staff);
      const answers = await Promise.all(Array.from({ length: 50 }, () => t.call('activity.checkIn', { code, nonce: nonce() }, m)));
      expect(answers.filter((a) => !a.duplicate)).toHaveLength(1);
      expect(new Set(answers.map((a) => a.checkedInAt)).size).toBe(1);
      const rows = await db().selectFrom('activity_checkins').selectAll().where('activity_id', '=', id).execute();
      expect(rows).toHaveLength(1);
      const attempts = await db().selectFrom('activity_checkin_attempts').select('outcome').where('activity_id', '=', id).execute();
      expect(attempts).toHaveLength(50);
      expect(t.logs).toEqual([]);
    });

    it('a rush of 30 members, one of them twice at once and one replaying a nonce: every other check-in stored once, the race sorted out', async () => {
      // On PostgreSQL the calls of one turn are written in one statement (coalesce.ts); a race in
      // the batch makes it fall back to one statement each, which must lose nobody's check-in.
      const id = await published();
      const members = await Promise.all(Array.from({ length: 30 }, (_, i) => signedUpMember(id, `ci-rush-${i}`)));
      const { code } = await t.call('activity.checkInCode', { id }, staff);
      const replayed = nonce();
      const calls = [
        ...members.map((m, i) => t.call('activity.checkIn', { code, nonce: i === 1 ? replayed : nonce() }, m)),
        t.call('activity.checkIn', { code, nonce: nonce() }, members[0]),
        t.call('activity.checkIn', { code, nonce: replayed }, members[1]),
      ];
      const answers = await Promise.all(calls);
      expect(answers.slice(2, 30).every((a) => !a.duplicate)).toBe(true);
      // members[0] twice: one first check-in and one duplicate with the same time.
      expect([answers[0].duplicate, answers[30].duplicate].sort()).toEqual([false, true]);
      expect(answers[30].checkedInAt).toBe(answers[0].checkedInAt);
      // members[1] with the same nonce twice: the same answer, one attempt.
      expect(answers[31]).toEqual(answers[1]);
      const rows = await db().selectFrom('activity_checkins').select('member_id').where('activity_id', '=', id).execute();
      expect(rows).toHaveLength(30);
      const attempts = await db().selectFrom('activity_checkin_attempts').select('id').where('activity_id', '=', id).execute();
      expect(attempts).toHaveLength(31);
      const events = await db().selectFrom('audit_events').select('id').where('object_type', '=', 'activity_checkin').where('object_id', '=', id).execute();
      expect(events).toHaveLength(31);
      expect(t.logs).toEqual([]);
    });

    it('10 replays of one nonce → 1 row and the same answer, also when refused', async () => {
      const id = await published();
      const m = await signedUpMember(id, 'ci-replay');
      const { code } = await t.call('activity.checkInCode', { id }, staff);
      const n = nonce();
      const answers = await Promise.all(Array.from({ length: 10 }, () => t.call('activity.checkIn', { code, nonce: n }, m)));
      expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
      expect(answers[0].duplicate).toBe(false);
      // Later, even after the code expired, the same nonce answers the same.
      tick(60);
      await expect(t.call('activity.checkIn', { code, nonce: n }, m)).resolves.toEqual(answers[0]);
      expect(await db().selectFrom('activity_checkins').select('member_id').where('activity_id', '=', id).execute()).toHaveLength(1);
      expect(await db().selectFrom('activity_checkin_attempts').select('id').where('activity_id', '=', id).execute()).toHaveLength(1);

      const refusedNonce = nonce();
      const stranger = await member('ci-replay-2');
      const refusals = await Promise.all(Array.from({ length: 10 }, () => t.refusal('activity.checkIn', { code, nonce: refusedNonce }, stranger)));
      expect(new Set(refusals.map((r) => r.reason))).toEqual(new Set(['code_expired']));
      expect(await db().selectFrom('activity_checkin_attempts').select('id').where('nonce', '=', refusedNonce).execute()).toHaveLength(1);
    });

    it('every check-in leaves its audit event in the same transaction', async () => {
      const id = await published();
      const m = await signedUpMember(id, 'ci-audit');
      const { code } = await t.call('activity.checkInCode', { id }, staff);
      await t.call('activity.checkIn', { code, nonce: nonce() }, m);
      await t.call('activity.checkIn', { code, nonce: nonce() }, m);
      const events = await db().selectFrom('audit_events').select(['action', 'detail']).where('object_type', '=', 'activity_checkin').where('object_id', '=', id).execute();
      const attempts = await db().selectFrom('activity_checkin_attempts').select('id').where('activity_id', '=', id).execute();
      expect(events).toHaveLength(attempts.length);
      expect(events.map((e) => (JSON.parse(e.detail) as { outcome: string }).outcome).sort()).toEqual(['check_in', 'duplicate']);
    });
  });

  describe('staff scanning member cards', () => {
    async function cardOf(session: string, at = now): Promise<string> {
      return issueMemberToken(keys().token, await memberIdOf(session), 'bu-cy01', at).token;
    }

    it('checks in by card; an offline queue uploads twice and answers the same, with one check-in', async () => {
      const id = await published();
      const [a, b] = await Promise.all([member('scan-a'), member('scan-b')]);
      await t.call('activity.signUp', { id }, a);
      await t.call('activity.signUp', { id }, b);
      const scans = [
        { memberToken: await cardOf(a), nonce: nonce(), deviceId: 'pad-1', scannedAt: now.toISOString() },
        { memberToken: await cardOf(b), nonce: nonce(), deviceId: 'pad-1', scannedAt: new Date(now.getTime() + 5000).toISOString() },
      ];
      // Offline for 10 minutes: the cards have long expired by the upload, but were valid when scanned.
      tick(600);
      const first = await t.call('activity.scanMember', { activityId: id, scans }, staff);
      expect(first.results.map((r) => r.outcome)).toEqual(['checked_in', 'checked_in']);
      expect(first.results[0].checkedInAt).toBe(scans[0].scannedAt);
      expect(first.results[0].memberName).toBeTruthy();
      const again = await t.call('activity.scanMember', { activityId: id, scans }, staff);
      expect(again).toEqual(first);
      expect(await db().selectFrom('activity_checkins').select('member_id').where('activity_id', '=', id).execute()).toHaveLength(2);
      expect(await db().selectFrom('activity_checkin_attempts').select('id').where('activity_id', '=', id).execute()).toHaveLength(2);
    });

    it('the same member scanned on two devices: one check-in and one flagged duplicate, nothing lost', async () => {
      const id = await published();
      const m = await member('scan-two');
      await t.call('activity.signUp', { id }, m);
      const token = await cardOf(m);
      const staff2 = await t.login('chair', 'bu-cy01', 'act');
      const [one, two] = await Promise.all([
        t.call('activity.scanMember', { activityId: id, scans: [{ memberToken: token, nonce: nonce(), deviceId: 'pad-1', scannedAt: now.toISOString() }] }, staff),
        t.call('activity.scanMember', { activityId: id, scans: [{ memberToken: token, nonce: nonce(), deviceId: 'pad-2', scannedAt: now.toISOString() }] }, staff2),
      ]);
      const outcomes = [one.results[0], two.results[0]];
      expect(outcomes.map((r) => r.outcome).sort()).toEqual(['checked_in', 'duplicate']);
      expect(outcomes.find((r) => r.outcome === 'duplicate')?.flagged).toBe(true);
      expect(await db().selectFrom('activity_checkins').select('member_id').where('activity_id', '=', id).execute()).toHaveLength(1);
      await expect(t.call('activity.attendance', { id }, staff)).resolves.toMatchObject({ checkedIn: 1, flagged: 1 });
      const { attempts } = await t.call('activity.participants', { id }, staff);
      expect(attempts).toEqual([expect.objectContaining({ outcome: 'duplicate', flagged: true, method: 'scan' })]);
    });

    it('refuses an expired card, a forged card and a member of another union, each with its reason', async () => {
      const id = await published();
      const m = await member('scan-ref');
      await t.call('activity.signUp', { id }, m);
      const other = await member('scan-ref-2', 'bu-cy02');
      const old = await cardOf(m, new Date(now.getTime() - 121000));
      const foreign = issueMemberToken(keys().token, await memberIdOf(other), 'bu-cy02', now).token;
      const { results } = await t.call(
        'activity.scanMember',
        {
          activityId: id,
          scans: [
            { memberToken: old, nonce: nonce(), deviceId: 'pad-1', scannedAt: now.toISOString() },
            { memberToken: 'forged.token', nonce: nonce(), deviceId: 'pad-1', scannedAt: now.toISOString() },
            { memberToken: foreign, nonce: nonce(), deviceId: 'pad-1', scannedAt: now.toISOString() },
          ],
        },
        staff,
      );
      expect(results.map((r) => [r.outcome, r.reason])).toEqual([
        ['refused', 'code_expired'],
        ['refused', 'invalid_member_token'],
        ['refused', 'not_member'],
      ]);
      await expect(t.call('activity.attendance', { id }, staff)).resolves.toMatchObject({ refused: 3, checkedIn: 0 });
    });
  });

  describe('the activity record', () => {
    it('is generated from the data plus what staff fill in, and exports as .xlsx', async () => {
      const id = await published({ title: '技能培训', quota: 10 });
      const [a, b] = await Promise.all([member('rec-a'), member('rec-b')]);
      await t.call('activity.signUp', { id }, a);
      await t.call('activity.signUp', { id }, b);
      const { code } = await t.call('activity.checkInCode', { id }, staff);
      await t.call('activity.checkIn', { code, nonce: nonce() }, a);
      await t.call('activity.saveRecord', { id, content: '讲授操作规范', outcome: '全员考核合格', awards: '优秀学员 1 名' }, staff);
      const rec = await t.call('activity.record', { id }, staff);
      expect(rec).toMatchObject({ title: '技能培训', place: '县体育馆', organizer: '味香园餐饮有限公司工会', content: '讲授操作规范', awards: '优秀学员 1 名', quota: 10 });
      expect(rec.counts).toMatchObject({ signedUp: 2, checkedIn: 1 });
      expect(rec.participants).toHaveLength(2);
      expect(rec.participants.filter((p) => p.checkedInAt)).toHaveLength(1);
      expect(rec.filledBy).toBeTruthy();

      const file = await t.call('activity.exportRecord', { id }, staff);
      expect(file.filename).toMatch(/^活动记录-技能培训-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
      expect(book.worksheets.map((w) => w.name)).toEqual(['活动记录', '参加人员']);
      const summary = book.getWorksheet('活动记录')!;
      const cells = summary.getSheetValues().flat().map(String);
      expect(cells).toEqual(expect.arrayContaining(['活动地点', '县体育馆', '讲授操作规范', '全员考核合格']));
      const people = book.getWorksheet('参加人员')!;
      expect(people.rowCount).toBe(3);
      expect(people.getRow(1).getCell(2).value).toBe('姓名');
      const history = await t.call('activity.history', { id }, staff);
      expect(history.items.map((h) => h.action)).toEqual(expect.arrayContaining(['activity.saveRecord', 'activity.exportRecord']));
    });

    it('cannot be filled for a draft', async () => {
      const { id } = await t.call('activity.create', buildActivityInput(now), staff);
      expect((await t.refusal('activity.saveRecord', { id, content: 'x', outcome: '', awards: '' }, staff)).reason).toBe('invalid_activity_state');
    });
  });

  describe('database guarantees', () => {
    it('one sign-up and one check-in per (activity, member), enforced by the database', async () => {
      const id = await published();
      const m = await member('db-uq');
      await t.call('activity.signUp', { id }, m);
      const memberId = await memberIdOf(m);
      const at = now.toISOString();
      let e1: unknown;
      try {
        await db().insertInto('activity_signups').values({ activity_id: id, member_id: memberId, status: 'waitlisted', seq: 99, signed_up_at: at, updated_at: at, promoted_at: null, cancelled_at: null }).execute();
      } catch (e) {
        e1 = e;
      }
      expect(isUniqueViolation(e1)).toBe(true);
      const row = { activity_id: id, member_id: memberId, checked_in_at: at, method: 'code' as const, walk_in: 0, attempt_id: 'x', device_id: null };
      await db().insertInto('activity_checkins').values(row).execute();
      let e2: unknown;
      try {
        await db().insertInto('activity_checkins').values({ ...row, attempt_id: 'y' }).execute();
      } catch (e) {
        e2 = e;
      }
      expect(isUniqueViolation(e2)).toBe(true);
    });

    it('the quota is a database check too: the counter cannot pass it', async () => {
      const id = await published({ quota: 1 });
      await expect(db().updateTable('activities').set({ signed_up_count: 2 }).where('id', '=', id).execute()).rejects.toBeDefined();
    });

    it('a refused change inside a transaction leaves nothing behind', async () => {
      const id = await published({ quota: 2 });
      const [a, b] = await Promise.all([member('tx-a'), member('tx-b')]);
      await t.call('activity.signUp', { id }, a);
      await t.call('activity.signUp', { id }, b);
      const before = await db().selectFrom('audit_events').select('id').where('object_id', '=', id).execute();
      expect((await t.refusal('activity.update', { id, quota: 1, title: '改名' }, staff)).reason).toBe('validation_error');
      const after = await db().selectFrom('audit_events').select('id').where('object_id', '=', id).execute();
      expect(after).toHaveLength(before.length);
      expect((await t.call('activity.get', { id }, staff)).title).toBe('职工趣味运动会');
    });
  });
});
