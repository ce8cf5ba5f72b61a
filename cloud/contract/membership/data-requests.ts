/**
 * The member's data requests (个人信息请求: 更正、注销删除): `membership.requestCorrection`,
 * `requestDeletion`, `myRequests`, `listDataRequests`, `handleDataRequest`.
 */
import { z } from 'zod';
import { defineContract } from '../define';
import { id } from '../common';
import { CORRECTION_FIELDS, DATA_REQUEST_STATUSES, type CorrectionField, type DataRequestKind, type DataRequestStatus } from './lifecycle.labels';
import { reasonText, type TransferItem } from './transfer';

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

