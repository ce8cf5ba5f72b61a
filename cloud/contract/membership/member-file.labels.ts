/** The member file (一人一档) constants the app needs at run time (zod-free, for pages). */

/** Attachment kinds: diploma 学历证书 | title 职称证书 | honour 荣誉证书 | health 健康证明 | other 其他. */
export const ATTACHMENT_KINDS = ['diploma', 'title', 'honour', 'health', 'other'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];
export const ATTACHMENT_KIND_LABELS: Record<AttachmentKind, string> = {
  diploma: '学历证书',
  title: '职称证书',
  honour: '荣誉证书',
  health: '健康证明',
  other: '其他材料',
};

/**
 * What a member may put into their own file (`membership.attachOwn`): papers they hold
 * themselves. Every kind so far is one (certificates, a health certificate, 其他材料 such as a
 * training record); a kind only the union can supply (a scanned 入会登记表, an approval) belongs
 * in ATTACHMENT_KINDS alone, so adding one there does not open it to members.
 */
export const MEMBER_UPLOAD_KINDS = ['diploma', 'title', 'honour', 'health', 'other'] as const satisfies readonly AttachmentKind[];
export type MemberUploadKind = (typeof MEMBER_UPLOAD_KINDS)[number];

/** One attachment at most this big (after base64 decoding): a phone photo or a scanned PDF. */
export const MEMBER_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
/** At most this many attachments on one member's file (removed ones do not count). */
export const MEMBER_ATTACHMENTS_MAX = 20;

/** The request body limit for the functions taking such a file as base64 (4/3 of the bytes, plus room for the rest). */
export const MEMBER_ATTACH_BODY_BYTES = Math.ceil((MEMBER_ATTACHMENT_MAX_BYTES * 4) / 3) + 64 * 1024;
