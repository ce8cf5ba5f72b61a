/**
 * Demo files (一人一档附件、规范化建设佐证照片), written through the file store so `npm start`
 * shows them: two attachments in the file of bu-cy01's first member (a diploma photo and a
 * health certificate PDF) and evidence photos for the seeded ticks. Fixed ids, so the policy
 * matrix and the API docs can name them.
 */
import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import { sealBytes, type Keys } from '../domain/crypto';
import type { FileStore } from '../storage/file-store';
import type { Q } from '../storage/schema';
import { DEMO_MEMBER_ID } from './membership-demo';

/** The diploma photo in bu-cy01's first member's file (downloaded by the access-matrix sample). */
export const DEMO_ATTACHMENT_ID = 'att_demo_cy01_1';
/** The health certificate in the same file (removed by the access-matrix sample). */
export const DEMO_ATTACHMENT_ID_2 = 'att_demo_cy01_2';

/** The upper union's approval document of bu-cy01's 工会委员会 term (downloaded by the access-matrix sample). */
export const DEMO_APPROVAL_FILE_ID = 'apf_demo_cy01_union';

export async function seedFilesDemo(trx: Q, files: FileStore, keys: Keys, now: Date): Promise<{ attachments: number; photos: number }> {
  const at = now.toISOString();
  const staff = (await trx.selectFrom('staff_credentials').select('user_id').where('username', '=', 'cy01-staff').executeTakeFirstOrThrow()).user_id;
  const attachments = [
    { id: DEMO_ATTACHMENT_ID, kind: 'diploma' as const, fileName: '毕业证书.png', mime: 'image/png', bytes: demoPng(240, 160, [235, 225, 200]) },
    { id: DEMO_ATTACHMENT_ID_2, kind: 'health' as const, fileName: '健康证明.pdf', mime: 'application/pdf', bytes: demoPdf('Health certificate (demo)') },
  ];
  for (const a of attachments) {
    const key = `members/demo/${a.id}`;
    await files.put(key, sealBytes(keys.field, a.bytes, key));
    await trx
      .insertInto('member_attachments')
      .values({ id: a.id, union_id: 'bu-cy01', member_id: DEMO_MEMBER_ID, kind: a.kind, file_name: a.fileName, mime_type: a.mime, size_bytes: a.bytes.length, sha256: sha256(a.bytes), file_key: key, uploaded_by: staff, uploaded_as: 'union', created_at: at, removed_at: null, removed_by: null })
      .execute();
  }
  // bu-cy01's 工会委员会: the upper union's written approval of the current term (a scanned PDF).
  const committee = await trx.selectFrom('committees').select(['id', 'term_start']).where('union_id', '=', 'bu-cy01').where('kind', '=', 'union').executeTakeFirst();
  if (committee) {
    const bytes = demoPdf('Approval of the re-election (demo)');
    const key = `approvals/demo/${DEMO_APPROVAL_FILE_ID}`;
    await files.put(key, sealBytes(keys.field, bytes, key));
    await trx
      .insertInto('committee_approval_files')
      .values({ id: DEMO_APPROVAL_FILE_ID, union_id: 'bu-cy01', committee_id: committee.id, term_start: committee.term_start, timing: 'late', file_name: '青餐工〔2025〕8号 关于同意延期换届的批复.pdf', mime_type: 'application/pdf', size_bytes: bytes.length, sha256: sha256(bytes), file_key: key, uploaded_by: staff, created_at: at })
      .execute();
    await trx.updateTable('committees').set({ upper_approval_file_id: DEMO_APPROVAL_FILE_ID, upper_approval_note: '青餐工〔2025〕8号 同意延期换届' }).where('id', '=', committee.id).execute();
  }
  const ticks = await trx.selectFrom('compliance_ticks').select(['union_id', 'item']).where('done', '=', 1).execute();
  for (const [i, t] of ticks.entries()) {
    const bytes = demoPng(160, 120, [180 - i * 15, 200, 170 + i * 10]);
    const key = `evidence/demo/${t.union_id}-${t.item}`;
    await files.put(key, bytes);
    await trx.updateTable('compliance_ticks').set({ photo_key: key, photo_mime: 'image/png', photo_size: bytes.length, photo_sha256: sha256(bytes), photo_at: at }).where('union_id', '=', t.union_id).where('item', '=', t.item).execute();
  }
  return { attachments: attachments.length, photos: ticks.length };
}

function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

/** A plain PNG of one colour with a darker frame: enough to see in the page. */
export function demoPng(width: number, height: number, rgb: readonly [number, number, number]): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      const frame = x < 6 || y < 6 || x >= width - 6 || y >= height - 6;
      const o = row + 1 + x * 3;
      raw[o] = frame ? rgb[0] / 2 : rgb[0];
      raw[o + 1] = frame ? rgb[1] / 2 : rgb[1];
      raw[o + 2] = frame ? rgb[2] / 2 : rgb[2];
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function crc32(b: Buffer): number {
  let c = ~0;
  for (const byte of b) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

/** A one-page PDF with one line of ASCII text. */
export function demoPdf(text: string): Buffer {
  const content = `BT /F1 18 Tf 72 720 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
