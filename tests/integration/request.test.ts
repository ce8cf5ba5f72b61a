/**
 * Requests and opinions (职工诉求/建议) through the real host and SDK, on SQLite and (with
 * TEST_DATABASE_URL) PostgreSQL, over the demo seed (cloud/seed/request-demo.ts).
 * The rule tested hardest: an anonymous request never shows its submitter to anyone but the
 * submitter, through any function.
 */
import { DEMO_REQUEST_IDS } from '../../cloud/seed/demo-request-ids';
import { BACKENDS, startTestHost, type TestHost } from '../support/host';
import { freezeDateAt } from '../support/frozen-date';
import { loginRequestPeople } from '../support/request-people';

jest.setTimeout(120_000);

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
/** A JPEG header with an EXIF segment holding a name and a position, then a tiny scan. */
function jpegWithExif(): Buffer {
  const seg = (marker: number, payload: Buffer) => Buffer.concat([Buffer.from([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    seg(0xe1, Buffer.from('Exif\0\0Owner=ZhangSan GPS=30.27,120.15', 'latin1')),
    seg(0xdb, Buffer.from([0, 1, 2, 3])),
    Buffer.from([0xff, 0xda, 0, 2, 1, 2, 3, 0xff, 0xd9]),
  ]);
}

describe.each(BACKENDS)('requests on %s', (backend) => {
  let t: TestHost;
  let member: string;
  /** Submits only anonymous requests (the leak check looks for this person). */
  let anonMember: string;
  let memberMe: { name: string; memberNo: string; memberId: string };
  let namedMe: { name: string; memberNo: string };
  let staff: string;
  let chair: string;
  let reviewer: string;
  let otherStaff: string;
  let admin: string;
  let industryStaff: string;
  let otherMember: string;
  const unitName = '青山县味香园餐饮有限公司';

  beforeAll(async () => {
    t = await startTestHost({ backend });
    ({ member, anonMember, anonMe: memberMe, staff, chair, reviewer, otherStaff, admin, industryStaff, otherMember } = await loginRequestPeople(t, 'req'));
    const named = await t.call('auth.me', {}, member);
    namedMe = { name: named.user.displayName, memberNo: named.user.memberOf!.memberNo };
  });
  afterAll(async () => {
    await t.close();
  });

  /**
   * Does any output show who the member is? The unit is shared by every member of bu-cy01, so it
   * is looked for only in outputs about the one request (`unit: true`).
   */
  const leaks = (value: unknown, opts: { unit: boolean }) => {
    const text = JSON.stringify(value);
    return [memberMe.name, memberMe.memberNo, memberMe.memberId, ...(opts.unit ? [unitName] : [])].filter((s) => text.includes(s));
  };

  it('a member submits a named request; staff see who; the member sees the status', async () => {
    const r = await t.call('request.submit', { category: 'rest', text: '希望调整排班，保证每周休息一天。' }, member);
    expect(r).toMatchObject({ status: 'pending', duplicate: false });
    const mine = await t.call('request.mine', {}, member);
    expect(mine.items[0]).toMatchObject({ id: r.id, status: 'pending', category: 'rest', anonymous: false, person: { name: namedMe.name, memberNo: namedMe.memberNo, unitName } });
    const list = await t.call('request.list', { unionId: 'bu-cy01' }, staff);
    expect(list.items.find((i) => i.id === r.id)?.person).toEqual({ name: namedMe.name, memberNo: namedMe.memberNo, unitName });
    const got = await t.call('request.get', { id: r.id }, staff);
    expect(got).toMatchObject({ viewer: 'handler', text: '希望调整排班，保证每周休息一天。', canReply: true, canClose: true, canRate: false });
  });

  it('an anonymous request never shows its submitter to staff, chair or the industry union, through any function', async () => {
    const r = await t.call('request.submit', { category: 'wages', text: '加班费一直没有发放，请工会过问。', anonymous: true, photoBase64: PNG.toString('base64') }, anonMember);
    // The member sees their own.
    const own = await t.call('request.get', { id: r.id }, anonMember);
    expect(own).toMatchObject({ viewer: 'owner', anonymous: true, person: { name: memberMe.name } });

    const outputs: unknown[] = [];
    for (const token of [staff, chair, admin]) {
      for (const list of [await t.call('request.list', { unionId: 'bu-cy01' }, token), await t.call('request.list', { unionId: 'bu-cy01', status: 'pending' }, token)]) {
        expect(leaks(list, { unit: false })).toEqual([]);
        outputs.push(list.items.filter((i) => i.id === r.id));
      }
      const got = await t.call('request.get', { id: r.id }, token);
      expect(got).toMatchObject({ viewer: 'handler', anonymous: true, person: null });
      outputs.push(got);
      outputs.push(await t.call('request.photo', { id: r.id }, token));
    }
    outputs.push(await t.call('request.reply', { id: r.id, body: '已收到，我们会向财务核实。' }, staff));
    outputs.push(await t.call('request.get', { id: r.id }, staff));
    outputs.push(await t.call('request.stats', { unionId: 'ind-cy' }, admin));
    outputs.push(await t.call('request.stats', { unionId: 'ind-cy' }, industryStaff));
    // The member follows up; staff still do not see who.
    await t.call('request.reply', { id: r.id, body: '谢谢，请尽快。' }, anonMember);
    const after = await t.call('request.get', { id: r.id }, staff);
    expect(after.thread.map((m) => [m.author, m.authorName])).toEqual([['staff', expect.any(String)], ['member', null]]);
    outputs.push(after);
    outputs.push(await t.call('request.close', { id: r.id }, staff));
    outputs.push(await t.call('request.get', { id: r.id }, chair));
    expect(leaks(outputs, { unit: true })).toEqual([]);

    // The reply reaches the member.
    const mine = await t.call('request.get', { id: r.id }, anonMember);
    expect(mine.status).toBe('closed');
    expect(mine.thread[0]).toMatchObject({ author: 'staff', body: '已收到，我们会向财务核实。' });

    // The audit details of the request hold no person and no text.
    const audit = await t.host.storage.db.selectFrom('audit_events').select(['detail', 'action']).where('object_type', '=', 'request').where('object_id', '=', r.id).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['request.close', 'request.repliesSeen', 'request.reply', 'request.reply', 'request.submit']);
    expect(leaks(audit, { unit: true })).toEqual([]);
    expect(JSON.stringify(audit)).not.toContain('加班费');
  });

  it('the seeded anonymous request: staff never see its member', async () => {
    const seededMember = await t.host.storage.db.selectFrom('members').select(['name', 'member_no']).where('id', '=', 'mbr_demo_cy01_3').executeTakeFirstOrThrow();
    const list = await t.call('request.list', { unionId: 'bu-cy01' }, staff);
    const item = list.items.find((i) => i.id === DEMO_REQUEST_IDS.anonymous)!;
    expect(item).toMatchObject({ anonymous: true, person: null, overdue: true, hasPhoto: true });
    const text = JSON.stringify([list, await t.call('request.get', { id: DEMO_REQUEST_IDS.anonymous }, staff)]);
    expect(text).not.toContain(seededMember.name);
    expect(text).not.toContain(seededMember.member_no);
    expect(text).not.toContain('mbr_demo_cy01_3');
  });

  it('states: a staff reply moves 待处理 → 处理中; closing a pending one needs a note; nothing after 办结; the member rates once', async () => {
    const r = await t.call('request.submit', { category: 'safety', text: '仓库灭火器过期了，需要更换。' }, member);
    const noNote = await t.refusal('request.close', { id: r.id }, staff);
    expect(noNote).toMatchObject({ reason: 'validation_error', fields: [{ path: 'note', message: expect.stringContaining('办结说明') }] });
    expect(await t.call('request.reply', { id: r.id, body: '已安排更换。' }, staff)).toMatchObject({ status: 'replied' });
    expect((await t.refusal('request.rate', { id: r.id, satisfied: true }, member)).reason).toBe('request_not_closed');
    expect((await t.refusal('request.close', { id: r.id }, member)).reason).toBe('forbidden');
    expect(await t.call('request.close', { id: r.id }, chair)).toEqual({ status: 'closed', duplicate: false });
    expect(await t.call('request.close', { id: r.id }, staff)).toEqual({ status: 'closed', duplicate: true });
    expect((await t.refusal('request.reply', { id: r.id, body: '再补充一句' }, member)).reason).toBe('request_closed');
    expect((await t.refusal('request.reply', { id: r.id, body: '再补充一句' }, staff)).code).toBe(40960);
    expect((await t.refusal('request.rate', { id: r.id, satisfied: false }, staff)).reason).toBe('forbidden');
    expect(await t.call('request.rate', { id: r.id, satisfied: true, comment: '处理及时' }, member)).toEqual({ rating: 'satisfied', duplicate: false });
    expect(await t.call('request.rate', { id: r.id, satisfied: false }, member)).toEqual({ rating: 'satisfied', duplicate: true });
    const got = await t.call('request.get', { id: r.id }, member);
    expect(got).toMatchObject({ status: 'closed', rating: 'satisfied', ratingComment: '处理及时', canReply: false, canRate: false });
    // A pending request closed with a note: the note is the answer.
    const r2 = await t.call('request.submit', { category: 'suggestion', text: '建议在休息室放一台微波炉。' }, member);
    await t.call('request.close', { id: r2.id, note: '已购置微波炉，放在二楼休息室。' }, staff);
    const got2 = await t.call('request.get', { id: r2.id }, member);
    expect(got2).toMatchObject({ status: 'closed', firstReplyAt: expect.any(String), thread: [{ kind: 'close_note', author: 'staff' }] });
  });

  it('新回复: the member sees the union\'s unread answers until opening the request; their own follow-ups and staff never count', async () => {
    const r = await t.call('request.submit', { category: 'wages', text: '加班费的计算方式不清楚，希望说明。' }, member);
    const item = async () => (await t.call('request.mine', {}, member)).items.find((i) => i.id === r.id)!;
    expect((await item()).newReplies).toBe(0);
    await t.call('request.reply', { id: r.id, body: '按劳动合同第五条计算，明细见工资条。' }, staff);
    await t.call('request.reply', { id: r.id, body: '补充：节假日为三倍。' }, chair);
    expect(await item()).toMatchObject({ messages: 2, newReplies: 2 });
    // Staff never see 新回复, on the list or the request.
    expect((await t.call('request.list', { unionId: 'bu-cy01' }, staff)).items.find((i) => i.id === r.id)?.newReplies).toBe(0);
    expect((await t.call('request.get', { id: r.id }, staff)).newReplies).toBe(0);
    // Opening it: the detail says what was new, and the list no longer does; opening again writes nothing.
    expect((await t.call('request.get', { id: r.id }, member)).newReplies).toBe(2);
    expect((await item()).newReplies).toBe(0);
    const audits = async () =>
      Number((await t.host.storage.db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).where('object_id', '=', r.id).where('action', '=', 'request.repliesSeen').executeTakeFirstOrThrow()).n);
    expect(await audits()).toBe(1);
    expect((await t.call('request.get', { id: r.id }, member)).newReplies).toBe(0);
    expect(await audits()).toBe(1);
    // The member's own follow-up is not new to them, but staff see it waiting for an answer
    // (the state stays 处理中); the next answer and the closing note are new to the member.
    expect(await item()).toMatchObject({ followUpPending: false });
    await t.call('request.reply', { id: r.id, body: '夜班补贴怎么算？' }, member);
    expect(await item()).toMatchObject({ status: 'replied', messages: 3, newReplies: 0, followUpPending: true });
    expect((await t.call('request.list', { unionId: 'bu-cy01' }, staff)).items.find((i) => i.id === r.id)?.followUpPending).toBe(true);
    await t.call('request.reply', { id: r.id, body: '夜班补贴每晚 30 元。' }, staff);
    expect((await t.call('request.list', { unionId: 'bu-cy01' }, staff)).items.find((i) => i.id === r.id)?.followUpPending).toBe(false);
    await t.call('request.reply', { id: r.id, body: '好的。' }, member);
    await t.call('request.close', { id: r.id, note: '已说明计算方式。' }, staff);
    expect(await item()).toMatchObject({ status: 'closed', messages: 6, newReplies: 2, followUpPending: false });
  });

  it('who may see a request: the submitter and the union\'s handlers; others get not_found', async () => {
    const r = await t.call('request.submit', { category: 'other', text: '更衣柜不够用，能否增加一些？' }, member);
    for (const token of [otherStaff, otherMember, reviewer, industryStaff]) {
      for (const [name, input] of [
        ['request.get', { id: r.id }],
        ['request.reply', { id: r.id, body: '试试' }],
        ['request.close', { id: r.id, note: '试试' }],
        ['request.rate', { id: r.id, satisfied: true }],
        ['request.photo', { id: DEMO_REQUEST_IDS.anonymous }],
      ] as const) {
        expect([name, (await t.refusal(name, input, token)).reason]).toEqual([name, 'not_found']);
      }
    }
    expect((await t.refusal('request.list', { unionId: 'bu-cy01' }, otherStaff)).reason).toBe('not_found');
    expect((await t.refusal('request.list', { unionId: 'bu-cy01' }, reviewer)).reason).toBe('not_found');
    expect((await t.refusal('request.stats', { unionId: 'ind-cy' }, staff)).reason).toBe('not_found');
    expect((await t.call('request.mine', {}, otherMember)).items.map((i) => i.id)).not.toContain(r.id);
  });

  it('only active members submit: not_member for a worker and for staff', async () => {
    const worker = await t.login('worker', undefined, 'req');
    expect(await t.refusal('request.submit', { category: 'other', text: '我还不是会员可以提吗' }, worker)).toMatchObject({ reason: 'not_member', code: 40340 });
    expect((await t.refusal('request.submit', { category: 'other', text: '干部自己提一条试试' }, staff)).reason).toBe('not_member');
    expect((await t.call('request.mine', {}, worker)).items).toEqual([]);
  });

  it('validates category, text length and the photo', async () => {
    const short = await t.refusal('request.submit', { category: 'wages', text: '太短' }, otherMember);
    expect(short).toMatchObject({ reason: 'validation_error', fields: [{ path: 'text', message: '请至少写 5 个字' }] });
    const long = await t.refusal('request.submit', { category: 'wages', text: '长'.repeat(1001) }, otherMember);
    expect(long.fields?.[0]?.path).toBe('text');
    expect((await t.refusal('request.submit', { category: 'bonus', text: '这是什么类别呢' }, otherMember)).fields?.[0]?.path).toBe('category');
    const pdf = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\n', 'latin1').toString('base64');
    expect((await t.refusal('request.submit', { category: 'wages', text: '附上一个文件', photoBase64: pdf }, otherMember)).reason).toBe('invalid_attachment');
    expect((await t.refusal('request.submit', { category: 'wages', text: '附上一个坏照片', photoBase64: '###' }, otherMember)).fields?.[0]?.path).toBe('photoBase64');
  });

  it('stores the photo without its EXIF metadata, and returns it to staff', async () => {
    const jpeg = jpegWithExif();
    const r = await t.call('request.submit', { category: 'safety', text: '配电箱门坏了，见照片。', photoBase64: jpeg.toString('base64') }, otherMember);
    const p = await t.call('request.photo', { id: r.id }, staff);
    expect(p.mimeType).toBe('image/jpeg');
    const stored = Buffer.from(p.base64, 'base64');
    expect(stored.toString('latin1')).not.toContain('ZhangSan');
    expect(stored.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(stored.length).toBeLessThan(jpeg.length);
    // A request without a photo: not_found.
    const plain = await t.call('request.submit', { category: 'safety', text: '没有照片的诉求。' }, otherMember);
    expect((await t.refusal('request.photo', { id: plain.id }, staff)).reason).toBe('not_found');
  });

  it('a retried submission answers the first; the 11th request in 24 hours is refused', async () => {
    const m = await t.login('member', 'bu-cy01', 'req-limit');
    const first = await t.call('request.submit', { category: 'other', text: '网络不好重试一次', requestId: 'retry-0001' }, m);
    expect(await t.call('request.submit', { category: 'other', text: '网络不好重试一次', requestId: 'retry-0001' }, m)).toEqual({ id: first.id, status: 'pending', duplicate: true });
    for (let i = 2; i <= 10; i++) await t.call('request.submit', { category: 'other', text: `第 ${i} 条诉求内容` }, m);
    const refused = await t.refusal('request.submit', { category: 'other', text: '第 11 条诉求内容' }, m);
    expect(refused).toMatchObject({ reason: 'rate_limited', code: 429 });
    expect(refused.rawMessage).toContain('24 小时内最多提交 10 条');
    expect((await t.call('request.mine', {}, m)).items).toHaveLength(10);
  });

  it('the industry union sees counts per union and the overdue items, without people or text', async () => {
    const s = await t.call('request.stats', { unionId: 'ind-cy' }, admin);
    expect(s.unions.map((u) => u.unionId)).toEqual(['ind-cy', 'bu-cy01', 'bu-cy02', 'bu-cy03']);
    const cy02 = s.unions.find((u) => u.unionId === 'bu-cy02')!;
    expect(cy02).toMatchObject({ closed: 1, satisfiedPercent: 100, byCategory: { suggestion: 1 } });
    expect(s.overdue.map((o) => o.id)).toEqual([DEMO_REQUEST_IDS.overdue, DEMO_REQUEST_IDS.anonymous]);
    expect(s.overdue[1]).toMatchObject({ unionId: 'bu-cy01', category: 'wages', anonymous: true, daysWaiting: 9 });
    expect(s.totals.overdue).toBe(2);
    expect(s.totals.total).toBe(s.unions.reduce((n, u) => n + u.total, 0));
    expect(JSON.stringify(s)).not.toContain('加班费');
    expect((await t.refusal('request.stats', { unionId: 'bu-cy01' }, admin)).fields?.[0]?.path).toBe('unionId');
    // The overdue filter of a union's list.
    const overdue = await t.call('request.list', { unionId: 'bu-cy01', overdueOnly: true }, staff);
    expect(overdue.items.map((i) => i.id)).toEqual([DEMO_REQUEST_IDS.anonymous]);
    expect(overdue.counts.overdue).toBe(1);
  });
});

describe('overdue by the clock', () => {
  // Only Date is faked, so the SDK's signatures follow the host's clock; timers and I/O run as usual.
  freezeDateAt(new Date('2026-11-01T02:00:00.000Z'));

  it('a request becomes overdue one moment after 7 days without an answer', async () => {
    const t = await startTestHost();
    try {
      const member = await t.login('member', 'bu-cy01', 'clock');
      const r = await t.call('request.submit', { category: 'rest', text: '节假日加班没有调休。' }, member);
      const submittedAt = Date.now();
      jest.setSystemTime(submittedAt + 7 * 86400000);
      // Sessions end after days without use: log in again at the new time.
      const staff = await t.login('staff', 'bu-cy01', 'clock');
      expect(await t.call('request.get', { id: r.id }, staff)).toMatchObject({ overdue: false, replyDueAt: new Date(submittedAt + 7 * 86400000).toISOString() });
      jest.setSystemTime(submittedAt + 7 * 86400000 + 1);
      expect((await t.call('request.get', { id: r.id }, staff)).overdue).toBe(true);
      expect((await t.call('request.list', { unionId: 'bu-cy01', overdueOnly: true }, staff)).items.map((i) => i.id)).toContain(r.id);
      await t.call('request.reply', { id: r.id, body: '已与人事沟通补调休。' }, staff);
      expect((await t.call('request.get', { id: r.id }, staff)).overdue).toBe(false);
    } finally {
      await t.close();
    }
  });
});
