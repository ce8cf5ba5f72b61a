/** Receipts (票据): upload and download. */
import { z } from 'zod';
import { defineContract } from '../define';
import { id } from '../common';
import { text } from './fields';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from './labels';

export const attach = defineContract<{ attachmentId: string; sha256: string; sizeBytes: number }>()(
  'fund.attach',
  z.strictObject({
    /** The union whose books, notices or settings these are. */
    unionId: id,
    /** The file's name as shown (e.g. 发票.jpg). */
    fileName: text(100, '文件名'),
    /** JPEG, PNG or PDF; the content must match. */
    mimeType: z.enum(ATTACHMENT_TYPES, { error: '只能上传 JPG、PNG 图片或 PDF' }),
    /** The file, base64; at most 600 KiB once decoded. */
    dataBase64: z
      .string()
      .min(4, '文件为空')
      .max(Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 4, '文件不能超过 600 KB')
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, '文件内容不是 base64'),
    /** Link it to this entry now (otherwise pass the id to `fund.addEntry`). */
    entryId: id.optional(),
  }),
  '上传票据（照片或 PDF，记录 SHA-256）',
);

export const attachment = defineContract<{ id: string; fileName: string; mimeType: string; sizeBytes: number; sha256: string; dataBase64: string }>()(
  'fund.attachment',
  z.strictObject({
    /** The receipt (from the ledger's `attachments`). */
    id,
  }),
  '下载票据',
);
