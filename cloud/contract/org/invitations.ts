/** Join invitations (入会邀请码): made, listed, revoked and printed by a union's staff. */
import { z } from 'zod';
import { defineContract } from '../define';
import { id } from '../common';
import type { Reason } from '../errors';
import type { FileResult } from '../file';

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
  /**
   * The code the poster and the staff page show: `miniProgram` (小程序码, 微信扫一扫) when the host has
   * WeChat credentials, else `link` (the QR of `url`, for WeChat or any phone camera). A poster made
   * while WeChat is unreachable falls back to `link` and says so (`org.invitePoster` → `codeKind`).
   */
  posterCode: 'miniProgram' | 'link';
}

/** Why WeChat's part is missing although the host has credentials (outage, timeout, quota…). */
export interface WechatFallback {
  reason: Reason;
  /** For staff, in Chinese: what happened and what is used instead. */
  message: string;
}

/** `org.invite`'s answer: the invitation, and what WeChat made for it when the host has credentials. */
export interface InviteResult extends InvitationInfo {
  /** The mini-program code (PNG, base64) opening `pages/join/index` with `scene`; only with WeChat credentials. */
  miniProgramCode?: string;
  /** A WeChat URL Link (`https://wxaurl.cn/…`) to the join page for this invitation; only with WeChat credentials. */
  urlLink?: string;
  /** When `urlLink` stops working (WeChat allows 30 days at most; `membership.joinUrlLink` renews it). */
  urlLinkExpiresAt?: string;
  /** Present when the host has WeChat credentials but WeChat did not deliver: the invitation works with its H5 link. */
  wechatFallback?: WechatFallback;
}

/** A join invitation (入会邀请码). */
export const invite = defineContract<InviteResult>()(
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

/** The poster or code image, and which code it carries. */
export interface PosterResult extends FileResult {
  /** `miniProgram`: WeChat's 小程序码 (微信扫一扫); `link`: the QR of the H5 link (微信或手机相机). */
  codeKind: 'miniProgram' | 'link';
  /** Present when the host has WeChat credentials but the mini-program code could not be had: `link` was used. */
  wechatFallback?: WechatFallback;
}

/**
 * 下载海报: `svg` is the printable A4 poster; `png` the bare code (the mini-program code when the
 * host has WeChat credentials, else the link's QR code, 512 px).
 */
export const invitePoster = defineContract<PosterResult>()(
  'org.invitePoster',
  z.strictObject({
    /** The invitation to print. */
    invitationId: id,
    /** `svg`: A4 poster with the union name and instructions; `png`: the QR code alone. */
    format: z.enum(['svg', 'png'], { error: '格式只能是 svg 或 png' }),
  }),
  '入会二维码海报（SVG）或二维码图片（PNG）',
);

// ------------------------------------------------------------------ committees (委员会) and 规范化建设
