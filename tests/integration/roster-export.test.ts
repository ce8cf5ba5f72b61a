/**
 * The roster export (issue 14 item 4), through the real host and SDK on both backends:
 * - `membership.exportRoster` (staff and chair) masks the ID numbers and phones;
 * - `membership.exportRosterFull` (the union's chair, with a reason) has the full numbers in the one
 *   worksheet of docs/roster-xlsx.md; who, when and why are in the document properties and the
 *   audit trail (with the row count), never in a sheet;
 * - at most 3 full exports per union per China day, atomic in the database (100 parallel calls).
 * The clock is faked (Date only) so a day can pass.
 */
import ExcelJS from 'exceljs';
import { parseIdNumber } from '../../cloud/contract/fields/id-number';
import { FULL_EXPORT_LIMIT_PER_DAY } from '../../cloud/domain/membership';
import { ROSTER_COLUMNS, SHEET_NAME } from '../../cloud/domain/roster-xlsx';
import { BACKENDS, startTestHost, type TestHost } from '../support/host';
import { freezeDateAt } from '../support/frozen-date';

jest.setTimeout(120_000);

const START = new Date('2026-11-25T08:00:00Z'); // 16:00 China time

freezeDateAt(START);

async function workbook(base64: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const bytes = Buffer.from(base64, 'base64');
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb;
}

/** Every cell text of every sheet. */
function cellTexts(wb: ExcelJS.Workbook): string[] {
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => out.push(String(cell.value ?? '')))));
  return out;
}

/** The values of one column (by header) below the header row. */
function column(wb: ExcelJS.Workbook, header: string): string[] {
  const ws = wb.worksheets[0];
  const index = ROSTER_COLUMNS.findIndex((c) => c.header === header) + 1;
  const values: string[] = [];
  for (let r = 2; r <= ws.rowCount; r++) values.push(String(ws.getRow(r).getCell(index).value ?? ''));
  return values;
}

describe.each(BACKENDS)('roster export on %s', (backend) => {
  let t: TestHost;
  let staff: string;
  let chair: string;
  const db = () => t.host.storage.db;
  const events = async (action: string, unionId: string) =>
    (await db().selectFrom('audit_events').select(['detail', 'actor_user_id']).where('action', '=', action).where('union_id', '=', unionId).execute()).map((e) => ({ ...e, detail: JSON.parse(e.detail) as Record<string, unknown> }));

  beforeAll(async () => {
    jest.setSystemTime(START);
    t = await startTestHost({ backend, clock: () => new Date() });
    [staff, chair] = await Promise.all([t.login('staff', 'bu-cy02', 'x'), t.login('chair', 'bu-cy02', 'x')]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('masks ID numbers and phones in the default export, for staff and chair of that union only, audited with the row count', async () => {
    for (const who of [staff, chair]) {
      const file = await t.call('membership.exportRoster', { unionId: 'bu-cy02' }, who);
      expect(file.fileName).toMatch(/^会员名册-老街美食城联合工会-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const wb = await workbook(file.base64);
      expect(wb.worksheets.map((w) => w.name)).toEqual([SHEET_NAME]);
      expect(file.rows).toBeGreaterThan(0);
      expect(column(wb, '身份证号')).toHaveLength(file.rows);
      for (const id of column(wb, '身份证号')) expect(id).toMatch(/^\d{3}\*{11}[\dX*]{4}$/);
      for (const phone of column(wb, '手机号')) expect(phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
      // No full number anywhere in the file.
      expect(cellTexts(wb).filter((v) => /\d{17}[\dX]|1[3-9]\d{9}/.test(v))).toEqual([]);
      expect(wb.title).toContain('号码已打码');
    }
    const audit = await events('membership.exportRoster', 'bu-cy02');
    expect(audit.map((a) => a.detail)).toContainEqual(expect.objectContaining({ status: 'active', numbers: 'masked' }));
    for (const who of [await t.login('staff', 'bu-cy01', 'x'), await t.login('industryAdmin', undefined, 'x'), await t.login('reviewer', 'bu-cy02', 'x')]) {
      expect((await t.refusal('membership.exportRoster', { unionId: 'bu-cy02' }, who)).reason).toBe('not_found');
    }
  });

  it('exports the full numbers for 报送 to the chair only, with a reason; one worksheet; who, when and why in the document properties and the audit trail', async () => {
    for (const who of [staff, await t.login('chair', 'bu-cy01', 'x'), await t.login('industryAdmin', undefined, 'x'), await t.login('reviewer', 'bu-cy02', 'x')]) {
      expect((await t.refusal('membership.exportRosterFull', { unionId: 'bu-cy02', reason: '报送全省实名制系统' }, who)).reason).toBe('not_found');
    }
    const noReason = await t.refusal('membership.exportRosterFull', { unionId: 'bu-cy02', reason: ' ' }, chair);
    expect([noReason.reason, noReason.fields?.[0]?.path]).toEqual(['validation_error', 'reason']);

    const reason = '2026年第四季度报送全省工会会员实名制系统';
    const file = await t.call('membership.exportRosterFull', { unionId: 'bu-cy02', reason }, chair);
    expect(file.fileName).toMatch(/^会员名册-报送-老街美食城联合工会-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(file.remainingToday).toBe(FULL_EXPORT_LIMIT_PER_DAY - 1);
    const wb = await workbook(file.base64);
    // The one worksheet of docs/roster-xlsx.md, nothing added that the provincial system would reject.
    expect(wb.worksheets.map((w) => w.name)).toEqual([SHEET_NAME]);
    expect(wb.worksheets[0].getRow(1).values).toEqual([undefined, ...ROSTER_COLUMNS.map((c) => c.header)]);
    expect(wb.worksheets[0].rowCount - 1).toBe(file.rows);
    for (const id of column(wb, '身份证号')) expect(parseIdNumber(id, '2100-01-01').ok).toBe(true);
    for (const phone of column(wb, '手机号')) expect(phone).toMatch(/^1[3-9]\d{9}$/);
    expect(cellTexts(wb).some((v) => v.includes(reason))).toBe(false);
    // Who, when, why: the document properties (文件 → 属性).
    const chairName = (await t.call('auth.me', {}, chair)).user.displayName;
    expect(wb.creator).toBe(chairName);
    expect(wb.lastModifiedBy).toBe(chairName);
    expect(wb.subject).toBe('报送全省工会会员实名制系统');
    expect(wb.description).toContain(`事由：${reason}`);
    expect(wb.description).toContain(`导出人：${chairName}`);
    expect(wb.description).toContain('2026-11-25 16:00');
    expect(wb.created?.toISOString()).toBe(START.toISOString());
    // And the audit trail, with the row count (never a number from the file).
    const audit = await events('membership.exportRosterFull', 'bu-cy02');
    expect(audit.map((a) => a.detail)).toEqual([{ reason, rows: file.rows, status: 'active', numbers: 'full', day: '2026-11-25', slot: 1 }]);
    const ids = column(wb, '身份证号');
    expect(JSON.stringify(audit)).not.toContain(ids[0]);
  });

  it(`allows ${FULL_EXPORT_LIMIT_PER_DAY} full exports per union per day, atomically: 100 calls at once give ${FULL_EXPORT_LIMIT_PER_DAY} files`, async () => {
    jest.setSystemTime(new Date('2026-11-26T02:00:00Z'));
    const chair3 = await t.login('chair', 'bu-cy03', 'burst');
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        t.call('membership.exportRosterFull', { unionId: 'bu-cy03', reason: `批量报送 ${i}` }, chair3).then(
          (file) => ({ ok: true as const, remaining: file.remainingToday }),
          (err: { code?: number }) => ({ ok: false as const, code: err.code }),
        ),
      ),
    );
    const files = outcomes.filter((o) => o.ok);
    expect(files.map((f) => f.remaining).sort()).toEqual([0, 1, 2]);
    expect(outcomes.filter((o) => !o.ok).map((o) => o.code)).toEqual(Array(97).fill(429));
    const quota = await db().selectFrom('roster_export_quota').select(['day', 'used']).where('union_id', '=', 'bu-cy03').execute();
    expect(quota.map((q) => [q.day, Number(q.used)])).toEqual([['2026-11-26', 3]]);
    expect((await events('membership.exportRosterFull', 'bu-cy03')).map((e) => e.detail.slot).sort()).toEqual([1, 2, 3]);
    expect(await events('membership.exportRosterFull.refused', 'bu-cy03')).toHaveLength(97);
    // Another union's chair is not held up by this one's limit; this union gets three more tomorrow (China time).
    // (Fresh logins: a staff session ends after 8 idle hours.)
    const chair2 = await t.login('chair', 'bu-cy02', 'next-day');
    expect((await t.call('membership.exportRosterFull', { unionId: 'bu-cy02', reason: '补充报送' }, chair2)).remainingToday).toBe(FULL_EXPORT_LIMIT_PER_DAY - 1);
    jest.setSystemTime(new Date('2026-11-26T15:59:00Z'));
    const chair3Later = await t.login('chair', 'bu-cy03', 'burst-later');
    expect((await t.refusal('membership.exportRosterFull', { unionId: 'bu-cy03', reason: '再次报送' }, chair3Later)).reason).toBe('rate_limited');
    jest.setSystemTime(new Date('2026-11-26T16:00:00Z'));
    expect((await t.call('membership.exportRosterFull', { unionId: 'bu-cy03', reason: '再次报送' }, chair3Later)).remainingToday).toBe(2);
  });
});
