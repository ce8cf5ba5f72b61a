/**
 * The member file (一人一档) rules: which uploads are taken (JPG, PNG, WebP or PDF by their
 * first bytes, at most 5 MB, at most 20 per member) and the name a download gets. Pure.
 */
import { createHash } from 'node:crypto';
import { MEMBER_ATTACHMENT_MAX_BYTES, MEMBER_ATTACHMENTS_MAX } from '../contract/membership/member-file.labels';
import { decodeBase64, sniffUpload, type UploadKind } from './upload';

export type FileRefusal = { ok: false; reason: 'validation_error' | 'unsupported_file_type' | 'file_too_large' | 'too_many_attachments'; message: string };
export type FileAccepted = { ok: true; bytes: Buffer; mimeType: UploadKind; extension: string; sha256: string };

/**
 * Checks one upload: base64 that decodes, not empty, not larger than `maxBytes`, of an allowed
 * type, and (for the member file) `existing` attachments leave room for one more.
 */
export function checkUpload(base64: string, opts: { allowed?: readonly UploadKind[]; maxBytes?: number; existing?: number; maxCount?: number } = {}): FileAccepted | FileRefusal {
  const maxCount = opts.maxCount ?? MEMBER_ATTACHMENTS_MAX;
  if (opts.existing !== undefined && opts.existing >= maxCount) {
    return { ok: false, reason: 'too_many_attachments', message: `每名会员最多 ${maxCount} 个附件，请先删除不需要的附件` };
  }
  const bytes = decodeBase64(base64);
  if (!bytes) return { ok: false, reason: 'validation_error', message: '文件内容不是有效的 base64' };
  const maxBytes = opts.maxBytes ?? MEMBER_ATTACHMENT_MAX_BYTES;
  const check = sniffUpload(bytes, opts.allowed, maxBytes);
  if (!check.ok) {
    if (check.reason === 'empty') return { ok: false, reason: 'validation_error', message: check.message };
    if (check.reason === 'too_large') return { ok: false, reason: 'file_too_large', message: `文件不能超过 ${formatSize(maxBytes)}，请压缩后再上传` };
    return { ok: false, reason: 'unsupported_file_type', message: check.message };
  }
  return { ok: true, bytes, mimeType: check.type, extension: check.extension, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** 5 MB, 700 KB. */
export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * The stored name: the name the user gave without any folder part or control characters, cut to
 * 80 characters, ending in the extension of what the bytes really are (毕业证.jpeg → 毕业证.jpg,
 * a PDF named 照片.png → 照片.pdf).
 */
export function storedFileName(given: string, extension: string, fallback = '附件'): string {
  // eslint-disable-next-line no-control-regex
  const base = (given.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const stem = base.replace(/\.[A-Za-z0-9]{1,5}$/, '').trim().slice(0, 80) || fallback;
  return `${stem}.${extension}`;
}

/**
 * 会员档案齐全 (一人一档, the checklist item `member_files` and `membership.memberFile`'s `missing`):
 * a member's file counts as complete when their application (入会申请) is on file, or — for a member
 * without one, i.e. imported from a paper roster (花名册导入) — when at least one attachment (not
 * removed) is on file, e.g. the scanned paper application form or a certificate.
 */
export function memberFileComplete(file: { hasApplication: boolean; attachments: number }): boolean {
  return file.hasApplication || file.attachments > 0;
}
