/** Fixed ids of the demo requests (职工诉求), so samples and the policy matrix can name them. */
export const DEMO_REQUEST_IDS = {
  /** bu-cy01, named, pending (submitted two days before the seed). */
  named: 'req_demo_cy01_named',
  /** bu-cy01, anonymous, with a photo, pending past the reply deadline (overdue). */
  anonymous: 'req_demo_cy01_anon',
  /** bu-cy01, answered by the union (处理中). */
  replied: 'req_demo_cy01_replied',
  /** bu-cy02, closed and rated 满意. */
  closed: 'req_demo_cy02_closed',
  /** bu-cy03, pending past the deadline. */
  overdue: 'req_demo_cy03_overdue',
} as const;
