/** The submitter's side: 提交诉求/建议 and 我的诉求. */
import { z } from 'zod';
import { defineContract } from '../define';
import { REQUEST_CATEGORIES, REQUEST_TEXT_MAX, REQUEST_TEXT_MIN, type RequestStatus } from './labels';
import type { RequestListItem } from './items';

/** 提交诉求/建议 (member). Routed to the member's union. */
export const submit = defineContract<{ id: string; status: RequestStatus; duplicate: boolean }>()(
  'request.submit',
  z.strictObject({
    /** 类别: wages 劳动报酬, safety 劳动安全卫生, insurance 社会保险, rest 休息休假, contract 劳动合同, hardship 困难帮扶, suggestion 意见建议, other 其他. */
    category: z.enum(REQUEST_CATEGORIES, { error: '请选择类别' }),
    /** What the member asks or suggests (5–1000 字). */
    text: z.string().trim().min(REQUEST_TEXT_MIN, `请至少写 ${REQUEST_TEXT_MIN} 个字`).max(REQUEST_TEXT_MAX, `最多 ${REQUEST_TEXT_MAX} 字`),
    /** 匿名: the union's staff do not see who submitted it (the reply still reaches the member). */
    anonymous: z.boolean({ error: '须为是或否' }).optional(),
    /** A photo (JPEG, PNG or WebP, at most 3 MB) as base64 without a `data:` prefix. */
    photoBase64: z.string({ error: '照片格式不正确' }).min(1, '照片是空的').max(4_500_000, '照片不能超过 3 MB').optional(),
    /** The client's id for this submission: sending the same one again answers the first (`duplicate: true`). */
    requestId: z.string().trim().min(8, '请求编号过短').max(64, '请求编号过长').optional(),
  }),
  '会员提交诉求或建议（可匿名、可附照片）',
);

/** 我的诉求: the caller's own requests, newest first. */
export const mine = defineContract<{ items: RequestListItem[] }>()('request.mine', z.strictObject({}), '我的诉求与建议');
