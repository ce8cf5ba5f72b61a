/**
 * Resident identity card numbers (居民身份证号码), GB 11643-1999:
 * 6-digit address code, 8-digit birth date, 3-digit sequence (odd: male), and an
 * ISO 7064 MOD 11-2 check character (0–9 or X).
 * Pure functions: used by the join form (client) and by the host.
 */

/** Province-level codes (省级行政区划代码): the first two digits of a valid number. */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15', // 华北
  '21', '22', '23', // 东北
  '31', '32', '33', '34', '35', '36', '37', // 华东
  '41', '42', '43', '44', '45', '46', // 中南
  '50', '51', '52', '53', '54', // 西南
  '61', '62', '63', '64', '65', // 西北
  '71', '81', '82', // 台湾、香港、澳门
]);

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The check character for the first 17 digits. */
export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

export type IdNumberProblem = 'format' | 'province' | 'birth_date' | 'future_birth_date' | 'check_digit';

export type IdNumberResult =
  | { ok: true; value: string; birthDate: string; gender: 'male' | 'female' }
  | { ok: false; problem: IdNumberProblem; message: string };

const MESSAGES: Record<IdNumberProblem, string> = {
  format: '身份证号应为 18 位，最后一位可以是 X',
  province: '身份证号的地区码不正确',
  birth_date: '身份证号中的出生日期不正确',
  future_birth_date: '身份证号中的出生日期不能晚于今天',
  check_digit: '身份证号校验位不正确，请核对',
};

/**
 * Validates and normalises (trims, upper-cases x) an ID number.
 * `today` is `YYYY-MM-DD` (China time) so callers control the clock.
 */
export function parseIdNumber(raw: string, today: string): IdNumberResult {
  const value = raw.trim().replace(/\s+/g, '').toUpperCase();
  const fail = (problem: IdNumberProblem): IdNumberResult => ({ ok: false, problem, message: MESSAGES[problem] });
  if (!/^\d{17}[\dX]$/.test(value)) return fail('format');
  if (!PROVINCE_CODES.has(value.slice(0, 2))) return fail('province');
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return fail('birth_date');
  }
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (birthDate > today) return fail('future_birth_date');
  if (checkCharacter(value.slice(0, 17)) !== value[17]) return fail('check_digit');
  return { ok: true, value, birthDate, gender: Number(value[16]) % 2 === 1 ? 'male' : 'female' };
}

/** Builds a valid number from its parts (demo data and tests). */
export function buildIdNumber(parts: { area: string; birthDate: string; sequence: number }): string {
  const first17 = `${parts.area}${parts.birthDate.replace(/-/g, '')}${String(parts.sequence).padStart(3, '0')}`;
  if (!/^\d{17}$/.test(first17)) throw new Error(`bad ID number parts: ${first17}`);
  return first17 + checkCharacter(first17);
}

/** `110***********1234`: first 3 and last 4 characters kept. */
export function maskIdNumber(value: string): string {
  if (value.length < 8) return '*'.repeat(value.length);
  return value.slice(0, 3) + '*'.repeat(value.length - 7) + value.slice(-4);
}
