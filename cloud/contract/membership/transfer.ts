/** Transfers between unions (会籍转接): `membership.transfer`, `confirmTransfer`, `cancelTransfer`, `listTransfers`. */
import { z } from 'zod';
import { defineContract } from '../define';
import { id } from '../common';
import { TRANSFER_STATUSES, type TransferStatus } from './lifecycle.labels';

/** A reason or a reply of 2 to 100 characters (why a transfer, why not, a reply to a data request). */
export const reasonText = (what: string) => z.string().trim().min(2, `请填写${what}（至少 2 个字）`).max(100, `${what}最多 100 个字`);

/** One transfer as staff and the member see it (personal numbers masked). */
export interface TransferItem {
  id: string;
  status: TransferStatus;
  memberId: string;
  memberName: string;
  gender: 'male' | 'female';
  idNumberMasked: string;
  phoneMasked: string;
  job: string;
  fromUnionId: string;
  fromUnionName: string;
  fromMemberNo: string;
  toUnionId: string;
  toUnionName: string;
  toUnitId: string | null;
  /** The new employer (a listed unit's name, or the name typed in). */
  toUnitName: string;
  reason: string;
  /** Who asked: the member (changed employer) or the sending union's staff. */
  initiatedAs: 'member' | 'staff';
  createdAt: string;
  decidedAt: string | null;
  decisionNote: string | null;
  newMemberNo: string | null;
}

export const transfer = defineContract<TransferItem & { duplicate: boolean }>()(
  'membership.transfer',
  z
    .strictObject({
      /** The member to transfer; omitted: the caller themself (a member changing employer). Staff of the member's union give it. */
      memberId: id.optional(),
      /** The receiving union (from the organisation tree). */
      toUnionId: id,
      /** The new employer: a unit of the receiving union (a base union with one unit needs none). */
      toUnitId: id.optional(),
      /** The industry union only: an employer that is not listed. */
      toUnitName: z.string().trim().min(2, '单位名称至少 2 个字').max(60, '单位名称最多 60 个字').optional(),
      /** Why, e.g. 更换工作单位 (shown to the receiving union). */
      reason: reasonText('转会原因'),
    })
    .refine((v) => !(v.toUnitId && v.toUnitName), { path: ['toUnitName'], message: '请选择单位或填写单位名称，二者选一' }),
  '申请会籍转接（转到系统内另一工会，由接收工会确认）',
);

export const confirmTransfer = defineContract<{ id: string; status: 'confirmed' | 'rejected'; newMemberNo: string | null; duplicate: boolean }>()(
  'membership.confirmTransfer',
  z
    .strictObject({
      /** The transfer to decide. */
      transferId: id,
      /** confirm (接收: the member moves here with a new member number) or reject (不接收, with a reason). */
      decision: z.enum(['confirm', 'reject'], { error: '请选择接收或不接收' }),
      /** Why not (shown to the member and the sending union); required when rejecting. */
      reason: reasonText('理由').optional(),
    })
    .refine((v) => v.decision !== 'reject' || v.reason !== undefined, { path: ['reason'], message: '不接收时请填写理由' }),
  '接收工会确认或拒绝会籍转接（重复确认不会重复转入）',
);

export const cancelTransfer = defineContract<{ id: string; status: 'cancelled'; duplicate: boolean }>()(
  'membership.cancelTransfer',
  z.strictObject({
    /** The pending transfer to withdraw. */
    transferId: id,
  }),
  '撤回待接收的会籍转接（本人或转出工会）',
);

export const listTransfers = defineContract<{ items: TransferItem[] }>()(
  'membership.listTransfers',
  z.strictObject({
    /** The union whose transfers to list. */
    unionId: id,
    /** in (转入: this union receives, default), out (转出) or all. */
    direction: z.enum(['in', 'out', 'all'], { error: '方向只能是 in、out 或 all' }).optional(),
    /** One state, or all (default pending). */
    status: z.enum([...TRANSFER_STATUSES, 'all'], { error: '状态不正确' }).optional(),
  }),
  '会籍转接列表（转入待确认、转出、历史）',
);

