/**
 * The PostgreSQL pool as Kysely sees it: node-postgres' pool behind a small lease per checkout, for
 * two things Kysely's dialect leaves to us.
 *
 * Lost connections. A server may cut a connection at any time (an administrator's
 * `pg_terminate_backend`, a restart or failover, a network cut). node-postgres then emits 'error' on
 * the client; pg-pool listens only while the client is idle in the pool, and an 'error' event
 * without a listener ends the process. Here every client has a listener for its whole life: the
 * statement that was running fails with the error (the call is answered `service_unavailable`,
 * faults.ts) and the pool drops the client when it is released (it is no longer queryable).
 * A read outside a transaction that failed so is asked again on a fresh connection (at most
 * READ_RETRIES times): a SELECT changes nothing, so asking twice is safe; so is a BEGIN. Other
 * statements are not asked again here: a write may have committed before the cut, and a
 * transaction's earlier statements are gone with its connection (transaction.ts runs a whole
 * transaction again when its COMMIT was not sent yet); those fail to the caller, who may ask again
 * (check-ins by nonce and ledger entries by requestId answer what was stored).
 *
 * Named prepared statements. Kysely sends every query unnamed, so the server parses and plans the
 * same SQL text again on each call (its CPU shares the machine with the host). Here a data statement
 * (select/insert/update/delete/with) gets a name derived from its text; node-postgres then parses
 * it once per connection and afterwards only binds and executes it. Schema statements stay unnamed
 * (a migration would outdate a plan). `UNION_PG_PREPARE=off` turns this off.
 */
import { createHash } from 'node:crypto';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';
import { storageFault } from './faults';

/** How many times a read outside a transaction is asked again after its connection was lost. */
export const READ_RETRIES = 2;
/** How many distinct SQL texts keep their statement name. */
const NAME_CACHE_SIZE = 500;

export interface PoolEvents {
  /** A connection was lost; `inUse`: a call held it (else it was idle in the pool). */
  lost?(err: Error, inUse: boolean): void;
  /** A read was asked again on a fresh connection after its connection was lost. */
  retried?(err: unknown): void;
}

/** Wraps `pool` for Kysely's PostgresDialect (see the file comment). */
export function resilientPool(pool: pg.Pool, opts: { prepare: boolean; events?: PoolEvents }): PostgresPool {
  const events = opts.events ?? {};
  const checkedOut = new WeakSet<pg.PoolClient>();
  // An idle client cut by the server: pg-pool drops it and emits 'error' on the pool.
  pool.on('error', (err) => events.lost?.(err, false));
  // Every client, for its whole life: pg-pool's own listener is removed while the client is checked out.
  pool.on('connect', (client) => {
    client.on('error', (err) => {
      if (checkedOut.has(client)) events.lost?.(err, true);
    });
  });
  const names = opts.prepare ? statementNames() : null;
  const connect = async (): Promise<pg.PoolClient> => {
    const client = await pool.connect();
    checkedOut.add(client);
    return client;
  };
  const release = (client: pg.PoolClient, destroy?: boolean | Error) => {
    checkedOut.delete(client);
    client.release(destroy);
  };
  return {
    connect: async () => new Lease(await connect(), connect, release, names, events),
    end: () => pool.end(),
  };
}

/** One checkout of the pool, as Kysely holds it: the client may be swapped for a fresh one when a read is asked again. */
class Lease implements PostgresPoolClient {
  #client: pg.PoolClient | null;
  #inTransaction = false;

  constructor(
    client: pg.PoolClient,
    private readonly connect: () => Promise<pg.PoolClient>,
    private readonly releaseClient: (client: pg.PoolClient, destroy?: boolean | Error) => void,
    private readonly names: ((text: string) => string | null) | null,
    private readonly events: PoolEvents,
  ) {
    this.#client = client;
  }

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(sqlOrCursor: string | PostgresCursor<R>, parameters?: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    if (typeof sqlOrCursor !== 'string') return this.#live().query(sqlOrCursor as never) as PostgresCursor<R>;
    return this.#query<R>(sqlOrCursor, parameters ?? []);
  }

  async #query<R>(text: string, values: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
    const control = TRANSACTION_CONTROL.exec(text)?.[1]?.toLowerCase();
    const begins = control === 'begin' || control === 'start';
    // A BEGIN that failed lost nothing yet; a plain read outside a transaction changes nothing.
    const retryable = begins || (!this.#inTransaction && isPlainRead(text));
    if (begins) this.#inTransaction = true;
    for (let attempt = 0; ; attempt++) {
      try {
        const result = (await this.#send(text, values)) as unknown as PostgresQueryResult<R>;
        if (control === 'commit' || control === 'end' || control === 'rollback' || control === 'abort') this.#inTransaction = false;
        return result;
      } catch (err) {
        if (!retryable || attempt >= READ_RETRIES || storageFault(err) !== 'unavailable') throw err;
        this.events.retried?.(err);
        // The lost client goes back destroyed (a slot of the pool is free again), a fresh one takes its place.
        const lost = this.#client;
        this.#client = null;
        if (lost) this.releaseClient(lost, err instanceof Error ? err : true);
        this.#client = await this.connect();
      }
    }
  }

  #send(text: string, values: ReadonlyArray<unknown>): Promise<pg.QueryResult> {
    const client = this.#live();
    const name = this.names?.(text);
    return name ? client.query({ name, text, values: values as unknown[] }) : client.query(text, values as unknown[]);
  }

  #live(): pg.PoolClient {
    if (!this.#client) throw new Error('Postgres connection has been discarded');
    return this.#client;
  }

  release(destroy?: boolean): void {
    const client = this.#client;
    this.#client = null;
    if (client) this.releaseClient(client, destroy);
  }
}

/** `begin`, `start transaction`, `commit`, `end`, `rollback` (not `rollback to savepoint`), `abort`. */
const TRANSACTION_CONTROL = /^\s*(begin|start|commit|end|abort|rollback)\b(?!\s+to\b)/i;

/**
 * A SELECT that only reads: asking it twice is harmless. Locking reads and functions with effects
 * (advisory locks, sequences, settings) are not retried.
 */
function isPlainRead(text: string): boolean {
  return /^\s*select\b/i.test(text) && !/\bfor\s+(update|share|no\s+key\s+update|key\s+share)\b|\bpg_\w*advisory|\bnextval\s*\(|\bsetval\s*\(|\bset_config\s*\(/i.test(text);
}

function statementNames(): (text: string) => string | null {
  const names = new Map<string, string | null>();
  return (text) => {
    let n = names.get(text);
    if (n === undefined) {
      n = /^\s*(select|insert|update|delete|with)\b/i.test(text) ? `k${createHash('sha1').update(text).digest('base64url')}` : null;
      if (names.size >= NAME_CACHE_SIZE) names.delete(names.keys().next().value as string);
      names.set(text, n);
    }
    return n;
  };
}
