/**
 * Table types for Kysely. The same schema runs on SQLite (embedded default) and
 * PostgreSQL, so only portable column types are used:
 * - ids are text;
 * - times are ISO-8601 UTC text (`2026-11-25T17:00:00.000Z`), which sorts correctly in both;
 * - booleans are integers 0/1;
 * - money (later) is integer fen.
 */
import type { Kysely, Transaction } from 'kysely';

export interface UnionsTable {
  id: string;
  name: string;
  /** 'industry' (行业工会) | 'base' (基层工会). */
  kind: 'industry' | 'base';
  /** Base unions point at their industry union; the industry union has none. */
  parent_id: string | null;
  /** Short code used as member-number prefix (会员编号前缀). */
  code: string;
  /** 上级工会: outside the system, named only. */
  upper_union_name: string | null;
  created_at: string;
}

export interface UnitsTable {
  id: string;
  name: string;
  /** 职工人数, for the membership rate (入会率). */
  employees: number;
  industry_union_id: string;
  /** The unit's own base union, or null when its workers join the industry union directly. */
  base_union_id: string | null;
  created_at: string;
}

export interface UsersTable {
  id: string;
  display_name: string;
  wechat_openid: string | null;
  wechat_unionid: string | null;
  /** Demo mode: `persona:union:key` so the same key gives the same person. */
  dev_key: string | null;
  created_at: string;
}

export interface RoleGrantsTable {
  user_id: string;
  role: 'staff' | 'chair' | 'reviewer' | 'industryAdmin';
  union_id: string;
  created_at: string;
}

export interface StaffCredentialsTable {
  user_id: string;
  username: string;
  /** `scrypt$N$r$p$salt$hash` (base64url). */
  password_hash: string;
  failed_attempts: number;
  locked_until: string | null;
  updated_at: string;
}

export interface SessionsTable {
  /** SHA-256 of the token (hex); the token itself is never stored. */
  token_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  /** Idle window in seconds: the session ends when unused this long. */
  idle_seconds: number;
  absolute_expires_at: string;
  revoked_at: string | null;
}

export interface WechatSessionsTable {
  user_id: string;
  /** code2Session's session_key, encrypted; it never leaves the server. */
  session_key_enc: string;
  updated_at: string;
}

export interface MembersTable {
  id: string;
  user_id: string | null;
  union_id: string;
  unit_id: string | null;
  /** Employer name when not one of the industry's units ("other"). */
  unit_name: string | null;
  member_no: string;
  /** 'active' (在册) | 'left' (已退会). */
  status: 'active' | 'left';
  name: string;
  gender: 'male' | 'female';
  birth_date: string;
  /** AES-256-GCM ciphertext of the ID number. */
  id_number_enc: string;
  /** HMAC blind index of the ID number, for duplicate checks without decrypting. */
  id_number_bidx: string;
  id_number_masked: string;
  phone_enc: string;
  phone_masked: string;
  ethnicity: string;
  education: string;
  political_status: string;
  job: string;
  household_type: string;
  joined_at: string;
  created_at: string;
  /** HMAC blind index of the phone, for exact roster search (002; null on rows from before 002). */
  phone_bidx: string | null;
  /** 退会: when and why (002). */
  left_at: string | null;
  left_reason: string | null;
  /** The application this membership came from, when it came from one (002). */
  application_id: string | null;
  /** Last 4 digits of the phone, for the roster's last-4 search (010; filled from phone_masked). */
  phone_tail: string | null;
  /** 匿名化: when personal data was removed (after the retention period or on request) (006). */
  anonymised_at: string | null;
}

export interface MemberNoCountersTable {
  union_id: string;
  next_no: number;
}

export interface InvitationsTable {
  id: string;
  union_id: string;
  unit_id: string | null;
  created_by: string;
  expires_at: string | null;
  revoked_at: string | null;
  created_at: string;
  /** Where the code is used, for staff (e.g. 后厨门口海报) (002). */
  label: string | null;
}

/**
 * 入会申请 (002). States: pending → approved | rejected (see contract/membership/labels.ts).
 * Personal fields as in `members`: encrypted, masked, blind-indexed.
 */
export interface ApplicationsTable {
  id: string;
  user_id: string;
  union_id: string;
  unit_id: string | null;
  unit_name: string | null;
  invitation_id: string | null;
  status: 'pending' | 'approved' | 'rejected';
  name: string;
  gender: 'male' | 'female';
  birth_date: string;
  id_number_enc: string;
  id_number_bidx: string;
  id_number_masked: string;
  phone_enc: string;
  phone_bidx: string;
  phone_masked: string;
  ethnicity: string;
  education: string;
  political_status: string;
  job: string;
  household_type: string;
  /** The consent text version (CONSENT_VERSION) the worker agreed to, and when. */
  consent_version: string;
  consented_at: string;
  /** An active member with this ID number and no login (imported from a paper roster): approval links it. */
  existing_member_id: string | null;
  member_id: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  reject_reason: string | null;
  created_at: string;
}

/** 可疑登记: another login submitted an ID number that is already registered (002). */
export interface IdentityAttemptsTable {
  id: string;
  at: string;
  user_id: string;
  /** The union holding the matching member or application: its staff see the flag. */
  union_id: string;
  /** The union the attempt was made to. */
  attempted_union_id: string;
  invitation_id: string | null;
  matched: 'member' | 'application';
  matched_id: string;
  /** The name as typed by the attempting login. */
  name: string;
  id_number_masked: string;
  phone_masked: string;
}

/** A confirmed roster import (002): one row per union and file content, so a retry writes nothing twice. */
export interface RosterImportsTable {
  id: string;
  union_id: string;
  /** SHA-256 of the file bytes (hex). */
  file_hash: string;
  file_name: string | null;
  created_by: string;
  created_at: string;
  /** JSON of the confirm result (counts and per-row report; no personal numbers). */
  result: string;
}

export interface AuditEventsTable {
  id: string;
  at: string;
  /** Null for system actions (seed, migrations). */
  actor_user_id: string | null;
  /** The function or system step, e.g. `auth.staffLogin`, `seed.demo`. */
  action: string;
  object_type: string;
  object_id: string;
  union_id: string | null;
  /** JSON with the change; never secrets or full personal data. */
  detail: string;
}

/** 活动. States: see ACTIVITY_STATUSES in contract/activity/labels.ts. */
export interface ActivitiesTable {
  id: string;
  /** The organising union (主办工会). */
  union_id: string;
  /** The organiser's industry union (itself, or its parent): who `audience = 'industry'` reaches. */
  industry_union_id: string;
  type: 'sports' | 'training' | 'contest' | 'care' | 'other';
  title: string;
  description: string;
  place: string;
  /** 主办/承办 as shown on the record. */
  organizer: string;
  start_at: string;
  end_at: string;
  sign_up_deadline: string;
  /** Null: no limit. */
  quota: number | null;
  audience: 'union' | 'industry';
  check_in_from: string;
  check_in_until: string;
  allow_walk_in: number;
  status: 'draft' | 'published' | 'cancelled' | 'finished';
  cancel_reason: string | null;
  /** Per-activity HMAC secret (hex) of the rotating check-in code; never leaves the server. */
  checkin_secret: string;
  /** Counters kept under the activity's row lock with the sign-up rows (quota decisions read them). */
  signed_up_count: number;
  waitlisted_count: number;
  /** Next sign-up sequence number: the waiting list is promoted in this order. */
  next_seq: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  cancelled_at: string | null;
  finished_at: string | null;
}

/** 报名. One row per (activity, member), enforced by the primary key. */
export interface ActivitySignupsTable {
  activity_id: string;
  member_id: string;
  status: 'signed_up' | 'waitlisted' | 'cancelled';
  /** Order of (re-)signing up; the waiting list is promoted by it. */
  seq: number;
  signed_up_at: string;
  updated_at: string;
  promoted_at: string | null;
  cancelled_at: string | null;
}

/** 签到. One row per (activity, member), enforced by the primary key: never two check-ins. */
export interface ActivityCheckinsTable {
  activity_id: string;
  member_id: string;
  checked_in_at: string;
  method: 'code' | 'scan';
  /** Checked in without a sign-up (现场签到, when the activity allows walk-ins). */
  walk_in: number;
  /** The attempt that made this check-in. */
  attempt_id: string;
  device_id: string | null;
}

/**
 * Every check-in attempt (签到记录), accepted, duplicate or refused, with its reason:
 * the organiser's view and the audit trail. `(actor_user_id, nonce)` is unique, so a
 * retried request finds its first answer instead of acting twice.
 */
export interface ActivityCheckinAttemptsTable {
  id: string;
  /** The member checking in (code) or the staff member who scanned (scan). */
  actor_user_id: string;
  nonce: string;
  activity_id: string;
  member_id: string | null;
  method: 'code' | 'scan';
  outcome: 'checked_in' | 'duplicate' | 'refused';
  reason: string | null;
  /** A duplicate from a staff scan (e.g. the same member on two devices), shown to the organiser. */
  flagged: number;
  /** For accepted and duplicate attempts: the check-in time answered. */
  checked_in_at: string | null;
  device_id: string | null;
  scanned_at: string | null;
  at: string;
}

/** 活动记录: what staff fill in; the rest of the record is generated from the data. */
export interface ActivityRecordsTable {
  activity_id: string;
  content: string;
  outcome: string;
  awards: string;
  updated_by: string;
  updated_at: string;
}

// ---------------------------------------------------------------------------------------------
// Funds (经费). All tables but fund_settings and fund_counters are append-only (database triggers).

export interface FundSettingsTable {
  union_id: string;
  /** 'quarter' (default) | 'month': how often the notice is published. */
  notice_period: 'quarter' | 'month';
  /** Entries at or above this amount are listed one by one in the notice. */
  item_threshold_fen: number;
  /** Per-member yearly caps of holiday and birthday gifts (differ by province). */
  holiday_cap_fen: number;
  birthday_cap_fen: number;
  /** Industry union: days after a period ends within which a base union's notice is on time. */
  due_days: number;
  /** JSON `{ [category]: string[] }`: the union's own sub-categories. */
  sub_categories: string;
  updated_by: string | null;
  updated_at: string;
}

export interface FundCountersTable {
  union_id: string;
  next_seq: number;
}

export interface FundEntriesTable {
  id: string;
  union_id: string;
  /** Per-union ledger sequence (记账顺序号), gap-free. */
  seq: number;
  /** China date `YYYY-MM-DD` the money moved. */
  date: string;
  direction: 'income' | 'expense';
  category: string;
  sub_category: string | null;
  /** Income: which of the four funding routes. */
  funding_route: 'chamber' | 'employer' | 'upper' | 'dues' | 'other' | null;
  /** Integer fen, > 0; a reversal has the same positive amount as its original. */
  amount_fen: number;
  kind: 'entry' | 'reversal';
  reverses_id: string | null;
  corrects_id: string | null;
  /** 1 for spending (the chair must approve), 0 for income and reversals. */
  needs_approval: 0 | 1;
  counterparty: string | null;
  purpose: string;
  request_id: string;
  gift_kind: 'holiday' | 'birthday' | 'other' | null;
  gift_form: 'goods' | 'service' | 'cash' | 'shopping_card' | 'voucher' | null;
  gift_recipients: 'members' | 'non_members' | 'mixed' | null;
  gift_recipient_count: number | null;
  dues_member_id: string | null;
  dues_member_count: number | null;
  /** JSON array of `{code, message}` raised when recorded (e.g. a gift over the yearly cap). */
  flags: string;
  recorded_by: string;
  recorded_at: string;
}

export interface FundApprovalsTable {
  entry_id: string;
  decision: 'approve' | 'reject';
  decided_by: string;
  decided_at: string;
  note: string | null;
}

export interface FundPeriodsTable {
  union_id: string;
  period_key: string;
  from_date: string;
  to_date: string;
  closed_by: string;
  closed_at: string;
}

export interface FundSignOffsTable {
  union_id: string;
  period_key: string;
  opinion: string;
  reviewer_id: string;
  reviewer_name: string;
  signed_at: string;
}

export interface FundCommentsTable {
  id: string;
  entry_id: string;
  union_id: string;
  body: string;
  author_id: string;
  author_name: string;
  author_role: string;
  created_at: string;
}

export interface FundAttachmentsTable {
  id: string;
  union_id: string;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  content_base64: string;
  uploaded_by: string;
  uploaded_at: string;
}

export interface FundEntryAttachmentsTable {
  entry_id: string;
  attachment_id: string;
  linked_by: string;
  linked_at: string;
}

export interface FundNoticesTable {
  id: string;
  union_id: string;
  period_key: string;
  version: number;
  /** SHA-256 (hex) of `content`. */
  hash: string;
  /** The canonical JSON the hash was computed over. */
  content: string;
  /** Headline figures, copied from `content` (bigint: PostgreSQL returns them as strings). */
  opening_fen: number | string;
  income_fen: number | string;
  expense_fen: number | string;
  closing_fen: number | string;
  published_by: string;
  published_at: string;
}

export interface FundNoticeViewsTable {
  notice_id: string;
  user_id: string;
  first_opened_at: string;
}

export interface FundQuestionsTable {
  id: string;
  notice_id: string;
  union_id: string;
  body: string;
  asked_by: string;
  asked_at: string;
}

export interface FundAnswersTable {
  id: string;
  question_id: string;
  body: string;
  answered_by: string;
  answerer_name: string;
  answered_at: string;
}

/** 委员会 (005): one per union and kind, with its term and the chair election's approval. */
export interface CommitteesTable {
  id: string;
  union_id: string;
  kind: 'union' | 'audit' | 'women';
  /** committee (委员会) | single (经审员 / 女职工委员). */
  form: 'committee' | 'single';
  /** China dates (YYYY-MM-DD). */
  term_start: string;
  term_end: string;
  /** 提前或延期换届的上级批复 (reference / note). */
  upper_approval_note: string | null;
  /** (011) The upper union's written approval of this term's early or late start, as a document. */
  upper_approval_file_id: string | null;
  /** 主席、副主席选举结果: none (未报) → pending (待批准) → approved (已批准). */
  election_status: 'none' | 'pending' | 'approved';
  election_approval_ref: string | null;
  election_approved_on: string | null;
  updated_by: string | null;
  updated_at: string;
}

/** 委员席位 (005): a holder (member or named person) since a date; `ended_on` set when replaced or vacated. */
export interface CommitteeSeatsTable {
  id: string;
  committee_id: string;
  role: 'chair' | 'vice_chair' | 'member';
  member_id: string | null;
  person_name: string;
  since: string;
  ended_on: string | null;
  created_at: string;
}

/** 规范化建设 items ticked by staff (005). */
export interface ComplianceTicksTable {
  union_id: string;
  item: string;
  done: number;
  note: string | null;
  updated_by: string;
  updated_at: string;
  /** The evidence photo (007): its file-store key, type, size, hash and when it was taken up; null without one. */
  photo_key: string | null;
  photo_mime: string | null;
  photo_size: number | null;
  photo_sha256: string | null;
  photo_at: string | null;
}

/** The metadata columns of a file whose sealed bytes are in the file store under `file_key` (007, 011). */
interface StoredFileColumns {
  file_name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  file_key: string;
  uploaded_by: string;
  created_at: string;
}

/** 换届上级批复文件 (011): metadata; the sealed bytes are in the file store under `file_key`. */
export interface CommitteeApprovalFilesTable extends StoredFileColumns {
  id: string;
  union_id: string;
  committee_id: string;
  /** The term this document approves (its start, China date). */
  term_start: string;
  /** early 提前换届 | late 延期换届 | on_time (a document given although not required). */
  timing: 'early' | 'late' | 'on_time';
}

/** 一人一档 attachments (007): metadata; the bytes are in the file store under `file_key`. */
export interface MemberAttachmentsTable extends StoredFileColumns {
  id: string;
  union_id: string;
  member_id: string;
  /** diploma 学历证书 | title 职称证书 | honour 荣誉证书 | health 健康证明 | other 其他. */
  kind: 'diploma' | 'title' | 'honour' | 'health' | 'other';
  /** Who acted (014): `union` (staff, chair or the industry admin on the staff page) | `member` (会员本人上传, on their own file). */
  uploaded_as: 'union' | 'member';
  /** Removed (bytes deleted from the store; the row stays as history). */
  removed_at: string | null;
  removed_by: string | null;
}

/** 主席年度述职 (007): the chair's yearly report to the members' congress, one per union and year. */
export interface ChairReportsTable {
  id: string;
  union_id: string;
  year: number;
  /** China date of the congress meeting. */
  reported_on: string;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
}

/** 入会率目标 per industry union (005). */
export interface ComplianceSettingsTable {
  union_id: string;
  membership_rate_target: number;
  updated_at: string;
}

/** 会籍转接 (006). States: see TRANSFER_STATUSES in contract/membership/lifecycle.labels.ts. Kept as history. */
export interface MemberTransfersTable {
  id: string;
  /** The member record in the sending union. */
  member_id: string;
  from_union_id: string;
  from_member_no: string;
  to_union_id: string;
  to_unit_id: string | null;
  to_unit_name: string | null;
  status: 'pending' | 'confirmed' | 'rejected' | 'cancelled';
  reason: string;
  initiated_by: string;
  initiated_as: 'member' | 'staff';
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  /** The member record created in the receiving union, and its member number. */
  new_member_id: string | null;
  new_member_no: string | null;
}

/** 个人信息请求 (006): a correction (field + encrypted new value) or a deletion. */
export interface MemberDataRequestsTable {
  id: string;
  member_id: string;
  union_id: string;
  kind: 'correction' | 'deletion';
  field: string | null;
  value_enc: string | null;
  value_masked: string | null;
  note: string | null;
  status: 'pending' | 'done' | 'rejected';
  requested_by: string;
  created_at: string;
  handled_by: string | null;
  handled_at: string | null;
  response: string | null;
}

/**
 * 职工诉求/建议 (008). States: pending (待处理) → replied (处理中) → closed (已办结), see
 * contract/request/labels.ts. `member_id`/`user_id` are never shown to anyone but the submitter
 * when `anonymous` is 1.
 */
export interface RequestsTable {
  id: string;
  /** The union that handles it: the member's union when submitted. */
  union_id: string;
  member_id: string;
  user_id: string | null;
  category: string;
  text: string;
  anonymous: number;
  status: 'pending' | 'replied' | 'closed';
  /** FileStore key of the photo, its type and size; null without a photo. */
  photo_key: string | null;
  photo_mime: string | null;
  photo_bytes: number | null;
  /** The client's id for this submission: a retry answers the first one. */
  client_request_id: string | null;
  submitted_at: string;
  /** The union's first answer (reply or closing note). */
  first_reply_at: string | null;
  closed_at: string | null;
  closed_by: string | null;
  rating: 'satisfied' | 'unsatisfied' | null;
  rating_comment: string | null;
  rated_at: string | null;
  updated_at: string;
  /** The union's messages the submitter had when they last opened it (012): the rest are 新回复. */
  owner_seen_replies: number;
  /** 转交行业工会 (013): the industry union it was handed to, when and by whom; null until then. */
  escalated_to_union_id: string | null;
  escalated_at: string | null;
  escalated_by_user_id: string | null;
}

/** One message of a request's thread (008); `escalation` (013) is the reason it was handed to the industry union. */
export interface RequestMessagesTable {
  id: string;
  request_id: string;
  author: 'member' | 'staff';
  kind: 'reply' | 'follow_up' | 'close_note' | 'escalation';
  author_user_id: string | null;
  author_name: string | null;
  body: string;
  created_at: string;
}

/** The shared WeChat access token of one mini-program app, and the refresh lease (015). */
export interface WechatTokensTable {
  app_id: string;
  /** Encrypted (`encryptField`, context-free AES-GCM with the field key). */
  access_token: string | null;
  expires_at: string | null;
  /** Which instance is fetching a new token, and until when its lease holds. */
  lease_holder: string | null;
  lease_until: string | null;
  refreshed_at: string | null;
  /** How many times a token was fetched (for operators). */
  refreshes: number;
}

/** What WeChat made for an invitation: its mini-program code and latest URL Link (015). */
export interface InvitationWechatTable {
  invitation_id: string;
  app_id: string;
  /** PNG, base64. */
  mini_program_code: string | null;
  url_link: string | null;
  url_link_expires_at: string | null;
  updated_at: string;
}

/** The row lock of one "count, then act" key, and a lock the rule set (016, limits.repository.ts). */
export interface LimitGuardsTable {
  key: string;
  locked_until: string | null;
  touched_at: string;
}

export interface Database {
  unions: UnionsTable;
  units: UnitsTable;
  users: UsersTable;
  role_grants: RoleGrantsTable;
  staff_credentials: StaffCredentialsTable;
  sessions: SessionsTable;
  wechat_sessions: WechatSessionsTable;
  members: MembersTable;
  member_no_counters: MemberNoCountersTable;
  invitations: InvitationsTable;
  audit_events: AuditEventsTable;
  activities: ActivitiesTable;
  activity_signups: ActivitySignupsTable;
  activity_checkins: ActivityCheckinsTable;
  activity_checkin_attempts: ActivityCheckinAttemptsTable;
  activity_records: ActivityRecordsTable;
  applications: ApplicationsTable;
  identity_attempts: IdentityAttemptsTable;
  roster_imports: RosterImportsTable;
  fund_settings: FundSettingsTable;
  fund_counters: FundCountersTable;
  fund_entries: FundEntriesTable;
  fund_approvals: FundApprovalsTable;
  fund_periods: FundPeriodsTable;
  fund_sign_offs: FundSignOffsTable;
  fund_comments: FundCommentsTable;
  fund_attachments: FundAttachmentsTable;
  fund_entry_attachments: FundEntryAttachmentsTable;
  fund_notices: FundNoticesTable;
  fund_notice_views: FundNoticeViewsTable;
  fund_questions: FundQuestionsTable;
  fund_answers: FundAnswersTable;
  committees: CommitteesTable;
  committee_approval_files: CommitteeApprovalFilesTable;
  committee_seats: CommitteeSeatsTable;
  compliance_ticks: ComplianceTicksTable;
  compliance_settings: ComplianceSettingsTable;
  member_transfers: MemberTransfersTable;
  member_data_requests: MemberDataRequestsTable;
  requests: RequestsTable;
  request_messages: RequestMessagesTable;
  member_attachments: MemberAttachmentsTable;
  chair_reports: ChairReportsTable;
  wechat_tokens: WechatTokensTable;
  invitation_wechat: InvitationWechatTable;
  limit_guards: LimitGuardsTable;
  roster_export_quota: RosterExportQuotaTable;
  files: FilesTable;
  job_runs: JobRunsTable;
  rate_buckets: RateBucketsTable;
  notifications: NotificationsTable;
  notify_deliveries: NotifyDeliveriesTable;
  notify_subscriptions: NotifySubscriptionsTable;
  notify_preferences: NotifyPreferencesTable;
  notify_templates: NotifyTemplatesTable;
  notify_schedule: NotifyScheduleTable;
}

/** 消息中心: one message per (event, person) (020, notifications.repository.ts). */
export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: string;
  event_key: string;
  title: string;
  body: string;
  page: string | null;
  union_id: string | null;
  object_type: string | null;
  object_id: string | null;
  created_at: string;
  read_at: string | null;
}

/** The WeChat outbox: one row per (event, person, channel) (020). */
export interface NotifyDeliveriesTable {
  id: string;
  notification_id: string;
  user_id: string;
  kind: string;
  event_key: string;
  channel: 'wechat';
  payload: string;
  /** pending → sending → sent | skipped | failed (a lapsed sending lease is taken again). */
  status: 'pending' | 'sending' | 'sent' | 'skipped' | 'failed';
  attempts: number;
  next_attempt_at: string;
  lease_holder: string | null;
  lease_until: string | null;
  /** Why skipped or failed (`no_acceptance`, `off`, `no_template`, `wechat_43101`, …). */
  outcome: string | null;
  created_at: string;
  finished_at: string | null;
  object_type: string | null;
  object_id: string | null;
}

/** Acceptances of a WeChat template per person (020). */
export interface NotifySubscriptionsTable {
  user_id: string;
  template_key: string;
  accepted: number;
  last_answer: 'accept' | 'reject' | 'ban';
  updated_at: string;
}

/** Per person and kind: also to WeChat (020); kind `staff_digest`: staff digests on. */
export interface NotifyPreferencesTable {
  user_id: string;
  kind: string;
  enabled: number;
  updated_at: string;
}

/** The deployment's WeChat templates (020). `fields`: JSON, logical field → template key. */
export interface NotifyTemplatesTable {
  template_key: string;
  template_id: string;
  fields: string;
  updated_at: string;
}

/** What the notification scheduler already did (020). */
export interface NotifyScheduleTable {
  key: string;
  done_at: string;
}

/** Uploaded bytes kept in the database (019, `DatabaseFileStore`). */
export interface FilesTable {
  key: string;
  bytes: Buffer;
  size_bytes: number;
  stored_at: string;
}

/** One row per periodic job: the last period done and the one-runner lease (019, jobs.repository.ts). */
export interface JobRunsTable {
  name: string;
  done_period: string | null;
  lease_holder: string | null;
  lease_until: string | null;
  started_at: string | null;
  finished_at: string | null;
  runs: number;
}

/** Token buckets of the shared rate limiter (019, rate-buckets.repository.ts). */
export interface RateBucketsTable {
  key: string;
  tokens: number;
  at_ms: number;
  allowed: number;
}

/** Full roster exports per union and China day (018). */
export interface RosterExportQuotaTable {
  union_id: string;
  /** YYYY-MM-DD, China time. */
  day: string;
  used: number;
}

export type Db = Kysely<Database>;
/** A query handle: the database or an open transaction. */
export type Q = Kysely<Database> | Transaction<Database>;
