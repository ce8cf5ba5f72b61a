import { MAX_UPLOAD_BYTES, decodeBase64, sniffUpload } from './upload';

const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
const pdf = Buffer.from('%PDF-1.7\n');
const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);

describe('sniffUpload', () => {
  it.each([
    [jpeg, 'image/jpeg', 'jpg'],
    [png, 'image/png', 'png'],
    [pdf, 'application/pdf', 'pdf'],
    [webp, 'image/webp', 'webp'],
  ])('recognises a file by its first bytes', (bytes, type, extension) => {
    expect(sniffUpload(bytes)).toEqual({ ok: true, type, extension });
  });

  it('refuses an empty file, a renamed text file and a type not allowed here', () => {
    expect(sniffUpload(Buffer.alloc(0))).toMatchObject({ ok: false, reason: 'empty' });
    expect(sniffUpload(Buffer.from('<svg></svg>'))).toMatchObject({ ok: false, reason: 'unsupported_type' });
    expect(sniffUpload(pdf, ['image/jpeg', 'image/png'])).toMatchObject({ ok: false, reason: 'unsupported_type', message: '只能上传 JPG、PNG 文件' });
  });

  it('accepts exactly the limit and refuses one byte more', () => {
    const at = Buffer.alloc(MAX_UPLOAD_BYTES);
    jpeg.copy(at);
    expect(sniffUpload(at).ok).toBe(true);
    const over = Buffer.alloc(MAX_UPLOAD_BYTES + 1);
    jpeg.copy(over);
    expect(sniffUpload(over)).toMatchObject({ ok: false, reason: 'too_large' });
  });
});

describe('decodeBase64', () => {
  it('decodes strict base64 and refuses anything else', () => {
    expect(decodeBase64(Buffer.from('工会').toString('base64'))?.toString()).toBe('工会');
    expect(decodeBase64('data:image/png;base64,AAAA')).toBeNull();
    expect(decodeBase64('abc')).toBeNull();
  });
});
