/** The submitter's side of requests (职工诉求/建议): 提交 and 我的诉求. */
import * as c from '../../contract/request/submit';
import { AppError } from '../../contract/errors';
import { MAX_REQUEST_PHOTO_BYTES, MAX_REQUESTS_PER_DAY } from '../../contract/request/labels';
import { newId } from '../../domain/crypto';
import { maySubmit, stripPhotoMetadata, submissionWindowStart } from '../../domain/request';
import { decodeBase64, sniffUpload } from '../../domain/upload';
import { isUniqueViolation } from '../../storage/db';
import { newFileKey } from '../../storage/file-store';
import { holdLimit, limitKey } from '../../storage/limits.repository';
import { activeMembershipOf } from '../../storage/members.repository';
import { countSubmittedSince, findSubmission, insertRequest, requestsOfUser } from '../../storage/requests.repository';
import { defineFunction } from '../registry';
import { field, toItems } from './items';

/**
 * 提交诉求/建议. Active members only (`not_member`); at most 10 in any 24 hours (`rate_limited`).
 * The photo must be a JPEG, PNG or WebP by its bytes (`invalid_attachment`), at most 3 MB; its
 * metadata (EXIF with position and device, XMP, PNG text chunks) is removed before it is stored. A repeated
 * `requestId` answers the first submission with `duplicate: true`.
 */
export const submit = defineFunction({
  contract: c.submit,
  // Any session: a non-member is answered `not_member` (not an access refusal), and the request goes to the caller's own union.
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  // 3 MB of photo as base64 (4 MB) plus the text.
  maxBodyBytes: 4_600_000,
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const member = await activeMembershipOf(ctx.db, p.userId);
    if (!member) throw new AppError('not_member', '入会后才能提交诉求与建议');
    if (input.requestId) {
      const earlier = await findSubmission(ctx.db, p.userId, input.requestId);
      if (earlier) return { id: earlier.id, status: earlier.status, duplicate: true };
    }
    const tooMany = () => new AppError('rate_limited', `24 小时内最多提交 ${MAX_REQUESTS_PER_DAY} 条诉求，请明天再提交`);
    const windowStart = submissionWindowStart(ctx.now);
    // A first look, so a refused submission stores no photo; the count that decides is in the transaction.
    if (!maySubmit(await countSubmittedSince(ctx.db, p.userId, windowStart))) throw tooMany();

    let photo: { key: string; mime: string; bytes: number } | null = null;
    if (input.photoBase64 !== undefined) {
      const raw = decodeBase64(input.photoBase64);
      if (!raw) throw field('photoBase64', '照片格式不正确');
      const check = sniffUpload(raw, ['image/jpeg', 'image/png', 'image/webp'], MAX_REQUEST_PHOTO_BYTES);
      if (!check.ok) throw check.reason === 'unsupported_type' ? new AppError('invalid_attachment', '只能上传 JPG、PNG 或 WebP 照片') : field('photoBase64', check.message);
      const bytes = stripPhotoMetadata(raw, check.type as 'image/jpeg' | 'image/png' | 'image/webp');
      photo = { key: newFileKey('requests', ctx.now), mime: check.type, bytes: bytes.length };
      await ctx.services.files.put(photo.key, bytes);
    }

    const id = newId('req');
    const at = ctx.now.toISOString();
    try {
      await ctx.transaction(async (w) => {
        // Counted under the login's guard row, in the transaction that inserts (limits.repository.ts):
        // parallel submissions take turns, so the 11th of the day is refused.
        await holdLimit(w.db, limitKey.requests(p.userId), ctx.now);
        if (!maySubmit(await countSubmittedSince(w.db, p.userId, windowStart))) throw tooMany();
        await insertRequest(w.db, {
          id,
          union_id: member.union_id,
          member_id: member.id,
          user_id: p.userId,
          category: input.category,
          text: input.text,
          anonymous: input.anonymous ? 1 : 0,
          status: 'pending',
          owner_seen_replies: 0,
          photo_key: photo?.key ?? null,
          photo_mime: photo?.mime ?? null,
          photo_bytes: photo?.bytes ?? null,
          client_request_id: input.requestId ?? null,
          submitted_at: at,
          first_reply_at: null,
          closed_at: null,
          closed_by: null,
          rating: null,
          rating_comment: null,
          rated_at: null,
          updated_at: at,
          escalated_to_union_id: null,
          escalated_at: null,
          escalated_by_user_id: null,
        });
        // No person and no text in the detail: staff may one day read audit trails.
        await w.audit({ objectType: 'request', objectId: id, unionId: member.union_id, detail: { category: input.category, anonymous: !!input.anonymous, photoBytes: photo?.bytes ?? 0 } });
      });
    } catch (err) {
      if (photo) await ctx.services.files.delete(photo.key);
      if (input.requestId && isUniqueViolation(err)) {
        const earlier = await findSubmission(ctx.db, p.userId, input.requestId);
        if (earlier) return { id: earlier.id, status: earlier.status, duplicate: true };
      }
      throw err;
    }
    return { id, status: 'pending' as const, duplicate: false };
  },
});

/** 我的诉求: everything the caller submitted (also from an earlier membership), newest first. */
export const mine = defineFunction({
  contract: c.mine,
  // The caller's own requests only (by their login): nothing of anyone else's to guard.
  policy: { kind: 'signedIn' },
  kind: 'query',
  async handler(_input, ctx) {
    const p = ctx.requirePrincipal();
    return { items: await toItems(ctx.db, await requestsOfUser(ctx.db, p.userId, 200), 'owner', ctx.now) };
  },
});
