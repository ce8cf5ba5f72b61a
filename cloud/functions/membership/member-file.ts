/**
 * The member file (一人一档): `membership.attach`, `membership.memberFile`,
 * `membership.attachment`, `membership.removeAttachment` (staff); `membership.myFile`,
 * `membership.attachOwn`, `membership.myAttachment`, `membership.removeOwnAttachment` (the member,
 * on their own file: 个人信息查阅权, and supplying their own certificates).
 *
 * Who may do what (the policies):
 * - attach: staff and chair of the member's union, and the industry admin over its base unions
 *   (the industry union collects certificates during inspections);
 * - see the file, download and remove attachments: that union's own staff and chair (and the
 *   industry union's own staff and admin for members who joined the industry union directly).
 * Anyone else is answered `not_found`, as if the member did not exist.
 * - the member (an active member, signed in) sees the list of their own file (no staff names),
 *   downloads any of it, uploads (MEMBER_UPLOAD_KINDS) and removes what they uploaded themself;
 *   what the union uploaded they cannot remove (`forbidden`). Another member's attachment id is
 *   `not_found`. Non-members asking for their file get `not_member`.
 *
 * Bytes go to the file store (`ctx.services.files`, `data/files` in the embedded mode), sealed with
 * the data key (AES-256-GCM bound to the store key: certificates carry names and ID numbers), before
 * the metadata row commits; a failed commit deletes them again. A removed attachment keeps its
 * row (who uploaded and removed it, when, its hash) and its bytes are deleted.
 */
import * as c from '../../contract/membership/member-file';
import type { AttachmentDownload, AttachmentRemoval, MemberAttachmentInfo, MyAttachmentInfo } from '../../contract/membership/member-file';
import { AppError } from '../../contract/errors';
import type { Role } from '../../contract/labels';
import { ATTACHMENT_KIND_LABELS, MEMBER_ATTACH_BODY_BYTES, MEMBER_ATTACHMENT_MAX_BYTES, MEMBER_ATTACHMENTS_MAX } from '../../contract/membership/member-file.labels';
import { newId, openBytes, sealBytes } from '../../domain/crypto';
import { checkUpload, memberFileComplete, storedFileName } from '../../domain/member-file';
import { newFileKey } from '../../storage/file-store';
import { holdLimit, limitKey } from '../../storage/limits.repository';
import {
  applicationOnFile,
  attachmentScope,
  displayNames,
  findAttachment,
  insertAttachment,
  liveAttachmentCount,
  liveAttachments,
  markAttachmentRemoved,
  memberWithUnion,
  unitName,
} from '../../storage/member-files.repository';
import { activeMemberOfUser } from '../../storage/membership.repository';
import type { MemberAttachmentsTable, MembersTable, Q } from '../../storage/schema';
import { defineFunction, type FnContext, type ObjectScope, type Principal } from '../registry';

const FILE_ROLES = ['staff', 'chair', 'industryAdmin'] as const satisfies readonly Role[];

/**
 * The member's union. Seeing the file is for the union's own staff only: `ownUnionOnly` leaves out
 * the parent, so an industryAdmin grant on a base union's parent does not reach it (it may attach).
 */
async function memberScope(db: Q, memberId: string, ownUnionOnly: boolean): Promise<ObjectScope | undefined> {
  const m = await memberWithUnion(db, memberId);
  return m && { union: { id: m.union_id, parent_id: ownUnionOnly ? null : m.parent_id } };
}

/** An attachment's union, for its own staff (as `memberScope` with `ownUnionOnly`). */
async function attachmentUnion(db: Q, attachmentId: string): Promise<ObjectScope | undefined> {
  const s = await attachmentScope(db, attachmentId);
  return s && { union: { id: s.id, parent_id: null } };
}

/** An attachment of an active member's file, for that member (the owner) only. */
async function ownAttachmentScope(db: Q, attachmentId: string): Promise<ObjectScope | null | undefined> {
  const s = await attachmentScope(db, attachmentId);
  return s && (s.member_status === 'active' ? { union: { id: s.id, parent_id: s.parent_id }, ownerUserId: s.member_user_id } : null);
}

/** What staff and the member both see of an attachment. */
function commonInfo(row: MemberAttachmentsTable): Omit<MyAttachmentInfo, 'uploadedBy'> {
  return {
    id: row.id,
    kind: row.kind,
    kindLabel: ATTACHMENT_KIND_LABELS[row.kind],
    fileName: row.file_name,
    mimeType: row.mime_type,
    sizeBytes: Number(row.size_bytes),
    createdAt: row.created_at,
  };
}

function info(row: MemberAttachmentsTable, names: Map<string, string>): MemberAttachmentInfo {
  return {
    ...commonInfo(row),
    sha256: row.sha256,
    uploadedBy: row.uploaded_as === 'member' ? '会员本人' : (names.get(row.uploaded_by) ?? '工会干部'),
    uploadedByMember: row.uploaded_as === 'member',
  };
}

/** Who is putting a file into the member file: a union's staff, or the member themself. */
interface Uploader {
  userId: string;
  as: MemberAttachmentsTable['uploaded_as'];
}

/**
 * Takes one upload into a member's file, for staff (`attach`) and the member (`attachOwn`) alike:
 * checks type, size and the count, seals the bytes into the file store, then commits the row
 * with its audit event (the function's name is the action). A failed commit deletes the bytes.
 */
async function storeAttachment(
  ctx: FnContext,
  m: Pick<MembersTable, 'id' | 'union_id'>,
  input: { kind: MemberAttachmentsTable['kind']; fileName: string; base64: string },
  uploader: Uploader,
): Promise<{ row: MemberAttachmentsTable; count: number }> {
  const check = checkUpload(input.base64, { maxBytes: MEMBER_ATTACHMENT_MAX_BYTES, existing: await liveAttachmentCount(ctx.db, m.id), maxCount: MEMBER_ATTACHMENTS_MAX });
  if (!check.ok) {
    if (check.reason === 'validation_error') throw new AppError('validation_error', undefined, [{ path: 'base64', message: check.message }]);
    throw new AppError(check.reason, check.message);
  }
  const key = newFileKey('members', ctx.now);
  const row: MemberAttachmentsTable = {
    id: newId('att'),
    union_id: m.union_id,
    member_id: m.id,
    kind: input.kind,
    file_name: storedFileName(input.fileName, check.extension, ATTACHMENT_KIND_LABELS[input.kind]),
    mime_type: check.mimeType,
    size_bytes: check.bytes.length,
    sha256: check.sha256,
    file_key: key,
    uploaded_by: uploader.userId,
    uploaded_as: uploader.as,
    created_at: ctx.now.toISOString(),
    removed_at: null,
    removed_by: null,
  };
  // Encrypted at rest with the data key, like the ID numbers: the store (and any backup of it) holds ciphertext.
  await ctx.services.files.put(key, sealBytes(ctx.services.keys.field, check.bytes, key));
  try {
    const count = await ctx.transaction(async (w) => {
      // Counted again inside the transaction, under the member's guard row (limits.repository.ts):
      // parallel uploads take turns, so they cannot pass the limit together.
      await holdLimit(w.db, limitKey.attachments(m.id), ctx.now);
      const n = await liveAttachmentCount(w.db, m.id);
      if (n >= MEMBER_ATTACHMENTS_MAX) throw new AppError('too_many_attachments', `每名会员最多 ${MEMBER_ATTACHMENTS_MAX} 个附件，请先删除不需要的附件`);
      await insertAttachment(w.db, row);
      await w.audit({ objectType: 'member_attachment', objectId: row.id, unionId: m.union_id, detail: { memberId: m.id, kind: row.kind, sha256: row.sha256, sizeBytes: row.size_bytes, mimeType: row.mime_type, uploadedAs: row.uploaded_as } });
      return n + 1;
    });
    return { row, count };
  } catch (err) {
    await ctx.services.files.delete(key);
    throw err;
  }
}

/** The bytes of a live attachment, opened with the data key; the download is audited (the function's name is the action). */
async function download(ctx: FnContext, row: MemberAttachmentsTable): Promise<AttachmentDownload> {
  if (row.removed_at) throw new AppError('not_found', '该附件已删除');
  const sealed = await ctx.services.files.get(row.file_key);
  if (!sealed) throw new AppError('not_found', '附件文件缺失，请重新上传');
  const bytes = openBytes(ctx.services.keys.field, sealed, row.file_key);
  await ctx.transaction(async (w) => {
    await w.audit({ objectType: 'member_attachment', objectId: row.id, unionId: row.union_id, detail: { memberId: row.member_id, sha256: row.sha256 } });
  });
  return { id: row.id, fileName: row.file_name, mimeType: row.mime_type, sizeBytes: bytes.length, sha256: row.sha256, base64: bytes.toString('base64') };
}

/** Marks an attachment removed (audited) and then deletes its bytes; removing it again answers `duplicate: true`. */
async function remove(ctx: FnContext, p: Principal, row: MemberAttachmentsTable): Promise<AttachmentRemoval> {
  if (row.removed_at) return { id: row.id, removed: true, duplicate: true, count: await liveAttachmentCount(ctx.db, row.member_id) };
  const count = await ctx.transaction(async (w) => {
    await markAttachmentRemoved(w.db, row.id, p.userId, ctx.now.toISOString());
    await w.audit({ objectType: 'member_attachment', objectId: row.id, unionId: row.union_id, detail: { memberId: row.member_id, kind: row.kind, sha256: row.sha256, fileName: row.file_name } });
    return liveAttachmentCount(w.db, row.member_id);
  });
  // After the commit: a failed delete leaves an unreferenced file, never a row without its bytes.
  await ctx.services.files.delete(row.file_key);
  return { id: row.id, removed: true, duplicate: false, count };
}

/**
 * 上传附件: one JPG, PNG, WebP or PDF (recognised by its first bytes, at most 5 MB) into a
 * member's file, at most 20 per member. Refusals: `unsupported_file_type`, `file_too_large`,
 * `too_many_attachments`.
 */
export const attach = defineFunction({
  contract: c.attach,
  policy: { kind: 'objectRoles', what: '会员', roles: FILE_ROLES, locate: (i, db) => memberScope(db, i.memberId, false) },
  kind: 'mutation',
  maxBodyBytes: MEMBER_ATTACH_BODY_BYTES,
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const m = (await memberWithUnion(ctx.db, input.memberId))!;
    if (m.status !== 'active') throw new AppError('validation_error', undefined, [{ path: 'memberId', message: '该会员已退会，不能再添加附件' }]);
    const { row, count } = await storeAttachment(ctx, m, input, { userId: p.userId, as: 'union' });
    return { attachment: info(row, await displayNames(ctx.db, [p.userId])), count };
  },
});

/** 一人一档: the member's record (numbers masked), the application on file and the attachments, newest first. */
export const memberFile = defineFunction({
  contract: c.memberFile,
  policy: { kind: 'objectRoles', what: '会员', roles: FILE_ROLES, locate: (i, db) => memberScope(db, i.memberId, true) },
  kind: 'query',
  async handler(input, ctx) {
    const m = (await memberWithUnion(ctx.db, input.memberId))!;
    const app = await applicationOnFile(ctx.db, m.id);
    const rows = await liveAttachments(ctx.db, m.id);
    const names = await displayNames(ctx.db, [...rows.map((r) => r.uploaded_by), ...(app?.reviewed_by ? [app.reviewed_by] : [])]);
    const listedUnit = m.unit_id ? await unitName(ctx.db, m.unit_id) : undefined;
    const missing: string[] = [];
    if (!memberFileComplete({ hasApplication: !!app, attachments: rows.length })) missing.push('缺少入会申请（花名册导入的会员请扫码补填，或上传入会登记表等材料）');
    return {
      member: {
        memberId: m.id,
        unionId: m.union_id,
        unionName: m.union_name,
        name: m.name,
        memberNo: m.member_no,
        gender: m.gender,
        birthDate: m.birth_date,
        idNumberMasked: m.id_number_masked,
        phoneMasked: m.phone_masked,
        ethnicity: m.ethnicity,
        education: m.education,
        politicalStatus: m.political_status,
        householdType: m.household_type,
        unitName: listedUnit ?? m.unit_name ?? '',
        job: m.job,
        joinedAt: m.joined_at,
        status: m.status,
        leftAt: m.left_at,
        leftReason: m.left_reason,
      },
      application: app
        ? {
            id: app.id,
            createdAt: app.created_at,
            consentVersion: app.consent_version,
            consentedAt: app.consented_at,
            reviewedAt: app.reviewed_at,
            reviewedBy: app.reviewed_by ? (names.get(app.reviewed_by) ?? '工会干部') : null,
            status: app.status,
          }
        : null,
      attachments: rows.map((r) => info(r, names)),
      limits: { maxBytes: MEMBER_ATTACHMENT_MAX_BYTES, maxCount: MEMBER_ATTACHMENTS_MAX },
      missing,
    };
  },
});

/** 下载附件: the file as base64, for that union's staff; every download is written to the audit log. */
export const attachment = defineFunction({
  contract: c.attachment,
  policy: { kind: 'objectRoles', what: '附件', roles: FILE_ROLES, locate: (i, db) => attachmentUnion(db, i.attachmentId) },
  kind: 'mutation',
  async handler(input, ctx) {
    return download(ctx, (await findAttachment(ctx.db, input.attachmentId))!);
  },
});

/** 删除附件: the bytes are deleted from the store; the row stays as history. Removing it again answers `duplicate: true`. */
export const removeAttachment = defineFunction({
  contract: c.removeAttachment,
  policy: { kind: 'objectRoles', what: '附件', roles: FILE_ROLES, locate: (i, db) => attachmentUnion(db, i.attachmentId) },
  kind: 'mutation',
  async handler(input, ctx) {
    return remove(ctx, ctx.requirePrincipal(), (await findAttachment(ctx.db, input.attachmentId))!);
  },
});

/** The caller's active member record, or `not_member` (a worker who has not joined, or has left). */
async function ownMember(db: Q, p: Principal): Promise<{ id: string; union_id: string; union_name: string }> {
  const m = await activeMemberOfUser(db, p.userId);
  if (!m) throw new AppError('not_member', '你目前不是在册会员，没有会员档案');
  return m;
}

/** The member's view of one attachment: who uploaded it as 本人 or 工会, never a staffer's name. */
function myInfo(row: MemberAttachmentsTable): MyAttachmentInfo {
  return { ...commonInfo(row), uploadedBy: row.uploaded_as === 'member' ? 'self' : 'union' };
}

/** 我的档案: the caller's own attachments, newest first, and whether the file is complete. Non-members: `not_member`. */
export const myFile = defineFunction({
  contract: c.myFile,
  policy: { kind: 'signedIn' },
  kind: 'query',
  async handler(_input, ctx) {
    const p = ctx.requirePrincipal();
    const m = await ownMember(ctx.db, p);
    const [app, rows] = await Promise.all([applicationOnFile(ctx.db, m.id), liveAttachments(ctx.db, m.id)]);
    return {
      unionName: m.union_name,
      attachments: rows.map(myInfo),
      complete: memberFileComplete({ hasApplication: !!app, attachments: rows.length }),
      limits: { maxBytes: MEMBER_ATTACHMENT_MAX_BYTES, maxCount: MEMBER_ATTACHMENTS_MAX },
    };
  },
});

/**
 * 上传我的材料: the member puts a certificate into their own file, with the same checks as
 * `attach` (JPG, PNG, WebP or PDF, at most 5 MB, at most 20 per member); staff see it marked
 * 会员本人上传. Not retry-safe by a client id, like `attach`: a repeated upload is a second
 * attachment the member can remove. Refusals: `not_member`, `unsupported_file_type`,
 * `file_too_large`, `too_many_attachments`.
 */
export const attachOwn = defineFunction({
  contract: c.attachOwn,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  maxBodyBytes: MEMBER_ATTACH_BODY_BYTES,
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const m = await ownMember(ctx.db, p);
    const { row, count } = await storeAttachment(ctx, m, input, { userId: p.userId, as: 'member' });
    return { attachment: myInfo(row), count };
  },
});

/** 下载我的材料: one attachment of the caller's own file as base64 (audited). Anything else: `not_found`. */
export const myAttachment = defineFunction({
  contract: c.myAttachment,
  policy: { kind: 'objectRoles', what: '材料', roles: [], owner: true, locate: (i, db) => ownAttachmentScope(db, i.attachmentId) },
  kind: 'mutation',
  async handler(input, ctx) {
    return download(ctx, (await findAttachment(ctx.db, input.attachmentId))!);
  },
});

/**
 * 删除我上传的材料: only what the member uploaded themself (the row stays as history, the bytes
 * are deleted); what the union uploaded answers `forbidden`. Removing it again answers `duplicate: true`.
 */
export const removeOwnAttachment = defineFunction({
  contract: c.removeOwnAttachment,
  policy: { kind: 'objectRoles', what: '材料', roles: [], owner: true, locate: (i, db) => ownAttachmentScope(db, i.attachmentId) },
  kind: 'mutation',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const row = (await findAttachment(ctx.db, input.attachmentId))!;
    if (row.uploaded_as !== 'member') throw new AppError('forbidden', '工会上传的材料请联系工会删除');
    return remove(ctx, p, row);
  },
});
