/**
 * What WeChat makes for a join invitation (入会邀请码), used by `org.invite`, `org.invitePoster` and
 * `membership.joinUrlLink`:
 * - the mini-program code (wxacode.getUnlimited): `scene` = the invitation's short signed form
 *   (inviteScene, 29 characters), `page` = the join page, which reads `params.scene`;
 * - a URL Link to the join page with `t=<token>` (30 days, WeChat's maximum), for the H5 join page
 *   opened outside WeChat.
 * Both are kept per invitation (`invitation_wechat`): a code never expires, a link is renewed when
 * less than a day is left. WeChat's trouble (outage, timeout, quota, a refused request) never fails
 * the caller: the answer names the fallback (the H5 link QR, no link) and the reason, and the
 * WeChat client logs the details.
 */
import { AppError } from '../contract/errors';
import type { WechatFallback } from '../contract/org/invitations';
import type { WechatClient } from '../host/wechat';
import { readInvitationWechat, saveInvitationWechat } from '../storage/wechat.repository';
import type { Q } from '../storage/schema';

/** The mini-program's join page (without a leading `/`). */
export const JOIN_PAGE = 'pages/join/index';
/** URL Links live this many days (WeChat's maximum). */
export const URL_LINK_DAYS = 30;
/** A kept link with less than this left is renewed before it is handed out. */
export const URL_LINK_MIN_LEFT_MS = 86_400_000;

export interface MadeForInvite {
  miniProgramCode?: { bytes: Buffer; mimeType: 'image/png' | 'image/jpeg' };
  urlLink?: { url: string; expiresAt: Date };
  fallback?: WechatFallback;
}

/** The Chinese fallback message for staff, by what went wrong. */
export function fallbackOf(err: unknown, instead: string): WechatFallback {
  const reason = err instanceof AppError && (err.reason === 'wechat_limit' || err.reason === 'wechat_rejected') ? err.reason : 'wechat_unavailable';
  const why = reason === 'wechat_limit' ? '微信接口今日调用次数已达上限' : reason === 'wechat_rejected' ? (err as AppError).message : '微信服务暂时无法访问';
  return { reason, message: `${why}，${instead}` };
}

/**
 * Asks WeChat for a new invitation's code and link, both at once, within the client's timeout plus
 * a little (a stuck token refresh on another instance must not hold the invitation up). Never throws.
 */
export async function makeForInvite(wechat: WechatClient, args: { scene: string; token: string }): Promise<MadeForInvite> {
  const deadline = wechat.timeoutMs + 1000;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError('wechat_unavailable', '微信服务响应超时')), deadline);
  });
  const within = <T>(p: Promise<T>) => Promise.race([p, late]);
  late.catch(() => undefined);
  try {
    const [code, link] = await Promise.allSettled([
      within(wechat.unlimitedCode({ scene: args.scene, page: JOIN_PAGE })),
      within(wechat.urlLink({ path: JOIN_PAGE, query: `t=${args.token}`, expireIntervalDays: URL_LINK_DAYS })),
    ]);
    const out: MadeForInvite = {};
    if (code.status === 'fulfilled') out.miniProgramCode = code.value;
    if (link.status === 'fulfilled') out.urlLink = link.value;
    const failed = code.status === 'rejected' ? code.reason : link.status === 'rejected' ? link.reason : null;
    if (failed) {
      out.fallback = fallbackOf(
        failed,
        code.status === 'rejected' ? '海报暂用 H5 链接二维码（微信或手机相机扫码）；稍后重新下载海报即可换成小程序码' : '暂未生成微信 URL Link，入会页会在需要时再生成',
      );
    }
    return out;
  } finally {
    clearTimeout(timer);
  }
}

/** The invitation's mini-program code: kept, or asked for now and kept. Throws WeChat's AppError. */
export async function miniProgramCodeFor(db: Q, wechat: WechatClient, invitationId: string, scene: string, now: Date): Promise<{ bytes: Buffer; mimeType: 'image/png' | 'image/jpeg' }> {
  const kept = await readInvitationWechat(db, invitationId);
  if (kept?.appId === wechat.appId && kept.miniProgramCode) {
    const bytes = Buffer.from(kept.miniProgramCode, 'base64');
    return { bytes, mimeType: bytes[0] === 0xff ? 'image/jpeg' : 'image/png' };
  }
  const code = await wechat.unlimitedCode({ scene, page: JOIN_PAGE });
  await saveInvitationWechat(db, invitationId, wechat.appId, { miniProgramCode: code.bytes.toString('base64') }, now.toISOString());
  return code;
}

/** The invitation's URL Link with at least a day left: kept, or made now and kept. Throws WeChat's AppError. */
export async function urlLinkFor(db: Q, wechat: WechatClient, invitationId: string, token: string, now: Date): Promise<{ url: string; expiresAt: Date }> {
  const kept = await readInvitationWechat(db, invitationId);
  if (kept?.appId === wechat.appId && kept.urlLink && kept.urlLinkExpiresAt && Date.parse(kept.urlLinkExpiresAt) - now.getTime() > URL_LINK_MIN_LEFT_MS) {
    return { url: kept.urlLink, expiresAt: new Date(kept.urlLinkExpiresAt) };
  }
  const link = await wechat.urlLink({ path: JOIN_PAGE, query: `t=${token}`, expireIntervalDays: URL_LINK_DAYS });
  await saveInvitationWechat(db, invitationId, wechat.appId, { urlLink: { url: link.url, expiresAt: link.expiresAt.toISOString() } }, now.toISOString());
  return link;
}
