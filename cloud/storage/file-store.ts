/**
 * The file storage port (文件存储): attachments of the member file (一人一档), photos of requests and
 * of standardisation evidence. The embedded mode keeps them on local disk under `data/files`
 * (`LocalDiskFileStore`); with PostgreSQL they are kept in its `files` table by default
 * (`DatabaseFileStore`), so that every host instance reads what any of them stored. Object storage
 * can be added later as another implementation of `FileStore` without touching the functions.
 * Metadata (owner, type, size, hash) lives in the business tables; this port only holds bytes under
 * opaque keys.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './schema';

export interface FileStore {
  /** Stores the bytes under `key` durably: once `put` resolves, the file survives `kill -9`. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes, or null when there is no such file. */
  get(key: string): Promise<Buffer | null>;
  /** Removes the file; removing a missing file is not an error. */
  delete(key: string): Promise<void>;
  /** For the start-up log. */
  readonly describe: string;
}

/** Keys are ours (generated ids), never user input: a strict shape rules out `..` and absolute paths. */
const KEY = /^[a-z0-9][a-z0-9_-]{0,63}(\/[a-z0-9][a-z0-9_.-]{0,127}){0,3}$/;

export function assertFileKey(key: string): void {
  if (!KEY.test(key) || key.includes('..')) throw new Error(`file-store: bad key ${JSON.stringify(key)}`);
}

/** A fresh key under a prefix, e.g. `attachments/2026/11/…`. */
export function newFileKey(prefix: string, now: Date): string {
  const month = now.toISOString().slice(0, 7).replace('-', '/');
  return `${prefix}/${month}/${crypto.randomBytes(16).toString('hex')}`;
}

/** Local disk under one folder: write to a temporary file, fsync, rename, fsync the folder. */
export class LocalDiskFileStore implements FileStore {
  readonly describe: string;

  constructor(private readonly root: string) {
    fs.mkdirSync(root, { recursive: true });
    this.describe = `本地磁盘 ${path.resolve(root)}`;
  }

  private pathOf(key: string): string {
    assertFileKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const target = this.pathOf(key);
    const dir = path.dirname(target);
    await fs.promises.mkdir(dir, { recursive: true });
    const tmp = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    const fh = await fs.promises.open(tmp, 'wx', 0o600);
    try {
      try {
        await fh.writeFile(bytes);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await fs.promises.rename(tmp, target);
    } catch (err) {
      // A write that did not complete (a full disk: ENOSPC) leaves nothing behind, not a partial `.tmp`.
      await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
      throw err;
    }
    await syncDir(dir);
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await fs.promises.readFile(this.pathOf(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.promises.rm(this.pathOf(key), { force: true });
  }
}

/**
 * Files in the database's `files` table (019): one row per key, the bytes as `bytea`. Durable when
 * `put` resolves (the insert is committed), shared by every instance on the database, and part of
 * its backups (`pg_dump`). A put of an existing key replaces its bytes (keys are fresh random ids,
 * so this only makes a retried put harmless).
 *
 * `legacyDir`: the files folder of a host that kept its files on disk before; a key not in the table
 * is looked for there, and a delete removes it there too, so switching an existing deployment to the
 * database loses no file (new files all go to the table).
 */
export class DatabaseFileStore implements FileStore {
  readonly describe: string;
  readonly #legacy: LocalDiskFileStore | null;
  readonly #clock: () => Date;

  constructor(
    private readonly db: Db,
    opts: { legacyDir?: string; clock?: () => Date } = {},
  ) {
    this.#legacy = opts.legacyDir && fs.existsSync(opts.legacyDir) ? new LocalDiskFileStore(opts.legacyDir) : null;
    this.#clock = opts.clock ?? (() => new Date());
    this.describe = `数据库表 files${this.#legacy ? `（旧文件仍从 ${path.resolve(opts.legacyDir!)} 读取）` : ''}`;
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    assertFileKey(key);
    const row = { bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), size_bytes: bytes.byteLength, stored_at: this.#clock().toISOString() };
    await this.db
      .insertInto('files')
      .values({ key, ...row })
      .onConflict((oc) => oc.column('key').doUpdateSet(row))
      .execute();
  }

  async get(key: string): Promise<Buffer | null> {
    assertFileKey(key);
    const row = await this.db.selectFrom('files').select('bytes').where('key', '=', key).executeTakeFirst();
    if (row) return Buffer.isBuffer(row.bytes) ? row.bytes : Buffer.from(row.bytes as Uint8Array);
    return this.#legacy ? this.#legacy.get(key) : null;
  }

  async delete(key: string): Promise<void> {
    assertFileKey(key);
    await this.db.deleteFrom('files').where('key', '=', key).execute();
    await this.#legacy?.delete(key);
  }
}

async function syncDir(dir: string): Promise<void> {
  // A rename is durable only once the folder entry is on disk.
  const fh = await fs.promises.open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
