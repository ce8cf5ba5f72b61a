/**
 * Joining by QR code (入会邀请码), before any login: `membership.resolveInvite` (which union, why,
 * which employers) and `membership.joinUrlLink` (the WeChat URL Link for the H5 join page).
 */
import * as c from '../../contract/membership/invite';
import { AppError } from '../../contract/errors';
import { INVITATION_STATE_MESSAGES, invitationState, readInviteToken } from '../../domain/invitation';
import { findUnit, joinInvitation, unitsOfBaseUnion, unitsOfIndustryUnion } from '../../storage/membership.repository';
import { findUnion } from '../../storage/unions.repository';
import { urlLinkFor } from '../invitation-wechat';
import { defineFunction, type FnContext } from '../registry';

/** The invitation a token names, if it is usable; otherwise `invalid_invite` with a message for the worker. */
export async function usableInvitation(ctx: FnContext, token: string) {
  const invitationId = readInviteToken(ctx.services.keys.token, token);
  const row = invitationId ? await joinInvitation(ctx.db, invitationId) : undefined;
  if (!row) throw new AppError('invalid_invite', '二维码无效，请确认扫描的是工会的入会二维码');
  const state = invitationState(row, ctx.now);
  if (state !== 'active') throw new AppError('invalid_invite', INVITATION_STATE_MESSAGES[state]);
  return row;
}

/**
 * 在微信中打开 (public): the URL Link into the mini-program's join page for an invitation, for the H5
 * join page opened outside WeChat. Refused like `resolveInvite` for a bad or stopped code. The link
 * is kept per invitation (`invitation_wechat`, not business data: no audit event) and renewed when
 * less than a day is left, so a poster scanned by a whole workplace asks WeChat once a month; the
 * host also limits calls per client IP (rate-limit.ts, group LINK). WeChat's trouble answers
 * success without a link, with the reason (`unavailable`): the page then explains what to do.
 */
export const joinUrlLink = defineFunction({
  contract: c.joinUrlLink,
  policy: { kind: 'public' },
  kind: 'query',
  async handler(input, ctx) {
    const inv = await usableInvitation(ctx, input.token);
    const wechat = ctx.services.wechat;
    if (!wechat) return { unavailable: { reason: 'wechat_not_configured' as const, message: '本服务未配置微信小程序，请用微信扫描海报上的二维码' } };
    try {
      const link = await urlLinkFor(ctx.db, wechat, inv.id, input.token, ctx.now);
      return { urlLink: link.url, expiresAt: link.expiresAt.toISOString() };
    } catch (err) {
      const reason = err instanceof AppError && (err.reason === 'wechat_limit' || err.reason === 'wechat_rejected') ? err.reason : ('wechat_unavailable' as const);
      return { unavailable: { reason, message: '暂时无法打开微信，请用微信扫一扫海报上的二维码' } };
    }
  },
});

/**
 * 读取入会邀请码 (public: the worker may not be logged in yet). Says which union the worker joins
 * and why, and which employers can be chosen.
 */
export const resolveInvite = defineFunction({
  contract: c.resolveInvite,
  policy: { kind: 'public' },
  kind: 'query',
  async handler(input, ctx) {
    const inv = await usableInvitation(ctx, input.token);
    const union = { id: inv.union_id, name: inv.union_name, kind: inv.union_kind };
    const industry = inv.parent_id ? await findUnion(ctx.db, inv.parent_id) : { id: inv.union_id, name: inv.union_name };
    if (!industry) throw new AppError('not_found', '找不到行业工会');
    const base = { union, industry: { id: industry.id, name: industry.name }, expiresAt: inv.expires_at };
    if (inv.unit_id) {
      const found = await findUnit(ctx.db, inv.unit_id);
      if (!found) throw new Error(`resolveInvite: invitation ${inv.id} names a missing unit`);
      const unit = { id: found.id, name: found.name };
      const explain =
        union.kind === 'base'
          ? `你的单位“${unit.name}”已建立工会，入会申请由“${union.name}”审核。`
          : `你的单位“${unit.name}”尚未建立基层工会，你将直接加入“${union.name}”。`;
      return { ...base, unit, explain, units: [], allowOtherUnit: false };
    }
    if (union.kind === 'base') {
      const units = await unitsOfBaseUnion(ctx.db, union.id);
      return {
        ...base,
        explain: `“${union.name}”是你所在单位的基层工会，入会申请由它审核。`,
        units: units.map((u) => ({ ...u, unionId: union.id, unionName: union.name, unionKind: 'base' as const })),
        allowOtherUnit: false,
      };
    }
    const units = await unitsOfIndustryUnion(ctx.db, union.id);
    return {
      ...base,
      explain: `单位已建立基层工会的，通过本单位工会入会；尚未建立的，直接加入“${union.name}”。请选择你的工作单位。`,
      units: units.map((u) =>
        u.base_union_id && u.base_name
          ? { id: u.id, name: u.name, unionId: u.base_union_id, unionName: u.base_name, unionKind: 'base' as const }
          : { id: u.id, name: u.name, unionId: union.id, unionName: union.name, unionKind: 'industry' as const },
      ),
      allowOtherUnit: true,
    };
  },
});
