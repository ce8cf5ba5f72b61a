/**
 * Member lifecycle (动态管理) through the real SDK over HTTP, on every backend: transfers between
 * unions (会籍转接) with the receiving union's confirmation, leaving by the member themself,
 * the member's own data (download, correction, deletion), anonymisation that leaves the fund
 * ledger balanced, and the retention job at its boundary.
 */
import { RETENTION_YEARS } from '../../cloud/contract/membership/lifecycle.labels';
import { deriveKeys } from '../../cloud/domain/crypto';
import { addYears } from '../../cloud/domain/lifecycle';
import { runRetentionJob } from '../../cloud/functions/membership/purge';
import { chinaDate } from '../../cloud/domain/time';
import { demoPng } from '../../cloud/seed/files-demo';
import { BACKENDS, startTestHost, type TestHost } from '../support/host';
import { buildIncome } from '../support/fund-factories';
import { buildApplicant } from '../support/membership-factories';
import { buildActivityInput, nonce } from '../support/activity-factories';

jest.setTimeout(90_000);

describe.each(BACKENDS)('member lifecycle on %s', (backend) => {
  let t: TestHost;
  let staff01: string;
  let chair01: string;
  let staff02: string;
  let staff03: string;
  let industryStaff: string;
  let admin: string;
  let code01: string;
  let code02: string;

  beforeAll(async () => {
    t = await startTestHost({ backend });
    staff01 = await t.login('staff', 'bu-cy01', 'lc');
    chair01 = await t.login('chair', 'bu-cy01', 'lc');
    staff02 = await t.login('staff', 'bu-cy02', 'lc');
    staff03 = await t.login('staff', 'bu-cy03', 'lc');
    industryStaff = await t.login('staff', 'ind-cy', 'lc');
    admin = await t.login('industryAdmin', undefined, 'lc');
    code01 = (await t.call('org.invite', { unionId: 'bu-cy01' }, staff01)).token;
    code02 = (await t.call('org.invite', { unionId: 'bu-cy02', unitId: 'unit-zjmg' }, staff02)).token;
  });
  afterAll(async () => {
    await t.close();
  });

  const db = () => t.host.storage.db;
  let seq = 0;
  /** A worker who joined `union` through the QR code and was approved: session, member id and the real-name data. */
  async function buildMember(union: 'bu-cy01' | 'bu-cy02', name = '李秀英') {
    const session = await t.login('worker', undefined, `${backend}-lc-${++seq}`);
    const form = buildApplicant(union === 'bu-cy01' ? code01 : code02, { name, ...(union === 'bu-cy01' ? { unitId: 'unit-wxy' } : {}) });
    const applied = await t.call('membership.apply', form, session);
    const reviewed = await t.call('membership.review', { applicationId: applied.applicationId, decision: 'approve' }, union === 'bu-cy01' ? staff01 : staff02);
    return { session, memberId: reviewed.memberId!, memberNo: reviewed.memberNo!, form };
  }
  const auditOf = (action: string, objectId: string) => db().selectFrom('audit_events').selectAll().where('action', '=', action).where('object_id', '=', objectId).execute();

  describe('transfers (会籍转接)', () => {
    it('a member asks to move, the receiving union confirms: a new member number there, the old record kept as history', async () => {
      const m = await buildMember('bu-cy02');
      const asked = await t.call('membership.transfer', { toUnionId: 'bu-cy01', toUnitId: 'unit-wxy', reason: '更换工作单位' }, m.session);
      expect(asked).toMatchObject({ status: 'pending', fromUnionId: 'bu-cy02', fromMemberNo: m.memberNo, toUnionId: 'bu-cy01', toUnitName: '青山县味香园餐饮有限公司', initiatedAs: 'member', duplicate: false });
      expect(asked.idNumberMasked).toContain('*');
      // The same again answers the pending one; another target is refused while one is pending.
      expect(await t.call('membership.transfer', { toUnionId: 'bu-cy01', toUnitId: 'unit-wxy', reason: '更换工作单位' }, m.session)).toMatchObject({ id: asked.id, duplicate: true });
      expect((await t.refusal('membership.transfer', { toUnionId: 'bu-cy03', reason: '更换工作单位' }, m.session)).reason).toBe('transfer_pending');

      const incoming = await t.call('membership.listTransfers', { unionId: 'bu-cy01' }, staff01);
      expect(incoming.items.map((i) => i.id)).toContain(asked.id);
      const outgoing = await t.call('membership.listTransfers', { unionId: 'bu-cy02', direction: 'out' }, staff02);
      expect(outgoing.items.map((i) => i.id)).toContain(asked.id);
      // Neither the sending union nor a third one may confirm; ids cannot be probed.
      expect((await t.refusal('membership.confirmTransfer', { transferId: asked.id, decision: 'confirm' }, staff02)).reason).toBe('not_found');
      expect((await t.refusal('membership.confirmTransfer', { transferId: asked.id, decision: 'confirm' }, staff03)).reason).toBe('not_found');
      expect((await t.refusal('membership.confirmTransfer', { transferId: asked.id, decision: 'confirm' }, m.session)).reason).toBe('not_found');
      expect((await t.refusal('membership.listTransfers', { unionId: 'bu-cy01' }, staff02)).reason).toBe('not_found');

      // A correction still waiting follows the member to the receiving union.
      const correction = await t.call('membership.requestCorrection', { field: 'job', value: '面点主管' }, m.session);
      const done = await t.call('membership.confirmTransfer', { transferId: asked.id, decision: 'confirm' }, staff01);
      expect(done).toMatchObject({ status: 'confirmed', duplicate: false });
      expect(done.newMemberNo).toMatch(/^CY01-\d{6}$/);
      expect(await t.call('membership.myStatus', {}, m.session)).toMatchObject({ status: 'member', unionId: 'bu-cy01', memberNo: done.newMemberNo });
      expect(await t.call('membership.card', {}, m.session)).toMatchObject({ memberNo: done.newMemberNo, unionName: '味香园餐饮有限公司工会', unitName: '青山县味香园餐饮有限公司' });
      // The sending union's roster keeps the old record as 已退会 (转会至…), with the original join date carried over.
      const old = await db().selectFrom('members').selectAll().where('id', '=', m.memberId).executeTakeFirstOrThrow();
      expect(old).toMatchObject({ status: 'left', left_reason: '转会至味香园餐饮有限公司工会' });
      const fresh = await db().selectFrom('members').selectAll().where('member_no', '=', done.newMemberNo!).executeTakeFirstOrThrow();
      expect(fresh).toMatchObject({ union_id: 'bu-cy01', unit_id: 'unit-wxy', status: 'active', joined_at: old.joined_at, id_number_bidx: old.id_number_bidx, name: old.name });
      // Repeats answer the first decision; another decision is refused.
      expect(await t.call('membership.confirmTransfer', { transferId: asked.id, decision: 'confirm' }, chair01)).toMatchObject({ status: 'confirmed', newMemberNo: done.newMemberNo, duplicate: true });
      expect((await t.refusal('membership.confirmTransfer', { transferId: asked.id, decision: 'reject', reason: '不接收' }, chair01)).reason).toBe('transfer_not_pending');
      expect((await t.call('membership.listTransfers', { unionId: 'bu-cy01', status: 'all' }, staff01)).items.find((i) => i.id === asked.id)).toMatchObject({ status: 'confirmed', newMemberNo: done.newMemberNo });
      expect(await auditOf('membership.confirmTransfer', asked.id)).toHaveLength(1);
      expect(await auditOf('membership.transfer', asked.id)).toHaveLength(1);
      expect((await t.call('membership.listDataRequests', { unionId: 'bu-cy01' }, staff01)).items.find((i) => i.id === correction.requestId)).toMatchObject({ memberNo: done.newMemberNo });
      await t.call('membership.handleDataRequest', { requestId: correction.requestId, decision: 'apply' }, staff01);
      expect((await db().selectFrom('members').select('job').where('member_no', '=', done.newMemberNo!).executeTakeFirstOrThrow()).job).toBe('面点主管');
    });

    it('the member file (一人一档) goes with the member: the receiving union sees it, the sending one no longer', async () => {
      const m = await buildMember('bu-cy02');
      const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
      const kept = (await t.call('membership.attachOwn', { kind: 'diploma', fileName: '毕业证.png', base64: png }, m.session)).attachment;
      const dropped = (await t.call('membership.attachOwn', { kind: 'other', fileName: '旧照片.png', base64: png }, m.session)).attachment;
      await t.call('membership.removeOwnAttachment', { attachmentId: dropped.id }, m.session);
      expect((await t.call('membership.memberFile', { memberId: m.memberId }, staff02)).attachments.map((a) => a.id)).toEqual([kept.id]);

      const asked = await t.call('membership.transfer', { toUnionId: 'bu-cy01', reason: '更换工作单位' }, m.session);
      await t.call('membership.confirmTransfer', { transferId: asked.id, decision: 'confirm' }, staff01);
      const fresh = await db().selectFrom('members').select('id').where('user_id', '=', (await t.call('auth.me', {}, m.session)).user.id).where('status', '=', 'active').executeTakeFirstOrThrow();
      // The receiving union's staff see the certificate on the new record and can open it.
      expect((await t.call('membership.memberFile', { memberId: fresh.id }, staff01)).attachments.map((a) => a.id)).toEqual([kept.id]);
      expect((await t.call('membership.attachment', { attachmentId: kept.id }, staff01)).base64).toBe(png);
      // The sending union no longer sees it; the removed one stays with the old record as history.
      expect((await t.refusal('membership.attachment', { attachmentId: kept.id }, staff02)).reason).toBe('not_found');
      expect((await t.call('membership.memberFile', { memberId: m.memberId }, staff02)).attachments).toEqual([]);
      expect(await db().selectFrom('member_attachments').select(['member_id', 'union_id']).where('id', '=', dropped.id).executeTakeFirstOrThrow()).toEqual({ member_id: m.memberId, union_id: 'bu-cy02' });
      // The member still has it in 我的档案; the transfer's audit event says how many moved.
      expect((await t.call('membership.myFile', {}, m.session)).attachments.map((a) => a.id)).toEqual([kept.id]);
      const [event] = await auditOf('membership.confirmTransfer', asked.id);
      expect(JSON.parse(event!.detail)).toMatchObject({ attachmentsMoved: 1 });
    });

    it('two confirmations at once move the member once', async () => {
      const m = await buildMember('bu-cy02');
      const asked = await t.call('membership.transfer', { toUnionId: 'bu-cy01', reason: '更换工作单位' }, m.session);
      const both = await Promise.all([
        t.call('membership.confirmTransfer', { transferId: asked.id, decision: 'confirm' }, staff01),
        t.call('membership.confirmTransfer', { transferId: asked.id, decision: 'confirm' }, chair01),
        t.call('membership.confirmTransfer', { transferId: asked.id, decision: 'confirm' }, admin),
      ]);
      expect(both.filter((r) => !r.duplicate)).toHaveLength(1);
      expect(new Set(both.map((r) => r.newMemberNo)).size).toBe(1);
      const rows = await db().selectFrom('members').select(['status', 'union_id']).where('user_id', '=', (await t.call('auth.me', {}, m.session)).user.id).execute();
      expect(rows.filter((r) => r.status === 'active')).toEqual([{ status: 'active', union_id: 'bu-cy01' }]);
      expect(await auditOf('membership.confirmTransfer', asked.id)).toHaveLength(1);
    });

    it('after a transfer the member\'s own history keeps the earlier record\'s sign-ups and check-ins; staff views stay per union', async () => {
      const m = await buildMember('bu-cy02');
      const now = new Date();
      // An activity of the sending union: the member signs up and checks in with the old record.
      const before = await t.call('activity.create', buildActivityInput(now, { unionId: 'bu-cy02', title: '转会前的技能培训' }), staff02);
      await t.call('activity.publish', { id: before.id }, staff02);
      await t.call('activity.signUp', { id: before.id }, m.session);
      const station = await t.call('activity.checkInCode', { id: before.id }, staff02);
      await t.call('activity.checkIn', { code: station.url, nonce: nonce() }, m.session);

      const asked = await t.call('membership.transfer', { toUnionId: 'bu-cy01', toUnitId: 'unit-wxy', reason: '更换工作单位' }, m.session);
      await t.call('membership.confirmTransfer', { transferId: asked.id, decision: 'confirm' }, staff01);
      // An activity of the receiving union, signed up with the new record.
      const after = await t.call('activity.create', buildActivityInput(now, { title: '转会后的趣味运动会' }), staff01);
      await t.call('activity.publish', { id: after.id }, staff01);
      await t.call('activity.signUp', { id: after.id }, m.session);

      const mine = (await t.call('activity.mine', {}, m.session)).items;
      expect(mine.map((i) => i.id).sort()).toEqual([before.id, after.id].sort());
      expect(mine.find((i) => i.id === before.id)).toMatchObject({ title: '转会前的技能培训', signUp: 'signed_up', checkedInAt: expect.any(String) });
      expect(mine.find((i) => i.id === after.id)).toMatchObject({ signUp: 'signed_up' });
      // The detail of the earlier union's activity opens as history (it is not in the new union's audience).
      expect((await t.call('activity.get', { id: before.id }, m.session)).mySignUp).toMatchObject({ status: 'signed_up', checkedInAt: expect.any(String) });
      expect((await t.call('activity.list', {}, m.session)).items.map((i) => i.id)).not.toContain(before.id);
      // Signing up again goes through the current record only: the old union's activity is not open to it.
      expect((await t.refusal('activity.cancelSignUp', { id: before.id }, m.session)).reason).toBe('not_found');

      // 下载我的数据 holds both records' sign-ups and the check-in.
      const data = JSON.parse(Buffer.from((await t.call('membership.myData', {}, m.session)).base64, 'base64').toString('utf8'));
      expect(data.memberships.map((r: { status: string }) => r.status).sort()).toEqual(['active', 'left']);
      expect(data.activitySignUps.map((r: { activityId: string }) => r.activityId).sort()).toEqual([before.id, after.id].sort());
      expect(data.activityCheckIns.map((r: { activityId: string }) => r.activityId)).toEqual([before.id]);

      // Staff: the sending union's participant list keeps the old record; the receiving union's staff see only their own.
      const old = (await t.call('activity.participants', { id: before.id }, staff02)).items;
      expect(old.find((p) => p.memberId === m.memberId)).toMatchObject({ signUp: 'signed_up', checkedInAt: expect.any(String) });
      expect((await t.refusal('activity.participants', { id: before.id }, staff01)).reason).toBe('not_found');
      expect((await t.call('activity.listByUnion', { unionId: 'bu-cy01' }, staff01)).items.map((i) => i.id)).not.toContain(before.id);
      const fresh = (await t.call('activity.participants', { id: after.id }, staff01)).items;
      expect(fresh.map((p) => p.memberId)).not.toContain(m.memberId);
      expect(fresh).toHaveLength(1);
    });

    it('refuses the own union, a unit of another union, and a non-member; staff may transfer a member of their union', async () => {
      const m = await buildMember('bu-cy02');
      expect((await t.refusal('membership.transfer', { toUnionId: 'bu-cy02', reason: '换单位了' }, m.session)).reason).toBe('same_union');
      const wrongUnit = await t.refusal('membership.transfer', { toUnionId: 'bu-cy01', toUnitId: 'unit-fml', reason: '换单位了' }, m.session);
      expect([wrongUnit.reason, wrongUnit.fields?.[0]?.path]).toEqual(['validation_error', 'toUnitId']);
      expect((await t.refusal('membership.transfer', { toUnionId: 'no-such', reason: '换单位了' }, m.session)).reason).toBe('not_found');
      const worker = await t.login('worker', undefined, `${backend}-lc-nobody`);
      expect((await t.refusal('membership.transfer', { toUnionId: 'bu-cy01', reason: '换单位了' }, worker)).reason).toBe('not_member');
      // Staff of another union cannot move this member (not_found); the member's own union can, to the industry union with a typed employer.
      expect((await t.refusal('membership.transfer', { memberId: m.memberId, toUnionId: 'ind-cy', toUnitName: '新开的面馆', reason: '单位关停' }, staff01)).reason).toBe('not_found');
      const asked = await t.call('membership.transfer', { memberId: m.memberId, toUnionId: 'ind-cy', toUnitName: '新开的面馆', reason: '单位关停' }, staff02);
      expect(asked).toMatchObject({ initiatedAs: 'staff', toUnionId: 'ind-cy', toUnitId: null, toUnitName: '新开的面馆' });
      // Rejecting needs a reason; the member stays where they are.
      expect((await t.refusal('membership.confirmTransfer', { transferId: asked.id, decision: 'reject' }, industryStaff)).reason).toBe('validation_error');
      expect(await t.call('membership.confirmTransfer', { transferId: asked.id, decision: 'reject', reason: '请先联系行业工会' }, industryStaff)).toMatchObject({ status: 'rejected', newMemberNo: null });
      expect(await t.call('membership.myStatus', {}, m.session)).toMatchObject({ status: 'member', unionId: 'bu-cy02', memberNo: m.memberNo });
      const mine = await t.call('membership.myRequests', {}, m.session);
      expect(mine.transfers[0]).toMatchObject({ id: asked.id, status: 'rejected', decisionNote: '请先联系行业工会' });
    });

    it('a pending transfer can be withdrawn by the member or the sending union, not by others', async () => {
      const m = await buildMember('bu-cy02');
      const a = await t.call('membership.transfer', { toUnionId: 'bu-cy01', reason: '换单位了' }, m.session);
      const other = await buildMember('bu-cy02');
      expect((await t.refusal('membership.cancelTransfer', { transferId: a.id }, other.session)).reason).toBe('not_found');
      expect((await t.refusal('membership.cancelTransfer', { transferId: a.id }, staff01)).reason).toBe('not_found');
      expect(await t.call('membership.cancelTransfer', { transferId: a.id }, m.session)).toMatchObject({ status: 'cancelled', duplicate: false });
      expect(await t.call('membership.cancelTransfer', { transferId: a.id }, staff02)).toMatchObject({ status: 'cancelled', duplicate: true });
      expect((await t.refusal('membership.confirmTransfer', { transferId: a.id, decision: 'confirm' }, staff01)).reason).toBe('transfer_not_pending');
      // A new one may be opened afterwards, and the sending union may withdraw it.
      const b = await t.call('membership.transfer', { toUnionId: 'bu-cy01', reason: '换单位了' }, m.session);
      expect(await t.call('membership.cancelTransfer', { transferId: b.id }, staff02)).toMatchObject({ status: 'cancelled' });
    });
  });

  describe('leaving (退会)', () => {
    it('the member leaves themself with a reason; a pending transfer is withdrawn; the card stops', async () => {
      const m = await buildMember('bu-cy01');
      const a = await t.call('membership.transfer', { toUnionId: 'bu-cy02', toUnitId: 'unit-zjmg', reason: '换单位了' }, m.session);
      const left = await t.call('membership.leave', { reason: '自愿退会' }, m.session);
      expect(left).toMatchObject({ status: 'left', duplicate: false });
      expect(await t.call('membership.myStatus', {}, m.session)).toMatchObject({ status: 'left', unionId: 'bu-cy01' });
      expect((await t.refusal('membership.card', {}, m.session)).reason).toBe('not_found');
      expect((await t.call('membership.listTransfers', { unionId: 'bu-cy02', status: 'all' }, staff02)).items.find((i) => i.id === a.id)).toMatchObject({ status: 'cancelled' });
      // Again: nothing changes (by id), or not a member any more (without).
      expect(await t.call('membership.leave', { memberId: m.memberId, reason: '自愿退会' }, m.session)).toMatchObject({ duplicate: true });
      expect((await t.refusal('membership.leave', { reason: '自愿退会' }, m.session)).reason).toBe('not_member');
      const [event] = await auditOf('membership.leave', m.memberId);
      expect(JSON.parse(event!.detail)).toMatchObject({ by: 'member', reason: '自愿退会', transfersWithdrawn: 1 });
      // Another member cannot make someone else leave.
      const other = await buildMember('bu-cy01');
      expect((await t.refusal('membership.leave', { memberId: other.memberId, reason: '自愿退会' }, m.session)).reason).toBe('not_found');
    });
  });

  describe('the member\'s own data (查阅、更正、删除)', () => {
    it('downloads everything held about them as JSON, with their own full numbers, audited', async () => {
      const m = await buildMember('bu-cy01');
      // Something in their file and an anonymous request with the union's answer: both are theirs to see.
      const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
      const { attachment } = await t.call('membership.attachOwn', { kind: 'diploma', fileName: '毕业证.png', base64: png }, m.session);
      const { id: requestId } = await t.call('request.submit', { category: 'wages', text: '加班费按什么标准计算？', anonymous: true }, m.session);
      await t.call('request.reply', { id: requestId, body: '按劳动法第四十四条计算，已转告企业。' }, await t.login('staff', 'bu-cy01', 'mydata-reply'));
      const file = await t.call('membership.myData', {}, m.session);
      expect(file).toMatchObject({ mimeType: 'application/json' });
      expect(file.fileName).toMatch(/^我的数据-\d{4}-\d{2}-\d{2}\.json$/);
      const data = JSON.parse(Buffer.from(file.base64, 'base64').toString('utf8'));
      expect(data.memberships).toHaveLength(1);
      expect(data.memberships[0]).toMatchObject({ memberId: m.memberId, name: m.form.name, idNumber: m.form.idNumber, phone: m.form.phone, union: '味香园餐饮有限公司工会', status: 'active' });
      expect(data.applications[0]).toMatchObject({ idNumber: m.form.idNumber, status: 'approved', consentVersion: m.form.consentVersion });
      expect(data).toHaveProperty('activitySignUps');
      expect(data).toHaveProperty('transfers');
      expect(data.fileAttachments).toEqual([expect.objectContaining({ attachmentId: attachment.id, memberId: m.memberId, kind: 'diploma', uploadedBy: 'member', removedAt: null })]);
      expect(data.requests).toEqual([
        expect.objectContaining({ requestId, category: 'wages', text: '加班费按什么标准计算？', anonymous: true, status: 'replied', withPhoto: false, messages: [expect.objectContaining({ author: 'staff', kind: 'reply', body: '按劳动法第四十四条计算，已转告企业。' })] }),
      ]);
      expect(file.records).toBeGreaterThanOrEqual(4);
      const me = await t.call('auth.me', {}, m.session);
      const events = await auditOf('membership.myData', me.user.id);
      expect(events).toHaveLength(1);
      expect(events[0]!.detail).not.toContain(m.form.idNumber);
    });

    it('asks for a correction; staff of the union see it masked and apply it', async () => {
      const m = await buildMember('bu-cy01');
      expect((await t.refusal('membership.requestCorrection', { field: 'phone', value: '12345' }, m.session)).reason).toBe('invalid_phone');
      expect((await t.refusal('membership.requestCorrection', { field: 'education', value: '博士后' }, m.session)).reason).toBe('validation_error');
      const phone = `139${String(Date.now()).slice(-8)}`;
      const asked = await t.call('membership.requestCorrection', { field: 'phone', value: phone, note: '换号了' }, m.session);
      expect(asked).toMatchObject({ status: 'pending', duplicate: false });
      expect(await t.call('membership.requestCorrection', { field: 'phone', value: phone }, m.session)).toMatchObject({ requestId: asked.requestId, duplicate: true });
      expect((await t.refusal('membership.requestCorrection', { field: 'phone', value: '13912345678' }, m.session)).reason).toBe('data_request_pending');
      const list = await t.call('membership.listDataRequests', { unionId: 'bu-cy01' }, staff01);
      const item = list.items.find((i) => i.id === asked.requestId)!;
      expect(item).toMatchObject({ kind: 'correction', field: 'phone', status: 'pending', memberName: m.form.name, note: '换号了' });
      expect(item.requestedValue).not.toBe(phone);
      expect(item.requestedValue).toContain('*');
      expect(JSON.stringify(list)).not.toContain(phone);
      // Only staff and chair of the member's union.
      expect((await t.refusal('membership.listDataRequests', { unionId: 'bu-cy01' }, admin)).reason).toBe('not_found');
      expect((await t.refusal('membership.handleDataRequest', { requestId: asked.requestId, decision: 'apply' }, staff02)).reason).toBe('not_found');
      expect((await t.refusal('membership.handleDataRequest', { requestId: asked.requestId, decision: 'reject' }, staff01)).reason).toBe('validation_error');
      expect(await t.call('membership.handleDataRequest', { requestId: asked.requestId, decision: 'apply' }, staff01)).toMatchObject({ status: 'done', duplicate: false });
      expect(await t.call('membership.handleDataRequest', { requestId: asked.requestId, decision: 'apply' }, chair01)).toMatchObject({ duplicate: true });
      expect((await t.refusal('membership.handleDataRequest', { requestId: asked.requestId, decision: 'reject', response: '不同意' }, chair01)).reason).toBe('data_request_not_pending');
      expect((await t.call('membership.reveal', { memberId: m.memberId, field: 'phone', reason: '核对更正' }, staff01)).value).toBe(phone);
      // The roster finds the member by the new phone; my requests show it done.
      expect((await t.call('membership.roster', { unionId: 'bu-cy01', query: phone }, staff01)).items.map((i) => i.memberId)).toEqual([m.memberId]);
      expect((await t.call('membership.myRequests', {}, m.session)).requests[0]).toMatchObject({ id: asked.requestId, status: 'done' });
      // A rejected one keeps the record as it was.
      const job = await t.call('membership.requestCorrection', { field: 'job', value: '总经理' }, m.session);
      await t.call('membership.handleDataRequest', { requestId: job.requestId, decision: 'reject', response: '与单位登记不符' }, chair01);
      expect((await db().selectFrom('members').select('job').where('id', '=', m.memberId).executeTakeFirstOrThrow()).job).toBe(m.form.job);
    });

    it('a deletion request carried out anonymises the person while the fund ledger keeps every amount and balance', async () => {
      const m = await buildMember('bu-cy02', '欧阳青岚');
      const me = await t.call('auth.me', {}, m.session);
      const dues = await t.call('fund.addEntry', buildIncome({ category: '会费收入', amountFen: 4_200, purpose: '会费', dues: { memberId: m.memberId } }), staff02);
      const quarter = (await t.call('fund.ledger', { unionId: 'bu-cy02' }, staff02)).items.find((i) => i.id === dues.id)!.quarter;
      const snapshot = async () => {
        const ledger = await t.call('fund.ledger', { unionId: 'bu-cy02', pageSize: 200 }, staff02);
        const preview = await t.call('fund.previewNotice', { unionId: 'bu-cy02', quarter }, staff02);
        return {
          summary: ledger.summary,
          total: ledger.total,
          amounts: ledger.items.map((i) => [i.id, i.signedFen, i.status]),
          figures: [preview.openingFen, preview.incomeFen, preview.expenseFen, preview.closingFen],
          dues: ledger.items.find((i) => i.id === dues.id)!.dues,
        };
      };
      const before = await snapshot();
      expect(before.dues).toMatchObject({ memberCount: 1, memberName: m.form.name });

      const diploma = await t.call('membership.attach', { memberId: m.memberId, kind: 'diploma', fileName: '毕业证.png', base64: demoPng(16, 16, [10, 20, 30]).toString('base64') }, staff02);
      const waiting = await t.call('membership.requestCorrection', { field: 'job', value: '面点主管' }, m.session);
      const asked = await t.call('membership.requestDeletion', { note: '不再需要' }, m.session);
      expect(await t.call('membership.requestDeletion', {}, m.session)).toMatchObject({ requestId: asked.requestId, duplicate: true });
      expect((await t.call('membership.listDataRequests', { unionId: 'bu-cy02' }, staff02)).items.find((i) => i.id === asked.requestId)).toMatchObject({ kind: 'deletion' });
      expect(await t.call('membership.handleDataRequest', { requestId: asked.requestId, decision: 'apply' }, staff02)).toMatchObject({ status: 'done' });

      const after = await snapshot();
      expect(after.summary).toEqual(before.summary);
      expect(after.total).toBe(before.total);
      expect(after.amounts).toEqual(before.amounts);
      expect(after.figures).toEqual(before.figures);
      expect(after.dues).toMatchObject({ memberCount: 1, memberNo: m.memberNo });
      expect(after.dues!.memberName).toMatch(/^已注销会员#[0-9a-f]{6}$/);

      const row = await db().selectFrom('members').selectAll().where('id', '=', m.memberId).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'left', user_id: null, id_number_masked: '已删除', phone_masked: '已删除', phone_bidx: null, job: '' });
      expect(row.name).toBe(after.dues!.memberName);
      expect(row.anonymised_at).not.toBeNull();
      const app = await db().selectFrom('applications').selectAll().where('user_id', '=', me.user.id).executeTakeFirstOrThrow();
      expect(app).toMatchObject({ name: row.name, id_number_masked: '已删除' });
      const sessions = await db().selectFrom('sessions').select('revoked_at').where('user_id', '=', me.user.id).execute();
      expect(sessions.every((s) => s.revoked_at !== null)).toBe(true);
      // No trace of the person's numbers or name in any member, application or request row.
      const everything = JSON.stringify([await db().selectFrom('members').selectAll().execute(), await db().selectFrom('applications').selectAll().execute(), await db().selectFrom('users').selectAll().execute()]);
      expect(everything).not.toContain(m.form.name);
      expect(everything).not.toContain(m.form.idNumber);
      expect(everything).not.toContain(m.form.phone);
      // Staff can no longer reveal anything; the ID number may join again as a new person.
      expect((await t.refusal('membership.reveal', { memberId: m.memberId, field: 'idNumber', reason: '核对身份' }, staff02)).reason).toBe('not_found');
      const again = await t.login('worker', undefined, `${backend}-lc-again`);
      expect(await t.call('membership.apply', { ...m.form, token: code02 }, again)).toMatchObject({ status: 'pending' });
      expect((await auditOf('membership.anonymise', m.memberId)).map((e) => JSON.parse(e.detail).cause)).toEqual(['deletion_request']);
      expect(await db().selectFrom('member_data_requests').select(['status', 'value_enc']).where('id', '=', waiting.requestId).executeTakeFirstOrThrow()).toEqual({ status: 'rejected', value_enc: null });
      // 一人一档: the certificate is removed (the row stays as history, the bytes are gone).
      expect(await db().selectFrom('member_attachments').select(['removed_at', 'file_name']).where('id', '=', diploma.attachment.id).executeTakeFirstOrThrow()).toMatchObject({ file_name: '已删除' });
      expect((await db().selectFrom('member_attachments').select('removed_at').where('id', '=', diploma.attachment.id).executeTakeFirstOrThrow()).removed_at).not.toBeNull();
      expect((await t.refusal('membership.attachment', { attachmentId: diploma.attachment.id }, staff02)).reason).toBe('not_found');
    });
  });

  describe('retention (保存期限)', () => {
    it(`anonymises a former member ${RETENTION_YEARS} years after the China date of leaving, not a day earlier`, async () => {
      const m = await buildMember('bu-cy01');
      const stay = await buildMember('bu-cy01');
      await t.call('membership.leave', { memberId: m.memberId, reason: '离职' }, staff01);
      // The host's clock is real (request signatures must match it): the leaving day is moved instead.
      const today = chinaDate(new Date());
      const leftOn = async (date: string) => db().updateTable('members').set({ left_at: new Date(`${date}T10:00:00+08:00`).toISOString() }).where('id', '=', m.memberId).execute();
      // Left one day less than 3 years ago: its last day is today, kept.
      const lastKeptDay = chinaDate(new Date(Date.parse(`${addYears(today, -RETENTION_YEARS)}T12:00:00+08:00`) + 86400_000));
      await leftOn(lastKeptDay);
      expect(addYears(lastKeptDay, RETENTION_YEARS) > today).toBe(true);
      expect((await t.call('membership.purgeExpired', { unionId: 'bu-cy01', dryRun: true }, staff01)).anonymised).toBe(0);
      await t.call('membership.purgeExpired', { unionId: 'bu-cy01' }, staff01);
      expect((await db().selectFrom('members').select('anonymised_at').where('id', '=', m.memberId).executeTakeFirstOrThrow()).anonymised_at).toBeNull();

      // Left exactly 3 years ago (China date): today is the end day, anonymised.
      await leftOn(addYears(today, -RETENTION_YEARS));
      // The industry union's staff reach only its direct members; its admin's run covers the base unions.
      expect((await t.call('membership.purgeExpired', { unionId: 'ind-cy', dryRun: true }, industryStaff)).anonymised).toBe(0);
      expect((await t.call('membership.purgeExpired', { unionId: 'ind-cy', dryRun: true }, admin)).anonymised).toBeGreaterThanOrEqual(1);
      const run = await t.call('membership.purgeExpired', { unionId: 'ind-cy' }, admin);
      expect(run).toMatchObject({ retentionYears: RETENTION_YEARS, dryRun: false });
      expect(run.anonymised).toBeGreaterThanOrEqual(1);
      const row = await db().selectFrom('members').selectAll().where('id', '=', m.memberId).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ id_number_masked: '已删除', user_id: null });
      expect(row.name).toMatch(/^已注销会员#/);
      // The active member is untouched; a second run finds nothing more for this record.
      expect((await db().selectFrom('members').select(['name', 'anonymised_at']).where('id', '=', stay.memberId).executeTakeFirstOrThrow())).toEqual({ name: stay.form.name, anonymised_at: null });
      expect((await auditOf('membership.anonymise', m.memberId)).map((e) => JSON.parse(e.detail).cause)).toEqual(['retention']);
      await t.call('membership.purgeExpired', { unionId: 'bu-cy01' }, staff01);
      expect(await auditOf('membership.anonymise', m.memberId)).toHaveLength(1);
    });

    it('the host\'s daily job does the same for every union, as the system', async () => {
      const m = await buildMember('bu-cy02');
      await t.call('membership.leave', { reason: '离职' }, m.session);
      const today = chinaDate(new Date());
      await db().updateTable('members').set({ left_at: new Date(`${addYears(today, -RETENTION_YEARS)}T09:00:00+08:00`).toISOString() }).where('id', '=', m.memberId).execute();
      expect(await runRetentionJob(db(), deriveKeys(t.host.config.dataKey), new Date())).toBeGreaterThanOrEqual(1);
      expect((await db().selectFrom('members').select('anonymised_at').where('id', '=', m.memberId).executeTakeFirstOrThrow()).anonymised_at).not.toBeNull();
      const [event] = await auditOf('membership.anonymise', m.memberId);
      expect(event).toMatchObject({ actor_user_id: null, union_id: 'bu-cy02' });
    });
  });
});
