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
}

export type Db = Kysely<Database>;
/** A query handle: the database or an open transaction. */
export type Q = Kysely<Database> | Transaction<Database>;
