/**
 * "Count, then act" rules (限额: reveals per hour, requests per day, wrong check-in codes, …) made
 * atomic. Counting before the transaction that writes lets parallel calls all read the same count
 * and all pass (100 parallel reveals passed a limit of 30 by 15). So a rule's transaction first
 * holds its key's guard row (`limit_guards`, 016), then counts and writes:
 *
 * - PostgreSQL: the upsert (`insert … on conflict do update`) locks the row until the commit; a
 *   parallel transaction of the same key waits there, and its count, read after the wait (a new
 *   snapshot per statement under READ COMMITTED), includes what the one before it committed;
 * - SQLite: one writer, transactions one after another (group commit runs its bodies in turn).
 *
 * The guard is taken before any other row of the transaction, so it adds no lock-order deadlock.
 * Different keys never wait for each other. A rule may also set a lock with an end time on its key
 * (`lockLimit`), which the statements that act check (the check-in wrong-code lock).
 */
import type { Transaction } from 'kysely';
import type { Database, Q } from './schema';

/** The guard keys, one family per rule (grep a rule's name to find it). */
export const limitKey = {
  /** membership.reveal: reveals per staffer per hour. */
  reveal: (userId: string) => `reveal:${userId}`,
  /** membership.apply: refused ID numbers (identity attempts) per login per day. */
  identityAttempts: (userId: string) => `identity-attempts:${userId}`,
  /** request.submit: requests per login in 24 hours. */
  requests: (userId: string) => `requests:${userId}`,
  /** fund.ask: unanswered questions per member per notice. */
  questions: (noticeId: string, userId: string) => `questions:${noticeId}:${userId}`,
  /** membership.attach / attachOwn: live attachments per member. */
  attachments: (memberId: string) => `attachments:${memberId}`,
  /** membership.requestCorrection / requestDeletion: one pending request per item. */
  dataRequests: (memberId: string) => `data-requests:${memberId}`,
  /** activity.checkIn: wrong codes per member (login) and activity, and the lock they lead to. */
  checkInCodes: (activityId: string, userId: string) => `checkin-codes:${activityId}:${userId}`,
} as const;

/**
 * Holds `key`'s guard row for the rest of the transaction (see above) and answers the lock the
 * rule set on it, if any (`lockedUntil`, possibly already over).
 */
export async function holdLimit(trx: Transaction<Database>, key: string, now: Date): Promise<{ lockedUntil: string | null }> {
  const at = now.toISOString();
  const row = await trx
    .insertInto('limit_guards')
    .values({ key, locked_until: null, touched_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ touched_at: at }))
    .returning('locked_until')
    .executeTakeFirstOrThrow();
  return { lockedUntil: row.locked_until };
}

/** Sets `key`'s lock until `until` (the guard row must be held). */
export async function lockLimit(trx: Transaction<Database>, key: string, until: Date): Promise<void> {
  await trx.updateTable('limit_guards').set({ locked_until: until.toISOString() }).where('key', '=', key).execute();
}

/** `key`'s lock end if it holds at `now`, else null (a plain read). */
export async function limitLockedUntil(db: Q, key: string, now: Date): Promise<string | null> {
  const r = await db.selectFrom('limit_guards').select('locked_until').where('key', '=', key).executeTakeFirst();
  return r?.locked_until && r.locked_until > now.toISOString() ? r.locked_until : null;
}
