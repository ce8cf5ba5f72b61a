/**
 * Joining by QR code, review, the member card and the roster: every membership function and
 * every refusal it can give, through the real SDK over HTTP, on every backend.
 */
import ExcelJS from 'exceljs';
import { deriveKeys } from '../../cloud/domain/crypto';
import { buildIdNumber } from '../../cloud/contract/fields/id-number';
import { verifyMemberToken } from '../../cloud/domain/member-token';
import { IMPORT_MAX_BODY_BYTES, IMPORT_MAX_ROWS } from '../../cloud/contract/membership/labels';
import { REVEAL_LIMIT_PER_HOUR } from '../../cloud/domain/membership';
import { chinaDate } from '../../cloud/domain/time';
import { DEMO_INVITATION_ID, DEMO_MEMBER_ID } from '../../cloud/seed/membership-demo';
import { BACKENDS, startTestHost, type TestHost } from '../support/host';
import { buildApplicant, buildRosterFile, rosterRow, uniqueIdentity } from '../support/membership-factories';

jest.setTimeout(60_000);

describe.each(BACKENDS)('membership on %s', (backend) => {
  let t: TestHost;
  let staff: string; // bu-cy01 staff
  let chair: string; // bu-cy01 chair
  let otherStaff: string; // bu-cy02 staff
  let industryStaff: string; // ind-cy staff
  let admin: string; // industry admin
  let cy01Code: string; // bu-cy01 invitation token

  beforeAll(async () => {
    t = await startTestHost({ backend });
    staff = await t.login('staff', 'bu-cy01', 'm');
    chair = await t.login('chair', 'bu-cy01', 'm');
    otherStaff = await t.login('staff', 'bu-cy02', 'm');
    industryStaff = await t.login('staff', 'ind-cy', 'm');
    admin = await t.login('industryAdmin', undefined, 'm');
    cy01Code = (await t.call('org.invite', { unionId: 'bu-cy01', label: '测试' }, staff)).token;
  });
  afterAll(async () => {
    await t.close();
  });

  const db = () => t.host.storage.db;
  const worker = (key: string) => t.login('worker', undefined, `${backend}-${key}`);

  describe('invitation codes (org.invite, listInvites, revokeInvite, invitePoster, resolveInvite)', () => {
    it('makes a signed code with a join link and a mini-program scene, listed for the union', async () => {
      const inv = await t.call('org.invite', { unionId: 'bu-cy02', unitId: 'unit-fml', expiresInDays: 30, label: '后厨门口' }, otherStaff);
      expect(inv.url).toBe(`${t.host.config.publicUrl}/#/pages/join/index?t=${encodeURIComponent(inv.token)}`);
      expect(inv.scene.length).toBeLessThanOrEqual(32);
      expect(inv).toMatchObject({ unionId: 'bu-cy02', unitId: 'unit-fml', unitName: '福满楼酒家', label: '后厨门口', state: 'active', applications: 0 });
      const list = await t.call('org.listInvites', { unionId: 'bu-cy02' }, otherStaff);
      expect(list.items[0]).toMatchObject({ id: inv.id, state: 'active', token: inv.token });
      expect(list.items.map((i) => i.id)).toEqual(expect.arrayContaining(['inv_demo_cy02', 'inv_demo_cy02_zjmg']));
    });

    it('resolves the long token and the scene to the same union and unit, and explains why', async () => {
      const inv = await t.call('org.invite', { unionId: 'bu-cy02', unitId: 'unit-zjmg' }, otherStaff);
      const byToken = await t.call('membership.resolveInvite', { token: inv.token });
      const byScene = await t.call('membership.resolveInvite', { token: inv.scene });
      expect(byScene).toEqual(byToken);
      expect(byToken).toMatchObject({
        union: { id: 'bu-cy02', name: '老街美食城联合工会', kind: 'base' },
        unit: { id: 'unit-zjmg', name: '张记面馆' },
        industry: { id: 'ind-cy' },
        units: [],
        allowOtherUnit: false,
      });
      expect(byToken.explain).toContain('张记面馆');
    });

    it('lists a base union\'s units for its code, and every industry unit (with the union it routes to) for the industry code', async () => {
      const base = await t.call('membership.resolveInvite', { token: (await t.call('org.invite', { unionId: 'bu-cy02' }, otherStaff)).token });
      expect(base.units.map((u) => u.id).sort()).toEqual(['unit-fml', 'unit-ljxc', 'unit-zjmg']);
      expect(base.allowOtherUnit).toBe(false);
      const ind = await t.call('membership.resolveInvite', { token: (await t.call('org.invite', { unionId: 'ind-cy' }, admin)).token });
      expect(ind.union.kind).toBe('industry');
      expect(ind.allowOtherUnit).toBe(true);
      expect(ind.units.find((u) => u.id === 'unit-wxy')).toMatchObject({ unionId: 'bu-cy01', unionKind: 'base' });
      expect(ind.units.find((u) => u.id === 'unit-hlj')).toMatchObject({ unionId: 'ind-cy', unionKind: 'industry' });
    });

    it('refuses forged, tampered, revoked and expired codes with invalid_invite', async () => {
      const inv = await t.call('org.invite', { unionId: 'bu-cy01' }, staff);
      for (const token of ['garbage', `${inv.token.slice(0, -2)}xx`, `${inv.scene.slice(0, -1)}${inv.scene.endsWith('a') ? 'b' : 'a'}`]) {
        const r = await t.refusal('membership.resolveInvite', { token });
        expect(r.reason).toBe('invalid_invite');
        expect(r.code).toBe(40012);
      }
      const revoked = await t.call('org.revokeInvite', { invitationId: inv.id }, chair);
      expect(revoked).toMatchObject({ state: 'revoked', duplicate: false });
      expect((await t.call('org.revokeInvite', { invitationId: inv.id }, staff)).duplicate).toBe(true);
      const r = await t.refusal('membership.resolveInvite', { token: inv.token });
      expect([r.reason, r.rawMessage]).toEqual(['invalid_invite', '该入会二维码已停用，请向工会索取新的二维码']);
      const w = await worker('revoked');
      expect((await t.refusal('membership.apply', buildApplicant(inv.token, { unitId: 'unit-wxy' }), w)).reason).toBe('invalid_invite');

      const soon = await t.call('org.invite', { unionId: 'bu-cy01', expiresInDays: 1 }, staff);
      await db().updateTable('invitations').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', soon.id).execute();
      const expired = await t.refusal('membership.resolveInvite', { token: soon.token });
      expect([expired.reason, expired.rawMessage]).toEqual(['invalid_invite', '该入会二维码已过期，请向工会索取新的二维码']);
      const listed = await t.call('org.listInvites', { unionId: 'bu-cy01' }, staff);
      expect(listed.items.find((i) => i.id === soon.id)?.state).toBe('expired');
    });

    it('gives an A4 SVG poster and a PNG QR code; another union\'s code is not_found', async () => {
      const svg = await t.call('org.invitePoster', { invitationId: DEMO_INVITATION_ID, format: 'svg' }, staff);
      expect(svg.mimeType).toBe('image/svg+xml');
      const text = Buffer.from(svg.base64, 'base64').toString('utf8');
      expect(text).toContain('味香园餐饮有限公司工会');
      expect(text).toContain('青山县餐饮行业工会联合会');
      const png = await t.call('org.invitePoster', { invitationId: DEMO_INVITATION_ID, format: 'png' }, admin);
      expect(Buffer.from(png.base64, 'base64').subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect((await t.refusal('org.invitePoster', { invitationId: DEMO_INVITATION_ID, format: 'svg' }, otherStaff)).reason).toBe('not_found');
      expect((await t.refusal('org.revokeInvite', { invitationId: DEMO_INVITATION_ID }, otherStaff)).reason).toBe('not_found');
      expect((await t.refusal('org.revokeInvite', { invitationId: 'inv_nope' }, staff)).reason).toBe('not_found');
      expect((await t.refusal('org.listInvites', { unionId: 'bu-cy01' }, otherStaff)).reason).toBe('forbidden');
    });
  });

  describe('applying, review and the card', () => {
    it('takes a worker from the code to a member card', async () => {
      const w = await worker('happy');
      expect(await t.call('membership.myStatus', {}, w)).toEqual({ status: 'none' });
      const input = buildApplicant(cy01Code, { unitId: 'unit-wxy', idNumber: buildIdNumber({ area: '110105', birthDate: '1988-08-08', sequence: 17 }).replace(/X$/, 'x') });
      const applied = await t.call('membership.apply', input, w);
      expect(applied).toMatchObject({ status: 'pending', unionId: 'bu-cy01', unionName: '味香园餐饮有限公司工会', duplicate: false });

      // The same login again (a double tap, or re-opening the code) gets the same application.
      const again = await t.call('membership.apply', input, w);
      expect(again).toMatchObject({ applicationId: applied.applicationId, duplicate: true });
      expect(await t.call('membership.myStatus', {}, w)).toMatchObject({ status: 'pending', unionId: 'bu-cy01', applicationId: applied.applicationId });
      expect((await t.refusal('membership.card', {}, w)).reason).toBe('not_found');

      const queue = await t.call('membership.listApplications', { unionId: 'bu-cy01' }, staff);
      const mine = queue.items.find((i) => i.id === applied.applicationId)!;
      expect(mine).toMatchObject({ name: '李秀英', unitName: '青山县味香园餐饮有限公司', gender: 'male', birthDate: '1988-08-08', status: 'pending', linksImportedMember: false });
      expect(mine.idNumberMasked).toMatch(/^110\*{11}\d{3}[\dX]$/);
      expect(mine.phoneMasked).toMatch(/^1\d\d\*{4}\d{4}$/);
      // Oldest first: the seeded applications (days old) come before this one.
      const times = queue.items.map((i) => i.createdAt);
      expect([...times].sort()).toEqual(times);
      expect(queue.items[0].id).toBe('app_demo_cy01_1');

      const decided = await t.call('membership.review', { applicationId: applied.applicationId, decision: 'approve' }, staff);
      expect(decided.status).toBe('approved');
      expect(decided.memberNo).toMatch(/^CY01-\d{6}$/);
      expect(await t.call('membership.myStatus', {}, w)).toMatchObject({ status: 'member', memberNo: decided.memberNo, unionName: '味香园餐饮有限公司工会' });
      const me = await t.call('auth.me', {}, w);
      expect(me.user.memberOf).toMatchObject({ unionId: 'bu-cy01', memberNo: decided.memberNo });

      const card = await t.call('membership.card', {}, w);
      expect(card).toMatchObject({ name: '李秀英', unionName: '味香园餐饮有限公司工会', memberNo: decided.memberNo, unitName: '青山县味香园餐饮有限公司', industryName: '青山县餐饮行业工会联合会', refreshAfterSeconds: 100 });
      const keys = deriveKeys(t.host.config.dataKey);
      const verified = verifyMemberToken(keys.token, card.token, new Date());
      expect(verified).toMatchObject({ ok: true, payload: { memberId: decided.memberId, unionId: 'bu-cy01' } });
      expect(Date.parse(card.expiresAt) - Date.now()).toBeLessThanOrEqual(120_000);
      expect(verifyMemberToken(keys.token, card.token, new Date(Date.parse(card.expiresAt)))).toEqual({ ok: false, problem: 'expired' });
      // The QR carries neither the ID number nor anything personal.
      expect(Buffer.from(card.token.split('.')[0], 'base64url').toString()).not.toContain(input.idNumber.slice(0, 17));

      expect((await t.refusal('membership.apply', buildApplicant(cy01Code, { unitId: 'unit-wxy' }), w)).reason).toBe('already_member');
      expect((await t.refusal('membership.review', { applicationId: applied.applicationId, decision: 'approve' }, chair)).reason).toBe('application_not_pending');
    });

    it('refuses without a session', async () => {
      expect((await t.refusal('membership.apply', buildApplicant(cy01Code, { unitId: 'unit-wxy' }))).reason).toBe('unauthenticated');
      expect((await t.refusal('membership.myStatus', {})).reason).toBe('unauthenticated');
      expect((await t.refusal('membership.card', {})).reason).toBe('unauthenticated');
    });

    it('marks each bad field with the same messages the form shows', async () => {
      const w = await worker('bad-fields');
      const r = await t.refusal('membership.apply', { ...buildApplicant(cy01Code), name: '王1', phone: '12345', ethnicity: '火星族', job: '', idNumber: '123' }, w);
      expect(r.reason).toBe('validation_error');
      expect(r.fields?.map((f) => f.path).sort()).toEqual(['ethnicity', 'idNumber', 'job', 'name', 'phone']);
      expect(r.fields?.find((f) => f.path === 'name')?.message).toBe('姓名只能包含汉字、字母和间隔号“·”');

      const old = await t.refusal('membership.apply', { ...buildApplicant(cy01Code, { unitId: 'unit-wxy' }), consentVersion: 'join-consent-2020' }, w);
      expect(old.reason).toBe('validation_error');
      expect(old.fields).toEqual([{ path: 'consentVersion', message: '个人信息授权说明已更新，请重新阅读并同意' }]);

      const extra = await t.refusal('membership.apply', { ...buildApplicant(cy01Code, { unitId: 'unit-wxy' }), gender: 'male' }, w);
      expect(extra.fields).toEqual([{ path: 'gender', message: '不允许的字段：gender' }]);
    });

    it('names invalid_id_number and invalid_phone when those are the only problems', async () => {
      const w = await worker('bad-id');
      const good = buildApplicant(cy01Code, { unitId: 'unit-wxy' });
      const wrongCheck = good.idNumber.slice(0, 17) + (good.idNumber[17] === '1' ? '2' : '1');
      const id = await t.refusal('membership.apply', { ...good, idNumber: wrongCheck }, w);
      expect([id.reason, id.code, id.rawMessage]).toEqual(['invalid_id_number', 40010, '身份证号校验位不正确，请核对']);
      expect(id.fields).toEqual([{ path: 'idNumber', message: '身份证号校验位不正确，请核对' }]);
      expect(JSON.stringify(id)).not.toContain(wrongCheck);

      // A birth date after today (by the host's clock, China time) passes the shared schema and is caught by the host.
      const tomorrow = new Date(Date.now() + 2 * 86400 * 1000);
      const future = buildIdNumber({ area: '110105', birthDate: chinaDate(tomorrow), sequence: 3 });
      const f = await t.refusal('membership.apply', { ...good, idNumber: future }, w);
      expect([f.reason, f.fields?.[0]?.path]).toEqual(['invalid_id_number', 'idNumber']);

      const phone = await t.refusal('membership.apply', { ...good, phone: '12800138000' }, w);
      expect([phone.reason, phone.code, phone.fields]).toEqual(['invalid_phone', 40011, [{ path: 'phone', message: '请输入 11 位大陆手机号' }]]);
    });

    it('checks the employer against the code', async () => {
      const w = await worker('unit');
      const wrong = await t.refusal('membership.apply', buildApplicant(cy01Code, { unitId: 'unit-zjmg' }), w);
      expect([wrong.reason, wrong.fields?.[0]?.path]).toEqual(['validation_error', 'unitId']);
      const none = await t.refusal('membership.apply', buildApplicant(cy01Code), w);
      expect(none.fields).toEqual([{ path: 'unitId', message: '请选择工作单位' }]);
      const both = await t.refusal('membership.apply', buildApplicant(cy01Code, { unitId: 'unit-wxy', unitName: '别的店' }), w);
      expect(both.fields?.[0]?.path).toBe('unitName');
      const fixed = await t.call('org.invite', { unionId: 'bu-cy02', unitId: 'unit-ljxc' }, otherStaff);
      const other = await t.refusal('membership.apply', buildApplicant(fixed.token, { unitId: 'unit-fml' }), w);
      expect(other.fields?.[0]).toEqual({ path: 'unitId', message: '此二维码只用于本单位职工入会' });
      // The code's unit is used when none is sent.
      const ok = await t.call('membership.apply', buildApplicant(fixed.token), w);
      expect(ok.unionId).toBe('bu-cy02');
      const row = await db().selectFrom('applications').select(['unit_id', 'invitation_id']).where('id', '=', ok.applicationId).executeTakeFirstOrThrow();
      expect(row).toEqual({ unit_id: 'unit-ljxc', invitation_id: fixed.id });
      expect((await t.call('org.listInvites', { unionId: 'bu-cy02' }, otherStaff)).items.find((i) => i.id === fixed.id)?.applications).toBe(1);
    });

    it('routes the industry code: a unit with a base union goes there, a unit without one or "other" to the industry union', async () => {
      const code = (await t.call('org.invite', { unionId: 'ind-cy' }, admin)).token;
      const a = await t.call('membership.apply', buildApplicant(code, { unitId: 'unit-dzkc' }), await worker('route-a'));
      expect([a.unionId, a.unionName]).toEqual(['bu-cy03', '大众快餐连锁有限公司工会']);
      const b = await t.call('membership.apply', buildApplicant(code, { unitId: 'unit-schg' }), await worker('route-b'));
      expect(b.unionId).toBe('ind-cy');
      const c = await t.call('membership.apply', buildApplicant(code, { unitName: '路口早餐铺' }), await worker('route-c'));
      expect(c.unionId).toBe('ind-cy');
      // The industry union's own staff review its direct applicants.
      const queue = await t.call('membership.listApplications', { unionId: 'ind-cy' }, industryStaff);
      expect(queue.items.map((i) => i.unitName)).toEqual(expect.arrayContaining(['山城火锅店', '路口早餐铺', '好邻居便利餐厅']));
      const decided = await t.call('membership.review', { applicationId: c.applicationId, decision: 'approve' }, industryStaff);
      expect(decided.memberNo).toMatch(/^CY-\d{6}$/);
      const roster = await t.call('membership.roster', { unionId: 'ind-cy', query: '路口' }, industryStaff);
      expect(roster.items).toEqual([]);
      const byNo = await t.call('membership.roster', { unionId: 'ind-cy', query: decided.memberNo }, industryStaff);
      expect(byNo.items[0]).toMatchObject({ unitName: '路口早餐铺', memberNo: decided.memberNo });
      // Industry staff have no say over a base union's queue.
      expect((await t.refusal('membership.review', { applicationId: a.applicationId, decision: 'approve' }, industryStaff)).reason).toBe('not_found');
    });

    it('refuses a registered ID number from another login neutrally, and flags it for the union\'s staff', async () => {
      const first = await worker('dup-1');
      const person = buildApplicant(cy01Code, { unitId: 'unit-wxy', name: '周杰' });
      const applied = await t.call('membership.apply', person, first);
      const second = await worker('dup-2');
      const r = await t.refusal('membership.apply', { ...person, name: '冒名者', phone: uniqueIdentity().phone }, second);
      expect([r.reason, r.code, r.rawMessage]).toEqual(['duplicate_identity', 40901, '该身份信息已登记，如有疑问请联系工会']);
      expect(r.rawMessage).not.toContain('周杰');
      const queue = await t.call('membership.listApplications', { unionId: 'bu-cy01' }, staff);
      expect(queue.flagged[0]).toMatchObject({ name: '冒名者', matched: 'application', matchedName: '周杰', attemptedUnionName: '味香园餐饮有限公司工会' });
      expect(queue.flagged[0].idNumberMasked).toBe(`${person.idNumber.slice(0, 3)}***********${person.idNumber.slice(-4)}`);
      // Another union's staff see nothing of it.
      expect((await t.call('membership.listApplications', { unionId: 'bu-cy02' }, otherStaff)).flagged.find((f) => f.name === '冒名者')).toBeUndefined();

      // Also against an active member, through another union's code.
      await t.call('membership.review', { applicationId: applied.applicationId, decision: 'approve' }, staff);
      const cy02 = (await t.call('org.invite', { unionId: 'bu-cy02' }, otherStaff)).token;
      expect((await t.refusal('membership.apply', { ...person, token: cy02, unitId: 'unit-zjmg' }, await worker('dup-3'))).reason).toBe('duplicate_identity');
      const flagged = (await t.call('membership.listApplications', { unionId: 'bu-cy01' }, staff)).flagged;
      expect(flagged[0]).toMatchObject({ matched: 'member', attemptedUnionName: '老街美食城联合工会' });
      const audit = await db().selectFrom('audit_events').select('detail').where('action', '=', 'membership.identityAttempt').execute();
      expect(audit.length).toBeGreaterThanOrEqual(2);
    });

    it('stops a login that keeps trying registered ID numbers (rate_limited)', async () => {
      const holder = await worker('probe-holder');
      const victim = buildApplicant(cy01Code, { unitId: 'unit-wxy' });
      await t.call('membership.apply', victim, holder);
      const prober = await worker('prober');
      for (let i = 0; i < 5; i++) expect((await t.refusal('membership.apply', victim, prober)).reason).toBe('duplicate_identity');
      const sixth = await t.refusal('membership.apply', victim, prober);
      expect([sixth.reason, sixth.code]).toEqual(['rate_limited', 429]);
    });

    it('rejects with a reason the worker sees, and lets the worker apply again', async () => {
      const w = await worker('reject');
      const applied = await t.call('membership.apply', buildApplicant(cy01Code, { unitId: 'unit-wxy' }), w);
      const noReason = await t.refusal('membership.review', { applicationId: applied.applicationId, decision: 'reject' }, staff);
      expect([noReason.reason, noReason.fields]).toEqual(['validation_error', [{ path: 'reason', message: '不批准时请填写理由' }]]);
      expect(await t.call('membership.review', { applicationId: applied.applicationId, decision: 'reject', reason: '非本单位职工' }, chair)).toEqual({ status: 'rejected' });
      expect(await t.call('membership.myStatus', {}, w)).toMatchObject({ status: 'rejected', reason: '非本单位职工', unionName: '味香园餐饮有限公司工会' });
      expect((await t.refusal('membership.review', { applicationId: applied.applicationId, decision: 'approve' }, staff)).reason).toBe('application_not_pending');
      const rejected = await t.call('membership.listApplications', { unionId: 'bu-cy01', status: 'rejected' }, staff);
      expect(rejected.items[0]).toMatchObject({ id: applied.applicationId, rejectReason: '非本单位职工' });
      const again = await t.call('membership.apply', buildApplicant(cy01Code, { unitId: 'unit-wxy' }), w);
      expect(again.applicationId).not.toBe(applied.applicationId);
      expect((await t.call('membership.myStatus', {}, w)).status).toBe('pending');
    });

    it('answers not_found to staff of another union, for the queue and for each application (identifier swap)', async () => {
      const applied = await t.call('membership.apply', buildApplicant(cy01Code, { unitId: 'unit-wxy' }), await worker('swap'));
      expect((await t.refusal('membership.listApplications', { unionId: 'bu-cy01' }, otherStaff)).reason).toBe('not_found');
      expect((await t.refusal('membership.review', { applicationId: applied.applicationId, decision: 'approve' }, otherStaff)).reason).toBe('not_found');
      expect((await t.refusal('membership.review', { applicationId: applied.applicationId, decision: 'reject', reason: '看看' }, otherStaff)).reason).toBe('not_found');
      expect((await t.refusal('membership.review', { applicationId: 'app_does_not_exist', decision: 'approve' }, otherStaff)).reason).toBe('not_found');
      const bulk = await t.call('membership.approveMany', { unionId: 'bu-cy02', applicationIds: [applied.applicationId] }, otherStaff);
      expect(bulk.results).toEqual([{ applicationId: applied.applicationId, outcome: 'not_found', message: '找不到该申请' }]);
      expect((await t.refusal('membership.approveMany', { unionId: 'bu-cy01', applicationIds: [applied.applicationId] }, otherStaff)).reason).toBe('not_found');
      const reviewer = await t.login('reviewer', 'bu-cy01', 'm');
      expect((await t.refusal('membership.review', { applicationId: applied.applicationId, decision: 'approve' }, reviewer)).reason).toBe('not_found');
      // The industry admin reaches the base unions' queues.
      expect((await t.call('membership.listApplications', { unionId: 'bu-cy01' }, admin)).items.some((i) => i.id === applied.applicationId)).toBe(true);
      expect((await t.call('membership.review', { applicationId: applied.applicationId, decision: 'approve' }, admin)).status).toBe('approved');
    });

    it('approves in bulk, each on its own', async () => {
      const a = await t.call('membership.apply', buildApplicant(cy01Code, { unitId: 'unit-wxy' }), await worker('bulk-a'));
      const b = await t.call('membership.apply', buildApplicant(cy01Code, { unitId: 'unit-wxy' }), await worker('bulk-b'));
      const done = await t.call('membership.approveMany', { unionId: 'bu-cy01', applicationIds: [a.applicationId, b.applicationId, a.applicationId, 'app_unknown'] }, chair);
      expect(done.approved).toBe(2);
      expect(done.results.map((r) => r.outcome)).toEqual(['approved', 'approved', 'not_found']);
      const numbers = done.results.filter((r) => r.memberNo).map((r) => r.memberNo);
      expect(new Set(numbers).size).toBe(2);
      const again = await t.call('membership.approveMany', { unionId: 'bu-cy01', applicationIds: [a.applicationId] }, chair);
      expect(again.results[0].outcome).toBe('application_not_pending');
      expect((await t.refusal('membership.approveMany', { unionId: 'bu-cy01', applicationIds: [] }, chair)).reason).toBe('validation_error');
    });

    it('does not approve a second membership for an ID number that became a member meanwhile', async () => {
      const person = buildApplicant(cy01Code, { unitId: 'unit-wxy' });
      const applied = await t.call('membership.apply', person, await worker('race'));
      // An import (or another path) made the same person a member in the meantime.
      const file = await buildRosterFile([{ ...rosterRow('青山县味香园餐饮有限公司'), 身份证号: person.idNumber }]);
      const preview = await t.call('membership.importRoster', { unionId: 'bu-cy01', mode: 'preview', fileBase64: file }, staff);
      expect(preview.mode === 'preview' && preview.problems[0].problem).toBe('该身份证号已有待审核的入会申请');
      await db().updateTable('applications').set({ status: 'rejected' }).where('id', '=', applied.applicationId).execute();
      const imported = await t.call('membership.importRoster', { unionId: 'bu-cy01', mode: 'confirm', fileBase64: file, previewHash: preview.mode === 'preview' ? preview.fileHash : '' }, staff);
      expect(imported.mode === 'confirm' && imported.imported).toBe(1);
      await db().updateTable('applications').set({ status: 'pending' }).where('id', '=', applied.applicationId).execute();
      const r = await t.refusal('membership.review', { applicationId: applied.applicationId, decision: 'approve' }, staff);
      expect(r.reason).toBe('duplicate_identity');
      expect((await db().selectFrom('applications').select('status').where('id', '=', applied.applicationId).executeTakeFirstOrThrow()).status).toBe('pending');
    });
  });

  describe('races', () => {
    it('a double tap makes one application', async () => {
      const w = await worker('double-tap');
      const input = buildApplicant(cy01Code, { unitId: 'unit-wxy' });
      const [a, b] = await Promise.all([t.call('membership.apply', input, w), t.call('membership.apply', input, w)]);
      expect(a.applicationId).toBe(b.applicationId);
      expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
    });

    it('two logins with one ID number at once: one application, one neutral refusal', async () => {
      const input = buildApplicant(cy01Code, { unitId: 'unit-wxy', name: '并发测试' });
      const [x, y] = [await worker('race-x'), await worker('race-y')];
      const settled = await Promise.allSettled([t.call('membership.apply', input, x), t.call('membership.apply', input, y)]);
      expect(settled.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = settled.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect((refused.reason as { code: number }).code).toBe(40901);
      const rows = await db().selectFrom('applications').select('id').where('name', '=', '并发测试').execute();
      expect(rows).toHaveLength(1);
    });

    it('two reviewers approving at once make one member', async () => {
      const applied = await t.call('membership.apply', buildApplicant(cy01Code, { unitId: 'unit-wxy' }), await worker('two-reviewers'));
      const settled = await Promise.allSettled([
        t.call('membership.review', { applicationId: applied.applicationId, decision: 'approve' }, staff),
        t.call('membership.review', { applicationId: applied.applicationId, decision: 'approve' }, chair),
        t.call('membership.approveMany', { unionId: 'bu-cy01', applicationIds: [applied.applicationId] }, admin),
      ]);
      const approvals = settled.filter((r) => r.status === 'fulfilled' && ('status' in r.value ? r.value.status === 'approved' : r.value.approved === 1));
      expect(approvals).toHaveLength(1);
      const members = await db().selectFrom('members').select('id').where('application_id', '=', applied.applicationId).execute();
      expect(members).toHaveLength(1);
    });

    it('the database itself allows one pending application per ID number', async () => {
      const { insertApplication } = await import('../../cloud/storage/membership.repository');
      const keys = deriveKeys(t.host.config.dataKey);
      const { idNumber, phone } = uniqueIdentity();
      // Two fresh logins with no application of their own (one pending application per login is a rule too).
      const users = [
        (await t.call('auth.devLogin', { persona: 'worker', key: `${backend}-db-1` })).user,
        (await t.call('auth.devLogin', { persona: 'worker', key: `${backend}-db-2` })).user,
      ];
      const row = (userId: string) => ({
        userId,
        unionId: 'bu-cy01',
        unitId: 'unit-wxy',
        unitName: null,
        invitationId: null,
        name: '测试',
        gender: 'male' as const,
        birthDate: '1990-01-01',
        idNumber,
        phone,
        ethnicity: '汉族',
        education: '高中',
        politicalStatus: '群众',
        job: '厨师',
        householdType: '非农业户口',
        consentVersion: 'x',
        existingMemberId: null,
        now: new Date(),
      });
      await insertApplication(db(), keys, row(users[0].id));
      const { isUniqueViolation } = await import('../../cloud/storage/db');
      let error: unknown;
      try {
        await insertApplication(db(), keys, row(users[1].id));
      } catch (err) {
        error = err;
      }
      expect(isUniqueViolation(error)).toBe(true);
    });
  });

  describe('the roster (roster, reveal, leave, exportRoster, importRoster, stats)', () => {
    it('searches by name, member number, full phone, phone tail and ID number; filters and pages; masks', async () => {
      const w = await worker('roster');
      const person = buildApplicant(cy01Code, { unitId: 'unit-wxy', name: '欧阳娜娜' });
      const applied = await t.call('membership.apply', person, w);
      const { memberNo } = await t.call('membership.review', { applicationId: applied.applicationId, decision: 'approve' }, staff);
      const find = async (query: string) => (await t.call('membership.roster', { unionId: 'bu-cy01', query }, staff)).items.map((i) => i.memberNo);
      expect(await find('欧阳')).toEqual([memberNo]);
      expect(await find(memberNo!.toLowerCase())).toEqual([memberNo]);
      expect(await find(person.phone)).toEqual([memberNo]);
      expect(await find(person.phone.slice(-4))).toContain(memberNo);
      expect(await find(person.idNumber)).toEqual([memberNo]);
      expect(await find('100%')).toEqual([]);
      // Names and member numbers match from the start; the digits alone name this union's number.
      expect(await find('娜娜')).toEqual([]);
      expect(await find(memberNo!.slice(-6))).toEqual([memberNo]);
      expect(await find(memberNo!.slice(0, -2))).toContain(memberNo);
      const item = (await t.call('membership.roster', { unionId: 'bu-cy01', query: '欧阳' }, staff)).items[0];
      expect(item).toMatchObject({ name: '欧阳娜娜', unitName: '青山县味香园餐饮有限公司', status: 'active', phoneMasked: `${person.phone.slice(0, 3)}****${person.phone.slice(-4)}` });
      expect(item.idNumberMasked).toHaveLength(18);
      expect(item.idNumberMasked).toContain('*'.repeat(11));

      const page1 = await t.call('membership.roster', { unionId: 'bu-cy01', page: 1, pageSize: 2 }, staff);
      const page2 = await t.call('membership.roster', { unionId: 'bu-cy01', page: 2, pageSize: 2 }, staff);
      expect(page1.items).toHaveLength(2);
      expect(page1.total).toBeGreaterThanOrEqual(6);
      expect(page2.items[0].memberNo > page1.items[1].memberNo).toBe(true);
      const cy02 = await t.call('membership.roster', { unionId: 'bu-cy02', unitId: 'unit-zjmg' }, otherStaff);
      expect(cy02.items.every((i) => i.unitName === '张记面馆')).toBe(true);
      expect(cy02.items.length).toBeGreaterThan(0);
      expect((await t.refusal('membership.roster', { unionId: 'bu-cy01' }, otherStaff)).reason).toBe('not_found');
      expect((await t.call('membership.roster', { unionId: 'bu-cy01' }, admin)).total).toBe(page1.total);
    });

    it('reveals a full number to staff of that union only, with a reason, audited without the value', async () => {
      const value = (await t.call('membership.reveal', { memberId: DEMO_MEMBER_ID, field: 'idNumber', reason: '办理困难帮扶' }, staff)).value;
      expect(value).toMatch(/^\d{17}[\dX]$/);
      const phone = (await t.call('membership.reveal', { memberId: DEMO_MEMBER_ID, field: 'phone', reason: '联系本人' }, chair)).value;
      expect(phone).toMatch(/^1[3-9]\d{9}$/);
      const events = await db().selectFrom('audit_events').selectAll().where('action', '=', 'membership.reveal').where('object_id', '=', DEMO_MEMBER_ID).execute();
      expect(events.map((e) => JSON.parse(e.detail) as { field: string; reason: string })).toEqual(
        expect.arrayContaining([{ field: 'idNumber', reason: '办理困难帮扶' }, { field: 'phone', reason: '联系本人' }]),
      );
      expect(events.map((e) => e.detail).join()).not.toContain(value);
      for (const token of [otherStaff, admin, industryStaff, await t.login('reviewer', 'bu-cy01', 'm'), await worker('peek')]) {
        expect((await t.refusal('membership.reveal', { memberId: DEMO_MEMBER_ID, field: 'idNumber', reason: '看看而已' }, token)).reason).toBe('not_found');
      }
      expect((await t.refusal('membership.reveal', { memberId: DEMO_MEMBER_ID, field: 'idNumber', reason: '' }, staff)).fields?.[0]?.path).toBe('reason');
    });

    it('limits reveals to 30 an hour per staffer', async () => {
      const busy = await t.login('staff', 'bu-cy03', `${backend}-busy`);
      for (let i = 0; i < REVEAL_LIMIT_PER_HOUR; i++) await t.call('membership.reveal', { memberId: 'mbr_demo_cy03_1', field: 'phone', reason: '逐一核对' }, busy);
      const r = await t.refusal('membership.reveal', { memberId: 'mbr_demo_cy03_1', field: 'phone', reason: '逐一核对' }, busy);
      expect([r.reason, r.code]).toEqual(['rate_limited', 429]);
    });

    it('records leaving: 已退会 on the roster, status left, the card stops', async () => {
      const w = await worker('leaver');
      const applied = await t.call('membership.apply', buildApplicant(cy01Code, { unitId: 'unit-wxy' }), w);
      const { memberId } = await t.call('membership.review', { applicationId: applied.applicationId, decision: 'approve' }, staff);
      const left = await t.call('membership.leave', { memberId: memberId!, reason: '离职' }, chair);
      expect(left.duplicate).toBe(false);
      expect((await t.call('membership.leave', { memberId: memberId!, reason: '离职' }, staff)).duplicate).toBe(true);
      expect(await t.call('membership.myStatus', {}, w)).toMatchObject({ status: 'left' });
      expect((await t.refusal('membership.card', {}, w)).reason).toBe('not_found');
      const roster = await t.call('membership.roster', { unionId: 'bu-cy01', status: 'left' }, staff);
      expect(roster.items.find((i) => i.memberId === memberId)).toMatchObject({ status: 'left', leftAt: left.leftAt });
      expect((await t.refusal('membership.leave', { memberId: memberId!, reason: '离职' }, otherStaff)).reason).toBe('not_found');
      // After leaving, the worker may apply again.
      await t.call('membership.apply', buildApplicant(cy01Code, { unitId: 'unit-wxy' }), w);
      expect((await t.call('membership.myStatus', {}, w)).status).toBe('pending');
    });

    it('exports the documented .xlsx with masked numbers, for staff of that union only, audited (full numbers: tests/integration/roster-export.test.ts)', async () => {
      const file = await t.call('membership.exportRoster', { unionId: 'bu-cy02' }, otherStaff);
      expect(file.fileName).toMatch(/^会员名册-老街美食城联合工会-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const wb = new ExcelJS.Workbook();
      const bytes = Buffer.from(file.base64, 'base64');
      await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
      const ws = wb.worksheets[0];
      expect(ws.getRow(1).getCell(6).value).toBe('身份证号');
      expect(ws.rowCount - 1).toBe(file.rows);
      expect(String(ws.getRow(2).getCell(6).value)).toMatch(/^\d{3}\*{11}[\dX*]{4}$/);
      expect(String(ws.getRow(2).getCell(15).value)).toMatch(/^CY02-\d{6}$/);
      const audit = await db().selectFrom('audit_events').select('detail').where('action', '=', 'membership.exportRoster').where('union_id', '=', 'bu-cy02').execute();
      expect(audit.map((a) => JSON.parse(a.detail) as unknown)).toContainEqual({ rows: file.rows, status: 'active', numbers: 'masked' });
      for (const token of [staff, admin, await t.login('reviewer', 'bu-cy02', 'm')]) {
        expect((await t.refusal('membership.exportRoster', { unionId: 'bu-cy02' }, token)).reason).toBe('not_found');
      }
    });

    it('takes an import file over the 1 MB default body (its own 6 MB limit), and refuses a body over that', async () => {
      // 1.5 MB of bytes that are not an .xlsx: read, and reported as unreadable (not refused for size).
      const big = Buffer.alloc(1536 * 1024, 7).toString('base64');
      const preview = await t.call('membership.importRoster', { unionId: 'bu-cy02', mode: 'preview', fileBase64: big }, otherStaff);
      expect(preview.mode === 'preview' && preview.problems[0]).toMatchObject({ row: 0, field: '文件' });
      const tooBig = await t.refusal('membership.importRoster', { unionId: 'bu-cy02', mode: 'preview', fileBase64: 'A'.repeat(IMPORT_MAX_BODY_BYTES) }, otherStaff);
      expect(tooBig.reason).toBe('payload_too_large');
    });

    it('imports in two steps: a per-row report, then only the valid rows, once', async () => {
      const good1 = rosterRow('老街小吃店', { 姓名: '钱多多', 入会日期: '2019-03-01' });
      const good2 = rosterRow('福满楼酒家', { 姓名: '孙小美' });
      const wrongUnit = rosterRow('青山县味香园餐饮有限公司');
      const badPhone = rosterRow('张记面馆', { 手机号: '110' });
      const file = await buildRosterFile([good1, wrongUnit, badPhone, good2]);
      const before = (await t.call('membership.roster', { unionId: 'bu-cy02' }, otherStaff)).total;

      const preview = await t.call('membership.importRoster', { unionId: 'bu-cy02', mode: 'preview', fileBase64: file, fileName: '名册.xlsx' }, otherStaff);
      if (preview.mode !== 'preview') throw new Error('expected a preview');
      expect(preview).toMatchObject({ totalRows: 4, validRows: 2, maxRows: IMPORT_MAX_ROWS });
      expect(preview.problems).toEqual([
        { row: 3, field: '工作单位', problem: expect.stringContaining('不是本工会的会员单位') },
        { row: 4, field: '手机号', problem: '请输入 11 位大陆手机号' },
      ]);
      expect(preview.sample.map((s) => s.name)).toEqual(['钱多多', '孙小美']);
      expect(JSON.stringify(preview)).not.toContain(good1.身份证号);
      expect((await t.call('membership.roster', { unionId: 'bu-cy02' }, otherStaff)).total).toBe(before);

      const noHash = await t.refusal('membership.importRoster', { unionId: 'bu-cy02', mode: 'confirm', fileBase64: file }, otherStaff);
      expect(noHash.fields).toEqual([{ path: 'previewHash', message: '请先预览再确认导入' }]);
      const otherFile = await t.refusal('membership.importRoster', { unionId: 'bu-cy02', mode: 'confirm', fileBase64: file, previewHash: '0'.repeat(64) }, otherStaff);
      expect(otherFile.fields?.[0]?.path).toBe('previewHash');

      const done = await t.call('membership.importRoster', { unionId: 'bu-cy02', mode: 'confirm', fileBase64: file, previewHash: preview.fileHash, fileName: '名册.xlsx' }, otherStaff);
      expect(done).toMatchObject({ mode: 'confirm', imported: 2, duplicate: false });
      const again = await t.call('membership.importRoster', { unionId: 'bu-cy02', mode: 'confirm', fileBase64: file, previewHash: preview.fileHash }, otherStaff);
      expect(again).toMatchObject({ imported: 2, duplicate: true });
      expect((await t.call('membership.roster', { unionId: 'bu-cy02' }, otherStaff)).total).toBe(before + 2);
      const qian = (await t.call('membership.roster', { unionId: 'bu-cy02', query: '钱多多' }, otherStaff)).items[0];
      expect(qian).toMatchObject({ unitName: '老街小吃店' });
      // Numbers are assigned in file order, consecutively (one allocation for the whole file).
      const sun = (await t.call('membership.roster', { unionId: 'bu-cy02', query: '孙小美' }, otherStaff)).items[0];
      expect(Number(sun.memberNo.slice(-6))).toBe(Number(qian.memberNo.slice(-6)) + 1);
      expect(chinaDate(new Date(qian.joinedAt))).toBe('2019-03-01');

      // A preview of the same file now reports those people as members.
      const later = await t.call('membership.importRoster', { unionId: 'bu-cy02', mode: 'preview', fileBase64: file }, otherStaff);
      expect(later.mode === 'preview' && later.validRows).toBe(0);

      // An unreadable file is a report, not a crash; other unions and the industry admin cannot import here.
      const junk = await t.call('membership.importRoster', { unionId: 'bu-cy02', mode: 'preview', fileBase64: Buffer.from('hello').toString('base64') }, otherStaff);
      expect(junk.mode === 'preview' && junk.problems[0]).toMatchObject({ row: 0, field: '文件' });
      expect((await t.refusal('membership.importRoster', { unionId: 'bu-cy02', mode: 'preview', fileBase64: file }, staff)).reason).toBe('not_found');
      expect((await t.refusal('membership.importRoster', { unionId: 'bu-cy02', mode: 'preview', fileBase64: file }, admin)).reason).toBe('not_found');
      expect((await t.refusal('membership.importRoster', { unionId: 'bu-cy02', mode: 'preview', fileBase64: 'not base64!' }, otherStaff)).fields?.[0]?.path).toBe('fileBase64');
    });

    it('links an imported member to the login that applies with the same ID number, on approval', async () => {
      const row = rosterRow('青山县大众快餐连锁有限公司', { 姓名: '吴用' });
      const file = await buildRosterFile([row]);
      const cy03staff = await t.login('staff', 'bu-cy03', 'link');
      const preview = await t.call('membership.importRoster', { unionId: 'bu-cy03', mode: 'preview', fileBase64: file }, cy03staff);
      await t.call('membership.importRoster', { unionId: 'bu-cy03', mode: 'confirm', fileBase64: file, previewHash: preview.mode === 'preview' ? preview.fileHash : '' }, cy03staff);
      const before = (await t.call('membership.roster', { unionId: 'bu-cy03', query: '吴用' }, cy03staff)).items[0];

      const code = (await t.call('org.invite', { unionId: 'bu-cy03' }, cy03staff)).token;
      const w = await worker('link');
      const applied = await t.call('membership.apply', buildApplicant(code, { unitId: 'unit-dzkc', name: '吴用', idNumber: row.身份证号, phone: row.手机号 }), w);
      const queue = await t.call('membership.listApplications', { unionId: 'bu-cy03' }, cy03staff);
      expect(queue.items.find((i) => i.id === applied.applicationId)?.linksImportedMember).toBe(true);
      const decided = await t.call('membership.review', { applicationId: applied.applicationId, decision: 'approve' }, cy03staff);
      expect(decided).toMatchObject({ memberId: before.memberId, memberNo: before.memberNo });
      expect((await t.call('membership.card', {}, w)).memberNo).toBe(before.memberNo);
      expect((await t.call('membership.roster', { unionId: 'bu-cy03', query: '吴用' }, cy03staff)).total).toBe(1);
    });

    it('counts members, employees and the membership rate per base union and unit', async () => {
      const s = await t.call('membership.stats', { unionId: 'ind-cy' }, industryStaff);
      expect(s.union).toEqual({ id: 'ind-cy', name: '青山县餐饮行业工会联合会', kind: 'industry' });
      expect(s.baseUnions.map((b) => b.id)).toEqual(['bu-cy01', 'bu-cy02', 'bu-cy03', 'ind-cy']);
      const wxy = s.units.find((u) => u.id === 'unit-wxy')!;
      expect(wxy).toMatchObject({ unionId: 'bu-cy01', employees: 86 });
      expect(wxy.rate).toBeCloseTo(Math.round((wxy.members / 86) * 1000) / 10, 5);
      const members = await db().selectFrom('members').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'active').executeTakeFirstOrThrow();
      expect(s.totals.members).toBe(Number(members.n));
      expect(s.totals.employees).toBe(86 + 12 + 8 + 35 + 140 + 15 + 22);
      expect(s.otherUnitMembers).toBeGreaterThanOrEqual(1);
      const base = await t.call('membership.stats', { unionId: 'bu-cy02' }, otherStaff);
      expect(base.units.map((u) => u.name).sort()).toEqual(['张记面馆', '福满楼酒家', '老街小吃店'].sort());
      expect(base.baseUnions).toEqual([]);
      expect((await t.refusal('membership.stats', { unionId: 'bu-cy01' }, otherStaff)).reason).toBe('forbidden');
    });
  });

  describe('personal data', () => {
    it('never sends a full ID number in a response other than reveal and export, nor logs one', async () => {
      const seen: string[] = [];
      const call = async <T>(p: Promise<T>) => {
        const r = await p;
        seen.push(JSON.stringify(r));
        return r;
      };
      const w = await worker('pii');
      const person = buildApplicant(cy01Code, { unitId: 'unit-wxy' });
      const applied = await call(t.call('membership.apply', person, w));
      await call(t.call('membership.myStatus', {}, w));
      await call(t.call('membership.listApplications', { unionId: 'bu-cy01' }, staff));
      await call(t.call('membership.review', { applicationId: applied.applicationId, decision: 'approve' }, staff));
      await call(t.call('membership.card', {}, w));
      await call(t.call('membership.roster', { unionId: 'bu-cy01', query: person.idNumber }, staff));
      await call(t.call('auth.me', {}, w));
      const file = await buildRosterFile([{ ...rosterRow('青山县味香园餐饮有限公司'), 身份证号: person.idNumber }]);
      await call(t.call('membership.importRoster', { unionId: 'bu-cy01', mode: 'preview', fileBase64: file }, staff));
      const refusal = await t.refusal('membership.apply', person, await worker('pii-2'));
      seen.push(JSON.stringify(refusal));
      const all = seen.join('\n');
      expect(all).not.toContain(person.idNumber);
      expect(all).not.toContain(person.phone);
      expect(t.logs.join('\n')).not.toContain(person.idNumber);
    });
  });
});

describe('the SQLite file', () => {
  it('holds no ID number in clear: a dump has no valid 18-digit ID pattern and none of the numbers entered', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { parseIdNumber } = await import('../../cloud/contract/fields/id-number');
    const t = await startTestHost();
    const entered: string[] = [];
    try {
      const staffToken = await t.login('staff', 'bu-cy01', 'dump');
      const code = (await t.call('org.invite', { unionId: 'bu-cy01' }, staffToken)).token;
      for (let i = 0; i < 5; i++) {
        const input = buildApplicant(code, { unitId: 'unit-wxy' });
        entered.push(input.idNumber, input.phone);
        const w = await t.login('worker', undefined, `dump-${i}`);
        const applied = await t.call('membership.apply', input, w);
        if (i % 2 === 0) await t.call('membership.review', { applicationId: applied.applicationId, decision: 'approve' }, staffToken);
        // Reveals and exports are answered, not stored.
        if (i === 0) {
          const m = await t.call('membership.roster', { unionId: 'bu-cy01', query: input.phone }, staffToken);
          await t.call('membership.reveal', { memberId: m.items[0].memberId, field: 'idNumber', reason: '测试导出' }, staffToken);
        }
      }
      const row = rosterRow('青山县味香园餐饮有限公司');
      entered.push(row.身份证号, row.手机号);
      const file = await buildRosterFile([row]);
      const preview = await t.call('membership.importRoster', { unionId: 'bu-cy01', mode: 'preview', fileBase64: file }, staffToken);
      await t.call('membership.importRoster', { unionId: 'bu-cy01', mode: 'confirm', fileBase64: file, previewHash: preview.mode === 'preview' ? preview.fileHash : '' }, staffToken);
      await t.call('membership.exportRoster', { unionId: 'bu-cy01' }, staffToken);
      for (let i = 0; i < 2; i++) await t.login('member', 'bu-cy02', `dump-member-${i}`);
    } finally {
      await t.host.close();
    }
    const dir = t.host.config.dataDir;
    const bytes = Buffer.concat(fs.readdirSync(dir).filter((f) => f.startsWith('union.db')).map((f) => fs.readFileSync(path.join(dir, f))));
    fs.rmSync(dir, { recursive: true, force: true });
    expect(bytes.length).toBeGreaterThan(10_000);
    const text = bytes.toString('latin1');
    for (const value of entered) expect(text.includes(value)).toBe(false);
    // Every 18-character window of digits (overlapping) that a valid ID number would match.
    const candidates: string[] = [];
    for (let i = 0; i + 18 <= text.length; i++) {
      if (!/[0-9]/.test(text[i])) continue;
      const w = text.slice(i, i + 18);
      if (/^\d{17}[\dXx]$/.test(w) && parseIdNumber(w, '2100-01-01').ok) candidates.push(w);
    }
    expect(candidates).toEqual([]);
  });
});
