/** Joining by QR code (入会邀请码): what the join page shows about an invitation, and its WeChat URL Link. */
import { z } from 'zod';
import { defineContract } from '../define';
import type { UnionKind } from '../labels';

/** A unit the worker may pick on the join page, with the union that workers of it join. */
export interface JoinUnitOption {
  id: string;
  name: string;
  unionId: string;
  unionName: string;
  unionKind: UnionKind;
}

/** What the join page shows about an invitation. */
export interface InviteInfo {
  /** The union the code belongs to. */
  union: { id: string; name: string; kind: UnionKind };
  /** The employer, when the code names one (fixed on the form). */
  unit?: { id: string; name: string };
  /** The industry union (行业工会) above. */
  industry: { id: string; name: string };
  /** Why this union, in a sentence for the worker (DOMAIN.md, Joining). */
  explain: string;
  /** Units to choose from (empty when the code names a unit). */
  units: JoinUnitOption[];
  /** The worker may type an employer that is not listed (industry-union codes only). */
  allowOtherUnit: boolean;
  expiresAt: string | null;
}

export const resolveInvite = defineContract<InviteInfo>()(
  'membership.resolveInvite',
  z.strictObject({
    /** The invitation token from the QR code (`t=` of the link, or the mini-program `scene`). */
    token: z.string().trim().min(1, '缺少邀请码').max(512, '邀请码过长'),
  }),
  '读取入会邀请码：加入哪个工会、为什么、可选的工作单位',
);

/** A WeChat URL Link to the mini-program's join page for an invitation (for the H5 join page outside WeChat). */
export interface JoinUrlLink {
  /** `https://wxaurl.cn/…`: opens WeChat and the mini-program's join page with this invitation. */
  urlLink?: string;
  /** When the link stops working. */
  expiresAt?: string;
  /** Why there is no link: `wechat_not_configured` (host without WeChat credentials), `wechat_unavailable`, `wechat_limit`, `wechat_rejected`. */
  unavailable?: { reason: 'wechat_not_configured' | 'wechat_unavailable' | 'wechat_limit' | 'wechat_rejected'; message: string };
}

/**
 * 在微信中打开 (public): the H5 join page opened outside WeChat (phone camera, browser) offers one tap
 * into the mini-program, where the worker logs in with WeChat. The link is made once per invitation
 * and kept until a day before it expires; refused like `resolveInvite` for a bad or stopped code.
 */
export const joinUrlLink = defineContract<JoinUrlLink>()(
  'membership.joinUrlLink',
  z.strictObject({
    /** The invitation token from the H5 link (`t=`). */
    token: z.string().trim().min(1, '缺少邀请码').max(512, '邀请码过长'),
  }),
  '入会邀请码的微信 URL Link（在微信中打开小程序入会页）',
);
