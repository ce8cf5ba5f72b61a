/** 退会 (`membership.leave`): staff record a member's leaving, or a member leaves on their own. */
import * as c from '../../contract/membership/leave';
import { AppError } from '../../contract/errors';
import { activeMemberRowOfUser, findMember, markMemberLeft, memberScope } from '../../storage/members.repository';
import { defineFunction } from '../registry';
import { REVIEW_ROLES } from './roles';

/**
 * 退会: the member stays on the roster as 已退会 (with when and why); the card stops; a pending
 * transfer is withdrawn. Staff of the member's union (or the industry admin) name the member, and
 * so may the member themself; without `memberId` the caller leaves themself (`not_member` when they
 * are not an active member). Repeating it changes nothing. Personal data is anonymised
 * RETENTION_YEARS after leaving.
 */
export const leave = defineFunction({
  contract: c.leave,
  policy: {
    kind: 'objectRoles',
    what: '会员',
    roles: REVIEW_ROLES,
    owner: true,
    locate: async (i, db) => (i.memberId ? memberScope(db, i.memberId) : 'own'),
  },
  kind: 'mutation',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const m = input.memberId ? await findMember(ctx.db, input.memberId) : await activeMemberRowOfUser(ctx.db, p.userId);
    if (!m) throw input.memberId ? new AppError('not_found', '找不到该会员') : new AppError('not_member', '你目前不是在册会员');
    const by = m.user_id === p.userId ? 'member' : 'staff';
    if (m.status === 'left') return { status: 'left' as const, leftAt: m.left_at ?? m.created_at, duplicate: true };
    const leftAt = ctx.now.toISOString();
    await ctx.transaction(async (w) => {
      const { transfersWithdrawn } = await markMemberLeft(w.db, m.id, { at: leftAt, reason: input.reason, by: p.userId });
      await w.audit({ objectType: 'member', objectId: m.id, unionId: m.union_id, detail: { reason: input.reason, memberNo: m.member_no, by, transfersWithdrawn } });
    });
    return { status: 'left' as const, leftAt, duplicate: false };
  },
});
