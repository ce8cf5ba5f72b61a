import type { Kysely } from 'kysely';

/**
 * 消息通知 (020): the message centre, the WeChat outbox and what the sender needs to know.
 *
 * `notifications`: one message per (event, person) — `event_key` names the event (e.g.
 * `application_approved:app_x`), unique with the person, so a producer that runs twice, or two
 * instances scheduling the same reminder, write it once. Written in the same transaction as the
 * change it tells about (an outbox): a rolled-back change leaves no message.
 *
 * `notify_deliveries`: one row per (event, person, channel) still to go out of the host — today
 * the WeChat subscribe message. States: `pending` (due at `next_attempt_at`) → `sending` (an
 * instance holds its lease until `lease_until`) → `sent` | `skipped` (could not be told: no
 * acceptance, turned off, no template configured, WeChat refused it) | `failed` (WeChat or the
 * network failed MAX_SEND_ATTEMPTS times) ; a lapsed `sending` lease (the instance died) is taken
 * again: the one window that may resend (docs/notifications.md).
 *
 * `notify_subscriptions`: per person and template, the acceptances WeChat counts (each allows one
 * send) and the last answer (accept / reject / ban).
 *
 * `notify_preferences`: per person and kind, whether it also goes to WeChat (absent: yes), and
 * `staff_digest` (absent: on) as kind `staff_digest`.
 *
 * `notify_templates`: the deployment's WeChat templates: template id and our logical fields →
 * the template's keys (JSON), filled from `UNION_WECHAT_TEMPLATES` at start or by an operator.
 *
 * `notify_schedule`: what the scheduler already did (`reminder:<activityId>`, `digest:<union>:<day>`).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('page', 'text')
    .addColumn('union_id', 'text')
    .addColumn('object_type', 'text')
    .addColumn('object_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notifications_event_user_uq').unique().on('notifications').columns(['event_key', 'user_id']).execute();
  await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'created_at']).execute();
  await db.schema.createIndex('notifications_object_idx').on('notifications').columns(['object_type', 'object_id']).execute();

  await db.schema
    .createTable('notify_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('notification_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    /** JSON: the template's logical field values and the page to open. */
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_holder', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('outcome', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('object_type', 'text')
    .addColumn('object_id', 'text')
    .execute();
  await db.schema.createIndex('notify_deliveries_once_uq').unique().on('notify_deliveries').columns(['event_key', 'user_id', 'channel']).execute();
  await db.schema.createIndex('notify_deliveries_due_idx').on('notify_deliveries').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('notify_deliveries_object_idx').on('notify_deliveries').columns(['object_type', 'object_id']).execute();

  await db.schema
    .createTable('notify_subscriptions')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('template_key', 'text', (c) => c.notNull())
    .addColumn('accepted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_answer', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notify_subscriptions_pk', ['user_id', 'template_key'])
    .execute();

  await db.schema
    .createTable('notify_preferences')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notify_preferences_pk', ['user_id', 'kind'])
    .execute();

  await db.schema
    .createTable('notify_templates')
    .addColumn('template_key', 'text', (c) => c.primaryKey())
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('notify_schedule')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('done_at', 'text', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['notify_schedule', 'notify_templates', 'notify_preferences', 'notify_subscriptions', 'notify_deliveries', 'notifications']) await db.schema.dropTable(t).execute();
}
