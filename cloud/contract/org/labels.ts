/** Organisation labels (zod-free, for pages). */
export const COMMITTEE_KINDS = ['union', 'audit', 'women'] as const;
export type CommitteeKindName = (typeof COMMITTEE_KINDS)[number];

/** The committee's name by kind and form (委员会 or the single office). */
export const COMMITTEE_LABELS: Record<CommitteeKindName, { committee: string; single: string }> = {
  union: { committee: '工会委员会', single: '工会委员会' },
  audit: { committee: '经费审查委员会', single: '经费审查员' },
  women: { committee: '女职工委员会', single: '女职工委员' },
};

export const SEAT_ROLES = ['chair', 'vice_chair', 'member'] as const;
export type SeatRole = (typeof SEAT_ROLES)[number];
export const SEAT_ROLE_LABELS: Record<SeatRole, string> = { chair: '主任/主席', vice_chair: '副主任/副主席', member: '委员' };

/** Chair / vice-chair election result: 未报 → 待批准 → 已批准 (by the upper union). */
export const ELECTION_STATUS_LABELS = { none: '未报批', pending: '待批准', approved: '已批准' } as const;
export type ElectionStatus = keyof typeof ELECTION_STATUS_LABELS;

export const REELECTION_LABELS = { ok: '任期内', due: '6个月内应换届', overdue: '已逾期未换届' } as const;

/** 入会率目标 when the industry union has set none (per cent). */
export const DEFAULT_MEMBERSHIP_RATE_TARGET = 80;

export const MANUAL_ITEM_KEYS = ['sign', 'seal', 'office', 'rules'] as const;

/**
 * What an invitation poster (and the staff page) says about its code: the mini-program code opens
 * only from WeChat's 扫一扫; the H5 link's QR opens from WeChat or any phone camera.
 */
export const POSTER_CODE_TEXT = {
  miniProgram: { caption: '微信扫一扫 小程序码', step: '① 打开微信“扫一扫”，扫描上方小程序码' },
  link: { caption: '用微信或手机相机扫码', step: '① 用微信或手机相机扫描上方二维码' },
} as const;

/** An evidence photo of a hand-ticked standardisation item (牌子、印章…). */
export const EVIDENCE_PHOTO_MAX_BYTES = 2 * 1024 * 1024;
/** The request body limit for `org.tickPhoto` (the photo as base64: 4/3 of the bytes, plus room for the rest). */
export const EVIDENCE_BODY_BYTES = Math.ceil((EVIDENCE_PHOTO_MAX_BYTES * 4) / 3) + 64 * 1024;
