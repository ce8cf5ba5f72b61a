/**
 * The member file (一人一档): the member's record (masked), the application on file and the
 * attachments (学历、职称、荣誉证书、健康证明: JPG, PNG, WebP or PDF). Seen by that union's staff only.
 */
import { z } from 'zod';
import { defineContract } from '../define';
import { id } from '../common';
import type { FileResult } from '../file';
import { ATTACHMENT_KINDS, MEMBER_UPLOAD_KINDS, type AttachmentKind } from './member-file.labels';

/** One attachment as staff see it (no bytes: download with `membership.attachment`). */
export interface MemberAttachmentInfo {
  id: string;
  kind: AttachmentKind;
  /** Chinese name of the kind (学历证书…). */
  kindLabel: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  /** The staffer's name, or 会员本人 for what the member uploaded themself. */
  uploadedBy: string;
  /** 会员本人上传 (`membership.attachOwn`): the member may remove it; staff may too. */
  uploadedByMember: boolean;
  createdAt: string;
}

/** 一人一档 of one member. */
export interface MemberFileResult {
  member: {
    memberId: string;
    unionId: string;
    unionName: string;
    name: string;
    memberNo: string;
    gender: 'male' | 'female';
    birthDate: string;
    idNumberMasked: string;
    phoneMasked: string;
    ethnicity: string;
    education: string;
    politicalStatus: string;
    householdType: string;
    unitName: string;
    job: string;
    joinedAt: string;
    status: 'active' | 'left';
    leftAt: string | null;
    leftReason: string | null;
  };
  /** The application on file (入会申请); null for members imported from a paper roster. */
  application: {
    id: string;
    createdAt: string;
    consentVersion: string;
    consentedAt: string;
    reviewedAt: string | null;
    reviewedBy: string | null;
    status: 'pending' | 'approved' | 'rejected';
  } | null;
  attachments: MemberAttachmentInfo[];
  /** Limits, for the upload form. */
  limits: { maxBytes: number; maxCount: number };
  /** What is missing for a complete file, in Chinese (e.g. 缺少入会申请). */
  missing: string[];
}

/** One attachment of the member's own file as the member sees it: no staff names, no hash. */
export type MyAttachmentInfo = Omit<MemberAttachmentInfo, 'sha256' | 'uploadedBy' | 'uploadedByMember'> & {
  /** self 本人上传 (the member may remove it) | union 工会上传. */
  uploadedBy: 'self' | 'union';
};

/** 我的档案: the caller's own member file. */
export interface MyFileResult {
  unionName: string;
  attachments: MyAttachmentInfo[];
  /** 档案齐全 (memberFileComplete): the application is on file, or at least one attachment. */
  complete: boolean;
  /** Limits, for the upload form. */
  limits: { maxBytes: number; maxCount: number };
}

const fileName = z.string().trim().min(1, '请填写文件名').max(120, '文件名最多 120 个字');
/** The file's bytes in base64 (no `data:` prefix). */
const base64 = z.string().min(1, '请选择文件');

/** One attachment's bytes, as a download answers them. */
export type AttachmentDownload = FileResult & { id: string; sizeBytes: number; sha256: string };
/** A removal: `duplicate` when it was removed already; `count` attachments left on the file. */
export type AttachmentRemoval = { id: string; removed: true; duplicate: boolean; count: number };
/** Names one attachment. */
const attachmentRef = z.strictObject({
  /** The attachment. */
  attachmentId: id,
});

/** 上传附件 to a member's file. */
export const attach = defineContract<{ attachment: MemberAttachmentInfo; count: number }>()(
  'membership.attach',
  z.strictObject({
    /** The member whose file it goes into. */
    memberId: id,
    /** diploma 学历证书 | title 职称证书 | honour 荣誉证书 | health 健康证明 | other 其他材料. */
    kind: z.enum(ATTACHMENT_KINDS, { error: '材料类型只能是 学历证书、职称证书、荣誉证书、健康证明 或 其他材料' }),
    /** The name of the file as chosen (the extension is set from the content). */
    fileName,
    /** The file: JPG, PNG, WebP or PDF, at most 5 MB. */
    base64,
  }),
  '一人一档：上传附件（学历、职称、荣誉证书、健康证明；图片或 PDF）',
);

/** 一人一档: the member's record, application and attachments. */
export const memberFile = defineContract<MemberFileResult>()(
  'membership.memberFile',
  z.strictObject({
    /** The member. */
    memberId: id,
  }),
  '一人一档：会员信息（打码）、入会申请和附件列表',
);

/** 下载附件 (audited). */
export const attachment = defineContract<AttachmentDownload>()('membership.attachment', attachmentRef, '一人一档：下载一个附件（记入审计日志）');

/** 删除附件: the bytes are deleted; the record of who uploaded and removed it stays. */
export const removeAttachment = defineContract<AttachmentRemoval>()('membership.removeAttachment', attachmentRef, '一人一档：删除附件');

/** 我的档案: the caller's own attachments (metadata) and whether the file is complete. */
export const myFile = defineContract<MyFileResult>()('membership.myFile', z.strictObject({}), '我的档案：本人一人一档中的材料列表（不含文件内容）');

/** 上传我的材料 into the caller's own file. */
export const attachOwn = defineContract<{ attachment: MyAttachmentInfo; count: number }>()(
  'membership.attachOwn',
  z.strictObject({
    /** diploma 学历证书 | title 职称证书 | honour 荣誉证书 | health 健康证明 | other 其他材料. */
    kind: z.enum(MEMBER_UPLOAD_KINDS, { error: '材料类型只能是 学历证书、职称证书、荣誉证书、健康证明 或 其他材料' }),
    /** The name of the file as chosen (the extension is set from the content). */
    fileName,
    /** The file: JPG, PNG, WebP or PDF, at most 5 MB. */
    base64,
  }),
  '我的档案：会员本人上传材料（证书等；图片或 PDF）',
);

/** 下载我的材料 (audited). */
export const myAttachment = defineContract<AttachmentDownload>()('membership.myAttachment', attachmentRef, '我的档案：下载本人档案中的一个材料（记入审计日志）');

/** 删除我上传的材料: only what the member uploaded themself. */
export const removeOwnAttachment = defineContract<AttachmentRemoval>()('membership.removeOwnAttachment', attachmentRef, '我的档案：删除本人上传的材料（工会上传的请联系工会）');
