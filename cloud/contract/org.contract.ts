import { z } from 'zod';
import { defineContract } from './define';
import { id } from './common';

/** A member unit (会员单位 / 企业) with its employee count (职工人数). */
export interface UnitNode {
  id: string;
  name: string;
  employees: number;
}

/** The organisation tree (组织架构): industry union → base unions → units. */
export interface OrgTree {
  id: string;
  name: string;
  /** Named only: the upper-level union outside the system (上级工会). */
  upperUnionName: string | null;
  baseUnions: { id: string; name: string; units: UnitNode[] }[];
  /** Member units with no base union of their own: their workers join the industry union directly. */
  directUnits: UnitNode[];
}

export const tree = defineContract<OrgTree>()('org.tree', z.strictObject({}), '组织架构：行业工会、基层工会、会员单位');

/** A join invitation (入会邀请码) as staff see it. */
export interface InvitationInfo {
  id: string;
  /** The signed token (`t=` of the link). */
  token: string;
  /** Opens the join page: `{UNION_PUBLIC_URL}/#/pages/join/index?t=<token>`. */
  url: string;
  /** The short signed form for a mini-program code's `scene` (≤ 32 characters). */
  scene: string;
  unionId: string;
  unitId: string | null;
  unitName: string | null;
  label: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  /** active (可用) | revoked (已停用) | expired (已过期). */
  state: 'active' | 'revoked' | 'expired';
  /** Applications made with this code. */
  applications: number;
}

/** A join invitation (入会邀请码). */
export const invite = defineContract<InvitationInfo>()(
  'org.invite',
  z.strictObject({
    /** The union the worker joins (base union or the industry union). */
    unionId: id,
    /** Pre-fills the employer (工作单位) on the join page. */
    unitId: id.optional(),
    /** Days until the code stops working; none: valid until revoked. */
    expiresInDays: z.number().int('须为整数').min(1, '至少 1 天').max(3650, '最多 3650 天').optional(),
    /** A note for staff: where the code is posted (e.g. 后厨门口). */
    label: z.string().trim().min(1, '不能为空').max(30, '最多 30 个字').optional(),
  }),
  '生成入会邀请码（二维码内容）',
);

/** 邀请码列表: the union's codes, newest first, with their state and how many applied with each. */
export const listInvites = defineContract<{ items: InvitationInfo[] }>()(
  'org.listInvites',
  z.strictObject({
    /** The union whose codes to list. */
    unionId: id,
  }),
  '入会邀请码列表',
);

/** 停用邀请码: the code stops working at once (the join page says so); repeated calls are harmless. */
export const revokeInvite = defineContract<{ id: string; state: 'revoked'; revokedAt: string; duplicate: boolean }>()(
  'org.revokeInvite',
  z.strictObject({
    /** The invitation to stop. */
    invitationId: id,
  }),
  '停用入会邀请码',
);

/** A file to save: base64 content with its name and type. */
export interface FileResult {
  fileName: string;
  mimeType: string;
  base64: string;
}

/** 下载海报: `svg` is the printable A4 poster; `png` the bare QR code (512 px). */
export const invitePoster = defineContract<FileResult>()(
  'org.invitePoster',
  z.strictObject({
    /** The invitation to print. */
    invitationId: id,
    /** `svg`: A4 poster with the union name and instructions; `png`: the QR code alone. */
    format: z.enum(['svg', 'png'], { error: '格式只能是 svg 或 png' }),
  }),
  '入会二维码海报（SVG）或二维码图片（PNG）',
);
