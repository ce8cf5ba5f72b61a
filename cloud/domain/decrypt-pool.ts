/**
 * Many field decryptions (the roster export: 2 per member, ≈ 194,000 for 100,000 members) in
 * worker threads, so they run beside the thread that writes the file instead of before it.
 * One AES-256-GCM decryption costs ≈ 7–13 µs, most of it setting up the decipher (Node has no way
 * to re-key one object with a new IV), so the only large saving is doing them in parallel.
 *
 * The plaintext stays in memory: the workers get the key and the sealed strings, and send back
 * plaintext in chunks; at most `AHEAD` chunks wait unread, so the caller (which writes each row
 * as it arrives) never holds the numbers of the whole roster at once. A field that does not
 * decrypt fails the whole call with a message that names the index, never a value.
 * The workers live for one call (≈ 30 ms to start), and small calls decrypt on this thread.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { decryptField } from './crypto';

/** Fields per message to a worker (≈ 20 ms of work: few messages, short waits at the start). */
export const CHUNK = 2048;
/** Chunks decrypted ahead of the reader at most (bounds the plaintext held). */
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
  const workers = Array.from({ length: Math.max(1, opts.workers ?? workerCount()) }, () => new Worker(WORKER, { eval: true, workerData: { key } }));
  const waiting = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  const replies = new Map<number, Promise<Reply>>();
  let failed: Error | undefined;
  const fail = (err: Error) => {
    failed ??= err;
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  for (const w of workers) {
    w.on('message', (r: Reply) => {
      waiting.get(r.id)?.resolve(r);
      waiting.delete(r.id);
    });
    w.on('error', (e) => fail(new Error(`decryption worker failed: ${e.message}`)));
    w.on('exit', (code) => fail(new Error(`decryption worker stopped (${code})`)));
  }
  let sent = 0;
  const send = () => {
    const id = sent++;
    const reply = failed ? Promise.reject(failed) : new Promise<Reply>((resolve, reject) => waiting.set(id, { resolve, reject }));
    // A rejection is read when its chunk's turn comes; until then it must not count as unhandled.
    reply.catch(() => undefined);
    replies.set(id, reply);
    if (!failed) workers[id % workers.length].postMessage({ id, sealed: sealed.slice(id * CHUNK, (id + 1) * CHUNK) });
  };
  try {
    while (sent < Math.min(chunks, AHEAD)) send();
    for (let next = 0; next < chunks; next++) {
      const reply = await replies.get(next)!;
      replies.delete(next);
      if (sent < chunks) send();
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
