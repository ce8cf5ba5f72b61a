/**
 * 转交行业工会 (request.escalate) through the real host and SDK, on SQLite and (with
 * TEST_DATABASE_URL) PostgreSQL: who may hand a request on and when, what the industry union's
 * staff may do before and after, and that an anonymous request stays anonymous to them.
 */
import { BACKENDS, startTestHost, type TestHost } from '../support/host';
import { loginRequestPeople, type RequestPeople } from '../support/request-people';

jest.setTimeout(120_000);

const NOTE = '涉及与企业管理层的加班费争议，本会难以协调，请行业工会出面。';

describe.each(BACKENDS)('request escalation on %s', (backend) => {
  let t: TestHost;
  let member: string, anonMember: string, staff: string, chair: string, reviewer: string, otherStaff: string, admin: string, industryStaff: string, otherMember: string;
  let anonMe: RequestPeople['anonMe'];
  /** The industry union's chair, and a member of the industry union itself (no union above to hand to). */
  let industryChair: string;
  let industryMember: string;

  beforeAll(async () => {
    t = await startTestHost({ backend });
    ({ member, anonMember, anonMe, staff, chair, reviewer, otherStaff, admin, industryStaff, otherMember } = await loginRequestPeople(t, 'esc'));
    industryChair = await t.login('chair', 'ind-cy', 'esc');
    industryMember = await t.login('member', 'ind-cy', 'esc-direct');
  });
  afterAll(async () => {
    await t.close();
  });

  const submit = async (token: string, anonymous = false) => (await t.call('request.submit', { category: 'wages', text: '加班费连续三个月没有发放。', anonymous }, token)).id;
  const listed = async (unionId: string, token: string) => (await t.call('request.list', { unionId }, token)).items;

  it('the base union\'s staff hand an open request to the industry union, whose staff and chair then handle it', async () => {
    const id = await submit(member);
    // Before: the industry union's staff and chair neither list nor open it.
    for (const token of [industryStaff, industryChair]) {
      expect((await listed('ind-cy', token)).some((i) => i.id === id)).toBe(false);
      expect((await t.refusal('request.get', { id }, token)).reason).toBe('not_found');
      expect((await t.refusal('request.reply', { id, body: '行业工会已介入。' }, token)).reason).toBe('not_found');
      expect((await t.refusal('request.close', { id, note: '已协调。' }, token)).reason).toBe('not_found');
    }
    expect(await t.call('request.get', { id }, staff)).toMatchObject({ canEscalate: true, escalatedTo: null });
    expect(await t.call('request.get', { id }, chair)).toMatchObject({ canEscalate: true });
    expect((await t.call('request.get', { id }, admin)).canEscalate).toBe(false);
    expect((await t.call('request.get', { id }, member)).canEscalate).toBe(false);

    const r = await t.call('request.escalate', { id, note: NOTE }, staff);
    expect(r.escalatedTo).toMatchObject({ unionId: 'ind-cy', unionName: expect.stringContaining('餐饮行业工会') });

    // The member reads it as a message of the thread; state and deadline unchanged.
    const own = await t.call('request.get', { id }, member);
    expect(own).toMatchObject({ status: 'pending', firstReplyAt: null, newReplies: 1, escalatedTo: { unionId: 'ind-cy' }, canEscalate: false });
    expect(own.thread).toEqual([expect.objectContaining({ id: r.messageId, author: 'staff', kind: 'escalation', body: NOTE, authorName: expect.any(String) })]);

    // The industry union lists it with the base union's name and the 已转交 mark.
    for (const token of [industryStaff, industryChair, admin]) {
      const item = (await listed('ind-cy', token)).find((i) => i.id === id);
      expect(item).toMatchObject({ unionId: 'bu-cy01', unionName: expect.stringContaining('味香园'), escalatedTo: { unionId: 'ind-cy' }, status: 'pending' });
    }
    // The base union keeps it, marked too.
    expect((await listed('bu-cy01', staff)).find((i) => i.id === id)?.escalatedTo?.unionId).toBe('ind-cy');
    const industryView = await t.call('request.get', { id }, industryStaff);
    expect(industryView).toMatchObject({ viewer: 'handler', canReply: true, canClose: true, canEscalate: false, person: { memberNo: expect.any(String) } });

    // 诉求统计 counts it for the base union that handed it on (and in the totals).
    const stats = await t.call('request.stats', { unionId: 'ind-cy' }, industryStaff);
    const before = stats.unions.find((u) => u.unionId === 'bu-cy01')!.escalated;
    expect(before).toBeGreaterThanOrEqual(1);
    expect(stats.totals.escalated).toBe(stats.unions.reduce((n, u) => n + u.escalated, 0));

    // The industry staff answer; the base union's chair closes it.
    expect(await t.call('request.reply', { id, body: '行业工会已约谈企业负责人。' }, industryStaff)).toMatchObject({ status: 'replied' });
    expect((await t.call('request.get', { id }, staff)).thread.map((m) => m.kind)).toEqual(['escalation', 'reply']);
    expect(await t.call('request.close', { id, note: '企业已补发加班费。' }, industryChair)).toMatchObject({ status: 'closed', duplicate: false });
    expect((await t.call('request.get', { id }, chair)).status).toBe('closed');

    // Everyone else still gets not_found.
    for (const token of [otherStaff, reviewer, otherMember, industryMember]) {
      expect((await t.refusal('request.get', { id }, token)).reason).toBe('not_found');
      expect((await t.refusal('request.escalate', { id, note: NOTE }, token)).reason).toBe('not_found');
    }
    expect((await listed('bu-cy02', otherStaff)).some((i) => i.id === id)).toBe(false);
  });

  it('once only; never a closed request, never by the submitter or the industry union, never without an industry union above', async () => {
    const id = await submit(member);
    expect((await t.refusal('request.escalate', { id, note: NOTE }, member)).reason).toBe('forbidden');
    expect((await t.refusal('request.escalate', { id, note: NOTE }, admin)).reason).toBe('forbidden');
    expect((await t.refusal('request.escalate', { id, note: NOTE }, industryStaff)).reason).toBe('not_found');
    const short = await t.refusal('request.escalate', { id, note: '请转' }, staff);
    expect(short.reason).toBe('validation_error');
    expect(short.fields?.[0]?.path).toBe('note');

    await t.call('request.escalate', { id, note: NOTE }, chair);
    const again = await t.refusal('request.escalate', { id, note: '再次转交，请行业工会处理。' }, staff);
    expect(again).toMatchObject({ reason: 'already_escalated', rawMessage: expect.stringContaining('已转交') });
    expect((await t.refusal('request.escalate', { id, note: NOTE }, industryStaff)).reason).toBe('forbidden');
    // The second attempt left nothing behind.
    expect((await t.call('request.get', { id }, member)).thread).toHaveLength(1);

    const closed = await submit(member);
    await t.call('request.close', { id: closed, note: '已当面答复。' }, staff);
    expect((await t.refusal('request.escalate', { id: closed, note: NOTE }, staff)).reason).toBe('request_closed');
    expect((await t.call('request.get', { id: closed }, staff)).canEscalate).toBe(false);

    // A member of the industry union itself: its staff handle it, and there is nowhere to hand it.
    const direct = await submit(industryMember);
    expect((await t.call('request.get', { id: direct }, industryStaff)).canEscalate).toBe(false);
    expect((await t.refusal('request.escalate', { id: direct, note: NOTE }, industryStaff)).reason).toBe('cannot_escalate');
  });

  it('an escalated anonymous request shows its submitter to nobody at the industry union; the audit holds no person and no text', async () => {
    const id = await submit(anonMember, true);
    await t.call('request.escalate', { id, note: NOTE }, staff);
    const outputs: unknown[] = [];
    for (const token of [industryStaff, industryChair, admin]) {
      const items = (await listed('ind-cy', token)).filter((i) => i.id === id);
      expect(items).toEqual([expect.objectContaining({ anonymous: true, person: null })]);
      outputs.push(items);
      const got = await t.call('request.get', { id }, token);
      expect(got).toMatchObject({ anonymous: true, person: null });
      outputs.push(got);
    }
    outputs.push(await t.call('request.reply', { id, body: '行业工会已收到。' }, industryStaff));
    outputs.push(await t.call('request.get', { id }, industryStaff));
    const text = JSON.stringify(outputs);
    for (const s of [anonMe.name, anonMe.memberNo, anonMe.memberId]) expect(text).not.toContain(s);
    // The member sees their own name and the reason.
    expect(await t.call('request.get', { id }, anonMember)).toMatchObject({ person: { name: anonMe.name }, thread: [expect.objectContaining({ kind: 'escalation', body: NOTE }), expect.anything()] });

    const audit = await t.host.storage.db.selectFrom('audit_events').select(['action', 'detail', 'union_id']).where('object_type', '=', 'request').where('object_id', '=', id).where('action', '=', 'request.escalate').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].union_id).toBe('bu-cy01');
    const detail = JSON.stringify(audit[0].detail);
    expect(detail).toContain('ind-cy');
    for (const s of [anonMe.name, anonMe.memberNo, anonMe.memberId, '加班费', '管理层']) expect(detail).not.toContain(s);
  });

  it('escalating changes neither the deadline nor a follow-up still owed an answer', async () => {
    const id = await submit(member);
    await t.call('request.reply', { id, body: '已收到。' }, staff);
    await t.call('request.reply', { id, body: '请问进展如何？' }, member);
    await t.call('request.escalate', { id, note: NOTE }, staff);
    const item = (await listed('ind-cy', industryStaff)).find((i) => i.id === id);
    expect(item).toMatchObject({ status: 'replied', followUpPending: true, overdue: false });
    const before = (await t.call('request.get', { id }, member)).replyDueAt;
    expect(item?.replyDueAt).toBe(before);
  });
});
