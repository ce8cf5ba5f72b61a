/**
 * Notifications as stored (020): the message centre, the WeChat outbox, subscriptions, settings,
 * templates and the scheduler's memory. Plain rows in and out; the rules are cloud/domain/notify.ts,
 * the sender cloud/host/notify-sender.ts.
 */
import { sql } from 'kysely';
import { newId } from '../domain/crypto';
import type { NotifyMessage } from '../domain/notify';
import { isPostgres, num } from './activities.repository';
import type { NotifyDeliveriesTable, Q } from './schema';

/** What a producer hands over: who, which event, what it says, and what it is about. */
export interface Enqueue {
  /** The people to tell (user ids); duplicates and nulls are dropped. */
  to: readonly (string | null | undefined)[];
  /** Names the event once (`application_approved:<applicationId>`): the same event is written once per person. */
  eventKey: string;
  message: NotifyMessage;
  /** The change's time (the transaction's `ctx.now`). */
  at: Date;
  /** What it is about (staff counts per notice / activity: told or not). */
  object?: { type: string; id: string; unionId?: string | null };
}

const CHUNK = 400;

/**
 * Writes the message into each person's message centre and, for people who log in with WeChat, a
 * pending WeChat delivery — in the caller's transaction (the outbox): a rolled-back change leaves
 * nothing. Returns how many new messages were written (0 for an event already written).
 */
export async function enqueueNotification(db: Q, e: Enqueue): Promise<number> {
  const people = [...new Set(e.to.filter((u): u is string => typeof u === 'string' && u.length > 0))];
  if (people.length === 0) return 0;
  const at = e.at.toISOString();
  let written = 0;
  for (let i = 0; i < people.length; i += CHUNK) {
    const part = people.slice(i, i + CHUNK);
    const rows = part.map((userId) => ({
      id: newId('ntf'),
      user_id: userId,
      kind: e.message.kind,
      event_key: e.eventKey,
      title: e.message.title,
      body: e.message.body,
      page: e.message.page,
      union_id: e.object?.unionId ?? null,
      object_type: e.object?.type ?? null,
      object_id: e.object?.id ?? null,
      created_at: at,
      read_at: null,
    }));
    const inserted = await db
      .insertInto('notifications')
      .values(rows)
      .onConflict((oc) => oc.columns(['event_key', 'user_id']).doNothing())
      .returning(['id', 'user_id'])
      .execute();
    written += inserted.length;
    if (inserted.length === 0) continue;
    const withWechat = await db
      .selectFrom('users')
      .select('id')
      .where(
        'id',
        'in',
        inserted.map((r) => r.user_id),
      )
      .where('wechat_openid', 'is not', null)
      .execute();
    const wechatUsers = new Set(withWechat.map((u) => u.id));
    const payload = JSON.stringify({ fields: e.message.fields, page: e.message.page });
    const deliveries = inserted
      .filter((r) => wechatUsers.has(r.user_id))
      .map((r) => ({
        id: newId('dlv'),
        notification_id: r.id,
        user_id: r.user_id,
        kind: e.message.kind,
        event_key: e.eventKey,
        channel: 'wechat' as const,
        payload,
        status: 'pending' as const,
        attempts: 0,
        next_attempt_at: at,
        lease_holder: null,
        lease_until: null,
        outcome: null,
        created_at: at,
        finished_at: null,
        object_type: e.object?.type ?? null,
        object_id: e.object?.id ?? null,
      }));
    if (deliveries.length) {
      await db
        .insertInto('notify_deliveries')
        .values(deliveries)
        .onConflict((oc) => oc.columns(['event_key', 'user_id', 'channel']).doNothing())
        .execute();
    }
  }
  return written;
}

// ── The message centre ────────────────────────────────────────────────────────────────────────

export interface NotificationRow {
  id: string;
  kind: string;
  title: string;
  body: string;
  page: string | null;
  createdAt: string;
  readAt: string | null;
}

export async function listNotifications(db: Q, userId: string, o: { unreadOnly: boolean; offset: number; limit: number }): Promise<NotificationRow[]> {
  let q = db.selectFrom('notifications').select(['id', 'kind', 'title', 'body', 'page', 'created_at', 'read_at']).where('user_id', '=', userId);
  if (o.unreadOnly) q = q.where('read_at', 'is', null);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').offset(o.offset).limit(o.limit).execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, page: r.page, createdAt: r.created_at, readAt: r.read_at }));
}

export async function countUnread(db: Q, userId: string): Promise<number> {
  const r = await db.selectFrom('notifications').select((eb) => eb.fn.countAll().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
  return num(r?.n);
}

/** Marks the person's own messages read (`ids`, or all): other people's ids change nothing. Returns how many changed. */
export async function markNotificationsRead(db: Q, userId: string, which: { ids?: readonly string[]; all?: boolean }, at: string): Promise<number> {
  if (!which.all && !which.ids?.length) return 0;
  let q = db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (!which.all) q = q.where('id', 'in', [...(which.ids ?? [])]);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

// ── Settings and subscriptions ────────────────────────────────────────────────────────────────

export async function readPreferences(db: Q, userId: string): Promise<Record<string, boolean>> {
  const rows = await db.selectFrom('notify_preferences').select(['kind', 'enabled']).where('user_id', '=', userId).execute();
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.enabled) === 1]));
}

export async function savePreferences(db: Q, userId: string, prefs: Record<string, boolean>, at: string): Promise<void> {
  for (const [kind, on] of Object.entries(prefs)) {
    await db
      .insertInto('notify_preferences')
      .values({ user_id: userId, kind, enabled: on ? 1 : 0, updated_at: at })
      .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet({ enabled: on ? 1 : 0, updated_at: at }))
      .execute();
  }
}

/** One answer of `wx.requestSubscribeMessage` for a template: an acceptance adds one send. */
export async function recordSubscription(db: Q, userId: string, templateKey: string, answer: 'accept' | 'reject' | 'ban', at: string): Promise<void> {
  const add = answer === 'accept' ? 1 : 0;
  await db
    .insertInto('notify_subscriptions')
    .values({ user_id: userId, template_key: templateKey, accepted: add, last_answer: answer, updated_at: at })
    .onConflict((oc) =>
      oc.columns(['user_id', 'template_key']).doUpdateSet((eb) => ({
        // A ban or a reject leaves no sends (WeChat would answer 43101 anyway).
        accepted: answer === 'accept' ? eb('notify_subscriptions.accepted', '+', 1) : sql<number>`0`,
        last_answer: answer,
        updated_at: at,
      })),
    )
    .execute();
}

export async function readSubscriptions(db: Q, userId: string): Promise<Record<string, { accepted: number; lastAnswer: string }>> {
  const rows = await db.selectFrom('notify_subscriptions').select(['template_key', 'accepted', 'last_answer']).where('user_id', '=', userId).execute();
  return Object.fromEntries(rows.map((r) => [r.template_key, { accepted: num(r.accepted), lastAnswer: r.last_answer }]));
}

// ── Templates (the deployment's settings) ──────────────────────────────────────────────────────

export interface TemplateRow {
  templateKey: string;
  templateId: string;
  fields: Record<string, string>;
}

export async function readTemplates(db: Q): Promise<TemplateRow[]> {
  const rows = await db.selectFrom('notify_templates').selectAll().orderBy('template_key').execute();
  return rows.map((r) => ({ templateKey: r.template_key, templateId: r.template_id, fields: JSON.parse(r.fields) as Record<string, string> }));
}

export async function saveTemplate(db: Q, t: TemplateRow, at: string): Promise<void> {
  const fields = JSON.stringify(t.fields);
  await db
    .insertInto('notify_templates')
    .values({ template_key: t.templateKey, template_id: t.templateId, fields, updated_at: at })
    .onConflict((oc) => oc.column('template_key').doUpdateSet({ template_id: t.templateId, fields, updated_at: at }))
    .execute();
}

// ── The sender's queue ─────────────────────────────────────────────────────────────────────────

export type DeliveryRow = NotifyDeliveriesTable & { openid: string | null };

/**
 * Takes up to `limit` due deliveries for `holder` until `leaseUntil`: pending ones whose time has
 * come, and `sending` ones whose holder's lease lapsed (it died: the send may have happened — the
 * documented window). On PostgreSQL the candidates are locked `FOR UPDATE SKIP LOCKED`, so several
 * instances take disjoint batches without waiting for each other; SQLite has one writer.
 */
export async function claimDueDeliveries(db: Q, holder: string, nowIso: string, leaseUntilIso: string, limit: number): Promise<DeliveryRow[]> {
  let due = db
    .selectFrom('notify_deliveries')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', nowIso)]),
        eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', nowIso)]),
      ]),
    )
    .orderBy('next_attempt_at')
    .limit(limit);
  if (isPostgres(db)) due = due.forUpdate().skipLocked();
  const taken = await db
    .updateTable('notify_deliveries')
    .set({ status: 'sending', lease_holder: holder, lease_until: leaseUntilIso })
    .where('id', 'in', due)
    .returning('id')
    .execute();
  if (taken.length === 0) return [];
  const rows = await db
    .selectFrom('notify_deliveries')
    .leftJoin('users', 'users.id', 'notify_deliveries.user_id')
    .selectAll('notify_deliveries')
    .select('users.wechat_openid as openid')
    .where(
      'notify_deliveries.id',
      'in',
      taken.map((t) => t.id),
    )
    .where('notify_deliveries.lease_holder', '=', holder)
    .execute();
  return rows;
}

/** WeChat took the message: sent, and one acceptance used (same transaction). */
export async function markDeliverySent(db: Q, d: { id: string; userId: string; templateKey: string }, holder: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('notify_deliveries')
    .set({ status: 'sent', lease_holder: null, lease_until: null, finished_at: at, outcome: 'sent', attempts: sql<number>`attempts + 1` })
    .where('id', '=', d.id)
    .where('lease_holder', '=', holder)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) return false;
  await db
    .updateTable('notify_subscriptions')
    .set({ accepted: sql<number>`case when accepted > 0 then accepted - 1 else 0 end`, updated_at: at })
    .where('user_id', '=', d.userId)
    .where('template_key', '=', d.templateKey)
    .execute();
  return true;
}

/** Not told on WeChat, for good (`outcome` says why); with `noAcceptance` the person's acceptances of the template are gone (43101). */
export async function markDeliverySkipped(db: Q, d: { id: string; userId: string; templateKey: string }, holder: string, outcome: string, at: string, noAcceptance = false): Promise<void> {
  await db
    .updateTable('notify_deliveries')
    .set({ status: 'skipped', lease_holder: null, lease_until: null, finished_at: at, outcome })
    .where('id', '=', d.id)
    .where('lease_holder', '=', holder)
    .execute();
  if (noAcceptance) {
    await db.updateTable('notify_subscriptions').set({ accepted: 0, updated_at: at }).where('user_id', '=', d.userId).where('template_key', '=', d.templateKey).execute();
  }
}

/** A failed attempt: tried again at `retryAt`, or `failed` when `retryAt` is null. */
export async function markDeliveryRetry(db: Q, id: string, holder: string, outcome: string, at: string, retryAt: string | null): Promise<void> {
  await db
    .updateTable('notify_deliveries')
    .set({
      status: retryAt ? 'pending' : 'failed',
      attempts: sql<number>`attempts + 1`,
      next_attempt_at: retryAt ?? at,
      lease_holder: null,
      lease_until: null,
      outcome,
      finished_at: retryAt ? null : at,
    })
    .where('id', '=', id)
    .where('lease_holder', '=', holder)
    .execute();
}

// ── The scheduler ─────────────────────────────────────────────────────────────────────────────

/** Records that `key` was done; false when someone (another instance) did it first. */
export async function claimScheduleKey(db: Q, key: string, at: string): Promise<boolean> {
  const r = await db.insertInto('notify_schedule').values({ key, done_at: at }).onConflict((oc) => oc.column('key').doNothing()).returning('key').execute();
  return r.length === 1;
}

export interface ReminderCandidate {
  id: string;
  unionId: string;
  title: string;
  place: string;
  startAt: string;
  publishedAt: string | null;
}

/** Published activities starting within `horizonIso` and after `nowIso` whose reminder is not done yet. */
export async function activitiesToRemind(db: Q, nowIso: string, horizonIso: string): Promise<ReminderCandidate[]> {
  const rows = await db
    .selectFrom('activities')
    .leftJoin('notify_schedule', (j) => j.on('notify_schedule.key', '=', sql<string>`${'reminder:'} || activities.id`))
    .select(['activities.id', 'activities.union_id', 'activities.title', 'activities.place', 'activities.start_at', 'activities.published_at'])
    .where('activities.status', '=', 'published')
    .where('activities.start_at', '>', nowIso)
    .where('activities.start_at', '<=', horizonIso)
    .where('notify_schedule.key', 'is', null)
    .limit(500)
    .execute();
  return rows.map((r) => ({ id: r.id, unionId: r.union_id, title: r.title, place: r.place, startAt: r.start_at, publishedAt: r.published_at }));
}

/** The users signed up (not waitlisted) for an activity. */
export async function signedUpUsers(db: Q, activityId: string, statuses: readonly ('signed_up' | 'waitlisted')[] = ['signed_up']): Promise<string[]> {
  const rows = await db
    .selectFrom('activity_signups')
    .innerJoin('members', 'members.id', 'activity_signups.member_id')
    .select('members.user_id')
    .where('activity_signups.activity_id', '=', activityId)
    .where('activity_signups.status', 'in', [...statuses])
    .where('members.user_id', 'is not', null)
    .execute();
  return rows.map((r) => r.user_id).filter((u): u is string => !!u);
}

/** Pending applications per union (for the daily staff digest). */
export async function pendingApplicationsByUnion(db: Q): Promise<{ unionId: string; unionName: string; count: number }[]> {
  const rows = await db
    .selectFrom('applications')
    .innerJoin('unions', 'unions.id', 'applications.union_id')
    .select(['applications.union_id', 'unions.name', (eb) => eb.fn.countAll().as('n')])
    .where('applications.status', '=', 'pending')
    .groupBy(['applications.union_id', 'unions.name'])
    .execute();
  return rows.map((r) => ({ unionId: r.union_id, unionName: r.name, count: num(r.n) }));
}

/** Holders of `roles` on a union, less those who turned `optOutKind` off. */
export async function roleHolders(db: Q, unionId: string, roles: readonly ('staff' | 'chair' | 'reviewer')[], optOutKind?: string): Promise<string[]> {
  let q = db.selectFrom('role_grants').select('role_grants.user_id').distinct().where('role_grants.union_id', '=', unionId).where('role_grants.role', 'in', [...roles]);
  if (optOutKind) {
    q = q.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('notify_preferences')
            .select('notify_preferences.user_id')
            .whereRef('notify_preferences.user_id', '=', 'role_grants.user_id')
            .where('notify_preferences.kind', '=', optOutKind)
            .where('notify_preferences.enabled', '=', 0),
        ),
      ),
    );
  }
  return (await q.execute()).map((r) => r.user_id);
}

/** Active members' user ids of a union (a new notice tells them). */
export async function activeMemberUsers(db: Q, unionId: string): Promise<string[]> {
  const rows = await db.selectFrom('members').select('user_id').where('union_id', '=', unionId).where('status', '=', 'active').where('user_id', 'is not', null).execute();
  return rows.map((r) => r.user_id).filter((u): u is string => !!u);
}

// ── Staff figures ─────────────────────────────────────────────────────────────────────────────

export interface DeliveryCounts {
  /** Messages written to message centres. */
  messages: number;
  /** Read in the message centre. */
  read: number;
  /** Sent on WeChat. */
  wechatSent: number;
  /** Could not be told on WeChat (no acceptance, turned off, refused, failed). */
  wechatNotSent: number;
  /** Still waiting to go out. */
  wechatPending: number;
}

export async function countsForObject(db: Q, objectType: string, objectId: string): Promise<DeliveryCounts> {
  const m = await db
    .selectFrom('notifications')
    .select([(eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.count('read_at').as('r')])
    .where('object_type', '=', objectType)
    .where('object_id', '=', objectId)
    .executeTakeFirst();
  const d = await db
    .selectFrom('notify_deliveries')
    .select(['status', (eb) => eb.fn.countAll().as('n')])
    .where('object_type', '=', objectType)
    .where('object_id', '=', objectId)
    .groupBy('status')
    .execute();
  const by = (s: string[]) => d.filter((x) => s.includes(x.status)).reduce((a, x) => a + num(x.n), 0);
  return { messages: num(m?.n), read: num(m?.r), wechatSent: by(['sent']), wechatNotSent: by(['skipped', 'failed']), wechatPending: by(['pending', 'sending']) };
}

/** The deliveries' states (tests and operators). */
export async function deliveryStates(db: Q, eventKey?: string): Promise<{ userId: string; status: string; attempts: number; outcome: string | null; kind: string }[]> {
  let q = db.selectFrom('notify_deliveries').select(['user_id', 'status', 'attempts', 'outcome', 'kind']);
  if (eventKey) q = q.where('event_key', '=', eventKey);
  const rows = await q.orderBy('created_at').execute();
  return rows.map((r) => ({ userId: r.user_id, status: r.status, attempts: num(r.attempts), outcome: r.outcome, kind: r.kind }));
}

/** The union an activity or a fund notice belongs to (for `notify.counts`' policy). */
export async function unionOfNotifyObject(db: Q, objectType: 'activity' | 'notice', id: string): Promise<{ id: string; parent_id: string | null } | undefined> {
  const q =
    objectType === 'activity'
      ? db.selectFrom('activities').innerJoin('unions', 'unions.id', 'activities.union_id').select(['unions.id', 'unions.parent_id']).where('activities.id', '=', id)
      : db.selectFrom('fund_notices').innerJoin('unions', 'unions.id', 'fund_notices.union_id').select(['unions.id', 'unions.parent_id']).where('fund_notices.id', '=', id);
  return q.executeTakeFirst();
}

/** The user ids of members (those who have a login). */
export async function usersOfMembers(db: Q, memberIds: readonly string[]): Promise<string[]> {
  if (memberIds.length === 0) return [];
  const rows = await db.selectFrom('members').select('user_id').where('id', 'in', [...memberIds]).where('user_id', 'is not', null).execute();
  return rows.map((r) => r.user_id).filter((u): u is string => !!u);
}

/** The period (`2026-Q4`) a fund notice is of. */
export async function noticePeriodKey(db: Q, noticeId: string): Promise<string | undefined> {
  return (await db.selectFrom('fund_notices').select('period_key').where('id', '=', noticeId).executeTakeFirst())?.period_key;
}
