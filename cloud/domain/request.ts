/**
 * Rules of requests and opinions (职工诉求/建议), pure so they are tested alone: the reply
 * deadline and overdue items, the state machine, the daily submission limit, what a reader may
 * see of the person behind a request, and removing metadata from a photo.
 */
import type { Role } from '../contract/labels';
import { MAX_REQUESTS_PER_DAY, REPLY_DEADLINE_DAYS, type RequestStatus } from '../contract/request/labels';

const DAY_MS = 24 * 3600 * 1000;

/** When the union's first answer is due: the submission time plus REPLY_DEADLINE_DAYS × 24 h. */
export function replyDueAt(submittedAt: string): string {
  return new Date(Date.parse(submittedAt) + REPLY_DEADLINE_DAYS * DAY_MS).toISOString();
}

/**
 * Overdue (逾期未答复): still pending (nobody from the union has answered) after the deadline.
 * At exactly the deadline it is not overdue yet; one millisecond later it is.
 */
export function isOverdue(r: { status: RequestStatus; submittedAt: string }, now: Date): boolean {
  return r.status === 'pending' && now.getTime() > Date.parse(replyDueAt(r.submittedAt));
}

/** Whole days since submission (for "已等待 N 天"). */
export function daysWaiting(submittedAt: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(submittedAt)) / DAY_MS));
}

/** The start of the 24-hour window the submission limit counts in. */
export function submissionWindowStart(now: Date): string {
  return new Date(now.getTime() - DAY_MS).toISOString();
}

/** May a member submit another request, having submitted `inLast24h` in the window? */
export function maySubmit(inLast24h: number): boolean {
  return inLast24h < MAX_REQUESTS_PER_DAY;
}

export type RequestAction = 'staffReply' | 'memberFollowUp' | 'close';

/**
 * The state machine: a staff reply moves pending → replied (and keeps replied); a member's
 * follow-up keeps the state; closing moves either open state to closed, and a pending request
 * may be closed only with a note (the member must get an answer). Nothing happens to a
 * closed request: `request_closed`.
 */
export function transition(status: RequestStatus, action: RequestAction, hasNote = true): { ok: true; status: RequestStatus } | { ok: false; reason: 'request_closed' | 'note_required' } {
  if (status === 'closed') return { ok: false, reason: 'request_closed' };
  if (action === 'staffReply') return { ok: true, status: 'replied' };
  if (action === 'memberFollowUp') return { ok: true, status };
  if (status === 'pending' && !hasNote) return { ok: false, reason: 'note_required' };
  return { ok: true, status: 'closed' };
}

/**
 * 转交行业工会: may the base union hand this request to the industry union above it? Only an
 * open request (a closed one: `request_closed`), only once (`already_escalated`), and only when
 * the union has an industry union above it (`cannot_escalate`; an industry union's own members'
 * requests have nowhere to go). Escalating changes neither the state nor the reply deadline.
 */
export function escalation(r: { status: RequestStatus; escalatedToUnionId: string | null; parentUnionId: string | null }):
  | { ok: true; toUnionId: string }
  | { ok: false; reason: 'request_closed' | 'already_escalated' | 'cannot_escalate' } {
  if (r.escalatedToUnionId !== null) return { ok: false, reason: 'already_escalated' };
  if (r.status === 'closed') return { ok: false, reason: 'request_closed' };
  if (r.parentUnionId === null) return { ok: false, reason: 'cannot_escalate' };
  return { ok: true, toUnionId: r.parentUnionId };
}

/** Who is looking at a request. */
export type RequestViewer = 'owner' | 'handler';

/**
 * May a holder of `roles` on the request's own (base) union hand it to the industry union? Its
 * staff and chair only: not the industry admin above it, nor the industry union's staff who handle
 * it once escalated (they see the request, the policy lets them in, this says no: `forbidden`).
 */
export function mayEscalate(roles: ReadonlySet<Role>): boolean {
  return roles.has('staff') || roles.has('chair');
}

/**
 * May this viewer see who submitted it (name, member number, unit)? The member always sees
 * their own; for an anonymous request nobody else does — not the base union's staff, nor the
 * industry union — through any function. A named request shows the person to its handlers.
 */
export function showsIdentity(anonymous: boolean, viewer: RequestViewer): boolean {
  return viewer === 'owner' || !anonymous;
}

/**
 * Removes metadata segments from a JPEG (EXIF with GPS position, camera serial, owner name;
 * XMP; comments: APP1–APP15 and COM), keeping the picture itself. Other formats and
 * unparseable files are returned unchanged.
 */
export function stripJpegMetadata(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return bytes;
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) return bytes;
    const marker = bytes[i + 1];
    // Start of scan: the compressed picture and everything after it is kept as is.
    if (marker === 0xda) {
      parts.push(bytes.subarray(i));
      return concat(parts);
    }
    const length = (bytes[i + 2] << 8) | bytes[i + 3];
    if (length < 2 || i + 2 + length > bytes.length) return bytes;
    const metadata = (marker >= 0xe1 && marker <= 0xef) || marker === 0xfe;
    if (!metadata) parts.push(bytes.subarray(i, i + 2 + length));
    i += 2 + length;
  }
  return bytes;
}

/** PNG chunks that carry text or EXIF (author, comments, position) rather than the picture. */
const PNG_METADATA = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

/** Removes text and EXIF chunks from a PNG, keeping the picture; other files and broken PNGs unchanged. */
export function stripPngMetadata(bytes: Uint8Array): Uint8Array {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 8 || signature.some((v, i) => bytes[i] !== v)) return bytes;
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  let i = 8;
  while (i + 12 <= bytes.length) {
    const length = ((bytes[i] << 24) >>> 0) + (bytes[i + 1] << 16) + (bytes[i + 2] << 8) + bytes[i + 3];
    const end = i + 12 + length;
    if (end > bytes.length) return bytes;
    const type = String.fromCharCode(bytes[i + 4], bytes[i + 5], bytes[i + 6], bytes[i + 7]);
    if (!PNG_METADATA.has(type)) parts.push(bytes.subarray(i, end));
    i = end;
    if (type === 'IEND') return concat(parts);
  }
  return bytes;
}

/** VP8X flags of the chunks removed below (WebP container spec: E = EXIF, X = XMP). */
const WEBP_EXIF_FLAG = 0x08;
const WEBP_XMP_FLAG = 0x04;

/**
 * Removes the EXIF and XMP chunks from a WebP (only the extended format, VP8X, can carry them),
 * clears their flags in the VP8X header and fixes the RIFF size; the picture, alpha, colour profile
 * and animation chunks are kept. Other files and broken WebPs are returned unchanged.
 */
export function stripWebpMetadata(bytes: Uint8Array): Uint8Array {
  const ascii = (at: number) => String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
  const u32 = (at: number) => (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
  if (bytes.length < 12 || ascii(0) !== 'RIFF' || ascii(8) !== 'WEBP') return bytes;
  const end = Math.min(bytes.length, 8 + u32(4));
  const kept: Uint8Array[] = [];
  let removed = false;
  let i = 12;
  while (i < end) {
    if (i + 8 > end) return bytes;
    const type = ascii(i);
    const next = i + 8 + u32(i + 4) + (u32(i + 4) & 1);
    if (next > end + 1) return bytes;
    if (type === 'EXIF' || type === 'XMP ') removed = true;
    else kept.push(bytes.slice(i, Math.min(next, end)));
    i = next;
  }
  if (!removed) return bytes;
  const first = kept[0];
  if (first && String.fromCharCode(first[0], first[1], first[2], first[3]) === 'VP8X' && first.length > 8) first[8] &= ~(WEBP_EXIF_FLAG | WEBP_XMP_FLAG) & 0xff;
  const out = concat([bytes.subarray(0, 12), ...kept]);
  const size = out.length - 8;
  out[4] = size & 0xff;
  out[5] = (size >>> 8) & 0xff;
  out[6] = (size >>> 16) & 0xff;
  out[7] = (size >>> 24) & 0xff;
  return out;
}

/** Removes metadata (EXIF with position, XMP, text) from a photo we store. */
export function stripPhotoMetadata(bytes: Uint8Array, type: 'image/jpeg' | 'image/png' | 'image/webp'): Uint8Array {
  return type === 'image/jpeg' ? stripJpegMetadata(bytes) : type === 'image/png' ? stripPngMetadata(bytes) : stripWebpMetadata(bytes);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
