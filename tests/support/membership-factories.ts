/** Factories for membership tests: valid applicants (unique ID numbers and phones) and roster files. */
import ExcelJS from 'exceljs';
import type { InputOf } from '../../cloud/contract';
import { CONSENT_VERSION } from '../../cloud/contract/membership/labels';
import { buildIdNumber } from '../../cloud/contract/fields/id-number';
import { ROSTER_COLUMNS, SHEET_NAME } from '../../cloud/domain/roster-xlsx';

let counter = 0;
/** Birth days from 1970-01-01 to 2004-12-31 (adults born then are 21–56 today). */
const DAYS = 12_784;
const START = Math.floor(Math.random() * 1000 * DAYS);
const AREAS = ['110105', '330106', '440305', '510104', '650102', '320102'];

/** A valid ID number and phone, different on every call. */
export function uniqueIdentity(birthDate?: string): { idNumber: string; phone: string } {
  // Distinct on every call in this process: n walks the sequence digits (000–999) first, then the
  // birth days of 1970–2004, so no two calls share (birth date, sequence). A random start keeps
  // runs apart; a plain random draw used to collide now and then (duplicate_identity).
  const n = START + counter++;
  const day = new Date(Date.UTC(1970, 0, 1) + (Math.floor(n / 1000) % DAYS) * 86_400_000).toISOString().slice(0, 10);
  const idNumber = buildIdNumber({ area: AREAS[Math.floor(n / (1000 * DAYS)) % AREAS.length], birthDate: birthDate ?? day, sequence: n % 1000 });
  const phone = `13${String(n % 10)}${String(Math.floor(n / 10) % 1e8).padStart(8, '0')}`;
  return { idNumber, phone };
}

export function buildApplicant(token: string, overrides: Partial<InputOf<'membership.apply'>> = {}): InputOf<'membership.apply'> {
  return {
    token,
    name: '李秀英',
    ...uniqueIdentity(),
    ethnicity: '汉族',
    education: '高中',
    politicalStatus: '群众',
    job: '面点师',
    householdType: '农业户口（农民工）',
    consentVersion: CONSENT_VERSION,
    ...overrides,
  };
}

/** A roster file with the documented header and the given data rows (cells by header name). */
export async function buildRosterFile(rows: Partial<Record<(typeof ROSTER_COLUMNS)[number]['header'], string>>[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET_NAME);
  ws.addRow(ROSTER_COLUMNS.map((c) => c.header));
  for (const r of rows) ws.addRow(ROSTER_COLUMNS.map((c) => r[c.header] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

export function rosterRow(unitName: string, overrides: Partial<Record<(typeof ROSTER_COLUMNS)[number]['header'], string>> = {}) {
  const id = uniqueIdentity();
  return {
    姓名: '赵敏',
    民族: '汉族',
    身份证号: id.idNumber,
    手机号: id.phone,
    学历: '中专',
    政治面貌: '共青团员',
    户籍类型: '非农业户口',
    工作单位: unitName,
    岗位: '收银员',
    ...overrides,
  };
}
