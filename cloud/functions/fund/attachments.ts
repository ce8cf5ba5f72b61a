/** Receipts (票据): `fund.attach`, `fund.attachment`. */
import { createHash } from 'node:crypto';
import * as c from '../../contract/fund/attachments';
import { AppError } from '../../contract/errors';
import { MAX_ATTACHMENT_BYTES } from '../../contract/fund/labels';
import { newId } from '../../domain/crypto';
import { entryUnionId, findAttachment, insertAttachment, linkAttachment } from '../../storage/fund.repository';
import { defineFunction } from '../registry';
import { BOOK_READERS, field, inUnionOf, onBooksOf, RECORDERS, write } from './shared';

const MAGIC: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'application/pdf': (b) => b.length > 5 && b.subarray(0, 5).toString('latin1') === '%PDF-',
};

/**
 * 上传票据: a receipt photo (JPEG/PNG) or PDF, at most 600 KiB; the bytes must be what the
 * type says. Stored with its SHA-256; linked to an entry now (`entryId`) or by `fund.addEntry`.
 * A receipt can be added to an entry later, never removed.
 */
export const attach = defineFunction({
  contract: c.attach,
  policy: onBooksOf(RECORDERS),
  kind: 'mutation',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const bytes = Buffer.from(input.dataBase64, 'base64');
    if (bytes.length > MAX_ATTACHMENT_BYTES) throw field('dataBase64', '文件不能超过 600 KB');
    if (!MAGIC[input.mimeType](bytes)) throw new AppError('invalid_attachment');
    if (input.entryId && (await entryUnionId(ctx.db, input.entryId)) !== input.unionId) throw field('entryId', '找不到该条目');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const id = newId('fa');
    const now = ctx.now.toISOString();
    await write(ctx, async (w) => {
      await insertAttachment(w.db, {
        id,
        union_id: input.unionId,
        file_name: input.fileName,
        mime_type: input.mimeType,
        size_bytes: bytes.length,
        sha256,
        content_base64: bytes.toString('base64'),
        uploaded_by: p.userId,
        uploaded_at: now,
      });
      if (input.entryId) await linkAttachment(w.db, { entry_id: input.entryId, attachment_id: id, linked_by: p.userId, linked_at: now });
      await w.audit({ objectType: 'fund_attachment', objectId: id, unionId: input.unionId, detail: { sha256, sizeBytes: bytes.length, mimeType: input.mimeType, entryId: input.entryId ?? null } });
    });
    return { attachmentId: id, sha256, sizeBytes: bytes.length };
  },
});

/** 下载票据: for the union's staff, chair and reviewer. */
export const attachment = defineFunction({
  contract: c.attachment,
  policy: { kind: 'objectRoles', what: '附件', roles: BOOK_READERS, locate: inUnionOf('fund_attachments', (i: { id: string }) => i.id) },
  kind: 'query',
  async handler(input, ctx) {
    const row = await findAttachment(ctx.db, input.id);
    if (!row) throw new AppError('not_found', '找不到该附件');
    return { id: row.id, fileName: row.file_name, mimeType: row.mime_type, sizeBytes: row.size_bytes, sha256: row.sha256, dataBase64: row.content_base64 };
  },
});
