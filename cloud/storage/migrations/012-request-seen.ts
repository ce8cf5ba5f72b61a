import type { Kysely } from 'kysely';

/**
 * 诉求的新回复: how many of the union's messages (answers, closing note) the submitter had when
 * they last opened their request, so 我的诉求 can show the ones they have not read yet ("2 条新回复").
 * A count rather than a time: messages are never removed, and two messages in the same
 * millisecond as the opening cannot be mistaken for read.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('requests').addColumn('owner_seen_replies', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}
