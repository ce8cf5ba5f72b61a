/**
 * Requests and opinions (职工诉求/建议): a member submits one (category, text, optional photo,
 * optional anonymity); the member's union answers and closes it; the member follows the status
 * and may rate the outcome; the industry union sees counts and overdue items.
 *
 * What every request view shares: a request in a list, its person, its escalation, the counts by state.
 */
import { z } from 'zod';
import { REQUEST_MESSAGE_MAX, REQUEST_STATUSES, type RequestCategory, type RequestStatus } from './labels';

/** A message of the thread (an answer, a follow-up, a note). */
export const message = (label: string) => z.string().trim().min(1, `请填写${label}`).max(REQUEST_MESSAGE_MAX, `${label}最多 ${REQUEST_MESSAGE_MAX} 字`);

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

export interface RequestCounts {
  pending: number;
  replied: number;
  closed: number;
  overdue: number;
  /** 已转交行业工会 (any state): how often a base union handed a request on. */
  escalated: number;
}

/** A request's state, as a list filter. */
export const statusEnum = z.enum(REQUEST_STATUSES, { error: '状态只能是 pending、replied 或 closed' });
