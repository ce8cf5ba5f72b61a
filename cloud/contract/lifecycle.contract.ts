/**
 * Member lifecycle (动态管理): transfers between unions (会籍转接), the member's own data
 * (查阅、更正、注销删除) and the retention job. `membership.leave` stays in membership.contract.ts.
 */
import { z } from 'zod';
import { defineContract } from './define';
import { id } from './common';
import type { FileResult } from './file';
import { CORRECTION_FIELDS, DATA_REQUEST_STATUSES, TRANSFER_STATUSES, type CorrectionField, type DataRequestKind, type DataRequestStatus, type TransferStatus } from './lifecycle.labels';

const reasonText = (what: string) => z.string().trim().min(2, `请填写${what}（至少 2 个字）`).max(100, `${what}最多 100 个字`);

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

/** One data request (个人信息请求). The new value of a phone or ID number is masked. */
export interface DataRequestItem {
  id: string;
  kind: DataRequestKind;
  status: DataRequestStatus;
  memberId: string;
  memberName: string;
  memberNo: string;
  field: CorrectionField | null;
  /** The current value (masked for phone and ID number). */
  currentValue: string | null;
  /** The requested value (masked for phone and ID number). */
  requestedValue: string | null;
  note: string | null;
  createdAt: string;
  handledAt: string | null;
  response: string | null;
}

export const requestCorrection = defineContract<{ requestId: string; status: 'pending'; duplicate: boolean }>()(
  'membership.requestCorrection',
  z.strictObject({
    /** Which item of the member record is wrong. */
    field: z.enum(CORRECTION_FIELDS, { error: '请选择要更正的项目' }),
    /** The correct value (checked like on the join form). */
    value: z.string().trim().min(1, '请填写正确的内容').max(60, '最多 60 个字'),
    /** Anything the union should know (e.g. 身份证号录入时输错一位). */
    note: z.string().trim().max(200, '说明最多 200 个字').optional(),
  }),
  '申请更正我的会员信息（工会干部核实后更正）',
);

export const requestDeletion = defineContract<{ requestId: string; status: 'pending'; duplicate: boolean }>()(
  'membership.requestDeletion',
  z.strictObject({
    /** Why (optional). */
    note: z.string().trim().max(200, '说明最多 200 个字').optional(),
  }),
  '申请注销并删除我的个人信息（退会并匿名化；经费账目保留但不再显示姓名）',
);

export const myData = defineContract<FileResult & { records: number }>()('membership.myData', z.strictObject({}), '下载我的数据（JSON：会员信息、申请、活动、会费、转会、档案材料、诉求、个人信息请求；记入审计日志）');

export interface MyRequests {
  /** The caller's current (or last) member record, or null. */
  member: { id: string; unionId: string; unionName: string; memberNo: string; status: 'active' | 'left' } | null;
  transfers: TransferItem[];
  requests: DataRequestItem[];
  /** 保存期限 after leaving, in years. */
  retentionYears: number;
}

export const myRequests = defineContract<MyRequests>()('membership.myRequests', z.strictObject({}), '我的转会与个人信息请求（状态）');

export const listDataRequests = defineContract<{ items: DataRequestItem[] }>()(
  'membership.listDataRequests',
  z.strictObject({
    /** The union whose members' requests to list. */
    unionId: id,
    /** One state, or all (default pending). */
    status: z.enum([...DATA_REQUEST_STATUSES, 'all'], { error: '状态不正确' }).optional(),
  }),
  '会员个人信息请求列表（更正、注销删除）',
);

export const handleDataRequest = defineContract<{ id: string; status: 'done' | 'rejected'; duplicate: boolean }>()(
  'membership.handleDataRequest',
  z
    .strictObject({
      /** The request to handle. */
      requestId: id,
      /** apply (更正 / 注销并匿名化) or reject (不予办理, with a reason). */
      decision: z.enum(['apply', 'reject'], { error: '请选择办理或不予办理' }),
      /** Reply to the member; required when rejecting. */
      response: reasonText('答复').optional(),
    })
    .refine((v) => v.decision !== 'reject' || v.response !== undefined, { path: ['response'], message: '不予办理时请填写理由' }),
  '办理会员个人信息请求：更正、注销删除（匿名化）或不予办理',
);

export const purgeExpired = defineContract<{ anonymised: number; retentionYears: number; dryRun: boolean }>()(
  'membership.purgeExpired',
  z.strictObject({
    /** The union (the industry union covers its base unions too). */
    unionId: id,
    /** Only count what would be anonymised. */
    dryRun: z.boolean({ error: '须为 true 或 false' }).optional(),
  }),
  '匿名化保存期限已满的退会会员（主机每天也会自动执行）',
);
