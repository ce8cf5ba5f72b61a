/**
 * Requests and opinions (职工诉求/建议): a member submits one (category, text, optional photo,
 * optional anonymity); the member's union answers and closes it; the member follows the status
 * and may rate the outcome; the industry union sees counts and overdue items.
 */
import { z } from 'zod';
import { defineContract } from './define';
import { id } from './common';
import {
  REQUEST_CATEGORIES,
  REQUEST_ESCALATION_NOTE_MIN,
  REQUEST_MESSAGE_MAX,
  REQUEST_STATUSES,
  REQUEST_TEXT_MAX,
  REQUEST_TEXT_MIN,
  type RequestCategory,
  type RequestStatus,
} from './request.labels';

const message = (label: string) => z.string().trim().min(1, `请填写${label}`).max(REQUEST_MESSAGE_MAX, `${label}最多 ${REQUEST_MESSAGE_MAX} 字`);

/** The person behind a request, shown only to its submitter and, for a named request, to its handlers. */
export interface RequestPerson {
  name: string;
  memberNo: string;
  unitName: string | null;
}

/** One request in a list. `person` is null on an anonymous request for everyone but the submitter. */
export interface RequestListItem {
  id: string;
  category: RequestCategory;
  status: RequestStatus;
  /** The first 60 characters of the text. */
  excerpt: string;
  anonymous: boolean;
  hasPhoto: boolean;
  submittedAt: string;
  /** When the union's first answer is due (7 days). */
  replyDueAt: string;
  /** Still unanswered after the deadline. */
  overdue: boolean;
  /** Messages in the thread. */
  messages: number;
  /**
   * 新回复: the union's messages (answers, closing note) the submitter has not opened yet; always 0
   * for staff. In `request.get` the count before this opening (the opening marks them read).
   */
  newReplies: number;
  /**
   * 追问待答复: the submitter's follow-up is the latest message of an open request, so the union
   * owes an answer although the state stays 处理中. Shown to everyone who sees the request.
   */
  followUpPending: boolean;
  person: RequestPerson | null;
  /** The base union the request belongs to (also in the industry union's list of escalated ones). */
  unionId: string;
  unionName: string;
  /** 已转交: the industry union the base union handed it to, and when; null if not escalated. */
  escalatedTo: RequestEscalation | null;
}

/** Where and when a request was handed on (转交行业工会). */
export interface RequestEscalation {
  unionId: string;
  unionName: string;
  at: string;
}

/**
 * One message of the thread (回复记录). The member's messages carry no name. `escalation` is the
 * base union's reason for handing the request to the industry union (`escalatedTo` names it).
 */
export interface RequestMessage {
  id: string;
  author: 'member' | 'staff';
  kind: 'reply' | 'follow_up' | 'close_note' | 'escalation';
  /** The staff member's name; null on the member's own messages. */
  authorName: string | null;
  body: string;
  at: string;
}

/** A request with its thread, as the submitter or a handler sees it. */
export interface RequestDetail extends RequestListItem {
  text: string;
  /**
   * `owner`: the submitter; `handler`: staff of the union (or the industry admin above it), and
   * after 转交 the industry union's staff and chair.
   */
  viewer: 'owner' | 'handler';
  thread: RequestMessage[];
  firstReplyAt: string | null;
  closedAt: string | null;
  rating: 'satisfied' | 'unsatisfied' | null;
  ratingComment: string | null;
  /** What the caller may do now. */
  canReply: boolean;
  canClose: boolean;
  canRate: boolean;
  /** 转交行业工会: the base union's staff or chair, on an open request not yet escalated, when the union has an industry union. */
  canEscalate: boolean;
}

export interface RequestCounts {
  pending: number;
  replied: number;
  closed: number;
  overdue: number;
  /** 已转交行业工会 (any state): how often a base union handed a request on. */
  escalated: number;
}

/** The industry union's view of one union's requests. */
export interface RequestUnionStats extends RequestCounts {
  unionId: string;
  unionName: string;
  total: number;
  byCategory: Partial<Record<RequestCategory, number>>;
  /** Share of rated closed requests rated 满意 (per cent), null when none rated. */
  satisfiedPercent: number | null;
}

/** An overdue request for the industry union: no person, no text, only what it needs to chase it. */
export interface OverdueRequest {
  id: string;
  unionId: string;
  unionName: string;
  category: RequestCategory;
  submittedAt: string;
  replyDueAt: string;
  daysWaiting: number;
  anonymous: boolean;
}

export interface RequestStats {
  unions: RequestUnionStats[];
  totals: RequestCounts & { total: number };
  overdue: OverdueRequest[];
}

const statusEnum = z.enum(REQUEST_STATUSES, { error: '状态只能是 pending、replied 或 closed' });

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

/** 诉求列表 of a union, for its staff (oldest open first). */
export const list = defineContract<{ items: RequestListItem[]; counts: RequestCounts }>()(
  'request.list',
  z.strictObject({
    /** The union whose requests to list. */
    unionId: id,
    /** Only this state (待处理 / 处理中 / 已办结); none: all. */
    status: statusEnum.optional(),
    /** Only requests past the reply deadline without an answer. */
    overdueOnly: z.boolean({ error: '须为是或否' }).optional(),
  }),
  '本会诉求列表（干部）',
);

/** 诉求详情 with its thread: the submitter's own, or a request of the caller's union. */
export const get = defineContract<RequestDetail>()(
  'request.get',
  z.strictObject({
    /** The request. */
    id,
  }),
  '诉求详情与回复记录',
);

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

/** 诉求照片: for the submitter and the request's handlers. */
export const photo = defineContract<{ fileName: string; mimeType: string; base64: string }>()(
  'request.photo',
  z.strictObject({
    /** The request. */
    id,
  }),
  '下载诉求照片',
);

/** 诉求统计: for the industry union, counts per base union and the overdue list. */
export const stats = defineContract<RequestStats>()(
  'request.stats',
  z.strictObject({
    /** The industry union. */
    unionId: id,
  }),
  '行业工会：各基层工会诉求数量（含已转交）与逾期未答复清单',
);
