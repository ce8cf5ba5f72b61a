/**
 * Requests and opinions (职工诉求/建议): categories, states and limits, as data. Zod-free so pages
 * can import them without the schema library.
 */

/**
 * Categories (诉求类别), after the usual headings of union rights work (维权): pay, safety and
 * health, social insurance, working hours and leave, the labour contract, hardship help, and
 * suggestions for the union or the employer.
 */
export const REQUEST_CATEGORIES = ['wages', 'safety', 'insurance', 'rest', 'contract', 'hardship', 'suggestion', 'other'] as const;
export type RequestCategory = (typeof REQUEST_CATEGORIES)[number];

export const REQUEST_CATEGORY_LABELS: Record<RequestCategory, string> = {
  wages: '劳动报酬',
  safety: '劳动安全卫生',
  insurance: '社会保险',
  rest: '休息休假',
  contract: '劳动合同',
  hardship: '困难帮扶',
  suggestion: '意见建议',
  other: '其他',
};

/**
 * States (诉求状态): pending (待处理: nobody from the union has answered yet) → replied (处理中:
 * the union has answered at least once) → closed (已办结). Staff may close a pending request
 * straight away, but only with a closing note, so the member always gets an answer. A closed
 * request takes no more messages; the member may rate it once (满意 / 不满意).
 */
export const REQUEST_STATUSES = ['pending', 'replied', 'closed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  pending: '待处理',
  replied: '处理中',
  closed: '已办结',
};

/** Text of a request: 5–1000 characters. */
export const REQUEST_TEXT_MIN = 5;
export const REQUEST_TEXT_MAX = 1000;
/** A reply, a follow-up or a closing note: 1–500 characters. */
export const REQUEST_MESSAGE_MAX = 500;
/** The reason for 转交行业工会: 5–500 characters (it must say something to the industry union). */
export const REQUEST_ESCALATION_NOTE_MIN = 5;

/** The union answers within this many days of submission (答复时限), else the request is overdue (逾期). */
export const REPLY_DEADLINE_DAYS = 7;

/** At most this many requests per member in any 24 hours (`rate_limited` beyond). */
export const MAX_REQUESTS_PER_DAY = 10;

/** A photo (JPEG, PNG or WebP), after base64 decoding. The client compresses larger pictures first. */
export const MAX_REQUEST_PHOTO_BYTES = 3 * 1024 * 1024;

/** What staff see instead of the person on an anonymous request. */
export const ANONYMOUS_LABEL = '匿名会员';
