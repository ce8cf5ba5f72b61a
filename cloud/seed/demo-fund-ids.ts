/**
 * Fixed ids of the demo fund data (base union bu-cy01), so the policy matrix and the API
 * docs can name real objects in their sample inputs.
 */
export const DEMO_FUND_IDS = {
  /** The newest published notice of bu-cy01 (the quarter before the seed date). */
  notice: 'ntc_demo_cy01_prev',
  /** The notice of the quarter before that. */
  olderNotice: 'ntc_demo_cy01_prev2',
  /** A spending entry of the current quarter waiting for the chair. */
  pendingEntry: 'fe_demo_cy01_pending',
  /** A posted income entry of the current quarter. */
  postedEntry: 'fe_demo_cy01_current_dues',
  /** A member's question on the newest notice, already answered. */
  question: 'fq_demo_cy01',
  /** A receipt attached to a spending entry. */
  attachment: 'fa_demo_cy01',
} as const;
