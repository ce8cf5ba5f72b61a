/**
 * Which uploads we accept (附件): images and PDF, recognised by their first bytes rather than by
 * a name or a declared type, which a client can get wrong or fake. Pure, so it is tested alone.
 */

export type UploadKind = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';

/** The largest file we accept, after base64 decoding. The request body limit (1 MB) leaves room for ~700 KB. */
export const MAX_UPLOAD_BYTES = 700 * 1024;

export type UploadCheck = { ok: true; type: UploadKind; extension: 'jpg' | 'png' | 'webp' | 'pdf' } | { ok: false; reason: 'empty' | 'too_large' | 'unsupported_type'; message: string };

export function sniffUpload(bytes: Uint8Array, allowed: readonly UploadKind[] = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'], maxBytes = MAX_UPLOAD_BYTES): UploadCheck {
  if (bytes.length === 0) return { ok: false, reason: 'empty', message: '文件是空的' };
  if (bytes.length > maxBytes) return { ok: false, reason: 'too_large', message: `文件不能超过 ${Math.floor(maxBytes / 1024)} KB，请压缩后再上传` };
  const type = detect(bytes);
  if (!type || !allowed.includes(type)) {
    const names = allowed.map((t) => ({ 'image/jpeg': 'JPG', 'image/png': 'PNG', 'image/webp': 'WebP', 'application/pdf': 'PDF' })[t]).join('、');
    return { ok: false, reason: 'unsupported_type', message: `只能上传 ${names} 文件` };
  }
  const extension = ({ 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'application/pdf': 'pdf' } as const)[type];
  return { ok: true, type, extension };
}

function detect(b: Uint8Array): UploadKind | null {
  const starts = (...sig: number[]) => sig.every((v, i) => b[i] === v);
  if (b.length >= 3 && starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (b.length >= 8 && starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (b.length >= 12 && starts(0x52, 0x49, 0x46, 0x46) && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50) return 'image/webp';
  if (b.length >= 5 && starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  return null;
}

/** Decodes strict base64 (no data: prefix, no whitespace tricks beyond line breaks); null when malformed. */
export function decodeBase64(text: string): Buffer | null {
  const clean = text.replace(/[\r\n]/g, '');
  if (clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return null;
  return Buffer.from(clean, 'base64');
}
