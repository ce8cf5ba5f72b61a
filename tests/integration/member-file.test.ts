/**
 * The member file (一人一档) through the real host and SDK, on SQLite and (with TEST_DATABASE_URL)
 * PostgreSQL: attachments stored in the file store with their hash, the type and size limits,
 * at most 20 per member, download audited, removal deletes the bytes, and nobody outside the
 * member's union sees any of it.
 */
import { createHash } from 'node:crypto';
import { MEMBER_ATTACHMENTS_MAX } from '../../cloud/contract/membership/member-file.labels';
import { DEMO_ATTACHMENT_ID, DEMO_ATTACHMENT_ID_2 } from '../../cloud/seed/files-demo';
import { demoPdf, demoPng } from '../../cloud/seed/files-demo';
import { DEMO_MEMBER_ID } from '../../cloud/seed/membership-demo';
import { buildApplicant } from '../support/membership-factories';
import { BACKENDS, signHeaders, startTestHost, type TestHost } from '../support/host';

jest.setTimeout(120_000);

const png = (seed: number) => demoPng(16, 16, [seed % 256, 100, 50]).toString('base64');

describe.each(BACKENDS)('member file on %s', (backend) => {
  let t: TestHost;
  let staff: string;
  let chair: string;
  let otherStaff: string;
  let admin: string;
  let reviewer: string;
  let memberId: string;
  let memberSession: string;

  beforeAll(async () => {
    t = await startTestHost({ backend });
    staff = await t.login('staff', 'bu-cy01', 'file');
    chair = await t.login('chair', 'bu-cy01', 'file');
    otherStaff = await t.login('staff', 'bu-cy02', 'file');
    reviewer = await t.login('reviewer', 'bu-cy01', 'file');
    admin = await t.login('industryAdmin', undefined, 'file');
    // A worker who joined online: the application is on file.
    const token = (await t.call('org.invite', { unionId: 'bu-cy01' }, staff)).token;
    memberSession = await t.login('worker', undefined, 'file-applicant');
    const { applicationId } = await t.call('membership.apply', buildApplicant(token, { unitId: 'unit-wxy' }), memberSession);
    const reviewed = await t.call('membership.review', { applicationId, decision: 'approve' }, staff);
    memberId = reviewed.memberId!;
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows the member (masked), the application on file and the seeded attachments', async () => {
    const f = await t.call('membership.memberFile', { memberId }, staff);
    expect(f.member).toMatchObject({ memberId, unionId: 'bu-cy01', status: 'active' });
    expect(f.member.idNumberMasked).toMatch(/\*/);
    expect(JSON.stringify(f)).not.toMatch(/\d{17}[\dX]/);
    expect(f.application).toMatchObject({ status: 'approved' });
    expect(f.missing).toEqual([]);
    expect(f.attachments).toEqual([]);
    expect(f.limits).toEqual({ maxBytes: 5 * 1024 * 1024, maxCount: 20 });
    // A seeded (paper-roster) member has no application; the demo file holds a diploma and a health certificate.
    const demo = await t.call('membership.memberFile', { memberId: DEMO_MEMBER_ID }, staff);
    expect(demo.application).toBeNull();
    // Imported from the roster without an application, but attachments are on file: complete (memberFileComplete).
    expect(demo.missing).toEqual([]);
    expect(demo.attachments.map((a) => a.kind).sort()).toEqual(['diploma', 'health']);
  });

  it('stores an upload in the file store with its hash, names it by its content, and downloads it audited', async () => {
    const bytes = demoPng(64, 48, [1, 2, 3]);
    const r = await t.call('membership.attach', { memberId, kind: 'diploma', fileName: 'C:\\照片\\毕业证.jpeg', base64: bytes.toString('base64') }, staff);
    expect(r.count).toBe(1);
    expect(r.attachment).toMatchObject({ kind: 'diploma', kindLabel: '学历证书', fileName: '毕业证.png', mimeType: 'image/png', sizeBytes: bytes.length });
    expect(r.attachment.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const row = await t.host.storage.db.selectFrom('member_attachments').selectAll().where('id', '=', r.attachment.id).executeTakeFirstOrThrow();
    // The store holds ciphertext (sealed with the data key), never the plain bytes.
    const stored = (await t.host.files.get(row.file_key))!;
    expect(stored.length).toBe(bytes.length + 32);
    expect(stored.includes(bytes.subarray(16, 48))).toBe(false);
    // The database holds metadata only.
    expect(JSON.stringify(row)).not.toContain(bytes.toString('base64').slice(0, 40));

    const pdf = demoPdf('Title certificate');
    await t.call('membership.attach', { memberId, kind: 'title', fileName: '职称.pdf', base64: pdf.toString('base64') }, chair);
    const f = await t.call('membership.memberFile', { memberId }, chair);
    expect(f.attachments.map((a) => a.fileName).sort()).toEqual(['毕业证.png', '职称.pdf']);

    const d = await t.call('membership.attachment', { attachmentId: r.attachment.id }, staff);
    expect(d).toMatchObject({ fileName: '毕业证.png', mimeType: 'image/png', base64: bytes.toString('base64') });
    const audit = await t.host.storage.db.selectFrom('audit_events').select(['action', 'object_id']).where('action', '=', 'membership.attachment').where('object_id', '=', r.attachment.id).execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses other types, files over 5 MB and malformed base64 with stable codes', async () => {
    const svg = await t.refusal('membership.attach', { memberId, kind: 'other', fileName: 'a.svg', base64: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64') }, staff);
    expect(svg).toMatchObject({ reason: 'unsupported_file_type', code: 40070 });
    expect(svg.rawMessage).toMatch(/PDF/);
    const exe = await t.refusal('membership.attach', { memberId, kind: 'other', fileName: '证书.jpg', base64: Buffer.from('MZ\x90\x00 this is not a picture').toString('base64') }, staff);
    expect(exe.reason).toBe('unsupported_file_type');
    const big = Buffer.alloc(5 * 1024 * 1024 + 1);
    demoPng(1, 1, [0, 0, 0]).copy(big);
    const tooBig = await t.refusal('membership.attach', { memberId, kind: 'health', fileName: '体检.png', base64: big.toString('base64') }, staff);
    expect(tooBig).toMatchObject({ reason: 'file_too_large', code: 40071 });
    expect(tooBig.rawMessage).toMatch(/5 MB/);
    const bad = await t.refusal('membership.attach', { memberId, kind: 'health', fileName: '体检.png', base64: '@@@@' }, staff);
    expect(bad.fields?.[0]?.path).toBe('base64');
    const kind = await t.refusal('membership.attach', { memberId, kind: 'passport', fileName: 'x.png', base64: png(1) }, staff);
    expect(kind.fields?.[0]?.path).toBe('kind');
  });

  it('accepts exactly 5 MB, and the body limit leaves room for it', async () => {
    const at = Buffer.alloc(5 * 1024 * 1024);
    demoPdf('x').copy(at);
    const r = await t.call('membership.attach', { memberId, kind: 'other', fileName: '扫描件.pdf', base64: at.toString('base64') }, staff);
    expect(r.attachment.sizeBytes).toBe(5 * 1024 * 1024);
    await t.call('membership.removeAttachment', { attachmentId: r.attachment.id }, staff);
    // A body far beyond the limit is refused by the host before the handler.
    const res = await fetch(`${t.url}/1.1/functions/membership.attach`, { method: 'POST', headers: { ...signHeaders(), 'X-LC-Session': staff }, body: JSON.stringify({ memberId, kind: 'other', fileName: 'x.pdf', base64: 'A'.repeat(8 * 1024 * 1024) }) });
    expect(res.status).toBe(413);
  });

  it('allows at most 20 attachments per member; removing one makes room again and deletes its bytes', async () => {
    const current = (await t.call('membership.memberFile', { memberId }, staff)).attachments.length;
    let last = '';
    for (let i = current; i < MEMBER_ATTACHMENTS_MAX; i++) last = (await t.call('membership.attach', { memberId, kind: 'honour', fileName: `荣誉${i}.png`, base64: png(i) }, staff)).attachment.id;
    const full = await t.refusal('membership.attach', { memberId, kind: 'honour', fileName: '再来一张.png', base64: png(99) }, staff);
    expect(full).toMatchObject({ reason: 'too_many_attachments', code: 40970 });
    expect(full.rawMessage).toMatch(/20/);

    const key = (await t.host.storage.db.selectFrom('member_attachments').select('file_key').where('id', '=', last).executeTakeFirstOrThrow()).file_key;
    const removed = await t.call('membership.removeAttachment', { attachmentId: last }, staff);
    expect(removed).toEqual({ id: last, removed: true, duplicate: false, count: MEMBER_ATTACHMENTS_MAX - 1 });
    expect(await t.host.files.get(key)).toBeNull();
    expect((await t.call('membership.removeAttachment', { attachmentId: last }, staff)).duplicate).toBe(true);
    expect((await t.refusal('membership.attachment', { attachmentId: last }, staff)).reason).toBe('not_found');
    // The row stays as history with who removed it.
    const row = await t.host.storage.db.selectFrom('member_attachments').select(['removed_at', 'removed_by']).where('id', '=', last).executeTakeFirstOrThrow();
    expect(row.removed_at).not.toBeNull();
    await t.call('membership.attach', { memberId, kind: 'honour', fileName: '补上.png', base64: png(7) }, staff);
  });

  it('shows the file to that union\'s staff only: others, the member and the reviewer get not_found', async () => {
    for (const who of [otherStaff, reviewer, memberSession, admin]) {
      expect((await t.refusal('membership.memberFile', { memberId: DEMO_MEMBER_ID }, who)).reason).toBe('not_found');
      expect((await t.refusal('membership.attachment', { attachmentId: DEMO_ATTACHMENT_ID }, who)).reason).toBe('not_found');
      expect((await t.refusal('membership.removeAttachment', { attachmentId: DEMO_ATTACHMENT_ID }, who)).reason).toBe('not_found');
    }
    for (const who of [otherStaff, reviewer, memberSession]) {
      expect((await t.refusal('membership.attach', { memberId: DEMO_MEMBER_ID, kind: 'other', fileName: 'x.png', base64: png(3) }, who)).reason).toBe('not_found');
    }
    expect((await t.refusal('membership.memberFile', { memberId: DEMO_MEMBER_ID })).reason).toBe('unauthenticated');
    expect((await t.refusal('membership.memberFile', { memberId: 'mbr_nope' }, staff)).reason).toBe('not_found');
    // The industry admin may add a certificate collected on an inspection (but not read the file).
    const r = await t.call('membership.attach', { memberId: DEMO_MEMBER_ID, kind: 'health', fileName: '健康证.png', base64: png(5) }, admin);
    expect(r.count).toBe(3);
  });
  it('会员档案齐全: a roster-imported member without an application counts once an attachment is on file, and not after it is removed', async () => {
    const db = t.host.storage.db;
    // bu-cy02: find an active member with no application and no attachment (imported from the paper roster).
    const members = await db.selectFrom('members').select(['id', 'application_id']).where('union_id', '=', 'bu-cy02').where('status', '=', 'active').execute();
    const applied = new Set((await db.selectFrom('applications').select('member_id').where('member_id', 'is not', null).execute()).map((a) => a.member_id));
    const attached = new Set((await db.selectFrom('member_attachments').select('member_id').where('removed_at', 'is', null).execute()).map((a) => a.member_id));
    const imported = members.find((m) => !m.application_id && !applied.has(m.id) && !attached.has(m.id));
    expect(imported).toBeDefined();
    const staff2 = await t.login('staff', 'bu-cy02', 'file');
    const item = async () => (await t.call('org.compliance', { unionId: 'bu-cy02' }, staff2)).items.find((i) => i.key === 'member_files')!;
    const filedOf = (detail: string) => Number(/^(\d+)\//.exec(detail)![1]);
    const before = await item();
    expect(before).toMatchObject({ status: 'fail', label: '会员档案齐全（入会申请或档案材料）' });
    expect(before.nextStep).toMatch(/上传入会登记表/);
    expect((await t.call('membership.memberFile', { memberId: imported!.id }, staff2)).missing).toEqual([expect.stringMatching(/^缺少入会申请/)]);

    const added = await t.call('membership.attach', { memberId: imported!.id, kind: 'other', fileName: '入会登记表.png', base64: png(77) }, staff2);
    const after = await item();
    expect(filedOf(after.detail)).toBe(filedOf(before.detail) + 1);
    expect((await t.call('membership.memberFile', { memberId: imported!.id }, staff2)).missing).toEqual([]);

    await t.call('membership.removeAttachment', { attachmentId: added.attachment.id }, staff2);
    expect(filedOf((await item()).detail)).toBe(filedOf(before.detail));
  });
  describe('我的档案: the member on their own file', () => {
    let own: string;
    let ownMemberId: string;
    let mine: string;
    let theirs: string;
    let staffUpload: string;

    beforeAll(async () => {
      own = await t.login('member', 'bu-cy01', 'own-file');
      const first = await t.call('membership.attachOwn', { kind: 'title', fileName: '职称证书.jpeg', base64: png(11) }, own);
      mine = first.attachment.id;
      ownMemberId = (await t.host.storage.db.selectFrom('member_attachments').select('member_id').where('id', '=', mine).executeTakeFirstOrThrow()).member_id;
      staffUpload = (await t.call('membership.attach', { memberId: ownMemberId, kind: 'health', fileName: '体检报告.png', base64: png(12) }, staff)).attachment.id;
      const other = await t.login('member', 'bu-cy01', 'own-file-other');
      theirs = (await t.call('membership.attachOwn', { kind: 'honour', fileName: '优秀员工.png', base64: png(13) }, other)).attachment.id;
    });

    it('uploads into their own file, named by its content, and lists it with the union\'s uploads (no staff names, no hashes)', async () => {
      const f = await t.call('membership.myFile', {}, own);
      expect(f.unionName).toBeTruthy();
      expect(f.limits).toEqual({ maxBytes: 5 * 1024 * 1024, maxCount: 20 });
      expect(f.complete).toBe(true);
      expect(f.attachments.map((a) => [a.id, a.kind, a.kindLabel, a.uploadedBy])).toEqual([
        [staffUpload, 'health', '健康证明', 'union'],
        [mine, 'title', '职称证书', 'self'],
      ]);
      expect(f.attachments[1]).toMatchObject({ fileName: '职称证书.png', mimeType: 'image/png' });
      expect(JSON.stringify(f)).not.toMatch(/工会干部|sha256|优秀员工/);
      // Stored like a staff upload: sealed in the file store, the member recorded as who acted.
      const row = await t.host.storage.db.selectFrom('member_attachments').selectAll().where('id', '=', mine).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ uploaded_as: 'member', member_id: ownMemberId, union_id: 'bu-cy01' });
      const stored = (await t.host.files.get(row.file_key))!;
      expect(stored.includes(Buffer.from(png(11), 'base64').subarray(16, 40))).toBe(false);
    });

    it('downloads their own attachments, whoever uploaded them, audited', async () => {
      for (const [id, seed] of [[mine, 11], [staffUpload, 12]] as const) {
        const d = await t.call('membership.myAttachment', { attachmentId: id }, own);
        expect(d).toMatchObject({ id, mimeType: 'image/png', base64: png(seed) });
        const audit = await t.host.storage.db.selectFrom('audit_events').select('object_id').where('action', '=', 'membership.myAttachment').where('object_id', '=', id).execute();
        expect(audit).toHaveLength(1);
      }
    });

    it('cannot read or remove another member\'s attachment, nor a seeded one (identifier swap → not_found)', async () => {
      for (const id of [theirs, DEMO_ATTACHMENT_ID, DEMO_ATTACHMENT_ID_2, 'att_nope']) {
        expect((await t.refusal('membership.myAttachment', { attachmentId: id }, own)).reason).toBe('not_found');
        expect((await t.refusal('membership.removeOwnAttachment', { attachmentId: id }, own)).reason).toBe('not_found');
      }
      // Staff-side functions stay closed to the member.
      expect((await t.refusal('membership.attachment', { attachmentId: mine }, own)).reason).toBe('not_found');
      expect((await t.refusal('membership.memberFile', { memberId: ownMemberId }, own)).reason).toBe('not_found');
    });

    it('cannot remove what the union uploaded: forbidden with a clear message', async () => {
      const r = await t.refusal('membership.removeOwnAttachment', { attachmentId: staffUpload }, own);
      expect(r).toMatchObject({ reason: 'forbidden', rawMessage: '工会上传的材料请联系工会删除' });
      expect((await t.call('membership.myFile', {}, own)).attachments.map((a) => a.id)).toContain(staffUpload);
    });

    it('staff see the member\'s upload marked 会员本人上传', async () => {
      const f = await t.call('membership.memberFile', { memberId: ownMemberId }, staff);
      const byId = new Map(f.attachments.map((a) => [a.id, a]));
      expect(byId.get(mine)).toMatchObject({ uploadedByMember: true, uploadedBy: '会员本人' });
      expect(byId.get(staffUpload)).toMatchObject({ uploadedByMember: false });
      expect(byId.get(staffUpload)!.uploadedBy).not.toBe('会员本人');
    });

    it('refuses other types, files over 5 MB, bad base64 and unknown kinds like attach does', async () => {
      const svg = await t.refusal('membership.attachOwn', { kind: 'other', fileName: 'a.svg', base64: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64') }, own);
      expect(svg).toMatchObject({ reason: 'unsupported_file_type', code: 40070 });
      const big = Buffer.alloc(5 * 1024 * 1024 + 1);
      demoPng(1, 1, [0, 0, 0]).copy(big);
      expect(await t.refusal('membership.attachOwn', { kind: 'health', fileName: '体检.png', base64: big.toString('base64') }, own)).toMatchObject({ reason: 'file_too_large', code: 40071 });
      expect((await t.refusal('membership.attachOwn', { kind: 'health', fileName: '体检.png', base64: '@@@@' }, own)).fields?.[0]?.path).toBe('base64');
      expect((await t.refusal('membership.attachOwn', { kind: 'passport', fileName: 'x.png', base64: png(1) }, own)).fields?.[0]?.path).toBe('kind');
      // Nothing was stored or audited for the refusals.
      expect((await t.call('membership.myFile', {}, own)).attachments).toHaveLength(2);
    });

    it('removes their own upload (row kept, bytes deleted, audited without the file\'s content); again answers duplicate', async () => {
      const key = (await t.host.storage.db.selectFrom('member_attachments').select('file_key').where('id', '=', mine).executeTakeFirstOrThrow()).file_key;
      expect(await t.call('membership.removeOwnAttachment', { attachmentId: mine }, own)).toEqual({ id: mine, removed: true, duplicate: false, count: 1 });
      expect(await t.host.files.get(key)).toBeNull();
      expect((await t.call('membership.removeOwnAttachment', { attachmentId: mine }, own)).duplicate).toBe(true);
      expect((await t.refusal('membership.myAttachment', { attachmentId: mine }, own)).reason).toBe('not_found');
      expect((await t.call('membership.myFile', {}, own)).attachments.map((a) => a.id)).toEqual([staffUpload]);
      const db = t.host.storage.db;
      const events = await db.selectFrom('audit_events').select(['action', 'detail']).where('object_id', '=', mine).where('action', 'in', ['membership.attachOwn', 'membership.removeOwnAttachment']).orderBy('at').execute();
      expect(events.map((e) => e.action)).toEqual(['membership.attachOwn', 'membership.removeOwnAttachment']);
      const uploaded = JSON.parse(events[0].detail) as Record<string, unknown>;
      expect(uploaded).toMatchObject({ memberId: ownMemberId, kind: 'title', uploadedAs: 'member' });
      expect(JSON.stringify(uploaded)).not.toMatch(/职称证书|base64/);
      const row = await db.selectFrom('member_attachments').select(['removed_at', 'removed_by']).where('id', '=', mine).executeTakeFirstOrThrow();
      expect(row.removed_at).not.toBeNull();
    });

    it('a worker who is not a member has no file: not_member', async () => {
      const worker = await t.login('worker', undefined, 'own-file-worker');
      expect((await t.refusal('membership.myFile', {}, worker)).reason).toBe('not_member');
      expect((await t.refusal('membership.attachOwn', { kind: 'other', fileName: 'x.png', base64: png(2) }, worker)).reason).toBe('not_member');
      expect((await t.refusal('membership.myAttachment', { attachmentId: mine }, worker)).reason).toBe('not_found');
      expect((await t.refusal('membership.myFile', {})).reason).toBe('unauthenticated');
    });
  });
});
