/**
 * One transaction, run again when its database connection was lost before its COMMIT was sent.
 *
 * A transaction cut before COMMIT left nothing behind (the server rolls back what a lost connection
 * had begun), so its body may run again on a fresh connection, as if the first attempt had never
 * been made. Bodies only touch the database through `trx` (files and WeChat are called outside
 * them), and state they keep is made inside them, so a second run is a clean one. Once the body has
 * returned, COMMIT is on its way: a connection lost then may or may not have committed, and the
 * caller gets the error (`service_unavailable`; asking again with the same nonce or requestId
 * answers what was stored). Used where group commit is not (PostgreSQL, and SQLite with
 * `UNION_SQLITE_GROUP_COMMIT=off`, where a lock held past the busy timeout is the same kind of fault).
 */
import type { Transaction } from 'kysely';
import { storageFault } from './faults';
import type { Database, Db } from './schema';

/** How many times a transaction cut before its COMMIT is run again. */
export const TRANSACTION_RETRIES = 2;

export async function runTransaction<T>(db: Db, body: (trx: Transaction<Database>) => Promise<T>, retries = TRANSACTION_RETRIES): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    let committing = false;
    try {
      return await db.transaction().execute(async (trx) => {
        const result = await body(trx);
        committing = true;
        return result;
      });
    } catch (err) {
      if (committing || attempt >= retries || storageFault(err) !== 'unavailable') throw err;
    }
  }
}
