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
 *   durable as with a transaction of its own); if the COMMIT or a savepoint statement fails, every
 *   caller of the batch gets the error and nothing of the batch is kept;
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
  batches: number;
  bodies: number;
  largest: number;
}

export class GroupCommit {
  readonly #db: Db;
  readonly #maxBatch: number;
  #queue: Waiting[] = [];
  #scheduled = false;
  #running = false;
  readonly stats: GroupCommitStats = { batches: 0, bodies: 0, largest: 0 };

  constructor(db: Db, maxBatch = 256) {
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
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      await this.#db.transaction().execute(async (trx) => {
        for (const w of batch) {
          await sql`savepoint gc`.execute(trx);
          try {
            const value = await w.body(trx);
            await sql`release savepoint gc`.execute(trx);
            outcomes.push({ ok: true, value });
          } catch (error) {
            // If this fails too the transaction is gone: the whole batch fails below.
            await sql`rollback to savepoint gc`.execute(trx);
            await sql`release savepoint gc`.execute(trx);
            outcomes.push({ ok: false, error });
          }
        }
      });
      this.stats.batches++;
      this.stats.bodies += batch.length;
      this.stats.largest = Math.max(this.stats.largest, batch.length);
      batch.forEach((w, i) => {
        const o = outcomes[i];
        if (o.ok) w.resolve(o.value);
        else w.reject(o.error);
      });
    } catch (err) {
      // Nothing of the batch was committed. A body that had failed on its own keeps its own error.
      batch.forEach((w, i) => {
        const o = outcomes[i];
        w.reject(o && !o.ok ? o.error : err);
      });
    } finally {
      this.#running = false;
      this.#schedule();
    }
  }
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
