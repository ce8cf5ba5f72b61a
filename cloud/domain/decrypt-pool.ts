/**
 * Many field decryptions (the roster export: 2 per member, ≈ 194,000 for 100,000 members) in
 * worker threads, so they run beside the thread that writes the file instead of before it.
 * One AES-256-GCM decryption costs ≈ 7–13 µs, most of it setting up the decipher (Node has no way
 * to re-key one object with a new IV), so the large saving is doing them in parallel.
 *
 * Workers take chunks from the front, at most `AHEAD` sent and unread. When the reader needs a
 * chunk that is not back yet, this thread decrypts chunks from the back meanwhile instead of
 * idling (on 2 busy cores the one worker was the bottleneck: the writer waited ≈ 2 s for it).
 *
 * The plaintext stays in memory: the workers get the key and the sealed strings and send back
 * plaintext in chunks, read in order and then dropped; only the chunks decrypted ahead of the
 * reader are held (not the numbers of the whole roster at once, unless the workers stall). A
 * field that does not decrypt fails the whole call with a message that names its index, never a
 * value. The workers live for one call (≈ 30 ms to start); small calls decrypt on this thread.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { decryptField } from './crypto';

/** Fields per message to a worker (≈ 20 ms of work: few messages, short waits at the start). Even, so fields sealed in pairs (a member's ID number and phone) never straddle two chunks. */
export const CHUNK = 2048;
/** Chunks with the workers (sent, not yet read) at most: bounds the plaintext held. */
const AHEAD = 6;
/** Below this many fields a worker is not worth starting. */
const MIN_FOR_WORKERS = 4 * CHUNK;

// Same format and checks as `decryptField` (crypto.ts): `v1.<iv>.<tag>.<ciphertext>`, base64url.
// The test decrypt-pool.test.ts checks that both agree, including on what they refuse.
const WORKER = `
  const { parentPort, workerData } = require('node:worker_threads');
  const { createDecipheriv } = require('node:crypto');
  const key = Buffer.from(workerData.key);
  function decrypt(sealed) {
    const [v, iv, tag, ct] = sealed.split('.');
    if (v !== 'v1' || !iv || !tag || ct === undefined) throw new Error('unknown ciphertext format');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  }
  parentPort.on('message', ({ id, sealed }) => {
    const out = new Array(sealed.length);
    for (let i = 0; i < sealed.length; i++) {
      try { out[i] = decrypt(sealed[i]); }
      catch { parentPort.postMessage({ id, failedAt: i }); return; }
    }
    parentPort.postMessage({ id, out });
  });
`;

type Reply = { id: number; out: string[] } | { id: number; failedAt: number };

/** Workers to start: one per core beyond this thread's, at least one, at most 3. */
function workerCount(): number {
  return Math.min(3, Math.max(1, availableParallelism() - 1));
}

/**
 * Yields the plaintexts of `sealed`, in order, in chunks of `CHUNK` (the last one shorter).
 * Stopping early (break, throw in the loop) stops the workers.
 */
export async function* decryptFieldsInOrder(key: Buffer, sealed: readonly string[], opts: { workers?: number } = {}): AsyncGenerator<string[]> {
  if (sealed.length < MIN_FOR_WORKERS && opts.workers === undefined) {
    for (let at = 0; at < sealed.length; at += CHUNK) yield sealed.slice(at, at + CHUNK).map((s) => decryptField(key, s));
    return;
  }
  const chunks = Math.ceil(sealed.length / CHUNK);
  const part = (id: number) => sealed.slice(id * CHUNK, (id + 1) * CHUNK);
  const here = (id: number): Reply => {
    const fields = part(id);
    const out = new Array<string>(fields.length);
    for (let i = 0; i < fields.length; i++) {
      try {
        out[i] = decryptField(key, fields[i]);
      } catch {
        return { id, failedAt: i };
      }
    }
    return { id, out };
  };
  const UNSENT = 0;
  const SENT = 1;
  const DONE = 2;
  const state = new Uint8Array(chunks);
  const sent = new Uint8Array(chunks);
  const replies = new Map<number, Reply>();
  let failed: Error | undefined;
  let wake: (() => void) | undefined;
  const workers = Array.from({ length: Math.max(1, opts.workers ?? workerCount()) }, () => new Worker(WORKER, { eval: true, workerData: { key } }));
  for (const w of workers) {
    w.on('message', (r: Reply) => {
      state[r.id] = DONE;
      replies.set(r.id, r);
      wake?.();
    });
    w.on('error', (e) => {
      failed ??= new Error(`decryption worker failed: ${e.message}`);
      wake?.();
    });
    w.on('exit', (code) => {
      failed ??= new Error(`decryption worker stopped (${code})`);
      wake?.();
    });
  }
  // Workers take chunks from the front, at most AHEAD unread; this thread, while it waits for the
  // chunk it needs, decrypts chunks from the back (so neither side idles when the workers lag).
  let front = 0;
  let back = chunks;
  let withWorkers = 0; // sent and not yet read
  let turn = 0;
  const fill = () => {
    for (; front < back && withWorkers < AHEAD; front++) {
      if (state[front] !== UNSENT) continue;
      state[front] = SENT;
      sent[front] = 1;
      withWorkers++;
      workers[turn++ % workers.length].postMessage({ id: front, sealed: part(front) });
    }
  };
  try {
    fill();
    for (let next = 0; next < chunks; next++) {
      while (state[next] !== DONE) {
        if (failed) throw failed;
        if (state[next] === UNSENT) {
          replies.set(next, here(next));
          state[next] = DONE;
          break;
        }
        while (back > next + 1 && state[back - 1] !== UNSENT) back--;
        if (back > next + 1) {
          back--;
          replies.set(back, here(back));
          state[back] = DONE;
          await new Promise<void>((resolve) => setImmediate(resolve)); // let the workers' replies in
        } else {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
        }
      }
      const reply = replies.get(next)!;
      replies.delete(next);
      if (sent[next]) withWorkers--;
      fill();
      if ('failedAt' in reply) throw new Error(`field ${next * CHUNK + reply.failedAt} could not be decrypted`);
      yield reply.out;
    }
  } finally {
    for (const w of workers) {
      w.removeAllListeners('exit');
      void w.terminate();
    }
  }
}
