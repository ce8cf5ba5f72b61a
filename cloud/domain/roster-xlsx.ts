/**
 * The roster spreadsheet (会员名册 .xlsx): one column layout for export and import, documented
 * in docs/roster-xlsx.md for upload to the provincial real-name member system
 * (全省工会会员实名制系统). Reading checks every row and reports problems as
 * `{row, field, problem}` without echoing personal numbers.
 */
import type ExcelJS from 'exceljs';
import { loadExcelJS } from './lazy-modules';
import { EDUCATION_LEVELS, ETHNICITIES, HOUSEHOLD_TYPES, POLITICAL_STATUSES, isMigrantWorker } from '../contract/membership/labels';
import { parseIdNumber } from '../contract/fields/id-number';
import { parsePersonName } from '../contract/fields/person-name';
import { parsePhone } from '../contract/fields/phone';
import { writeXlsx, type XlsxTable } from './xlsx-writer';

/** The columns, in order. `required`: an import file must have the column (any order). */
export const ROSTER_COLUMNS = [
  { header: '序号', width: 6, required: false },
  { header: '姓名', width: 12, required: true },
  { header: '性别', width: 6, required: false },
  { header: '民族', width: 10, required: true },
  { header: '出生日期', width: 12, required: false },
  { header: '身份证号', width: 22, required: true },
  { header: '手机号', width: 14, required: true },
  { header: '学历', width: 10, required: true },
  { header: '政治面貌', width: 12, required: true },
  { header: '户籍类型', width: 18, required: true },
  { header: '是否农民工', width: 10, required: false },
  { header: '工作单位', width: 28, required: true },
  { header: '岗位', width: 12, required: true },
  { header: '入会日期', width: 12, required: false },
  { header: '会员编号', width: 14, required: false },
  { header: '所属工会', width: 28, required: false },
  { header: '会籍状态', width: 10, required: false },
] as const;

export type RosterHeader = (typeof ROSTER_COLUMNS)[number]['header'];
export const SHEET_NAME = '会员名册';

/** One member as exported (plaintext: only the staff export and the audited reveal carry it). */
export interface RosterExportRow {
  name: string;
  gender: 'male' | 'female';
  ethnicity: string;
  birthDate: string;
  idNumber: string;
  phone: string;
  education: string;
  politicalStatus: string;
  householdType: string;
  unitName: string;
  job: string;
  joinedDate: string;
  memberNo: string;
  unionName: string;
  status: 'active' | 'left';
}

const TEXT_COLUMNS: ReadonlySet<RosterHeader> = new Set(['身份证号', '手机号', '会员编号', '出生日期', '入会日期']);
/** Columns of few distinct values (lists, units, the union): written once each in the shared-string table. */
const REPEATED_COLUMNS: ReadonlySet<RosterHeader> = new Set(['性别', '民族', '学历', '政治面貌', '户籍类型', '是否农民工', '工作单位', '岗位', '所属工会', '会籍状态']);

/**
 * Writes the roster workbook. ID numbers and phones are text cells in text-formatted columns (Excel would round 18 digits).
 * `rows` may come in batches while the file is written (the export decrypts a batch at a time).
 */
export async function writeRosterXlsx(
  rows: Iterable<RosterExportRow> | AsyncIterable<Iterable<RosterExportRow>>,
  meta: {
    unionName: string;
    exportedAt: Date;
    /** Who exported it and why, for the document properties (never a sheet: the provincial system takes the one sheet). */
    properties?: XlsxTable['properties'];
    /** The exporter's name as the document's author (default: the union). */
    creator?: string;
  },
): Promise<Buffer> {
  let i = 0;
  function* values(batch: Iterable<RosterExportRow>): Iterable<(string | number)[]> {
    for (const r of batch) {
      // In ROSTER_COLUMNS order.
      yield [
        ++i,
        r.name,
        r.gender === 'male' ? '男' : '女',
        r.ethnicity,
        r.birthDate,
        r.idNumber,
        r.phone,
        r.education,
        r.politicalStatus,
        r.householdType,
        isMigrantWorker(r.householdType) ? '是' : '否',
        r.unitName,
        r.job,
        r.joinedDate,
        r.memberNo,
        r.unionName,
        r.status === 'active' ? '在册' : '已退会',
      ];
    }
  }
  async function* batches(source: AsyncIterable<Iterable<RosterExportRow>>): AsyncIterable<Iterable<(string | number)[]>> {
    for await (const batch of source) yield values(batch);
  }
  return writeXlsx({
    sheetName: SHEET_NAME,
    columns: ROSTER_COLUMNS.map((c) => ({ header: c.header, width: c.width, text: TEXT_COLUMNS.has(c.header), repeated: REPEATED_COLUMNS.has(c.header) })),
    rows: Symbol.asyncIterator in rows ? batches(rows) : values(rows),
    creator: meta.creator ?? meta.unionName,
    created: meta.exportedAt,
    properties: meta.properties,
  });
}

/** One problem of an import: the spreadsheet row (1 = header row; 0 = the whole file), the column, what is wrong. */
export interface ImportProblem {
  row: number;
  field: string;
  problem: string;
}

/** A row that passed the file-level checks, normalised. */
export interface ImportRow {
  row: number;
  name: string;
  idNumber: string;
  phone: string;
  ethnicity: string;
  education: string;
  politicalStatus: string;
  householdType: string;
  unitName: string;
  job: string;
  /** 入会日期 from the file, or null (the import date is used). */
  joinedDate: string | null;
}

export interface ReadResult {
  rows: ImportRow[];
  problems: ImportProblem[];
  /** Data rows seen (blank rows not counted). */
  totalRows: number;
}

type Cell = ExcelJS.CellValue;

/** A cell as text. `numeric` tells that Excel stored a number (an 18-digit ID number loses its last digits). */
function cellText(value: Cell): { text: string; numeric: boolean } {
  if (value === null || value === undefined) return { text: '', numeric: false };
  if (typeof value === 'string') return { text: value.trim(), numeric: false };
  if (typeof value === 'number') return { text: Number.isInteger(value) ? value.toFixed(0) : String(value), numeric: true };
  if (typeof value === 'boolean') return { text: value ? '是' : '否', numeric: false };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), numeric: false };
  if (typeof value === 'object') {
    if ('richText' in value) return { text: value.richText.map((p) => p.text).join('').trim(), numeric: false };
    if ('text' in value && typeof value.text === 'string') return { text: value.text.trim(), numeric: false };
    if ('result' in value) return cellText(value.result as Cell);
    if ('error' in value) return { text: '', numeric: false };
  }
  return { text: String(value).trim(), numeric: false };
}

const DATE_RE = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/;

function normaliseDate(text: string): string | null {
  const m = DATE_RE.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

function oneOf<T extends string>(list: readonly T[], text: string): T | undefined {
  return list.find((x) => x === text);
}

/**
 * Reads an import file and checks every row on its own (format, lists, ID number, phone,
 * duplicates within the file). Checks against the database (already a member, pending
 * application, unknown unit) are the caller's, with the same `ImportProblem` shape.
 * `maxRows` caps the data rows: above it the whole file is refused (row 0).
 */
export async function readRosterXlsx(file: Buffer, opts: { today: string; maxRows: number }): Promise<ReadResult> {
  const wb = new (await loadExcelJS()).Workbook();
  try {
    // exceljs types its input as an ArrayBuffer-backed Buffer: hand it the bytes as an ArrayBuffer.
    await wb.xlsx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
  } catch {
    return { rows: [], problems: [{ row: 0, field: '文件', problem: '无法读取该文件，请上传 .xlsx 格式的会员名册（可先导出一份作为模板）' }], totalRows: 0 };
  }
  const ws = wb.getWorksheet(SHEET_NAME) ?? wb.worksheets[0];
  if (!ws) return { rows: [], problems: [{ row: 0, field: '文件', problem: '文件中没有工作表' }], totalRows: 0 };

  // The header row: the first of the first 5 rows that names 姓名 and 身份证号.
  let headerRow = 0;
  const columnOf = new Map<string, number>();
  for (let r = 1; r <= Math.min(5, ws.rowCount); r++) {
    const names = new Map<string, number>();
    ws.getRow(r).eachCell((cell, col) => {
      const t = cellText(cell.value).text.replace(/\s+/g, '');
      if (t) names.set(t, col);
    });
    if (names.has('姓名') && names.has('身份证号')) {
      headerRow = r;
      names.forEach((col, name) => columnOf.set(name, col));
      break;
    }
  }
  if (!headerRow) return { rows: [], problems: [{ row: 0, field: '表头', problem: '找不到表头：第一行应包含“姓名”“身份证号”等列名' }], totalRows: 0 };
  const missing = ROSTER_COLUMNS.filter((c) => c.required && !columnOf.has(c.header)).map((c) => c.header);
  if (missing.length) return { rows: [], problems: [{ row: headerRow, field: '表头', problem: `缺少必填列：${missing.join('、')}` }], totalRows: 0 };

  const dataRows: number[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    let any = false;
    row.eachCell((cell) => {
      if (cellText(cell.value).text) any = true;
    });
    if (any) dataRows.push(r);
  }
  if (dataRows.length > opts.maxRows) {
    return { rows: [], problems: [{ row: 0, field: '文件', problem: `一次最多导入 ${opts.maxRows} 行，本文件有 ${dataRows.length} 行，请分成几个文件` }], totalRows: dataRows.length };
  }

  const rows: ImportRow[] = [];
  const problems: ImportProblem[] = [];
  const seenIds = new Map<string, number>();
  for (const r of dataRows) {
    const row = ws.getRow(r);
    const get = (h: RosterHeader) => {
      const col = columnOf.get(h);
      return col ? cellText(row.getCell(col).value) : { text: '', numeric: false };
    };
    const rowProblems: ImportProblem[] = [];
    const bad = (field: RosterHeader, problem: string) => rowProblems.push({ row: r, field, problem });

    const status = get('会籍状态').text;
    if (status && status !== '在册') {
      problems.push({ row: r, field: '会籍状态', problem: `“${status}”的人员不导入（只导入在册会员）` });
      continue;
    }
    const name = parsePersonName(get('姓名').text);
    if (!name.ok) bad('姓名', get('姓名').text ? name.message : '姓名为空');
    const idCell = get('身份证号');
    const id = parseIdNumber(idCell.text, opts.today);
    if (idCell.numeric && idCell.text.length >= 15) bad('身份证号', '身份证号被存成了数字（末几位已丢失），请把该列设为“文本”后重新填写');
    else if (!idCell.text) bad('身份证号', '身份证号为空');
    else if (!id.ok) bad('身份证号', id.message);
    else if (seenIds.has(id.value)) bad('身份证号', `与第 ${seenIds.get(id.value)} 行的身份证号重复`);
    if (id.ok) {
      if (!seenIds.has(id.value)) seenIds.set(id.value, r);
      const gender = get('性别').text;
      if (gender && gender !== (id.gender === 'male' ? '男' : '女')) bad('性别', '性别与身份证号不一致');
      const birth = get('出生日期').text;
      if (birth && normaliseDate(birth) !== id.birthDate) bad('出生日期', '出生日期与身份证号不一致');
    }
    const phone = parsePhone(get('手机号').text);
    if (!phone.ok) bad('手机号', get('手机号').text ? phone.message : '手机号为空');
    const ethnicity = oneOf(ETHNICITIES, get('民族').text);
    if (!ethnicity) bad('民族', get('民族').text ? '民族应写全称，如“汉族”' : '民族为空');
    const education = oneOf(EDUCATION_LEVELS, get('学历').text);
    if (!education) bad('学历', `学历应为：${EDUCATION_LEVELS.join('、')}`);
    const political = oneOf(POLITICAL_STATUSES, get('政治面貌').text);
    if (!political) bad('政治面貌', `政治面貌应为：${POLITICAL_STATUSES.join('、')}`);
    const household = oneOf(HOUSEHOLD_TYPES, get('户籍类型').text);
    if (!household) bad('户籍类型', `户籍类型应为：${HOUSEHOLD_TYPES.join('、')}`);
    const unitName = get('工作单位').text;
    if (!unitName) bad('工作单位', '工作单位为空');
    else if (unitName.length > 60) bad('工作单位', '单位名称最多 60 个字');
    const job = get('岗位').text;
    if (!job) bad('岗位', '岗位为空');
    else if (job.length > 30) bad('岗位', '岗位最多 30 个字');
    const joinedText = get('入会日期').text;
    const joinedDate = joinedText ? normaliseDate(joinedText) : null;
    if (joinedText && !joinedDate) bad('入会日期', '入会日期格式应为 2024-05-01');
    else if (joinedDate && joinedDate > opts.today) bad('入会日期', '入会日期不能晚于今天');

    if (rowProblems.length || !name.ok || !id.ok || !phone.ok || !ethnicity || !education || !political || !household) {
      problems.push(...rowProblems);
      continue;
    }
    rows.push({
      row: r,
      name: name.value,
      idNumber: id.value,
      phone: phone.value,
      ethnicity,
      education,
      politicalStatus: political,
      householdType: household,
      unitName,
      job,
      joinedDate,
    });
  }
  return { rows, problems, totalRows: dataRows.length };
}
