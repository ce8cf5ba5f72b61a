/**
 * Personal names on the real-name roster (姓名): 2–30 characters after trimming;
 * Chinese characters, Latin letters and single spaces, and the middle dot of
 * transliterated names (e.g. 阿依古丽·买买提). Look-alike dots (•, ・, ．, ‧, ･)
 * are normalised to U+00B7 so the same name is stored one way.
 * Pure: used by the join form (client) and by the host.
 */

export const NAME_MIN = 2;
export const NAME_MAX = 30;
export const MIDDLE_DOT = '\u00B7';

export type PersonNameResult = { ok: true; value: string } | { ok: false; message: string };

const LOOKALIKE_DOTS = /[\u2022\u30FB\uFF0E\u2027\uFF65\u2219\u22C5]/g;
// CJK unified ideographs (incl. extension A and compatibility), Latin letters, space, middle dot.
const ALLOWED = /^[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFFA-Za-z \u00B7]+$/;

export function parsePersonName(raw: string): PersonNameResult {
  const value = raw.trim().replace(LOOKALIKE_DOTS, MIDDLE_DOT).replace(/\s*\u00B7\s*/g, MIDDLE_DOT).replace(/\s+/g, ' ');
  const length = [...value].length;
  if (length < NAME_MIN) return { ok: false, message: `姓名至少 ${NAME_MIN} 个字` };
  if (length > NAME_MAX) return { ok: false, message: `姓名最多 ${NAME_MAX} 个字` };
  if (!ALLOWED.test(value)) return { ok: false, message: '姓名只能包含汉字、字母和间隔号“·”' };
  if (value.startsWith(MIDDLE_DOT) || value.endsWith(MIDDLE_DOT) || value.includes(MIDDLE_DOT + MIDDLE_DOT)) {
    return { ok: false, message: '间隔号“·”只能用在两段姓名之间' };
  }
  return { ok: true, value };
}
