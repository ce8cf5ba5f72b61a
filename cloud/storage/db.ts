/**
 * Opens the database chosen by explicit configuration: PostgreSQL when a URL is
 * given, otherwise the embedded SQLite file. Runs migrations and, for SQLite,
 * asserts the durability settings so that an acknowledged write survives `kill -9`
 * (and, with synchronous=FULL, a power cut).
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration, type MigrationProvider } from 'kysely';
import pg from 'pg';
import type { Database, Db } from './schema';
import * as m001 from './migrations/001-foundation';
import * as m002 from './migrations/002-membership';
import * as m004 from './migrations/004-activities';
import * as m005 from './migrations/005-organisation';

export type StorageConfig =
  | { kind: 'sqlite'; file: string; synchronous?: 'FULL' | 'NORMAL' }
  | { kind: 'postgres'; url: string; poolSize?: number };

export interface Storage {
  db: Db;
  kind: StorageConfig['kind'];
  /** Human-readable description for the start-up log (no credentials). */
  describe: string;
  close(): Promise<void>;
}

const MIGRATIONS: Record<string, Migration> = {
  '001-foundation': m001,
  '002-membership': m002,
  '004-activities': m004,
  '005-organisation': m005,
};

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
  const migrator = new Migrator({ db, provider: new StaticMigrations() });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`数据库迁移失败: ${failed?.migrationName ?? ''} ${String(error)}`);
  }
}

function openSqlite(config: Extract<StorageConfig, { kind: 'sqlite' }>): Storage {
  fs.mkdirSync(path.dirname(path.resolve(config.file)), { recursive: true });
  const sqlite = new BetterSqlite3(config.file);
  const synchronous = config.synchronous ?? 'FULL';
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${synchronous}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  assertSqliteDurability(sqlite, synchronous);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    db,
    kind: 'sqlite',
    describe: `SQLite ${path.resolve(config.file)} (WAL, synchronous=${synchronous})`,
    close: () => db.destroy(),
  };
}

const SYNC_LEVELS: Record<string, number> = { OFF: 0, NORMAL: 1, FULL: 2, EXTRA: 3 };

/** Reads the settings back: a pragma silently ignored (e.g. WAL on a network file system) stops the start. */
export function assertSqliteDurability(sqlite: BetterSqlite3.Database, synchronous: 'FULL' | 'NORMAL'): void {
  const mode = String(sqlite.pragma('journal_mode', { simple: true })).toLowerCase();
  const sync = Number(sqlite.pragma('synchronous', { simple: true }));
  const fk = Number(sqlite.pragma('foreign_keys', { simple: true }));
  if (mode !== 'wal') throw new Error(`SQLite 未能启用 WAL（当前 ${mode}），拒绝启动`);
  if (sync < SYNC_LEVELS[synchronous]) throw new Error(`SQLite synchronous=${sync}，低于要求的 ${synchronous}，拒绝启动`);
  if (fk !== 1) throw new Error('SQLite 未启用外键约束，拒绝启动');
}

function openPostgres(config: Extract<StorageConfig, { kind: 'postgres' }>): Storage {
  const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize ?? 10 });
  // An idle connection can be cut by the server (restart, failover, admin): the pool drops it and
  // opens a new one on the next query. Without a listener the 'error' event would crash the host.
  pool.on('error', (err) => {
    process.stderr.write(`${JSON.stringify({ level: 'warn', at: new Date().toISOString(), message: 'idle PostgreSQL connection lost', error: err.message })}\n`);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let describe = 'PostgreSQL';
  try {
    const u = new URL(config.url);
    describe = `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    // A libpq key=value string: describe it without echoing credentials.
  }
  return { db, kind: 'postgres', describe, close: () => db.destroy() };
}

/** Is this error a unique-constraint violation (both backends)? */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string } | undefined;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
