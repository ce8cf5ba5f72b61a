/** Join invitations (入会邀请码): made, listed, revoked, and printed as posters. */
import * as c from '../../contract/org/invitations';
import type { InvitationInfo, WechatFallback } from '../../contract/org/invitations';
import { AppError } from '../../contract/errors';
import { newId } from '../../domain/crypto';
import { invitationState, inviteScene, inviteToken } from '../../domain/invitation';
import { invitePng, invitePosterSvg, type PosterCode } from '../../domain/poster';
import { chinaDate } from '../../domain/time';
import { applicationCounts, findInvitation, insertInvitation, listInvitations, revokeInvitation, type InvitationRow } from '../../storage/invitations.repository';
import { findUnion } from '../../storage/unions.repository';
import { findUnit } from '../../storage/units.repository';
import { saveInvitationWechat } from '../../storage/wechat.repository';
import { fallbackOf, makeForInvite, miniProgramCodeFor } from '../invitation-wechat';
import { defineFunction, type FnContext, type Policy } from '../registry';

/** Who manages a union's invitations: its staff and chair, and the industry admin above it. */
const INVITE_ROLES = ['staff', 'chair', 'industryAdmin'] as const;

/** An invitation named by id: managed by INVITE_ROLES of its union; everyone else gets 找不到该邀请码. */
const invitationPolicy: Policy<{ invitationId: string }> = {
  kind: 'objectRoles',
  what: '邀请码',
  roles: INVITE_ROLES,
  locate: async (input, db) => {
    const row = await findInvitation(db, input.invitationId);
    return row && { union: { id: row.union_id, parent_id: row.parent_id } };
  },
};

/** The join link in the QR code (H5 hash route; WeChat passes the same URL to the mini-program as `q`). */
export function joinUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/#/pages/join/index?t=${encodeURIComponent(token)}`;
}

function invitationInfo(ctx: FnContext, row: InvitationRow, unitName: string | null, applications: number): InvitationInfo {
  const token = inviteToken(ctx.services.keys.token, row.id);
  return {
    id: row.id,
    token,
    url: joinUrl(ctx.services.publicUrl, token),
    scene: inviteScene(ctx.services.keys.token, row.id),
    unionId: row.union_id,
    unitId: row.unit_id,
    unitName,
    label: row.label,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    state: invitationState(row, ctx.now),
    applications,
    posterCode: ctx.services.wechat ? 'miniProgram' : 'link',
  };
}

/** Loads the invitation the policy let through (it exists: `locate` found it). */
async function loadInvitation(ctx: FnContext, invitationId: string) {
  const row = await findInvitation(ctx.db, invitationId);
  if (!row) throw new AppError('not_found', '找不到该邀请码');
  return row;
}

/**
 * 生成入会邀请码. The token is signed (tamper-proof) and names a stored invitation,
 * so it can be revoked and can expire. For the industry union, a pre-filled unit
 * must be one without a base union (workers of other units join their base union).
 * With WeChat credentials, the mini-program code and a URL Link are asked for first (outside the
 * transaction: a slow WeChat must not hold the database) and kept with the invitation; when WeChat
 * fails the invitation is made all the same, with `wechatFallback` saying why.
 */
export const invite = defineFunction({
  contract: c.invite,
  policy: { kind: 'unionRoles', roles: INVITE_ROLES, unionOf: (i) => i.unionId },
  kind: 'mutation',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    let unitName: string | null = null;
    if (input.unitId) {
      const unit = await findUnit(ctx.db, input.unitId);
      const belongs = unit && (unit.base_union_id === input.unionId || (unit.base_union_id === null && unit.industry_union_id === input.unionId));
      if (!belongs) throw new AppError('validation_error', undefined, [{ path: 'unitId', message: '该单位不由此工会发展会员' }]);
      unitName = unit.name;
    }
    const id = newId('inv');
    const expiresAt = input.expiresInDays ? new Date(ctx.now.getTime() + input.expiresInDays * 86400000).toISOString() : null;
    const row: InvitationRow = { id, union_id: input.unionId, unit_id: input.unitId ?? null, label: input.label ?? null, created_at: ctx.now.toISOString(), expires_at: expiresAt, revoked_at: null };
    const info = invitationInfo(ctx, row, unitName, 0);
    const wechat = ctx.services.wechat;
    const made = wechat ? await makeForInvite(wechat, { scene: info.scene, token: info.token }) : null;
    await ctx.transaction(async (w) => {
      await insertInvitation(w.db, { ...row, created_by: p.userId });
      if (wechat && (made?.miniProgramCode || made?.urlLink)) {
        await saveInvitationWechat(
          w.db,
          id,
          wechat.appId,
          {
            miniProgramCode: made.miniProgramCode?.bytes.toString('base64'),
            urlLink: made.urlLink ? { url: made.urlLink.url, expiresAt: made.urlLink.expiresAt.toISOString() } : undefined,
          },
          ctx.now.toISOString(),
        );
      }
      await w.audit({
        objectType: 'invitation',
        objectId: id,
        unionId: input.unionId,
        detail: { unitId: input.unitId ?? null, expiresAt, label: row.label, ...(made ? { miniProgramCode: !!made.miniProgramCode, urlLink: !!made.urlLink, wechatFallback: made.fallback?.reason ?? null } : {}) },
      });
    });
    return {
      ...info,
      ...(made?.miniProgramCode ? { miniProgramCode: made.miniProgramCode.bytes.toString('base64') } : {}),
      ...(made?.urlLink ? { urlLink: made.urlLink.url, urlLinkExpiresAt: made.urlLink.expiresAt.toISOString() } : {}),
      ...(made?.fallback ? { wechatFallback: made.fallback } : {}),
    };
  },
});

/** 邀请码列表: newest first, with state and the number of applications made with each. */
export const listInvites = defineFunction({
  contract: c.listInvites,
  policy: { kind: 'unionRoles', roles: INVITE_ROLES, unionOf: (i) => i.unionId },
  kind: 'query',
  async handler(input, ctx) {
    const rows = await listInvitations(ctx.db, input.unionId);
    const counts = await applicationCounts(ctx.db, rows.map((r) => r.id));
    return { items: rows.map((r) => invitationInfo(ctx, r, r.unit_name, counts.get(r.id) ?? 0)) };
  },
});

/** 停用邀请码: at once; the join page then says the code is no longer valid. Repeating it changes nothing. */
export const revokeInvite = defineFunction({
  contract: c.revokeInvite,
  policy: invitationPolicy,
  kind: 'mutation',
  async handler(input, ctx) {
    const row = await loadInvitation(ctx, input.invitationId);
    if (row.revoked_at) return { id: row.id, state: 'revoked' as const, revokedAt: row.revoked_at, duplicate: true };
    const revokedAt = ctx.now.toISOString();
    await ctx.transaction(async (w) => {
      await revokeInvitation(w.db, row.id, revokedAt);
      await w.audit({ objectType: 'invitation', objectId: row.id, unionId: row.union_id, detail: { revoked: true } });
    });
    return { id: row.id, state: 'revoked' as const, revokedAt, duplicate: false };
  },
});

/**
 * 海报下载: the A4 SVG poster, or the code alone as PNG. Works for any state (a revoked code's poster
 * says nothing new). The code is the invitation's mini-program code when the host has WeChat
 * credentials (kept from `org.invite`, or asked for now), else — and whenever WeChat cannot give one —
 * the QR of the H5 link; `codeKind` and the poster's own words say which.
 */
export const invitePoster = defineFunction({
  contract: c.invitePoster,
  policy: invitationPolicy,
  kind: 'query',
  async handler(input, ctx) {
    const row = await loadInvitation(ctx, input.invitationId);
    const url = joinUrl(ctx.services.publicUrl, inviteToken(ctx.services.keys.token, row.id));
    let code: PosterCode = { kind: 'link', url };
    let wechatFallback: WechatFallback | undefined;
    const wechat = ctx.services.wechat;
    if (wechat) {
      try {
        const made = await miniProgramCodeFor(ctx.db, wechat, row.id, inviteScene(ctx.services.keys.token, row.id), ctx.now);
        code = { kind: 'miniProgram', image: made.bytes, mimeType: made.mimeType };
      } catch (err) {
        wechatFallback = fallbackOf(err, '海报暂用 H5 链接二维码（微信或手机相机扫码）');
      }
    }
    const extra = { codeKind: code.kind, ...(wechatFallback ? { wechatFallback } : {}) };
    const names = `${row.union_name}${row.unit_name ? `-${row.unit_name}` : ''}`;
    if (input.format === 'png') {
      if (code.kind === 'miniProgram') {
        return { fileName: `入会小程序码-${names}.${code.mimeType === 'image/png' ? 'png' : 'jpg'}`, mimeType: code.mimeType, base64: code.image.toString('base64'), ...extra };
      }
      const png = await invitePng(url);
      return { fileName: `入会二维码-${names}.png`, mimeType: 'image/png', base64: png.toString('base64'), ...extra };
    }
    const industry = row.parent_id ? await findUnion(ctx.db, row.parent_id) : undefined;
    const svg = await invitePosterSvg(code, {
      unionName: row.union_name,
      industryName: industry?.name ?? null,
      unitName: row.unit_name,
      expiresOn: row.expires_at ? chinaDate(new Date(row.expires_at)) : null,
      reference: row.id,
    });
    return { fileName: `入会海报-${names}.svg`, mimeType: 'image/svg+xml', base64: Buffer.from(svg, 'utf8').toString('base64'), ...extra };
  },
});
