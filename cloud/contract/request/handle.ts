/** Working a request: 回复/追问, 办结, 转交行业工会, 评价. */
import { z } from 'zod';
import { defineContract } from '../define';
import { id } from '../common';
import { REQUEST_ESCALATION_NOTE_MIN, REQUEST_MESSAGE_MAX, type RequestStatus } from './labels';
import { message, type RequestEscalation } from './items';

/** 回复: staff answer (待处理 → 处理中), or the submitter adds a follow-up (追问). */
export const reply = defineContract<{ messageId: string; status: RequestStatus }>()(
  'request.reply',
  z.strictObject({
    /** The request. */
    id,
    /** The answer or follow-up (1–500 字). */
    body: message('回复内容'),
  }),
  '答复诉求（干部）或追问（会员本人）',
);

/** 办结: staff close a request; a request nobody has answered yet needs a closing note. */
export const close = defineContract<{ status: 'closed'; duplicate: boolean }>()(
  'request.close',
  z.strictObject({
    /** The request. */
    id,
    /** 办结说明, shown to the member (required when nobody has answered yet). */
    note: message('办结说明').optional(),
  }),
  '办结诉求（干部）',
);

/** 转交行业工会: the base union's staff or chair hand an open request to the industry union above it, once. */
export const escalate = defineContract<{ messageId: string; escalatedTo: RequestEscalation }>()(
  'request.escalate',
  z.strictObject({
    /** The request. */
    id,
    /** 转交理由 (5–500 字), shown to the member and the industry union. */
    note: z.string().trim().min(REQUEST_ESCALATION_NOTE_MIN, `转交理由请至少写 ${REQUEST_ESCALATION_NOTE_MIN} 个字`).max(REQUEST_MESSAGE_MAX, `转交理由最多 ${REQUEST_MESSAGE_MAX} 字`),
  }),
  '转交行业工会（基层工会干部）',
);

/** 评价: the submitter rates a closed request once (满意 / 不满意). */
export const rate = defineContract<{ rating: 'satisfied' | 'unsatisfied'; duplicate: boolean }>()(
  'request.rate',
  z.strictObject({
    /** The request. */
    id,
    /** 满意 (true) or 不满意 (false). */
    satisfied: z.boolean({ error: '须为是或否' }),
    /** A word on the outcome (optional). */
    comment: message('评价').optional(),
  }),
  '会员评价已办结的诉求',
);
