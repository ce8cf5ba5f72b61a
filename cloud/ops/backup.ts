/**
 * Backup and restore of the embedded database (备份与恢复).
 *
 * Backup is online and consistent while the host keeps writing: `VACUUM INTO` reads one
 * snapshot (a WAL read transaction: writers are not blocked and are not seen half-way)
 * and writes a compact, self-contained copy. Never a file copy of a live database: the
 * main file alone misses what is still in the WAL and can be caught mid-checkpoint.
 *
 * Restore replaces the database file of a stopped host. It refuses while a host has the
 * folder open (its `host.pid`, or on Linux any process holding the file). Procedure:
 * stop the host → `npm run restore -- <backup>` → start the host. The replaced database
 * (with its WAL) is kept beside it as `union.db.before-restore-<time>`.
 *
 * Uploaded files (一人一档附件、佐证照片: `data/files`, or `UNION_FILES_DIR`) go into a folder beside
 * the database copy, `<backup>.files/`. Files are never changed in place (each upload gets a fresh
 * key; an upload is written before its row commits), so the folder is copied twice: once before the
 * database snapshot, then again for files added meanwhile. Every file a row in the snapshot names
 * is therefore in the backup, unless it was deleted in the few moments between the two passes.
 * Restore replaces the files folder as a whole (the old one is kept as `files.before-restore-<time>`).
 *
 * The data key is not in a backup: personal fields stay encrypted in it. Keep `UNION_DATA_KEY`
 * (demo: `data/secrets.json`) safe and separately; a restore on another machine needs it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';

/** The database file inside a data folder (see `cloud/host/config.ts`). */
export const DB_FILE_NAME = 'union.db';
/** Written by a running host into its data folder (see `cloud/host/server.ts`). */
export const PID_FILE_NAME = 'host.pid';

export interface TableFigures {
  rows: number;
  /** SHA-256 over every row in a fixed order: equal hashes, equal content. */
  sha256: string;
}

export interface BackupResult {
  file: string;
  bytes: number;
  ms: number;
  tables: Record<string, TableFigures>;
  /** The copied files folder (`<backup>.files`), or null when there was no files folder. */
  files: FileFigures | null;
}

export interface FileFigures {
  dir: string;
  count: number;
  bytes: number;
}

/** `<backup>.files`: where a backup keeps the uploaded files. */
export function backupFilesDir(backupFile: string): string {
  return `${backupFile}.files`;
}

export class OpsError extends Error {}

/** `data/backups/2026-11-25T10-30-00-000Z.db` */
export function defaultBackupFile(dataDir: string, now = new Date()): string {
  return path.join(dataDir, 'backups', `${now.toISOString().replace(/[:.]/g, '-')}.db`);
}

/**
 * An online, consistent backup of `dbFile` into `dest` (which must not exist); checked before it is
 * kept. With `filesDir`, the uploaded files are copied into `<dest>.files` (see above).
 */
export function backupSqlite(dbFile: string, dest: string, opts: { filesDir?: string } = {}): BackupResult {
  if (!fs.existsSync(dbFile)) throw new OpsError(`找不到数据库文件：${dbFile}`);
  if (fs.existsSync(dest)) throw new OpsError(`备份文件已存在：${dest}`);
  const filesDest = backupFilesDir(dest);
  if (fs.existsSync(filesDest)) throw new OpsError(`备份文件夹已存在：${filesDest}`);
  fs.mkdirSync(path.dirname(dest), { recursive: true, mode: 0o700 });
  const partial = `${dest}.partial`;
  fs.rmSync(partial, { force: true });
  const filesPartial = `${filesDest}.partial`;
  fs.rmSync(filesPartial, { recursive: true, force: true });
  const withFiles = opts.filesDir !== undefined && fs.existsSync(opts.filesDir);
  const started = Date.now();
  if (withFiles) copyNewFiles(opts.filesDir!, filesPartial);
  const src = new BetterSqlite3(dbFile, { fileMustExist: true });
  try {
    src.pragma('busy_timeout = 10000');
    src.prepare('VACUUM INTO ?').run(partial);
  } finally {
    src.close();
  }
  const check = checkIntegrity(partial);
  if (check !== 'ok') {
    fs.rmSync(partial, { force: true });
    throw new OpsError(`备份校验失败（integrity_check）：${check}`);
  }
  let files: FileFigures | null = null;
  if (withFiles) {
    // Second pass: files uploaded while the snapshot was taken (their rows may be in it).
    const figures = copyNewFiles(opts.filesDir!, filesPartial);
    fs.renameSync(filesPartial, filesDest);
    files = { dir: filesDest, ...figures };
  }
  fs.chmodSync(partial, 0o600);
  fsyncFile(partial);
  fs.renameSync(partial, dest);
  fsyncDir(path.dirname(dest));
  return { file: dest, bytes: fs.statSync(dest).size, ms: Date.now() - started, tables: tableFigures(dest), files };
}

/**
 * Copies every file under `src` that `dst` does not have yet (temporary `*.tmp` files of uploads in
 * progress are skipped), each fsynced. Returns the figures of `dst` afterwards.
 */
export function copyNewFiles(src: string, dst: string): { count: number; bytes: number } {
  fs.mkdirSync(dst, { recursive: true, mode: 0o700 });
  let count = 0;
  let bytes = 0;
  for (const entry of fs.readdirSync(src, { withFileTypes: true })) {
    const from = path.join(src, entry.name);
    const to = path.join(dst, entry.name);
    if (entry.isDirectory()) {
      const sub = copyNewFiles(from, to);
      count += sub.count;
      bytes += sub.bytes;
    } else if (entry.isFile() && !entry.name.endsWith('.tmp')) {
      if (!fs.existsSync(to)) {
        try {
          fs.copyFileSync(from, to, fs.constants.COPYFILE_EXCL);
        } catch (err) {
          // Removed between listing and copying: it is no longer part of the data.
          if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
          throw err;
        }
        fsyncFile(to);
      }
      count++;
      bytes += fs.statSync(to).size;
    }
  }
  fsyncDir(dst);
  return { count, bytes };
}

export interface RestoreResult {
  dbFile: string;
  keptAs: string | null;
  tables: Record<string, TableFigures>;
  /** The restored files folder, or null when the backup has none (made before files were backed up). */
  files: (FileFigures & { keptAs: string | null }) | null;
}

/**
 * Replaces the database of a stopped host with `backupFile`, and the files folder (`filesDir`,
 * default `<dataDir>/files`) with `<backupFile>.files` when the backup has one.
 */
export function restoreSqlite(backupFile: string, dataDir: string, now = new Date(), opts: { filesDir?: string } = {}): RestoreResult {
  if (!fs.existsSync(backupFile)) throw new OpsError(`找不到备份文件：${backupFile}`);
  const dbFile = path.join(dataDir, DB_FILE_NAME);
  const running = runningHostPids(dataDir);
  if (running.length) {
    throw new OpsError(`数据目录 ${dataDir} 正被运行中的主机使用（进程 ${running.join('、')}）：请先停止主机，再恢复，然后启动主机`);
  }
  const check = checkIntegrity(backupFile);
  if (check !== 'ok') throw new OpsError(`备份文件已损坏（integrity_check）：${check}`);

  fs.mkdirSync(dataDir, { recursive: true });
  const incoming = `${dbFile}.restoring`;
  fs.copyFileSync(backupFile, incoming);
  fsyncFile(incoming);

  // Keep what is replaced, WAL included (SQLite finds a WAL by the database's name + "-wal").
  let keptAs: string | null = null;
  if (fs.existsSync(dbFile)) {
    keptAs = `${dbFile}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(dbFile, keptAs);
    for (const suffix of ['-wal', '-shm']) if (fs.existsSync(dbFile + suffix)) fs.renameSync(dbFile + suffix, keptAs + suffix);
  } else {
    // A WAL without its database would be applied to the restored file: never leave one behind.
    for (const suffix of ['-wal', '-shm']) fs.rmSync(dbFile + suffix, { force: true });
  }
  fs.renameSync(incoming, dbFile);
  fsyncDir(dataDir);
  return { dbFile, keptAs, tables: tableFigures(dbFile), files: restoreFiles(backupFile, opts.filesDir ?? path.join(dataDir, 'files'), now) };
}

function restoreFiles(backupFile: string, filesDir: string, now: Date): RestoreResult['files'] {
  const from = backupFilesDir(backupFile);
  if (!fs.existsSync(from)) return null;
  const incoming = `${filesDir}.restoring`;
  fs.rmSync(incoming, { recursive: true, force: true });
  const figures = copyNewFiles(from, incoming);
  let keptAs: string | null = null;
  if (fs.existsSync(filesDir)) {
    keptAs = `${filesDir}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(filesDir, keptAs);
  }
  fs.renameSync(incoming, filesDir);
  fsyncDir(path.dirname(filesDir));
  return { dir: filesDir, ...figures, keptAs };
}

/** Processes that have this data folder's database open: the host's pid file, and on Linux /proc. */
export function runningHostPids(dataDir: string): number[] {
  const pids = new Set<number>();
  const pidFile = path.join(dataDir, PID_FILE_NAME);
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) pids.add(pid);
  }
  const dbFile = path.resolve(dataDir, DB_FILE_NAME);
  const targets = new Set([dbFile, `${dbFile}-wal`]);
  if (process.platform === 'linux' && fs.existsSync('/proc/self/fd')) {
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
      let fds: string[];
      try {
        fds = fs.readdirSync(`/proc/${entry}/fd`);
      } catch {
        continue; // gone, or not ours to read
      }
      for (const fd of fds) {
        try {
          if (targets.has(fs.readlinkSync(`/proc/${entry}/fd/${fd}`))) {
            pids.add(Number(entry));
            break;
          }
        } catch {
          // the descriptor closed meanwhile
        }
      }
    }
  }
  return [...pids];
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `ok`, or SQLite's list of problems. */
export function checkIntegrity(file: string): string {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

/**
 * Rows and a content hash for every table: generic, so tables that later features add
 * (check-ins, ledger entries, published notices with their hashes) are compared too.
 */
export function tableFigures(file: string): Record<string, TableFigures> {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    const out: Record<string, TableFigures> = {};
    for (const name of tables) {
      const q = `"${name.replace(/"/g, '""')}"`;
      const columns = (db.prepare(`SELECT count(*) AS n FROM pragma_table_info(?)`).get(name) as { n: number }).n;
      const order = Array.from({ length: columns }, (_, i) => i + 1).join(', ');
      const hash = createHash('sha256');
      let rows = 0;
      for (const row of db.prepare(`SELECT * FROM ${q} ORDER BY ${order}`).raw().iterate() as Iterable<unknown[]>) {
        rows++;
        hash.update(JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : typeof v === 'bigint' ? v.toString() : v)));
        hash.update('\n');
      }
      out[name] = { rows, sha256: hash.digest('hex') };
    }
    return out;
  } finally {
    db.close();
  }
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic.
  }
}
