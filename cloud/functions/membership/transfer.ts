/**
 * 会籍转接 (transfers between unions): `membership.transfer`, `confirmTransfer`, `cancelTransfer`,
 * `listTransfers`. States: see `cloud/domain/lifecycle.ts`.
 *
 * Who may do what: asking, the member themself or REVIEW_ROLES on the member's union (checked in
 * the handler: the input names a member only when staff ask on the member's behalf); deciding,
 * REVIEW_ROLES on the receiving union; withdrawing, the member or REVIEW_ROLES on the sending
 * union; everyone else `not_found` (the policies).
 */
import { AppError } from '../../contract/errors';
import * as c from '../../contract/membership/transfer';
import type { Role } from '../../contract/labels';
import { newId } from '../../domain/crypto';
import { transferTarget } from '../../domain/lifecycle';
import { isUniqueViolation } from '../../storage/db';
import { memberRecord, moveMember } from '../../storage/lifecycle.repository';
import { activeMemberOfUser } from '../../storage/membership.repository';
import { findTransfer, insertTransfer, pendingTransferOf, setTransferNewMember, settleTransfer, transferScope, transfersOfUnion, unitsOfUnion, type TransferRow } from '../../storage/transfers.repository';
import { findUnion } from '../../storage/unions.repository';
import type { Q } from '../../storage/schema';
import { defineFunction, holdsRoleOn, type Principal } from '../registry';

export const REVIEW_ROLES = ['staff', 'chair', 'industryAdmin'] as const satisfies readonly Role[];

/** A transfer as staff and the member see it (personal numbers masked). */
export function transferItem(r: TransferRow): c.TransferItem {
  return {
    id: r.id,
    status: r.status,
    memberId: r.member_id,
    memberName: r.member_name,
    gender: r.gender as 'male' | 'female',
    idNumberMasked: r.id_number_masked,
    phoneMasked: r.phone_masked,
    job: r.job,
    fromUnionId: r.from_union_id,
    fromUnionName: r.from_union_name,
    fromMemberNo: r.from_member_no,
    toUnionId: r.to_union_id,
    toUnionName: r.to_union_name,
    toUnitId: r.to_unit_id,
    toUnitName: r.listed_unit_name ?? r.to_unit_name ?? '',
    reason: r.reason,
    initiatedAs: r.initiated_as,
    createdAt: r.created_at,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
    newMemberNo: r.new_member_no,
  };
}

/** The member whose transfer it is: the named one (the caller's own, or staff of its union), else the caller. */
async function transferringMember(db: Q, p: Principal, memberId: string | undefined) {
  if (!memberId) {
    const m = await activeMemberOfUser(db, p.userId);
    if (!m) throw new AppError('not_member', '你目前不是在册会员');
    return { m, initiatedAs: 'member' as const };
  }
  const row = await memberRecord(db, memberId);
  const own = row?.user_id === p.userId;
  const union = row && !own ? await findUnion(db, row.union_id) : undefined;
  if (!row || (!own && !(union && holdsRoleOn(p.roles, REVIEW_ROLES, union)))) throw new AppError('not_found', '找不到该会员');
  if (row.status !== 'active') throw new AppError('not_member', '该会员已退会，不能转会');
  return { m: row, initiatedAs: own ? ('member' as const) : ('staff' as const) };
}

/**
 * 申请会籍转接: the member (changing employer) or the staff of the member's union ask another union
 * of the system to take the member. The receiving union confirms (`confirmTransfer`). One pending
 * transfer per member (`transfer_pending`); the same target again while pending answers it (`duplicate`).
 */
export const transfer = defineFunction({
  contract: c.transfer,
  // The caller's own transfer; a named member is checked in the handler (staff of its union).
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const { m, initiatedAs } = await transferringMember(ctx.db, p, input.memberId);
    const union = await findUnion(ctx.db, input.toUnionId);
    const units = union ? await unitsOfUnion(ctx.db, union) : [];
    const target = transferTarget({ fromUnionId: m.union_id, union, units, unitId: input.toUnitId, unitName: input.toUnitName });
    if (!target.ok) throw new AppError(target.reason, target.message, target.field && target.reason !== 'same_union' ? [{ path: target.field, message: target.message }] : undefined);

    const same = (r: TransferRow) => r.to_union_id === target.unionId && r.to_unit_id === target.unitId && r.to_unit_name === target.unitName;
    const pending = await pendingTransferOf(ctx.db, m.id);
    if (pending) {
      if (same(pending)) return { ...transferItem(pending), duplicate: true };
      throw new AppError('transfer_pending', `已有转往“${pending.to_union_name}”的转会申请待接收，请等待处理或先撤回`);
    }
    const id = newId('trf');
    try {
      await ctx.transaction(async (w) => {
        await insertTransfer(w.db, {
          id,
          member_id: m.id,
          from_union_id: m.union_id,
          from_member_no: m.member_no,
          to_union_id: target.unionId,
          to_unit_id: target.unitId,
          to_unit_name: target.unitName,
          status: 'pending',
          reason: input.reason,
          initiated_by: p.userId,
          initiated_as: initiatedAs,
          created_at: ctx.now.toISOString(),
        });
        await w.audit({ objectType: 'member_transfer', objectId: id, unionId: m.union_id, detail: { memberId: m.id, toUnionId: target.unionId, toUnitId: target.unitId, initiatedAs } });
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const raced = await pendingTransferOf(ctx.db, m.id);
      if (raced && same(raced)) return { ...transferItem(raced), duplicate: true };
      throw new AppError('transfer_pending');
    }
    return { ...transferItem((await findTransfer(ctx.db, id))!), duplicate: false };
  },
});

/**
 * 接收会籍转接: staff/chair of the receiving union (or the industry admin) confirm or reject. On
 * confirmation the old record becomes 已退会 (转会至…) and a new record with the receiving union's
 * next member number is created; the transfer row keeps the history. A repeated or racing
 * confirmation answers the first one (`duplicate: true`); a different decision afterwards:
 * `transfer_not_pending`.
 */
export const confirmTransfer = defineFunction({
  contract: c.confirmTransfer,
  policy: {
    kind: 'objectRoles',
    what: '转会申请',
    roles: REVIEW_ROLES,
    // Decided by the receiving union.
    locate: async (i, db) => {
      const s = await transferScope(db, i.transferId);
      return s && { union: { id: s.to_id, parent_id: s.to_parent_id } };
    },
  },
  kind: 'mutation',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const t = (await findTransfer(ctx.db, input.transferId))!;
    const want: 'confirmed' | 'rejected' = input.decision === 'confirm' ? 'confirmed' : 'rejected';
    const settled = (row: TransferRow) => {
      if (row.status === want) return { id: row.id, status: want, newMemberNo: row.new_member_no, duplicate: true };
      throw new AppError('transfer_not_pending', `该转会申请${row.status === 'cancelled' ? '已撤回' : '已处理'}`);
    };
    if (t.status !== 'pending') return settled(t);
    // A decision that lost the race to another (the row was no longer pending) rolls back and answers that one.
    const lost = new AppError('transfer_not_pending');
    const outcome = await ctx.transaction(async (w) => {
      if (!(await settleTransfer(w.db, t.id, { status: want, decidedBy: p.userId, decidedAt: ctx.now.toISOString(), note: input.reason ?? null }))) throw lost;
      let moved: { id: string; memberNo: string; attachmentsMoved: number } | null = null;
      if (want === 'confirmed') {
        const old = (await memberRecord(w.db, t.member_id))!;
        if (old.status !== 'active') throw new AppError('not_member', '该会员已退会，不能转入');
        moved = await moveMember(w.db, old, { unionId: t.to_union_id, unionName: t.to_union_name, unitId: t.to_unit_id, unitName: t.to_unit_id ? null : t.to_unit_name }, ctx.now);
        await setTransferNewMember(w.db, t.id, moved);
      }
      await w.audit({
        objectType: 'member_transfer',
        objectId: t.id,
        unionId: t.to_union_id,
        detail: {
          decision: input.decision,
          memberId: t.member_id,
          fromUnionId: t.from_union_id,
          newMemberId: moved?.id ?? null,
          newMemberNo: moved?.memberNo ?? null,
          attachmentsMoved: moved?.attachmentsMoved ?? 0,
        },
      });
      return { id: t.id, status: want, newMemberNo: moved?.memberNo ?? null, duplicate: false };
    }).catch((err: unknown) => {
      if (err === lost) return null;
      throw err;
    });
    return outcome ?? settled((await findTransfer(ctx.db, t.id))!);
  },
});

/** 撤回转会: the member, or staff of the sending union, withdraw a pending transfer. Repeating it changes nothing. */
export const cancelTransfer = defineFunction({
  contract: c.cancelTransfer,
  policy: {
    kind: 'objectRoles',
    what: '转会申请',
    roles: REVIEW_ROLES,
    owner: true,
    // Withdrawn by the member, or by the sending union.
    locate: async (i, db) => {
      const s = await transferScope(db, i.transferId);
      return s && { union: { id: s.from_id, parent_id: s.from_parent_id }, ownerUserId: s.member_user_id };
    },
  },
  kind: 'mutation',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const t = (await findTransfer(ctx.db, input.transferId))!;
    if (t.status === 'cancelled') return { id: t.id, status: 'cancelled' as const, duplicate: true };
    if (t.status !== 'pending') throw new AppError('transfer_not_pending');
    const lost = new AppError('transfer_not_pending');
    try {
      await ctx.transaction(async (w) => {
        if (!(await settleTransfer(w.db, t.id, { status: 'cancelled', decidedBy: p.userId, decidedAt: ctx.now.toISOString() }))) throw lost;
        await w.audit({ objectType: 'member_transfer', objectId: t.id, unionId: t.from_union_id, detail: { memberId: t.member_id } });
      });
    } catch (err) {
      if (err !== lost) throw err;
      const now = await findTransfer(ctx.db, t.id);
      if (now?.status === 'cancelled') return { id: t.id, status: 'cancelled' as const, duplicate: true };
      throw err;
    }
    return { id: t.id, status: 'cancelled' as const, duplicate: false };
  },
});

/** 会籍转接列表: transfers into this union (default, pending first for confirmation), out of it, or both. */
export const listTransfers = defineFunction({
  contract: c.listTransfers,
  policy: { kind: 'unionRoles', roles: REVIEW_ROLES, unionOf: (i) => i.unionId, denyAs: 'not_found' },
  kind: 'query',
  async handler(input, ctx) {
    const rows = await transfersOfUnion(ctx.db, input.unionId, input.direction ?? 'in', input.status ?? 'pending');
    return { items: rows.map(transferItem) };
  },
});
