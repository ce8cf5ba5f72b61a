import { sql, type Kysely } from 'kysely';

/**
 * Activities (活动): the activity, sign-ups, check-ins, every check-in attempt, and the
 * staff-filled part of the activity record. The database itself guarantees one sign-up
 * and one check-in per (activity, member), and one answer per (caller, nonce).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('activities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('union_id', 'text', (c) => c.notNull().references('unions.id'))
    .addColumn('industry_union_id', 'text', (c) => c.notNull().references('unions.id'))
    .addColumn('type', 'text', (c) => c.notNull().check(sqlIn('type', ['sports', 'training', 'contest', 'care', 'other'])))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('organizer', 'text', (c) => c.notNull())
    .addColumn('start_at', 'text', (c) => c.notNull())
    .addColumn('end_at', 'text', (c) => c.notNull())
    .addColumn('sign_up_deadline', 'text', (c) => c.notNull())
    .addColumn('quota', 'integer', (c) => c.check(sql`quota is null or quota > 0`))
    .addColumn('audience', 'text', (c) => c.notNull().check(sqlIn('audience', ['union', 'industry'])))
    .addColumn('check_in_from', 'text', (c) => c.notNull())
    .addColumn('check_in_until', 'text', (c) => c.notNull())
    .addColumn('allow_walk_in', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().check(sqlIn('status', ['draft', 'published', 'cancelled', 'finished'])))
    .addColumn('cancel_reason', 'text')
    .addColumn('checkin_secret', 'text', (c) => c.notNull())
    .addColumn('signed_up_count', 'integer', (c) => c.notNull().defaultTo(0).check(sql`signed_up_count >= 0`))
    .addColumn('waitlisted_count', 'integer', (c) => c.notNull().defaultTo(0).check(sql`waitlisted_count >= 0`))
    .addColumn('next_seq', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('finished_at', 'text')
    // The quota is a hard limit: the counter can never pass it, whatever the code does.
    .addCheckConstraint('activities_quota_ck', sql`quota is null or signed_up_count <= quota`)
    .execute();
  await db.schema.createIndex('activities_union_start_idx').on('activities').columns(['union_id', 'start_at']).execute();
  await db.schema.createIndex('activities_industry_start_idx').on('activities').columns(['industry_union_id', 'start_at']).execute();

  await db.schema
    .createTable('activity_signups')
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sqlIn('status', ['signed_up', 'waitlisted', 'cancelled'])))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('signed_up_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('promoted_at', 'text')
    .addColumn('cancelled_at', 'text')
    .addPrimaryKeyConstraint('activity_signups_pk', ['activity_id', 'member_id'])
    .execute();
  await db.schema.createIndex('activity_signups_queue_idx').on('activity_signups').columns(['activity_id', 'status', 'seq']).execute();
  await db.schema.createIndex('activity_signups_member_idx').on('activity_signups').column('member_id').execute();

  await db.schema
    .createTable('activity_checkins')
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('checked_in_at', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull().check(sqlIn('method', ['code', 'scan'])))
    .addColumn('walk_in', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attempt_id', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text')
    .addPrimaryKeyConstraint('activity_checkins_pk', ['activity_id', 'member_id'])
    .execute();
  await db.schema.createIndex('activity_checkins_member_idx').on('activity_checkins').column('member_id').execute();

  await db.schema
    .createTable('activity_checkin_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('actor_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
    .addColumn('member_id', 'text', (c) => c.references('members.id'))
    .addColumn('method', 'text', (c) => c.notNull().check(sqlIn('method', ['code', 'scan'])))
    .addColumn('outcome', 'text', (c) => c.notNull().check(sqlIn('outcome', ['checked_in', 'duplicate', 'refused'])))
    .addColumn('reason', 'text')
    .addColumn('flagged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('checked_in_at', 'text')
    .addColumn('device_id', 'text')
    .addColumn('scanned_at', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('activity_checkin_attempts_nonce_uq', ['actor_user_id', 'nonce'])
    .execute();
  await db.schema.createIndex('activity_checkin_attempts_activity_idx').on('activity_checkin_attempts').columns(['activity_id', 'at']).execute();

  await db.schema
    .createTable('activity_records')
    .addColumn('activity_id', 'text', (c) => c.primaryKey().references('activities.id'))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('awards', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

function sqlIn(column: string, values: string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}
