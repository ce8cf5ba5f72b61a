import { createHash } from 'node:crypto';
import { MEMBER_ATTACHMENT_MAX_BYTES, MEMBER_ATTACHMENTS_MAX } from '../contract/membership/member-file.labels';
import { checkUpload, formatSize, memberFileComplete, storedFileName } from './member-file';

const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
const pdf = Buffer.from('%PDF-1.7\n');
const b64 = (b: Buffer) => b.toString('base64');

describe('checkUpload', () => {
  it('accepts a JPG or PDF and gives its type, extension and SHA-256', () => {
    expect(checkUpload(b64(jpeg))).toMatchObject({ ok: true, mimeType: 'image/jpeg', extension: 'jpg' });
    const r = checkUpload(b64(pdf));
    expect(r).toMatchObject({ ok: true, mimeType: 'application/pdf', extension: 'pdf' });
    expect(r.ok && r.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(r.ok && r.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts exactly the limit and refuses one byte more as file_too_large, naming the limit', () => {
    const at = Buffer.alloc(MEMBER_ATTACHMENT_MAX_BYTES);
    jpeg.copy(at);
    expect(checkUpload(b64(at)).ok).toBe(true);
    const over = Buffer.alloc(MEMBER_ATTACHMENT_MAX_BYTES + 1);
    jpeg.copy(over);
    expect(checkUpload(b64(over))).toEqual({ ok: false, reason: 'file_too_large', message: '文件不能超过 5 MB，请压缩后再上传' });
  });

  it('refuses other types by content, and only images where only images are taken', () => {
    expect(checkUpload(b64(Buffer.from('<svg/>')))).toMatchObject({ ok: false, reason: 'unsupported_file_type' });
    expect(checkUpload(b64(pdf), { allowed: ['image/jpeg', 'image/png', 'image/webp'] })).toMatchObject({ ok: false, reason: 'unsupported_file_type', message: '只能上传 JPG、PNG、WebP 文件' });
  });

  it('refuses malformed base64 and an empty file as validation errors', () => {
    expect(checkUpload('abc')).toMatchObject({ ok: false, reason: 'validation_error' });
    expect(checkUpload('data:image/png;base64,AAAA')).toMatchObject({ ok: false, reason: 'validation_error' });
    expect(checkUpload('')).toMatchObject({ ok: false, reason: 'validation_error', message: '文件是空的' });
  });

  it('allows the 20th attachment and refuses the 21st', () => {
    expect(checkUpload(b64(jpeg), { existing: MEMBER_ATTACHMENTS_MAX - 1 }).ok).toBe(true);
    expect(checkUpload(b64(jpeg), { existing: MEMBER_ATTACHMENTS_MAX })).toMatchObject({ ok: false, reason: 'too_many_attachments' });
  });
});

describe('storedFileName', () => {
  it.each([
    ['毕业证.jpeg', 'jpg', '毕业证.jpg'],
    ['照片.png', 'pdf', '照片.pdf'],
    ['C:\\Users\\王\\体检报告.PDF', 'pdf', '体检报告.pdf'],
    ['../../etc/passwd', 'png', 'passwd.png'],
    ['证书\u0000.jpg', 'jpg', '证书.jpg'],
    ['.jpg', 'jpg', '附件.jpg'],
    ['no-extension', 'webp', 'no-extension.webp'],
  ])('%s as %s → %s', (given, ext, expected) => {
    expect(storedFileName(given, ext)).toBe(expected);
  });

  it('cuts a long name to 80 characters before the extension', () => {
    expect(storedFileName(`${'长'.repeat(200)}.png`, 'png')).toBe(`${'长'.repeat(80)}.png`);
  });
});

it('formats sizes for messages', () => {
  expect(formatSize(5 * 1024 * 1024)).toBe('5 MB');
  expect(formatSize(2.5 * 1024 * 1024)).toBe('2.5 MB');
  expect(formatSize(700 * 1024)).toBe('700 KB');
});

describe('memberFileComplete (会员档案齐全)', () => {
  it('an application on file is enough; without one (roster import) one attachment is', () => {
    expect(memberFileComplete({ hasApplication: true, attachments: 0 })).toBe(true);
    expect(memberFileComplete({ hasApplication: false, attachments: 1 })).toBe(true);
    expect(memberFileComplete({ hasApplication: false, attachments: 0 })).toBe(false);
    expect(memberFileComplete({ hasApplication: true, attachments: 3 })).toBe(true);
  });
});
