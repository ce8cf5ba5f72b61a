/**
 * Mainland mobile numbers (手机号): `+86`/`0086`, spaces and dashes stripped,
 * 11 digits starting with 1[3-9].
 */
export type PhoneResult = { ok: true; value: string } | { ok: false; message: string };

export function parsePhone(raw: string): PhoneResult {
  let v = raw.trim().replace(/[\s-]/g, '');
  if (v.startsWith('+86')) v = v.slice(3);
  else if (v.startsWith('0086')) v = v.slice(4);
  if (!/^1[3-9]\d{9}$/.test(v)) return { ok: false, message: '请输入 11 位大陆手机号' };
  return { ok: true, value: v };
}

/** `138****5678`. */
export function maskPhone(value: string): string {
  if (value.length < 7) return '*'.repeat(value.length);
  return value.slice(0, 3) + '*'.repeat(value.length - 7) + value.slice(-4);
}
