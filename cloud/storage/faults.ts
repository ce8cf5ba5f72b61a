/**
 * Faults of the storage itself, not of the call: the database connection was lost, or the disk is
 * full. The host answers them as refusals with stable reasons (`service_unavailable` 503 with
 * `Retry-After`, `storage_full` 507) instead of `internal_error`, and logs the cause. The SQLSTATEs,
 * SQLite result codes and errno names live here, one floor below the host.
 *
 * - `unavailable`: PostgreSQL closed or refused the connection (an administrator's
 *   `pg_terminate_backend`, a restart or failover, a network cut, too many connections), or SQLite
 *   stayed locked past its busy timeout. Nothing of the statement that failed is known to be kept
 *   (a write cut after its commit may be kept, unacknowledged); asking again later is the cure.
 * - `full`: SQLite's `SQLITE_FULL`, PostgreSQL's `disk_full` (53100), the file store's `ENOSPC` /
 *   `EDQUOT`. Asking again does not help until an operator frees space.
 */
export type StorageFault = 'unavailable' | 'full';

/** SQLSTATE classes and codes of a lost or refused PostgreSQL connection. */
const PG_UNAVAILABLE = /^(08...|57P0[1-4]|53300|53400)$/;
/** What node-postgres, pg-pool and Kysely throw themselves when a connection is gone (no SQLSTATE). */
const PG_LOST_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
  'Postgres connection has been discarded',
];
const NET_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EAI_AGAIN']);
const FULL_CODES = new Set(['SQLITE_FULL', '53100', 'ENOSPC', 'EDQUOT']);

/** Which storage fault this error is, or null when it is something else (a bug, a constraint, a refusal). */
export function storageFault(err: unknown): StorageFault | null {
  if (typeof err !== 'object' || err === null) return null;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (FULL_CODES.has(code)) return 'full';
    if (PG_UNAVAILABLE.test(code) || NET_ERRNO.has(code) || code === 'SQLITE_BUSY') return 'unavailable';
  }
  const message = (err as { message?: unknown }).message;
  if (typeof message === 'string' && PG_LOST_MESSAGES.some((m) => message.startsWith(m))) return 'unavailable';
  return null;
}

/** The error's own words for the log: code and message, never the statement's values. */
export function describeFault(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: unknown }).code;
  return `${typeof code === 'string' ? `${code} ` : ''}${err.name}: ${err.message}`;
}

/**
 * Runs `op` again (at most `retries` more times) when it failed because the connection was lost.
 * Only for an operation whose second run is harmless even if the first one was done (e.g. the
 * check-in write, which stores nothing twice and answers a taken nonce from the stored attempt).
 */
export async function againIfLost<T>(op: () => Promise<T>, retries = 2): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await op();
    } catch (err) {
      if (attempt >= retries || storageFault(err) !== 'unavailable') throw err;
    }
  }
}
