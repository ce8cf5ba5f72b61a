/** Organisation (组织架构): the tree, and join invitations (入会邀请码) with their posters. */
import * as c from '../contract/org.contract';
import type { InvitationInfo } from '../contract/org.contract';
import { AppError } from '../contract/errors';
import { newId } from '../domain/crypto';
import { invitationState, inviteScene, inviteToken } from '../domain/invitation';
import { invitePng, invitePosterSvg } from '../domain/poster';
import { chinaDate } from '../domain/time';
import { DEMO_INVITATION_ID } from '../seed/membership-demo';
import { defineFunction, holdsRoleOn, type FnContext } from './registry';

/**
 * 组织架构. Public: the join page shows it before the worker has an account, and
 * it holds nothing personal (names of unions and employers, employee counts).
 */
export const tree = defineFunction({
  contract: c.tree,
  policy: { kind: 'public' },
  kind: 'query',
  sample: () => ({}),
  async handler(_input, ctx) {
    const industry = await ctx.db.selectFrom('unions').selectAll().where('kind', '=', 'industry').orderBy('code').executeTakeFirst();
    if (!industry) throw new AppError('not_found', '尚未设立行业工会');
    const bases = await ctx.db.selectFrom('unions').select(['id', 'name']).where('parent_id', '=', industry.id).orderBy('code').execute();
    const units = await ctx.db
      .selectFrom('units')
      .select(['id', 'name', 'employees', 'base_union_id'])
      .where('industry_union_id', '=', industry.id)
      .orderBy('name')
      .execute();
    const toNode = (u: (typeof units)[number]) => ({ id: u.id, name: u.name, employees: u.employees });
    return {
      id: industry.id,
      name: industry.name,
      upperUnionName: industry.upper_union_name,
      baseUnions: bases.map((b) => ({ id: b.id, name: b.name, units: units.filter((u) => u.base_union_id === b.id).map(toNode) })),
      directUnits: units.filter((u) => u.base_union_id === null).map(toNode),
    };
  },
});

const INVITE_ROLES = ['staff', 'chair', 'industryAdmin'] as const;

/** The join link in the QR code (H5 hash route; WeChat passes the same URL to the mini-program as `q`). */
export function joinUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/#/pages/join/index?t=${encodeURIComponent(token)}`;
}

function invitationInfo(
  ctx: FnContext,
  row: { id: string; union_id: string; unit_id: string | null; label: string | null; created_at: string; expires_at: string | null; revoked_at: string | null },
  unitName: string | null,
  applications: number,
): InvitationInfo {
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
  };
}

/** Loads an invitation the caller may manage (staff/chair of its union, or the industry admin), else `not_found`. */
async function manageableInvitation(ctx: FnContext, invitationId: string) {
  const p = ctx.requirePrincipal();
  const row = await ctx.db
    .selectFrom('invitations')
    .innerJoin('unions', 'unions.id', 'invitations.union_id')
    .leftJoin('units', 'units.id', 'invitations.unit_id')
    .select([
      'invitations.id',
      'invitations.union_id',
      'invitations.unit_id',
      'invitations.label',
      'invitations.created_at',
      'invitations.expires_at',
      'invitations.revoked_at',
      'unions.name as union_name',
      'unions.parent_id',
      'units.name as unit_name',
    ])
    .where('invitations.id', '=', invitationId)
    .executeTakeFirst();
  if (!row || !holdsRoleOn(p.roles, INVITE_ROLES, { id: row.union_id, parent_id: row.parent_id })) throw new AppError('not_found', '找不到该邀请码');
  return row;
}

/**
 * 生成入会邀请码. The token is signed (tamper-proof) and names a stored invitation,
 * so it can be revoked and can expire. For the industry union, a pre-filled unit
 * must be one without a base union (workers of other units join their base union).
 */
export const invite = defineFunction({
  contract: c.invite,
  policy: { kind: 'unionRoles', roles: INVITE_ROLES, unionOf: (i) => i.unionId },
  kind: 'mutation',
  sample: (f) => ({ unionId: f.baseUnionId }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    let unitName: string | null = null;
    if (input.unitId) {
      const unit = await ctx.db.selectFrom('units').select(['name', 'base_union_id', 'industry_union_id']).where('id', '=', input.unitId).executeTakeFirst();
      const belongs = unit && (unit.base_union_id === input.unionId || (unit.base_union_id === null && unit.industry_union_id === input.unionId));
      if (!belongs) throw new AppError('validation_error', undefined, [{ path: 'unitId', message: '该单位不由此工会发展会员' }]);
      unitName = unit.name;
    }
    const id = newId('inv');
    const expiresAt = input.expiresInDays ? new Date(ctx.now.getTime() + input.expiresInDays * 86400000).toISOString() : null;
    const row = { id, union_id: input.unionId, unit_id: input.unitId ?? null, label: input.label ?? null, created_at: ctx.now.toISOString(), expires_at: expiresAt, revoked_at: null };
    await ctx.transaction(async (w) => {
      await w.db.insertInto('invitations').values({ ...row, created_by: p.userId }).execute();
      await w.audit({ objectType: 'invitation', objectId: id, unionId: input.unionId, detail: { unitId: input.unitId ?? null, expiresAt, label: row.label } });
    });
    return invitationInfo(ctx, row, unitName, 0);
  },
});

/** 邀请码列表: newest first, with state and the number of applications made with each. */
export const listInvites = defineFunction({
  contract: c.listInvites,
  policy: { kind: 'unionRoles', roles: INVITE_ROLES, unionOf: (i) => i.unionId },
  kind: 'query',
  sample: (f) => ({ unionId: f.baseUnionId }),
  async handler(input, ctx) {
    const rows = await ctx.db
      .selectFrom('invitations')
      .leftJoin('units', 'units.id', 'invitations.unit_id')
      .select(['invitations.id', 'invitations.union_id', 'invitations.unit_id', 'invitations.label', 'invitations.created_at', 'invitations.expires_at', 'invitations.revoked_at', 'units.name as unit_name'])
      .where('invitations.union_id', '=', input.unionId)
      .orderBy('invitations.created_at', 'desc')
      .orderBy('invitations.id')
      .execute();
    const counts = await ctx.db
      .selectFrom('applications')
      .select(['invitation_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('invitation_id', 'in', rows.length ? rows.map((r) => r.id) : [''])
      .groupBy('invitation_id')
      .execute();
    const byId = new Map(counts.map((r) => [r.invitation_id, Number(r.n)]));
    return { items: rows.map((r) => invitationInfo(ctx, r, r.unit_name, byId.get(r.id) ?? 0)) };
  },
});

/** 停用邀请码: at once; the join page then says the code is no longer valid. Repeating it changes nothing. */
export const revokeInvite = defineFunction({
  contract: c.revokeInvite,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  sample: () => ({ invitationId: DEMO_INVITATION_ID }),
  async handler(input, ctx) {
    const row = await manageableInvitation(ctx, input.invitationId);
    if (row.revoked_at) return { id: row.id, state: 'revoked' as const, revokedAt: row.revoked_at, duplicate: true };
    const revokedAt = ctx.now.toISOString();
    await ctx.transaction(async (w) => {
      await w.db.updateTable('invitations').set({ revoked_at: revokedAt }).where('id', '=', row.id).where('revoked_at', 'is', null).execute();
      await w.audit({ objectType: 'invitation', objectId: row.id, unionId: row.union_id, detail: { revoked: true } });
    });
    return { id: row.id, state: 'revoked' as const, revokedAt, duplicate: false };
  },
});

/** 海报下载: the A4 SVG poster, or the QR code alone as PNG. Works for any state (a revoked code's poster says nothing new). */
export const invitePoster = defineFunction({
  contract: c.invitePoster,
  policy: { kind: 'signedIn' },
  kind: 'query',
  sample: () => ({ invitationId: DEMO_INVITATION_ID, format: 'svg' as const }),
  async handler(input, ctx) {
    const row = await manageableInvitation(ctx, input.invitationId);
    const url = joinUrl(ctx.services.publicUrl, inviteToken(ctx.services.keys.token, row.id));
    if (input.format === 'png') {
      const png = await invitePng(url);
      return { fileName: `入会二维码-${row.union_name}${row.unit_name ? `-${row.unit_name}` : ''}.png`, mimeType: 'image/png', base64: png.toString('base64') };
    }
    const industry = row.parent_id ? await ctx.db.selectFrom('unions').select('name').where('id', '=', row.parent_id).executeTakeFirst() : undefined;
    const svg = await invitePosterSvg(url, {
      unionName: row.union_name,
      industryName: industry?.name ?? null,
      unitName: row.unit_name,
      expiresOn: row.expires_at ? chinaDate(new Date(row.expires_at)) : null,
      reference: row.id,
    });
    return { fileName: `入会海报-${row.union_name}${row.unit_name ? `-${row.unit_name}` : ''}.svg`, mimeType: 'image/svg+xml', base64: Buffer.from(svg, 'utf8').toString('base64') };
  },
});
