/**
 * Statement coalescing for PostgreSQL's door-rush statements (the session lookup, the check-in
 * context, the check-in write). Each statement sent alone costs a round trip and, in the server,
 * a bind/execute cycle and a commit of its own: measured on 2 shared cores, PostgreSQL spent about
 * as much CPU per check-in as the host. Here the calls made while the event loop turns go out as
 * ONE statement over arrays (`unnest($1::text[], …)`), and each caller gets its own answer.
 *
 * - A batch starts on the next turn of the event loop (`setImmediate`) after its first call, so a
 *   lone call waits for one turn only. At most `maxInFlight` batches run at once; calls that
 *   arrive meanwhile wait for the next batch, so batches grow with the load instead of the number
 *   of statements.
 * - `run` answers every item of its batch, each with a value or its own error (`Settled`), or
 *   throws: then every caller of the batch gets that error.
 * - Only for statements outside a transaction (a caller in a transaction must see its own writes
 *   and keep its connection): callers ask `coalescible(db)` first. SQLite needs none of this (a
 *   statement is a call inside the process; its writes are batched by group-commit.ts).
 * - `perHandle(name, …)` keeps one coalescer per database handle; `coalescerStats` reads their
 *   figures (bench:checkin prints them).
 */
import { PostgresAdapter } from 'kysely';
import type { Q } from './schema';

export type Settled<O> = { ok: true; value: O } | { ok: false; error: unknown };

export interface CoalescerStats {
  batches: number;
  items: number;
  largest: number;
  /** Milliseconds the batches took, summed (from sending the statement to its answer). */
  ms: number;
}

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (err: unknown) => void;
}

export class Coalescer<I, O> {
  readonly #run: (items: I[]) => Promise<Settled<O>[]>;
  readonly #maxBatch: number;
  readonly #maxInFlight: number;
  #queue: Waiting<I, O>[] = [];
  #inFlight = 0;
  #scheduled = false;
  readonly stats: CoalescerStats = { batches: 0, items: 0, largest: 0, ms: 0 };

  constructor(run: (items: I[]) => Promise<Settled<O>[]>, opts: { maxBatch?: number; maxInFlight?: number } = {}) {
    this.#run = run;
    this.#maxBatch = opts.maxBatch ?? 500;
    this.#maxInFlight = opts.maxInFlight ?? 2;
  }

  load(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#inFlight >= this.#maxInFlight || this.#queue.length === 0) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    if (this.#inFlight >= this.#maxInFlight || this.#queue.length === 0) return;
    const batch = this.#queue.splice(0, this.#maxBatch);
    this.#inFlight++;
    this.stats.batches++;
    this.stats.items += batch.length;
    this.stats.largest = Math.max(this.stats.largest, batch.length);
    // More waiting than one batch takes: the next one may start beside this one.
    this.#schedule();
    const started = performance.now();
    try {
      const out = await this.#run(batch.map((w) => w.item));
      this.stats.ms += performance.now() - started;
      if (out.length !== batch.length) throw new Error(`coalesce: ${out.length} answers for ${batch.length} calls`);
      batch.forEach((w, i) => {
        const o = out[i];
        if (o.ok) w.resolve(o.value);
        else w.reject(o.error);
      });
    } catch (err) {
      this.stats.ms += performance.now() - started;
      for (const w of batch) w.reject(err);
    } finally {
      this.#inFlight--;
      this.#schedule();
    }
  }
}

const named = new Map<string, WeakMap<object, { stats: CoalescerStats }>>();

/** The figures of each named coalescer of this handle (the benches print them). */
export function coalescerStats(handle: object): Record<string, CoalescerStats> {
  const out: Record<string, CoalescerStats> = {};
  for (const [name, byHandle] of named) {
    const c = byHandle.get(handle);
    if (c) out[name] = { ...c.stats };
  }
  return out;
}

/** One coalescer per database handle (the pool's Kysely instance) and statement. */
export function perHandle<H extends object, C extends { stats: CoalescerStats }>(name: string, make: (handle: H) => C): (handle: H) => C {
  const byHandle = new WeakMap<H, C>();
  named.set(name, byHandle as unknown as WeakMap<object, { stats: CoalescerStats }>);
  return (handle) => {
    let c = byHandle.get(handle);
    if (!c) {
      c = make(handle);
      byHandle.set(handle, c);
    }
    return c;
  };
}

/** May this handle's statements be coalesced? PostgreSQL, outside a transaction. */
export function coalescible(db: Q): boolean {
  return !db.isTransaction && db.getExecutor().adapter instanceof PostgresAdapter;
}
