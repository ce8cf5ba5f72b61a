/**
 * Committees and the standardisation checklist (规范化建设) through the real host and SDK, on
 * SQLite and (with TEST_DATABASE_URL) PostgreSQL, over the demo seed: bu-cy01 has a complete
 * union committee, bu-cy02 an even-sized committee whose term has ended, bu-cy03 the best record.
 */
import ExcelJS from 'exceljs';
import { addMonths, previousQuarters } from '../../cloud/domain/organisation';
import { demoPdf, demoPng } from '../../cloud/seed/files-demo';
import { chinaDate } from '../../cloud/domain/time';
import { BACKENDS, startTestHost, type TestHost } from '../support/host';

jest.setTimeout(120_000);

const PHOTO = demoPng(20, 20, [10, 120, 200]).toString('base64');

describe.each(BACKENDS)('organisation on %s', (backend) => {
  let t: TestHost;
  let staff: string;
  let staff2: string;
  let otherStaff: string;
  let admin: string;
  const today = () => chinaDate(new Date());

  beforeAll(async () => {
    t = await startTestHost({ backend });
    staff = await t.login('staff', 'bu-cy01', 'org');
    staff2 = await t.login('staff', 'bu-cy02', 'org');
    otherStaff = await t.login('staff', 'bu-cy02', 'org-other');
    admin = await t.login('industryAdmin', undefined, 'org');
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows the three committees with seats, live counts and the rules checked', async () => {
    const r = await t.call('org.committees', { unionId: 'bu-cy01' }, staff);
    const active = await t.host.storage.db.selectFrom('members').select('gender').where('union_id', '=', 'bu-cy01').where('status', '=', 'active').execute();
    expect(r.members).toBe(active.length);
    expect(r.women).toBe(active.filter((m) => m.gender === 'female').length);
    expect(r.committees.map((c) => c.kind)).toEqual(['union', 'audit', 'women']);
    const union = r.committees[0];
    expect(union.seats.map((s) => s.role)).toEqual(['chair', 'vice_chair', 'member']);
    expect(union.electionStatus).toBe('approved');
    expect(union.problems).toEqual([]);
    // Below 25 members one 经审员 suffices.
    expect(r.committees[1]).toMatchObject({ form: 'single', requiredForm: 'single', label: '经费审查员', problems: [] });

    const r2 = await t.call('org.committees', { unionId: 'bu-cy02' }, staff2);
    expect(r2.committees[0].problems.join()).toMatch(/单数/);
    expect(r2.committees[0].reelection).toBe('overdue');
    expect(r2.committees[1].exists).toBe(false);
    // The industry admin sees every base union's overdue re-election.
    const ind = await t.call('org.committees', { unionId: 'ind-cy' }, admin);
    expect(ind.reelections.some((x) => x.unionId === 'bu-cy02' && x.state === 'overdue')).toBe(true);
  });

  it('another base union\'s staff get not_found for every organisation function', async () => {
    for (const [name, input] of [
      ['org.committees', { unionId: 'bu-cy01' }],
      ['org.compliance', { unionId: 'bu-cy01' }],
      ['org.tickItem', { unionId: 'bu-cy01', item: 'office', done: true, photoBase64: PHOTO }],
      ['org.tickPhoto', { unionId: 'bu-cy01', item: 'sign' }],
      ['org.recordChairReport', { unionId: 'bu-cy01', year: 2025, reportedOn: '2026-01-10' }],
      ['org.exportComplianceOverview', { unionId: 'ind-cy' }],
      ['org.setSeat', { unionId: 'bu-cy01', kind: 'union', role: 'member', personName: '张三' }],
      ['org.setTerm', { unionId: 'bu-cy01', kind: 'union', form: 'committee', termStart: '2026-01-01', termEnd: '2030-01-01' }],
      ['org.recordElection', { unionId: 'bu-cy01', kind: 'union', status: 'pending' }],
      ['org.complianceOverview', { unionId: 'ind-cy' }],
    ] as const) {
      expect([name, (await t.refusal(name, input, otherStaff)).reason]).toEqual([name, 'not_found']);
    }
  });

  it('refuses a term outside 3–5 years, and a late re-election without the upper union\'s approval', async () => {
    const short = await t.refusal('org.setTerm', { unionId: 'bu-cy02', kind: 'women', form: 'single', termStart: '2026-01-01', termEnd: '2028-12-31' }, staff2);
    expect(short.fields?.[0]).toMatchObject({ path: 'termEnd', message: '每届任期至少 3 年' });
    const long = await t.refusal('org.setTerm', { unionId: 'bu-cy02', kind: 'women', form: 'single', termStart: '2026-01-01', termEnd: '2031-01-02' }, staff2);
    expect(long.fields?.[0]?.path).toBe('termEnd');
    const impossible = await t.refusal('org.setTerm', { unionId: 'bu-cy02', kind: 'women', form: 'single', termStart: '2026-02-30', termEnd: '2030-01-01' }, staff2);
    expect(impossible.fields?.[0]).toMatchObject({ path: 'termStart', message: '没有这一天' });
    const start = today();
    const late = await t.refusal('org.setTerm', { unionId: 'bu-cy02', kind: 'union', form: 'committee', termStart: start, termEnd: addMonths(start, 60) }, staff2);
    expect(late.fields?.[0]).toMatchObject({ path: 'upperApprovalFile', message: '延期换届须上传上级工会的书面批复（图片或 PDF）' });
    // A reference number alone is not the written approval.
    const noteOnly = await t.refusal('org.setTerm', { unionId: 'bu-cy02', kind: 'union', form: 'committee', termStart: start, termEnd: addMonths(start, 60), upperApprovalNote: '青餐工〔2026〕12号' }, staff2);
    expect(noteOnly.fields?.[0]?.path).toBe('upperApprovalFile');
  });

  it('seats and elections need the committee\'s term first; the checklist is for base unions, the overview for industry unions', async () => {
    const needsTerm = { path: 'kind', message: '请先设置该委员会的任期' };
    expect((await t.refusal('org.setSeat', { unionId: 'bu-cy02', kind: 'audit', role: 'member', personName: '王丽' }, staff2)).fields?.[0]).toEqual(needsTerm);
    expect((await t.refusal('org.recordElection', { unionId: 'bu-cy02', kind: 'audit', status: 'pending' }, staff2)).fields?.[0]).toEqual(needsTerm);
    expect((await t.refusal('org.compliance', { unionId: 'ind-cy' }, admin)).fields?.[0]).toEqual({ path: 'unionId', message: '规范化建设检查针对基层工会' });
    expect((await t.refusal('org.complianceOverview', { unionId: 'bu-cy01' }, staff)).fields?.[0]).toEqual({ path: 'unionId', message: '总览针对行业工会' });
  });

  it('an early re-election keeps the upper union\'s approval document, sealed at rest, downloadable by that union\'s staff only (audited)', async () => {
    const staff3 = await t.login('staff', 'bu-cy03', 'org');
    const cy03 = (await t.call('org.committees', { unionId: 'bu-cy03' }, staff3)).committees.find((c) => c.kind === 'audit')!;
    const start = today(); // the seeded 经审员 term ends in about 50 months: today is early
    const base = { unionId: 'bu-cy03', kind: 'audit' as const, form: 'single' as const, termStart: start, termEnd: addMonths(start, 60) };
    const early = await t.refusal('org.setTerm', base, staff3);
    expect(early.fields?.[0]).toMatchObject({ path: 'upperApprovalFile', message: '提前换届须上传上级工会的书面批复（图片或 PDF）' });
    const text = await t.refusal('org.setTerm', { ...base, upperApprovalFile: { fileName: '批复.pdf', base64: Buffer.from('not a pdf at all').toString('base64') } }, staff3);
    expect(text.reason).toBe('unsupported_file_type');
    const png = demoPng(40, 30, [200, 40, 40]);
    const done = await t.call('org.setTerm', { ...base, upperApprovalNote: '青餐工〔2026〕15号', upperApprovalFile: { fileName: '提前换届批复.jpeg', base64: png.toString('base64') } }, staff3);
    expect(done.upperApprovalFile).toMatchObject({ timing: 'early', fileName: '提前换届批复.png', mimeType: 'image/png', sizeBytes: png.length });
    const fileId = done.upperApprovalFile!.id;
    const shown = (await t.call('org.committees', { unionId: 'bu-cy03' }, staff3)).committees.find((c) => c.kind === 'audit')!;
    expect(shown).toMatchObject({ termStart: start, upperApprovalNote: '青餐工〔2026〕15号', upperApprovalFile: { id: fileId, timing: 'early' } });
    expect(cy03.upperApprovalFile).toBeNull();

    // Sealed at rest: the store holds ciphertext, the download the original bytes.
    const row = await t.host.storage.db.selectFrom('committee_approval_files').selectAll().where('id', '=', fileId).executeTakeFirstOrThrow();
    const stored = await t.host.files.get(row.file_key);
    expect(stored && stored.includes(png.subarray(0, 16))).toBe(false);
    const got = await t.call('org.approvalFile', { unionId: 'bu-cy03', fileId }, staff3);
    expect(Buffer.from(got.base64, 'base64').equals(png)).toBe(true);
    expect(await t.call('org.approvalFile', { unionId: 'bu-cy03', fileId }, admin)).toMatchObject({ id: fileId });
    expect((await t.refusal('org.approvalFile', { unionId: 'bu-cy03', fileId }, staff2)).reason).toBe('not_found');
    expect((await t.refusal('org.approvalFile', { unionId: 'bu-cy02', fileId }, staff2)).reason).toBe('not_found');
    const audits = await t.host.storage.db.selectFrom('audit_events').select('action').where('object_id', '=', fileId).execute();
    expect(audits.map((a) => a.action)).toEqual(['org.approvalFile', 'org.approvalFile']);

    // Correcting the same term keeps its document; the end may move within 3–5 years.
    const corrected = await t.call('org.setTerm', { ...base, termEnd: addMonths(start, 48) }, staff3);
    expect(corrected.upperApprovalFile?.id).toBe(fileId);
  });

  it('a re-election with approval, an odd committee and the approved chair raise bu-cy02\'s score', async () => {
    const before = await t.call('org.compliance', { unionId: 'bu-cy02' }, staff2);
    expect(before.items.find((i) => i.key === 'term')).toMatchObject({ status: 'fail' });
    expect(before.items.find((i) => i.key === 'term')?.nextStep).toMatch(/换届/);
    const start = today();
    const set = await t.call('org.setTerm', { unionId: 'bu-cy02', kind: 'union', form: 'committee', termStart: start, termEnd: addMonths(start, 60), upperApprovalNote: '青餐工〔2026〕12号 同意延期换届', upperApprovalFile: { fileName: '延期换届批复.pdf', base64: demoPdf('approval').toString('base64') } }, staff2);
    expect(set.upperApprovalFile).toMatchObject({ timing: 'late', termStart: start, mimeType: 'application/pdf', fileName: '延期换届批复.pdf' });
    const mid = await t.call('org.compliance', { unionId: 'bu-cy02' }, staff2);
    expect(mid.items.find((i) => i.key === 'term')?.status).toBe('pass');
    expect(mid.score).toBeGreaterThan(before.score);

    // A fifth seat makes the committee odd; a named person may hold it.
    const seat = await t.call('org.setSeat', { unionId: 'bu-cy02', kind: 'union', role: 'member', personName: '老街小吃店 陈师傅' }, staff2);
    expect(seat.seat?.name).toBe('老街小吃店 陈师傅');
    const again = await t.call('org.setSeat', { unionId: 'bu-cy02', kind: 'union', role: 'member', personName: '老街小吃店 陈师傅' }, staff2);
    expect(again.seat?.id).toBe(seat.seat?.id);
    expect((await t.refusal('org.recordElection', { unionId: 'bu-cy02', kind: 'union', status: 'approved' }, staff2)).fields?.[0]?.path).toBe('approvalRef');
    await t.call('org.recordElection', { unionId: 'bu-cy02', kind: 'union', status: 'approved', approvalRef: '青餐工〔2026〕13号' }, admin);
    const after = await t.call('org.compliance', { unionId: 'bu-cy02' }, staff2);
    expect(after.items.find((i) => i.key === 'committee_union')?.status).toBe('pass');
    expect(after.items.find((i) => i.key === 'chair_approved')?.status).toBe('pass');
    expect(after.score).toBeGreaterThan(mid.score);
  });

  it('a new chair replaces the old one and puts the election back to 待批准; a vacated seat shows as a vacancy', async () => {
    const members = await t.call('membership.roster', { unionId: 'bu-cy01' }, staff);
    const c0 = await t.call('org.committees', { unionId: 'bu-cy01' }, staff);
    const oldChair = c0.committees[0].seats.find((s) => s.role === 'chair')!;
    const next = members.items.find((m) => !c0.committees[0].seats.some((s) => s.memberId === m.memberId))!;
    const r = await t.call('org.setSeat', { unionId: 'bu-cy01', kind: 'union', role: 'chair', memberId: next.memberId }, staff);
    expect(r.ended).toBe(oldChair.id);
    const c1 = await t.call('org.committees', { unionId: 'bu-cy01' }, staff);
    expect(c1.committees[0].electionStatus).toBe('pending');
    expect(c1.committees[0].seats.filter((s) => s.role === 'chair').map((s) => s.memberId)).toEqual([next.memberId]);
    // A member of another union cannot hold a seat here.
    const foreign = await t.host.storage.db.selectFrom('members').select('id').where('union_id', '=', 'bu-cy02').executeTakeFirstOrThrow();
    expect((await t.refusal('org.setSeat', { unionId: 'bu-cy01', kind: 'union', role: 'member', memberId: foreign.id }, staff)).fields?.[0]?.path).toBe('memberId');
    // Ending the chair's seat leaves 主席空缺 until filled.
    const chairSeat = c1.committees[0].seats.find((s) => s.role === 'chair')!;
    await t.call('org.setSeat', { unionId: 'bu-cy01', kind: 'union', role: 'chair', endSeatId: chairSeat.id }, staff);
    const c2 = await t.call('org.committees', { unionId: 'bu-cy01' }, staff);
    expect(c2.committees[0].vacancies).toEqual(['主席空缺']);
    const comp = await t.call('org.compliance', { unionId: 'bu-cy01' }, staff);
    expect(comp.items.find((i) => i.key === 'chair_approved')).toMatchObject({ status: 'fail', detail: '主席空缺' });
    // Another union's seat id is not found here.
    const seat02 = await t.host.storage.db.selectFrom('committee_seats').select('id').where('committee_id', 'like', '%bu-cy02%').executeTakeFirstOrThrow();
    expect((await t.refusal('org.setSeat', { unionId: 'bu-cy01', kind: 'union', role: 'member', endSeatId: seat02.id }, staff)).reason).toBe('not_found');
  });

  it('the overview lists every base union, lowest score first; the best one has activity records every quarter', async () => {
    const o = await t.call('org.complianceOverview', { unionId: 'ind-cy' }, admin);
    expect(o.items.map((i) => i.unionId).sort()).toEqual(['bu-cy01', 'bu-cy02', 'bu-cy03']);
    const scores = o.items.map((i) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    const cy03 = await t.call('org.compliance', { unionId: 'bu-cy03' }, admin);
    expect(cy03.items.find((i) => i.key === 'activity_quarterly')?.status).toBe('pass');
    // Small seeded rosters: every unit is below the 80% target; the rate per unit is shown.
    expect(cy03.items.find((i) => i.key === 'membership_rate')).toMatchObject({ status: 'fail' });
    // 大众快餐 published only one of the last four quarters in the demo: the notice item fails and names the rest.
    expect(cy03.items.find((i) => i.key === 'fund_notice')).toMatchObject({ status: 'fail' });
    expect(cy03.items.find((i) => i.key === 'fund_notice')?.detail).toMatch(/未按时公示/);
    expect(cy03.scored).toBe(cy03.items.length);
  });

  it('the configurable target changes the membership-rate item', async () => {
    await t.call('org.setComplianceTarget', { unionId: 'ind-cy', membershipRateTarget: 3 }, admin);
    const r = await t.call('org.compliance', { unionId: 'bu-cy03' }, admin);
    expect(r.membershipRateTarget).toBe(3);
    expect(r.items.find((i) => i.key === 'membership_rate')?.status).toBe('pass');
    await t.call('org.setComplianceTarget', { unionId: 'ind-cy', membershipRateTarget: 80 }, admin);
    expect((await t.refusal('org.setComplianceTarget', { unionId: 'ind-cy', membershipRateTarget: 50 }, staff)).reason).toBe('not_found');
  });

  it('staff tick a manual item with a photo and a note; withdrawing it fails the item again and removes the photo', async () => {
    await t.call('org.tickItem', { unionId: 'bu-cy01', item: 'office', done: true, note: '后厨二楼 12 平米', photoBase64: PHOTO }, staff);
    let r = await t.call('org.compliance', { unionId: 'bu-cy01' }, staff);
    expect(r.items.find((i) => i.key === 'office')).toMatchObject({ status: 'pass', manual: true, note: '后厨二楼 12 平米', photo: { mimeType: 'image/png' } });
    const photo = await t.call('org.tickPhoto', { unionId: 'bu-cy01', item: 'office' }, staff);
    expect(photo).toMatchObject({ mimeType: 'image/png', fileName: '有固定办公场所.png' });
    expect(photo.base64).toBe(PHOTO);
    // The industry admin sees it too; the note alone can change while the photo stays.
    await t.call('org.tickItem', { unionId: 'bu-cy01', item: 'office', done: true, note: '后厨二楼' }, admin);
    expect((await t.call('org.tickPhoto', { unionId: 'bu-cy01', item: 'office' }, admin)).base64).toBe(PHOTO);
    const key = (await t.host.storage.db.selectFrom('compliance_ticks').select('photo_key').where('union_id', '=', 'bu-cy01').where('item', '=', 'office').executeTakeFirstOrThrow()).photo_key!;
    expect(await t.host.files.get(key)).not.toBeNull();

    await t.call('org.tickItem', { unionId: 'bu-cy01', item: 'office', done: false }, staff);
    r = await t.call('org.compliance', { unionId: 'bu-cy01' }, staff);
    expect(r.items.find((i) => i.key === 'office')).toMatchObject({ status: 'fail', photo: null });
    expect(r.items.find((i) => i.key === 'office')?.nextStep).toMatch(/办公场所/);
    expect((await t.refusal('org.tickPhoto', { unionId: 'bu-cy01', item: 'office' }, staff)).reason).toBe('not_found');
    // The withdrawn photo's bytes are gone from the store.
    expect(await t.host.files.get(key)).toBeNull();
  });

  it('ticking needs a photo as evidence: an image, not a PDF, of at most 2 MB', async () => {
    const none = await t.refusal('org.tickItem', { unionId: 'bu-cy01', item: 'rules', done: true, note: '已上墙' }, staff);
    expect(none).toMatchObject({ reason: 'evidence_required', code: 40072 });
    expect(none.rawMessage).toMatch(/照片/);
    const pdf = await t.refusal('org.tickItem', { unionId: 'bu-cy01', item: 'rules', done: true, photoBase64: demoPdf('x').toString('base64') }, staff);
    expect(pdf).toMatchObject({ reason: 'unsupported_file_type', code: 40070 });
    const big = Buffer.alloc(2 * 1024 * 1024 + 1);
    demoPng(1, 1, [0, 0, 0]).copy(big);
    const tooBig = await t.refusal('org.tickItem', { unionId: 'bu-cy01', item: 'rules', done: true, photoBase64: big.toString('base64') }, staff);
    expect(tooBig).toMatchObject({ reason: 'file_too_large', code: 40071 });
    expect(tooBig.rawMessage).toMatch(/2 MB/);
    const garbage = await t.refusal('org.tickItem', { unionId: 'bu-cy01', item: 'rules', done: true, photoBase64: 'not base64!' }, staff);
    expect(garbage.fields?.[0]?.path).toBe('photoBase64');
    const r = await t.call('org.compliance', { unionId: 'bu-cy01' }, staff);
    expect(r.items.find((i) => i.key === 'rules')?.status).toBe('fail');
  });

  it('the chair report item passes once last year\'s report to the congress is recorded, and says what to do until then', async () => {
    const year = Number(today().slice(0, 4));
    let r = await t.call('org.compliance', { unionId: 'bu-cy02' }, staff2);
    const before = r.items.find((i) => i.key === 'chair_report');
    expect(before).toMatchObject({ status: 'fail', detail: '尚无述职记录' });
    expect(before?.nextStep).toMatch(new RegExp(`${year - 1} 年度`));
    const future = await t.refusal('org.recordChairReport', { unionId: 'bu-cy02', year, reportedOn: `${year + 1}-01-10` }, staff2);
    expect(future.fields?.[0]?.path).toBe('reportedOn');
    const early = await t.refusal('org.recordChairReport', { unionId: 'bu-cy02', year: year - 1, reportedOn: `${year - 2}-12-30` }, staff2);
    expect(early.fields?.[0]).toMatchObject({ path: 'reportedOn', message: '述职日期不能早于所述年度' });
    const on = `${year - 1}-12-20`;
    const first = await t.call('org.recordChairReport', { unionId: 'bu-cy02', year: year - 1, reportedOn: on, note: '会员大会' }, staff2);
    expect(first).toEqual({ year: year - 1, reportedOn: on, note: '会员大会', duplicate: false });
    expect((await t.call('org.recordChairReport', { unionId: 'bu-cy02', year: year - 1, reportedOn: on, note: '会员大会' }, staff2)).duplicate).toBe(true);
    r = await t.call('org.compliance', { unionId: 'bu-cy02' }, staff2);
    expect(r.items.find((i) => i.key === 'chair_report')).toMatchObject({ status: 'pass', nextStep: null });
    expect(r.chairReports).toEqual([{ year: year - 1, reportedOn: on, note: '会员大会' }]);
    // The industry union's own record is not a base union's checklist.
    expect((await t.refusal('org.recordChairReport', { unionId: 'ind-cy', year: year - 1, reportedOn: on }, admin)).reason).toBe('validation_error');
  });

  it('exports the overview as .xlsx: one row per base union with score and failing items, and one row per failing item with the next step', async () => {
    const o = await t.call('org.complianceOverview', { unionId: 'ind-cy' }, admin);
    const file = await t.call('org.exportComplianceOverview', { unionId: 'ind-cy' }, admin);
    expect(file.fileName).toMatch(/^规范化建设总览-.*\.xlsx$/);
    expect(file.rows).toBe(3);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('规范化建设总览')!;
    expect(ws.getRow(1).values).toEqual([undefined, '序号', '基层工会', '得分', '达标项', '未达标项']);
    o.items.forEach((item, i) => {
      expect(ws.getRow(i + 2).getCell(2).value).toBe(item.unionName);
      expect(ws.getRow(i + 2).getCell(3).value).toBe(item.score);
    });
    const failing = wb.getWorksheet('未达标项')!;
    expect(failing.rowCount - 1).toBe(o.items.reduce((n, i) => n + i.failing.length, 0));
    expect(String(failing.getRow(2).getCell(4).value)).not.toBe('');
    // The industry union's staff may export it too; a base union's staff may not.
    expect((await t.call('org.exportComplianceOverview', { unionId: 'ind-cy' }, await t.login('staff', 'ind-cy', 'org-ind'))).rows).toBe(3);
    expect((await t.refusal('org.exportComplianceOverview', { unionId: 'ind-cy' }, staff)).reason).toBe('not_found');
    expect((await t.refusal('org.exportComplianceOverview', { unionId: 'bu-cy01' }, staff)).reason).toBe('validation_error');
  });

  it('scores 每季度按时公开经费收支 from the published fund notices of the last four quarters', async () => {
    let r = await t.call('org.compliance', { unionId: 'bu-cy01' }, staff);
    const before = r.items.find((i) => i.key === 'fund_notice');
    expect(before?.status).toBe('fail');
    expect(before?.nextStep).toMatch(/经费公示/);
    // Publish (directly, as the funds module would) an on-time first version for every quarter still missing.
    const db = t.host.storage.db;
    const me = await t.call('auth.me', {}, staff);
    const today = chinaDate(new Date());
    const existing = (await db.selectFrom('fund_notices').select('period_key').where('union_id', '=', 'bu-cy01').execute()).map((n) => n.period_key);
    for (const q of previousQuarters(today, 4)) {
      const key = `${q.from.slice(0, 4)}-Q${(Number(q.from.slice(5, 7)) - 1) / 3 + 1}`;
      if (existing.includes(key)) continue;
      await db
        .insertInto('fund_notices')
        .values({ id: `ntc_test_${key}`, union_id: 'bu-cy01', period_key: key, version: 1, hash: 'x', content: '{}', opening_fen: 0, income_fen: 0, expense_fen: 0, closing_fen: 0, published_by: me.user.id, published_at: new Date(`${q.to}T12:00:00+08:00`).toISOString() })
        .execute();
    }
    r = await t.call('org.compliance', { unionId: 'bu-cy01' }, staff);
    expect(r.items.find((i) => i.key === 'fund_notice')).toMatchObject({ status: 'pass', nextStep: null });
  });
});
