import { MAX_REQUESTS_PER_DAY, REPLY_DEADLINE_DAYS } from '../contract/request/labels';
import { daysWaiting, isOverdue, maySubmit, replyDueAt, showsIdentity, escalation, stripJpegMetadata, stripPhotoMetadata, stripPngMetadata, stripWebpMetadata, transition } from './request';

const submittedAt = '2026-11-01T02:00:00.000Z';
const due = Date.parse(submittedAt) + REPLY_DEADLINE_DAYS * 86400000;

describe('reply deadline (答复时限)', () => {
  it('is seven days after submission', () => {
    expect(REPLY_DEADLINE_DAYS).toBe(7);
    expect(replyDueAt(submittedAt)).toBe('2026-11-08T02:00:00.000Z');
  });
  it('a pending request is not overdue at the deadline, and is one millisecond later', () => {
    expect(isOverdue({ status: 'pending', submittedAt }, new Date(due - 1))).toBe(false);
    expect(isOverdue({ status: 'pending', submittedAt }, new Date(due))).toBe(false);
    expect(isOverdue({ status: 'pending', submittedAt }, new Date(due + 1))).toBe(true);
  });
  it('an answered or closed request is never overdue', () => {
    expect(isOverdue({ status: 'replied', submittedAt }, new Date(due + 86400000))).toBe(false);
    expect(isOverdue({ status: 'closed', submittedAt }, new Date(due + 86400000))).toBe(false);
  });
  it('counts whole days waiting', () => {
    expect(daysWaiting(submittedAt, new Date(Date.parse(submittedAt) + 86400000 - 1))).toBe(0);
    expect(daysWaiting(submittedAt, new Date(Date.parse(submittedAt) + 86400000))).toBe(1);
    expect(daysWaiting(submittedAt, new Date(Date.parse(submittedAt) - 5000))).toBe(0);
  });
});

describe('daily limit', () => {
  it('allows the tenth request in 24 hours and refuses the eleventh', () => {
    expect(MAX_REQUESTS_PER_DAY).toBe(10);
    expect(maySubmit(9)).toBe(true);
    expect(maySubmit(10)).toBe(false);
  });
});

describe('states: 待处理 → 处理中 → 已办结', () => {
  it('a staff reply moves pending and replied to replied', () => {
    expect(transition('pending', 'staffReply')).toEqual({ ok: true, status: 'replied' });
    expect(transition('replied', 'staffReply')).toEqual({ ok: true, status: 'replied' });
  });
  it('a member follow-up keeps the state', () => {
    expect(transition('pending', 'memberFollowUp')).toEqual({ ok: true, status: 'pending' });
    expect(transition('replied', 'memberFollowUp')).toEqual({ ok: true, status: 'replied' });
  });
  it('closing a pending request needs a note; a replied one does not', () => {
    expect(transition('pending', 'close', false)).toEqual({ ok: false, reason: 'note_required' });
    expect(transition('pending', 'close', true)).toEqual({ ok: true, status: 'closed' });
    expect(transition('replied', 'close', false)).toEqual({ ok: true, status: 'closed' });
  });
  it('nothing happens to a closed request', () => {
    for (const a of ['staffReply', 'memberFollowUp', 'close'] as const) expect(transition('closed', a)).toEqual({ ok: false, reason: 'request_closed' });
  });
});

describe('转交行业工会', () => {
  it('an open request of a union with an industry union goes to it, pending or replied', () => {
    expect(escalation({ status: 'pending', escalatedToUnionId: null, parentUnionId: 'ind-cy' })).toEqual({ ok: true, toUnionId: 'ind-cy' });
    expect(escalation({ status: 'replied', escalatedToUnionId: null, parentUnionId: 'ind-cy' })).toEqual({ ok: true, toUnionId: 'ind-cy' });
  });
  it('only once, never when closed, never without an industry union above', () => {
    expect(escalation({ status: 'replied', escalatedToUnionId: 'ind-cy', parentUnionId: 'ind-cy' })).toEqual({ ok: false, reason: 'already_escalated' });
    expect(escalation({ status: 'closed', escalatedToUnionId: null, parentUnionId: 'ind-cy' })).toEqual({ ok: false, reason: 'request_closed' });
    expect(escalation({ status: 'pending', escalatedToUnionId: null, parentUnionId: null })).toEqual({ ok: false, reason: 'cannot_escalate' });
  });
});

describe('anonymity', () => {
  it('the owner always sees their own; handlers see a named request and never an anonymous one', () => {
    expect(showsIdentity(true, 'owner')).toBe(true);
    expect(showsIdentity(false, 'owner')).toBe(true);
    expect(showsIdentity(false, 'handler')).toBe(true);
    expect(showsIdentity(true, 'handler')).toBe(false);
  });
});

describe('stripJpegMetadata', () => {
  const seg = (marker: number, payload: number[]) => [0xff, marker, ...[(payload.length + 2) >> 8, (payload.length + 2) & 0xff], ...payload];
  const jfif = seg(0xe0, [0x4a, 0x46, 0x49, 0x46, 0]);
  const exif = seg(0xe1, [0x45, 0x78, 0x69, 0x66, 0, 0, 1, 2, 3]);
  const comment = seg(0xfe, [0x5a, 0x68]);
  const quant = seg(0xdb, [0, 1, 2]);
  const scan = [0xff, 0xda, 0, 2, 9, 9, 0xff, 0xe1, 0xff, 0xd9];

  it('drops EXIF and comments and keeps JFIF, tables and the scan', () => {
    const input = Uint8Array.from([0xff, 0xd8, ...jfif, ...exif, ...comment, ...quant, ...scan]);
    expect([...stripJpegMetadata(input)]).toEqual([0xff, 0xd8, ...jfif, ...quant, ...scan]);
  });
  it('leaves other files and broken JPEGs unchanged', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47]);
    expect(stripJpegMetadata(png)).toBe(png);
    const broken = Uint8Array.from([0xff, 0xd8, 0xff, 0xe1, 0x40, 0x00, 1]);
    expect(stripJpegMetadata(broken)).toBe(broken);
  });
});

describe('stripPngMetadata', () => {
  const chunk = (type: string, data: number[]) => [0, 0, data.length >> 8, data.length & 0xff, ...[...type].map((c) => c.charCodeAt(0)), ...data, 1, 2, 3, 4];
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  const ihdr = chunk('IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  const text = chunk('tEXt', [...'Author\0Zhang'].map((c) => c.charCodeAt(0)));
  const exif = chunk('eXIf', [1, 2, 3]);
  const idat = chunk('IDAT', [9, 9, 9]);
  const iend = chunk('IEND', []);

  it('drops text and EXIF chunks and keeps the picture', () => {
    const input = Uint8Array.from([...sig, ...ihdr, ...text, ...idat, ...exif, ...iend]);
    expect([...stripPngMetadata(input)]).toEqual([...sig, ...ihdr, ...idat, ...iend]);
  });
  it('leaves a truncated PNG unchanged', () => {
    const broken = Uint8Array.from([...sig, ...ihdr.slice(0, 10)]);
    expect(stripPngMetadata(broken)).toBe(broken);
  });
});

describe('stripWebpMetadata', () => {
  const le = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
  const chunk = (type: string, data: number[]) => [...[...type].map((c) => c.charCodeAt(0)), ...le(data.length), ...data, ...(data.length % 2 ? [0] : [])];
  const riff = (body: number[]) => [...'RIFF'].map((c) => c.charCodeAt(0)).concat(le(body.length + 4), [...'WEBP'].map((c) => c.charCodeAt(0)), body);
  // VP8X flags: alpha (0x10) + EXIF (0x08) + XMP (0x04); a 1×1 canvas.
  const vp8x = (flags: number) => chunk('VP8X', [flags, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  const picture = chunk('VP8 ', [7, 7, 7]);
  const alpha = chunk('ALPH', [5, 5]);
  const exif = chunk('EXIF', [...'GPS=30.27,120.15 Owner=Zhang'].map((c) => c.charCodeAt(0)));
  const xmp = chunk('XMP ', [...'<x:xmpmeta/>'].map((c) => c.charCodeAt(0)));

  it('drops the EXIF and XMP chunks, clears their flags and fixes the RIFF size; keeps the picture and alpha', () => {
    const input = Uint8Array.from(riff([...vp8x(0x1c), ...alpha, ...picture, ...exif, ...xmp]));
    const out = stripWebpMetadata(input);
    expect([...out]).toEqual(riff([...vp8x(0x10), ...alpha, ...picture]));
    expect(Buffer.from(out).includes('GPS')).toBe(false);
    expect(stripPhotoMetadata(input, 'image/webp')).toEqual(out);
    // The input is not changed (the flags are cleared on a copy).
    expect(input[20]).toBe(0x1c);
  });
  it('returns a WebP without metadata, a truncated one and other files unchanged', () => {
    const simple = Uint8Array.from(riff(picture));
    expect(stripWebpMetadata(simple)).toBe(simple);
    const truncated = Uint8Array.from(riff([...vp8x(0x1c), ...exif]).slice(0, 40));
    truncated.set(le(200), 4);
    expect(stripWebpMetadata(truncated)).toBe(truncated);
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect(stripWebpMetadata(png)).toBe(png);
  });
});
