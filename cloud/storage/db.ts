/**
 * Opens the database chosen by explicit configuration: PostgreSQL when a URL is
 * given, otherwise the embedded SQLite file. Runs migrations and, for SQLite,
 * asserts the durability settings so that an acknowledged write survives `kill -9`
 * (WAL with synchronous=NORMAL, the default: the WAL is written before the answer) and,
 * with synchronous=FULL, a power cut too (an fsync per commit; see docs/quality.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, SqliteDriver, sql, type DatabaseConnection, type Driver, type Migration, type MigrationProvider, type SqliteDialectConfig } from 'kysely';
import type pg from 'pg';
import type { Database, Db } from './schema';
import { describeFault } from './faults';
import { enableGroupCommit, type GroupCommitStats } from './group-commit';
import { resilientPool, type PoolEvents } from './pg-pool';
import * as m001 from './migrations/001-foundation';
import * as m002 from './migrations/002-membership';
import * as m003 from './migrations/003-funds';
import * as m004 from './migrations/004-activities';
import * as m005 from './migrations/005-organisation';
import * as m006 from './migrations/006-lifecycle';
import * as m007 from './migrations/007-files';
import * as m008 from './migrations/008-requests';
import * as m010 from './migrations/010-roster-search';
import * as m011 from './migrations/011-term-approval-files';
import * as m012 from './migrations/012-request-seen';
import * as m013 from './migrations/013-request-escalation';
import * as m014 from './migrations/014-member-own-uploads';
import * as m015 from './migrations/015-wechat-tokens';
import * as m016 from './migrations/016-limit-guards';
import * as m017 from './migrations/017-ledger-no-replace';
import * as m018 from './migrations/018-roster-export-quota';
import * as m019 from './migrations/019-shared-state';
import * as m020 from './migrations/020-notifications';

export type StorageConfig =
  | { kind: 'sqlite'; file: string; synchronous?: 'FULL' | 'NORMAL'; /** Group commit of waiting mutations (default on). */ groupCommit?: boolean;
      /** WAL checkpoints in a worker thread instead of inside a commit on the event loop (default off here, on in the host config). */ checkpointWorker?: boolean }
  | { kind: 'postgres'; url: string; poolSize?: number };

export interface Storage {
  db: Db;
  kind: StorageConfig['kind'];
  /** Human-readable description for the start-up log (no credentials). */
  describe: string;
  /** Figures for the operator's metrics (`GET /metrics`), read at the moment of the call. */
  figures(): StorageFigures;
  close(): Promise<void>;
}

/**
 * What the storage can tell about its own load: on PostgreSQL the connection pool (open, idle, calls
 * waiting for a connection, the most it opens); on SQLite the group commit's counters (null when it
 * is off).
 */
export type StorageFigures =
  | { kind: 'postgres'; pool: { total: number; idle: number; waiting: number; max: number } }
  | { kind: 'sqlite'; groupCommit: Readonly<GroupCommitStats> | null };

const MIGRATIONS: Record<string, Migration> = {
  '001-foundation': m001,
  '002-membership': m002,
  '003-funds': m003,
  '004-activities': m004,
  '005-organisation': m005,
  '006-lifecycle': m006,
  '007-files': m007,
  '008-requests': m008,
  '010-roster-search': m010,
  '011-term-approval-files': m011,
  '012-request-seen': m012,
  '013-request-escalation': m013,
  '014-member-own-uploads': m014,
  '015-wechat-tokens': m015,
  '016-limit-guards': m016,
  '017-ledger-no-replace': m017,
  '018-roster-export-quota': m018,
  '019-shared-state': m019,
  '020-notifications': m020,
};

/** The names of the migrations this build knows, in the order they are run. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATIONS).sort();

/**
 * The migrations this build knows that the database has not run (empty: the schema is current).
 * One small read of Kysely's own table, no introspection: `GET /readyz` asks it every few seconds.
 */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  const applied = new Set(rows.map((r) => r.name));
  return MIGRATION_NAMES.filter((name) => !applied.has(name));
}

class StaticMigrations implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

export async function openStorage(config: StorageConfig): Promise<Storage> {
  const storage = config.kind === 'sqlite' ? openSqlite(config) : openPostgres(config);
  try {
    await migrate(storage.db);
  } catch (err) {
    await storage.close();
    throw err;
  }
  return storage;
}

export async function migrate(db: Db): Promise<void> {
  // Every start of a current database (each cold start of a FaaS instance) takes this path: one
  // small read, instead of the migrator's lock and introspection (≈ 20 ms of a 240 ms cold start).
  if ((await pendingMigrations(db).catch(() => null))?.length === 0) return;
  // Features are built on parallel branches whose migrations are independent of each other, so a
  // database that already ran a later-numbered one still takes an earlier one merged afterwards.
  // Names compared as plain strings: the default `localeCompare` starts ICU's collator (≈ 7 ms).
  const migrator = new Migrator({
    db,
    provider: new StaticMigrations(),
    allowUnorderedMigrations: true,
    nameComparator: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`数据库迁移失败: ${failed?.migrationName ?? ''} ${String(error)}`);
  }
}

function openSqlite(config: Extract<StorageConfig, { kind: 'sqlite' }>): Storage {
  fs.mkdirSync(path.dirname(path.resolve(config.file)), { recursive: true });
  const sqlite = new BetterSqlite3(config.file);
  const synchronous = config.synchronous ?? 'NORMAL';
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${synchronous}`);
  sqlite.pragma('foreign_keys = ON');
  // REPLACE deletes the row it replaces; only with recursive_triggers does that deletion fire the
  // append-only DELETE triggers of the funds tables (migrations 003 and 017).
  sqlite.pragma('recursive_triggers = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 64 MiB of page cache instead of SQLite's default 2 MiB: the hot indexes of a door rush or a
  // roster search (members, sign-ups, check-ins, sessions) stay in memory rather than being read
  // again from the OS cache (≈ 10 % less time per statement at 20,000 members).
  sqlite.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
  assertSqliteDurability(sqlite, synchronous);
  const checkpointer = config.checkpointWorker ? startCheckpointer(sqlite, path.resolve(config.file)) : null;
  const db = new Kysely<Database>({ dialect: new FairSqliteDialect({ database: cachePreparedStatements(sqlite) }, sqlite) });
  const batcher = config.groupCommit !== false ? enableGroupCommit(db) : null;
  return {
    db,
    kind: 'sqlite',
    figures: () => ({ kind: 'sqlite', groupCommit: batcher?.stats ?? null }),
    describe: `SQLite ${path.resolve(config.file)} (WAL, synchronous=${synchronous}${config.groupCommit === false ? ', no group commit' : ', group commit'}${checkpointer ? ', checkpoints in a worker' : ''})`,
    close: async () => {
      // The worker's connection first: the last connection to close checkpoints and removes the WAL.
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

/** How often the checkpoint worker copies the WAL into the database file. */
/** The page cache of the main connection, in KiB. */
export const SQLITE_CACHE_KIB = 64 * 1024;
export const CHECKPOINT_INTERVAL_MS = 200;
/** How long after opening the database the checkpoint worker starts (off the cold start's path). */
export const CHECKPOINT_START_DELAY_MS = 1000;
/** Back-stop if the worker is gone or cannot keep up: SQLite checkpoints inside a commit again at this WAL size (pages). */
export const CHECKPOINT_BACKSTOP_PAGES = 16000;

/**
 * WAL checkpoints off the request path. SQLite runs an automatic checkpoint inside the commit
 * that pushes the WAL past 1,000 pages: on our one connection, synchronously on the event loop,
 * with an fsync of the WAL and of the database file (also with synchronous=NORMAL). Here a worker
 * thread with its own connection runs `wal_checkpoint(PASSIVE)` every CHECKPOINT_INTERVAL_MS
 * (PASSIVE never blocks the writer or readers; frames it could not copy are copied next time), and
 * the automatic checkpoint is moved out to CHECKPOINT_BACKSTOP_PAGES as a back-stop.
 * Durability is unchanged: a commit is durable by its WAL write (and, with FULL, the WAL fsync
 * in the commit), never by a checkpoint. If the worker cannot start, the usual automatic
 * checkpoint is restored. The worker starts CHECKPOINT_START_DELAY_MS after the database opens.
 */
function startCheckpointer(sqlite: BetterSqlite3.Database, file: string): { stop(): Promise<void> } {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    let db;
    try { db = new (require(workerData.module))(workerData.file); db.pragma('busy_timeout = 1000'); }
    catch (e) { parentPort.postMessage({ failed: String(e) }); process.exit(0); }
    const timer = setInterval(() => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} }, workerData.intervalMs);
    parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.postMessage({ closed: true }); parentPort.close(); });
  `;
  const moduleDir = path.dirname(path.dirname(require.resolve('better-sqlite3')));
  let worker: Worker | null = null;
  let exited = false;
  let gone: Promise<void> = Promise.resolve();
  const restore = () => {
    if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
  };
  const start = () => {
    if (!sqlite.open) return;
    sqlite.pragma(`wal_autocheckpoint = ${CHECKPOINT_BACKSTOP_PAGES}`);
    let w: Worker;
    try {
      w = new Worker(code, { eval: true, workerData: { module: moduleDir, file, intervalMs: CHECKPOINT_INTERVAL_MS } });
    } catch {
      return restore();
    }
    w.unref();
    gone = new Promise<void>((resolve) => w.once('exit', () => ((exited = true), resolve())));
    w.on('message', (m: { failed?: string }) => {
      if (m.failed) restore();
    });
    w.on('error', restore);
    worker = w;
  };
  // Started after the start-up: booting a worker thread (a Node environment of its own) costs the
  // cold start CPU on a small machine, and until then SQLite checkpoints as it does without a worker.
  const startTimer = setTimeout(start, CHECKPOINT_START_DELAY_MS);
  startTimer.unref();
  return {
    async stop() {
      clearTimeout(startTimer);
      if (!worker || exited) return;
      const w: Worker = worker;
      w.ref(); // keep the process alive until the worker has closed its connection
      w.postMessage('close');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([gone, new Promise((r) => (timer = setTimeout(r, 2000)))]);
      clearTimeout(timer);
      if (!exited) await w.terminate();
    },
  };
}

/** How many distinct SQL texts keep their prepared statement (the app has a few hundred). */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query afresh (~11% of the CPU of a check-in). Statements are run
 * synchronously by better-sqlite3, one at a time on this one connection, so one prepared
 * statement per SQL text can be shared. Bounded: past the limit the oldest is dropped.
 * Statements whose SQL changes the schema are not cached (a migration would outdate them).
 */
export function cachePreparedStatements(sqlite: BetterSqlite3.Database, size = STATEMENT_CACHE_SIZE): BetterSqlite3.Database {
  const cache = new Map<string, BetterSqlite3.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  const cached = (source: string) => {
    const hit = cache.get(source);
    if (hit) return hit;
    const stmt = prepare(source);
    if (/^\s*(create|alter|drop)\b/i.test(source)) return stmt;
    if (cache.size >= size) cache.delete(cache.keys().next().value as string);
    cache.set(source, stmt);
    return stmt;
  };
  return new Proxy(sqlite, {
    get(target, prop, receiver) {
      if (prop === 'prepare') return cached;
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/**
 * Kysely's SQLite driver guards its one connection with a lock that wakes every waiter at
 * once and lets a newcomer take it first, so under a rush a waiting request can be
 * overtaken again and again. This driver hands the connection over in arrival order
 * (first come, first served); the inner lock is then always free. (It did not cure the
 * multi-second tail of bench:checkin at 200 clients, which has another cause: see
 * docs/quality.md, section 8.)
 */
class FairSqliteDriver extends SqliteDriver implements Driver {
  readonly #queue: (() => void)[] = [];
  readonly #sqlite: BetterSqlite3.Database;
  #busy = false;

  constructor(config: SqliteDialectConfig, sqlite: BetterSqlite3.Database) {
    super(config);
    this.#sqlite = sqlite;
  }

  /**
   * After some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM, SQLITE_BUSY in COMMIT) SQLite has
   * already rolled the transaction back by itself; a ROLLBACK then fails with "cannot rollback - no
   * transaction is active", and Kysely would throw that instead of the error that caused it.
   */
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.#sqlite.inTransaction) return;
    await super.rollbackTransaction(connection);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#busy) await new Promise<void>((resolve) => this.#queue.push(resolve));
    this.#busy = true;
    return super.acquireConnection();
  }

  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    const next = this.#queue.shift();
    if (next) next();
    else this.#busy = false;
  }
}

class FairSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  readonly #sqlite: BetterSqlite3.Database;
  constructor(config: SqliteDialectConfig, sqlite: BetterSqlite3.Database) {
    super(config);
    this.#config = config;
    this.#sqlite = sqlite;
  }
  override createDriver(): Driver {
    return new FairSqliteDriver(this.#config, this.#sqlite);
  }
}

const SYNC_LEVELS: Record<string, number> = { OFF: 0, NORMAL: 1, FULL: 2, EXTRA: 3 };

/**
 * Reads the settings back: a pragma silently ignored (e.g. WAL on a network file system) stops the
 * start. Besides durability: foreign keys, and recursive_triggers (without it INSERT OR REPLACE
 * deletes a ledger row without firing its DELETE trigger).
 */
export function assertSqliteDurability(sqlite: BetterSqlite3.Database, synchronous: 'FULL' | 'NORMAL'): void {
  const mode = String(sqlite.pragma('journal_mode', { simple: true })).toLowerCase();
  const sync = Number(sqlite.pragma('synchronous', { simple: true }));
  const fk = Number(sqlite.pragma('foreign_keys', { simple: true }));
  const recursive = Number(sqlite.pragma('recursive_triggers', { simple: true }));
  if (mode !== 'wal') throw new Error(`SQLite 未能启用 WAL（当前 ${mode}），拒绝启动`);
  if (sync !== SYNC_LEVELS[synchronous]) throw new Error(`SQLite synchronous=${sync}，不是配置的 ${synchronous}，拒绝启动`);
  if (fk !== 1) throw new Error('SQLite 未启用外键约束，拒绝启动');
  if (recursive !== 1) throw new Error('SQLite 未启用 recursive_triggers（INSERT OR REPLACE 会绕过账本的不可删除触发器），拒绝启动');
}

/**
 * The PostgreSQL driver, loaded when PostgreSQL is used: the embedded SQLite start does not read it
 * (≈ 70 ms of a cold start here; `npm run bench:coldstart`). `require` is Node's in the bundle too.
 */
function pgDriver(): typeof pg {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('pg') as typeof pg;
}

function openPostgres(config: Extract<StorageConfig, { kind: 'postgres' }>): Storage {
  const pool = new (pgDriver().Pool)({ connectionString: config.url, max: config.poolSize ?? 10 });
  // Lost connections (idle or in use) are survived and logged; the calls on them are answered
  // `service_unavailable`, reads are asked again (pg-pool.ts).
  const warn = (message: string, err: unknown) =>
    process.stderr.write(`${JSON.stringify({ level: 'warn', at: new Date().toISOString(), message, error: describeFault(err) })}\n`);
  const events: PoolEvents = {
    lost: (err, inUse) => warn(inUse ? 'PostgreSQL connection lost during a call' : 'idle PostgreSQL connection lost', err),
    retried: (err) => warn('read asked again on a fresh PostgreSQL connection', err),
  };
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: resilientPool(pool, { prepare: process.env.UNION_PG_PREPARE !== 'off', events }) }) });
  let describe = 'PostgreSQL';
  try {
    const u = new URL(config.url);
    describe = `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    // A libpq key=value string: describe it without echoing credentials.
  }
  const max = config.poolSize ?? 10;
  return {
    db,
    kind: 'postgres',
    describe,
    figures: () => ({ kind: 'postgres', pool: { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max } }),
    close: () => db.destroy(),
  };
}

/** Is this error a unique-constraint violation (both backends)? */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string } | undefined;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

