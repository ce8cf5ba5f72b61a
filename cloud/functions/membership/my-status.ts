/** 我的入会状态 (`membership.myStatus`): what the worker's own application or membership stands at. */
import * as c from '../../contract/membership/my-status';
import { deriveMyStatus } from '../../domain/membership';
import { activeMemberOfUser, latestApplicationOfUser, latestLeftMemberOfUser, unionNameOf } from '../../storage/membership.repository';
import { defineFunction } from '../registry';

/** 我的入会状态: 审核中 / 已入会 / 未通过 (with the reason) / 已退会 / 尚未入会. */
export const myStatus = defineFunction({
  contract: c.myStatus,
  policy: { kind: 'signedIn' },
  kind: 'query',
  async handler(_input, ctx) {
    const p = ctx.requirePrincipal();
    const [member, app, left] = await Promise.all([activeMemberOfUser(ctx.db, p.userId), latestApplicationOfUser(ctx.db, p.userId), latestLeftMemberOfUser(ctx.db, p.userId)]);
    const derived = deriveMyStatus({
      activeMember: member ? { unionId: member.union_id, memberNo: member.member_no, joinedAt: member.joined_at } : undefined,
      leftMember: left ? { unionId: left.union_id, memberNo: left.member_no, leftAt: left.left_at } : undefined,
      latestApplication: app ? { id: app.id, unionId: app.union_id, status: app.status, createdAt: app.created_at, rejectReason: app.reject_reason } : undefined,
    });
    const result: c.MyStatus = { status: derived.status };
    if (derived.unionId) {
      result.unionId = derived.unionId;
      result.unionName = await unionNameOf(ctx.db, derived.unionId);
    }
    if (derived.memberNo) result.memberNo = derived.memberNo;
    if (derived.reason) result.reason = derived.reason;
    if (derived.applicationId) {
      result.applicationId = derived.applicationId;
      if (app) result.submittedAt = app.created_at;
    }
    if (derived.status === 'member' && member) result.joinedAt = member.joined_at;
    return result;
  },
});
