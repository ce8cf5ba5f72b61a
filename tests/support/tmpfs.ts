/**
 * A small tmpfs for disk-full tests: `mount -t tmpfs -o size=…` (needs root or CAP_SYS_ADMIN). Where
 * it cannot be mounted the caller gets the reason, to skip with it printed.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Tmpfs {
  dir: string;
  /** Bytes free for an unprivileged write. */
  free(): number;
  /** Fills the disk with a file `filler` until `leaveBytes` are free (tmpfs counts whole pages). */
  fill(leaveBytes: number): void;
  /** Removes the filler. */
  unfill(): void;
  unmount(): void;
}

export function mountTmpfs(sizeBytes: number, prefix = 'union-tmpfs-'): Tmpfs | { skip: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes},mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (err) {
    fs.rmdirSync(dir);
    const detail = (err as { stderr?: Buffer }).stderr?.toString().trim() || (err as Error).message;
    return { skip: `cannot mount a tmpfs here (${detail.split('\n')[0]}); needs root or CAP_SYS_ADMIN` };
  }
  const filler = path.join(dir, 'filler');
  const free = () => {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize;
  };
  return {
    dir,
    free,
    fill(leaveBytes) {
      const add = free() - leaveBytes;
      if (add <= 0) return;
      const fd = fs.openSync(filler, 'a');
      try {
        const chunk = Buffer.alloc(1024 * 1024, 0x5a);
        for (let left = add; left > 0; left -= chunk.length) fs.writeSync(fd, chunk, 0, Math.min(chunk.length, left));
      } finally {
        fs.closeSync(fd);
      }
    },
    unfill() {
      fs.rmSync(filler, { force: true });
    },
    unmount() {
      try {
        execFileSync('umount', [dir], { stdio: 'pipe' });
      } catch {
        execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      }
      fs.rmdirSync(dir);
    },
  };
}
