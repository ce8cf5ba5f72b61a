/** Reading requests: a union's list, one request with its thread, its photo. */
import { z } from 'zod';
import { defineContract } from '../define';
import { id } from '../common';
import type { RequestCounts, RequestListItem } from './items';
import { statusEnum } from './items';

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

/** 诉求照片: for the submitter and the request's handlers. */
export const photo = defineContract<{ fileName: string; mimeType: string; base64: string }>()(
  'request.photo',
  z.strictObject({
    /** The request. */
    id,
  }),
  '下载诉求照片',
);
