/**
 * The file storage port (文件存储): attachments of the member file (一人一档), photos of requests and
 * of standardisation evidence. The embedded mode keeps them on local disk under `data/files`;
 * object storage can be added later as another implementation of `FileStore` without touching
 * the functions. Metadata (owner, type, size, hash) lives in the database; this port only holds
 * bytes under opaque keys.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

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

async function syncDir(dir: string): Promise<void> {
  // A rename is durable only once the folder entry is on disk.
  const fh = await fs.promises.open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
