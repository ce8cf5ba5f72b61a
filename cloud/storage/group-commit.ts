/**
 * Group commit for the embedded database. SQLite has one writer: every mutation waits for the
 * connection anyway, and each commit writes its pages to the WAL again (the same index pages
 * over and over in a rush) and brings the next checkpoint closer. Here the transaction bodies
 * that are waiting run one after another inside ONE transaction, each in its own savepoint:
 *
 *   BEGIN; SAVEPOINT g; body 1; RELEASE g; SAVEPOINT g; body 2 (throws) → ROLLBACK TO g; RELEASE g; …; COMMIT
 *
 * - a body that throws is rolled back alone (its savepoint) and its caller gets its error; the
 *   others still commit;
 * - every caller is answered only after the COMMIT has returned (so an acknowledged write is as
 *   durable as with a transaction of its own);
 * - if the batch as a whole fails (its COMMIT, or a body's error that took the transaction with it:
 *   SQLite rolls back by itself after SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM), nothing of it was
 *   kept and nobody was answered yet: a body whose error took the transaction gets that error, and
 *   every other body runs again, one per transaction, so only a call that cannot be stored on its own
 *   fails (a full disk: the one large write, not the small ones beside it), each with its own error;
 * - a batch takes what is waiting when it starts (at most `maxBatch`); what arrives meanwhile
 *   waits for the next one, which starts after the event loop had a turn (`setImmediate`), so new
 *   connections and requests are read between batches;
 * - a body sees the writes of the bodies before it in its batch, as it would had they committed
 *   just before it (the outcome is the same as running them one by one).
 *
 * Used for SQLite only (PostgreSQL runs transactions concurrently on its pool and groups its own
 * WAL flushes). A body must not query outside its transaction (`ctx.db`) — on SQLite that would
 * wait for the connection the batch holds, as it already would without batching.
 */
import { sql, type Transaction } from 'kysely';
import type { Database, Db } from './schema';

interface Waiting {
  body: (trx: Transaction<Database>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

export interface GroupCommitStats {
  /** Committed transactions (a body run again alone counts as one). */
  batches: number;
  bodies: number;
  largest: number;
  /** Batches that failed as a whole, whose bodies then ran again one by one. */
  rerunBatches: number;
  /**
   * Committed batches by size: `sizes[i]` counts those of at most GROUP_COMMIT_SIZE_BUCKETS[i] bodies
   * and more than the bucket before (not cumulative); the sum of all sizes is `bodies`.
   */
  sizes: number[];
}

/** Upper bounds of the batch-size buckets in GroupCommitStats.sizes (the default largest batch; a larger one counts in the last). */
export const GROUP_COMMIT_SIZE_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256] as const;

export class GroupCommit {
  readonly #db: Db;
  readonly #maxBatch: number;
  #queue: Waiting[] = [];
  #scheduled = false;
  #running = false;
  readonly stats: GroupCommitStats = { batches: 0, bodies: 0, largest: 0, rerunBatches: 0, sizes: GROUP_COMMIT_SIZE_BUCKETS.map(() => 0) };

  constructor(db: Db, maxBatch: number = GROUP_COMMIT_SIZE_BUCKETS[GROUP_COMMIT_SIZE_BUCKETS.length - 1]) {
    this.#db = db;
    this.#maxBatch = maxBatch;
  }

  /** Runs `body` in the next batch; resolves with its result once the batch has committed. */
  run<T>(body: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ body, resolve: resolve as (v: unknown) => void, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#running || this.#queue.length === 0) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    if (this.#running || this.#queue.length === 0) return;
    this.#running = true;
    const batch = this.#queue.splice(0, this.#maxBatch);
    try {
      const run = await this.#attempt(batch);
      if (run.committed) {
        batch.forEach((w, i) => settle(w, run.outcomes[i]));
        return;
      }
      // Nothing of the batch was kept. The body that broke the transaction fails with its own error;
      // the others run again, each alone, and each is answered by its own run.
      this.stats.rerunBatches++;
      for (const [i, w] of batch.entries()) {
        if (i === run.culprit) {
          w.reject(run.cause);
          continue;
        }
        const solo = await this.#attempt([w]);
        settle(w, solo.committed ? solo.outcomes[0] : { ok: false, error: solo.cause });
      }
    } finally {
      this.#running = false;
      this.#schedule();
    }
  }

  /** One transaction over `batch`, a savepoint per body: what each body did, or why the whole failed. */
  async #attempt(batch: Waiting[]): Promise<{ committed: true; outcomes: Outcome[] } | { committed: false; cause: unknown; culprit: number | null }> {
    const outcomes: Outcome[] = [];
    let culprit: number | null = null;
    try {
      await this.#db.transaction().execute(async (trx) => {
        for (const [i, w] of batch.entries()) {
          await sql`savepoint gc`.execute(trx);
          try {
            const value = await w.body(trx);
            await sql`release savepoint gc`.execute(trx);
            outcomes.push({ ok: true, value });
          } catch (error) {
            try {
              await sql`rollback to savepoint gc`.execute(trx);
              await sql`release savepoint gc`.execute(trx);
            } catch {
              // The transaction went with this body's error (SQLite rolled it back by itself): the
              // body's error is the cause, not the failed ROLLBACK TO.
              culprit = i;
              throw error;
            }
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (cause) {
      return { committed: false, cause, culprit };
    }
    this.stats.batches++;
    this.stats.bodies += batch.length;
    this.stats.largest = Math.max(this.stats.largest, batch.length);
    let b = 0;
    while (b < GROUP_COMMIT_SIZE_BUCKETS.length - 1 && batch.length > GROUP_COMMIT_SIZE_BUCKETS[b]) b++;
    this.stats.sizes[b]++;
    return { committed: true, outcomes };
  }
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

function settle(w: Waiting, o: Outcome): void {
  if (o.ok) w.resolve(o.value);
  else w.reject(o.error);
}

const batchers = new WeakMap<Db, GroupCommit>();

/** Turns on group commit for this database handle (called when the SQLite storage is opened). */
export function enableGroupCommit(db: Db, maxBatch?: number): GroupCommit {
  const g = new GroupCommit(db, maxBatch);
  batchers.set(db, g);
  return g;
}

/** The batcher of this database handle, if group commit is on for it. */
export function groupCommitOf(db: Db): GroupCommit | undefined {
  return batchers.get(db);
}
