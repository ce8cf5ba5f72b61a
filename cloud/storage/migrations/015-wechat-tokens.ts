import type { Kysely } from 'kysely';

/**
 * 微信接口凭证与入会码缓存 (015).
 *
 * `wechat_tokens`: the one access token of a mini-program app, shared by every host instance on
 * this database (WeChat's stable token is per app; instances that each fetched their own would
 * waste the quota and, in force mode, knock each other out). `lease_until` / `lease_holder` are the
 * "one refresher at a time" lease: an instance takes it with one conditional UPDATE (the row's
 * lease is free or lapsed), fetches, writes the token and lets it go; the others read the new token.
 * The token is stored encrypted (AES-GCM, UNION_DATA_KEY), like other secrets at rest.
 *
 * `invitation_wechat`: what WeChat made for an invitation, so it is asked once: the mini-program
 * code (PNG, base64; such codes never expire) and the latest URL Link with its expiry (30 days at
 * most). `app_id` says for which mini-program (a changed WECHAT_APP_ID makes new ones).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('wechat_tokens')
    .addColumn('app_id', 'text', (c) => c.primaryKey())
    .addColumn('access_token', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('lease_holder', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('refreshed_at', 'text')
    .addColumn('refreshes', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('invitation_wechat')
    .addColumn('invitation_id', 'text', (c) => c.primaryKey().references('invitations.id'))
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('mini_program_code', 'text')
    .addColumn('url_link', 'text')
    .addColumn('url_link_expires_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('invitation_wechat').execute();
  await db.schema.dropTable('wechat_tokens').execute();
}
