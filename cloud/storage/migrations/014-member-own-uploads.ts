import { sql, type Kysely } from 'kysely';

/**
 * 会员本人上传 (014): members add their own certificates to their file (一人一档). Who acted is
 * recorded as a role, not read off `uploaded_by`: a union staffer is often a member of the same
 * union under the same account, and an upload made from the staff page must stay the union's
 * (the member may remove only what they uploaded themself). Rows from before 014 were all made by
 * the union.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('member_attachments')
    .addColumn('uploaded_as', 'text', (c) => c.notNull().defaultTo('union').check(sql`uploaded_as in ('union', 'member')`))
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('member_attachments').dropColumn('uploaded_as').execute();
}
