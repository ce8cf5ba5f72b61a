import ExcelJS from 'exceljs';
import { IMPORT_MAX_BODY_BYTES, IMPORT_MAX_FILE_BYTES, IMPORT_MAX_ROWS } from '../contract/membership/labels';
import { demoPerson } from './demo-people';
import { buildIdNumber, parseIdNumber } from '../contract/fields/id-number';
import { ROSTER_COLUMNS, SHEET_NAME, readRosterXlsx, writeRosterXlsx, type RosterExportRow } from './roster-xlsx';

const TODAY = '2026-11-25';

function exportRow(seed: string, overrides: Partial<RosterExportRow> = {}): RosterExportRow {
  const p = demoPerson(seed);
  const id = parseIdNumber(p.idNumber, TODAY);
  if (!id.ok) throw new Error('bad demo person');
  return {
    name: p.name,
    gender: id.gender,
    ethnicity: p.ethnicity,
    birthDate: id.birthDate,
    idNumber: id.value,
    phone: p.phone,
    education: p.education,
    politicalStatus: p.politicalStatus,
    householdType: p.householdType,
    unitName: '青山县味香园餐饮有限公司',
    job: p.job,
    joinedDate: '2026-01-05',
    memberNo: 'CY01-000001',
    unionName: '味香园餐饮有限公司工会',
    status: 'active',
    ...overrides,
  };
}

/** A sheet written cell by cell, as a staffer would type it. */
async function sheet(rows: (string | number | Date | null)[][], headers: string[] = ROSTER_COLUMNS.map((c) => c.header)): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET_NAME);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const read = (file: Buffer, maxRows = IMPORT_MAX_ROWS) => readRosterXlsx(file, { today: TODAY, maxRows });

describe('roster .xlsx', () => {
  it('writes the documented columns, with ID numbers and phones as text, and reads its own export back', async () => {
    const rows = [exportRow('a'), exportRow('b', { status: 'left' }), exportRow('c', { householdType: '非农业户口' })];
    const file = await writeRosterXlsx(rows, { unionName: '味香园餐饮有限公司工会', exportedAt: new Date('2026-11-25T08:00:00Z') });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
    const ws = wb.getWorksheet(SHEET_NAME)!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(ROSTER_COLUMNS.map((c) => c.header));
    expect(ws.getRow(2).getCell(6).value).toBe(rows[0].idNumber);
    expect(typeof ws.getRow(2).getCell(7).value).toBe('string');
    expect(ws.getRow(2).getCell(11).value).toBe(rows[0].householdType.startsWith('农业') ? '是' : '否');

    const back = await read(file);
    expect(back.totalRows).toBe(3);
    // The member who left is reported, not imported.
    expect(back.problems).toEqual([{ row: 3, field: '会籍状态', problem: '“已退会”的人员不导入（只导入在册会员）' }]);
    expect(back.rows.map((r) => [r.row, r.idNumber, r.phone, r.joinedDate])).toEqual([
      [2, rows[0].idNumber, rows[0].phone, '2026-01-05'],
      [4, rows[2].idNumber, rows[2].phone, '2026-01-05'],
    ]);
  });

  it('reports each bad cell as {row, field, problem} without echoing the number', async () => {
    const good = exportRow('good');
    const wrongCheck = good.idNumber.slice(0, 17) + (good.idNumber[17] === '0' ? '1' : '0');
    const file = await sheet([
      [1, '张三', '', '汉族', '', good.idNumber, good.phone, '高中', '群众', '非农业户口', '', '张记面馆', '厨师', '', '', '', ''],
      [2, '李', '', '汉', '', wrongCheck, '12345', '博士', '党员', '城镇', '', '', '', '2099-01-01', '', '', ''],
      [3, '王五', '女', '汉族', '1990-01-01', good.idNumber, good.phone, '高中', '群众', '非农业户口', '', '张记面馆', '厨师', '', '', '', ''],
    ]);
    const r = await read(file);
    expect(r.rows.map((x) => x.row)).toEqual([2]);
    const at = (row: number) => r.problems.filter((p) => p.row === row).map((p) => p.field);
    expect(at(3)).toEqual(['姓名', '身份证号', '手机号', '民族', '学历', '政治面貌', '户籍类型', '工作单位', '岗位', '入会日期']);
    expect(at(4)).toEqual(expect.arrayContaining(['身份证号', '出生日期']));
    expect(r.problems.find((p) => p.row === 4 && p.field === '身份证号')?.problem).toBe('与第 2 行的身份证号重复');
    expect(JSON.stringify(r.problems)).not.toContain(wrongCheck);
  });

  it('spots an ID number that Excel stored as a number', async () => {
    const good = exportRow('numeric');
    const file = await sheet([[1, '张三', '', '汉族', '', Number(good.idNumber.slice(0, 17)) * 10, good.phone, '高中', '群众', '非农业户口', '', '张记面馆', '厨师', '', '', '', '']]);
    const r = await read(file);
    expect(r.problems).toEqual([{ row: 2, field: '身份证号', problem: expect.stringContaining('存成了数字') }]);
  });

  it('accepts columns in any order, dates typed as dates, a lower-case x and a +86 phone', async () => {
    const id = buildIdNumber({ area: '110105', birthDate: '1985-03-09', sequence: 20 });
    const withX = id.endsWith('X') ? id.toLowerCase() : id;
    const file = await sheet(
      [['厨师', '张记面馆', '非农业户口', '群众', '本科', '+86 139 0000 1111', withX, '回族', '马丽', new Date(Date.UTC(2020, 4, 1))]],
      ['岗位', '工作单位', '户籍类型', '政治面貌', '学历', '手机号', '身份证号', '民族', '姓名', '入会日期'],
    );
    const r = await read(file);
    expect(r.problems).toEqual([]);
    expect(r.rows[0]).toMatchObject({ name: '马丽', idNumber: id.toUpperCase(), phone: '13900001111', ethnicity: '回族', joinedDate: '2020-05-01' });
  });

  it('refuses files that are not a roster: not xlsx, no header, missing columns, too many rows', async () => {
    expect((await read(Buffer.from('not a spreadsheet'))).problems[0]).toMatchObject({ row: 0, field: '文件' });
    expect((await read(await sheet([['x']], ['名字', '号码']))).problems[0]).toMatchObject({ row: 0, field: '表头' });
    expect((await read(await sheet([], ['姓名', '身份证号']))).problems[0].problem).toContain('缺少必填列：民族、手机号');
    const many = await sheet(Array.from({ length: 4 }, (_, i) => [i, '张三']));
    expect((await read(many, 3)).problems[0]).toMatchObject({ row: 0, problem: expect.stringContaining('一次最多导入 3 行') });
  });

  it(`keeps a full-size import (${IMPORT_MAX_ROWS} rows) within the file limit that fits membership.importRoster's request body`, async () => {
    // Distinct ID numbers (random demo people collide at this size): the birth date walks by day, the sequence by row.
    const rows = Array.from({ length: IMPORT_MAX_ROWS }, (_, i) => {
      const birthDate = new Date(Date.UTC(1980, 0, 1 + Math.floor(i / 1000))).toISOString().slice(0, 10);
      const idNumber = buildIdNumber({ area: '330106', birthDate, sequence: i % 1000 });
      return exportRow(`size:${i}`, { name: '欧阳娜娜', idNumber, birthDate, gender: (i % 1000) % 2 ? 'male' : 'female', unitName: '青山县大众快餐连锁有限公司第一分店', memberNo: `CY03-${String(i).padStart(6, '0')}` });
    });
    const file = await writeRosterXlsx(rows, { unionName: '大众快餐连锁有限公司工会', exportedAt: new Date() });
    const base64Bytes = Math.ceil(file.length / 3) * 4;
    process.stdout.write(`roster xlsx: ${IMPORT_MAX_ROWS} rows = ${(file.length / 1024).toFixed(0)} KiB, base64 ${(base64Bytes / 1024).toFixed(0)} KiB\n`);
    expect(file.length).toBeLessThan(IMPORT_MAX_FILE_BYTES);
    expect(base64Bytes + 1024).toBeLessThan(IMPORT_MAX_BODY_BYTES);
    const back = await read(file);
    expect(back.rows).toHaveLength(IMPORT_MAX_ROWS);
  }, 60_000);
});
