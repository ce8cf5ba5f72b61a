import { randomBytes } from 'node:crypto';
import { decryptField, encryptField } from './crypto';
import { CHUNK, decryptFieldsInOrder } from './decrypt-pool';

const key = randomBytes(32);

async function all(sealed: string[], workers?: number): Promise<string[]> {
  const out: string[] = [];
  for await (const chunk of decryptFieldsInOrder(key, sealed, workers === undefined ? {} : { workers })) out.push(...chunk);
  return out;
}

describe('decryptFieldsInOrder', () => {
  const plain = Array.from({ length: 3 * CHUNK + 17 }, (_, i) => (i % 3 === 0 ? `3301061970010${String(i).padStart(5, '0')}` : i % 3 === 1 ? `139${String(i).padStart(8, '0')}` : `姓名${i}`));
  const sealed = plain.map((p) => encryptField(key, p));

  it('gives the plaintexts in order, in worker threads as on this thread, the same as decryptField', async () => {
    expect(await all(sealed, 2)).toEqual(plain);
    expect(await all(sealed, 1)).toEqual(plain);
    expect(await all(sealed.slice(0, 5))).toEqual(plain.slice(0, 5));
    expect(await all([])).toEqual([]);
    expect(sealed.slice(0, 50).map((s) => decryptField(key, s))).toEqual(plain.slice(0, 50));
  });

  it('refuses what decryptField refuses (tampered, other key, unknown format), naming the index but no value', async () => {
    const tag = sealed[CHUNK + 3].split('.');
    const bytes = Buffer.from(tag[2], 'base64url');
    bytes[0] ^= 1;
    tag[2] = bytes.toString('base64url');
    const bad = [tag.join('.'), encryptField(randomBytes(32), '13900000000'), 'v2.a.b.c', 'v1..b.c', 'plain'];
    for (const b of bad) {
      expect(() => decryptField(key, b)).toThrow();
      const input = [...sealed];
      input[CHUNK + 3] = b;
      for (const workers of [1, 2]) {
        const err = await all(input, workers).then(
          () => null,
          (e: Error) => e,
        );
        expect(err?.message).toBe(`field ${CHUNK + 3} could not be decrypted`);
      }
    }
  });

  it('stops its workers when the reader stops early', async () => {
    let chunks = 0;
    for await (const chunk of decryptFieldsInOrder(key, sealed, { workers: 2 })) {
      expect(chunk).toEqual(plain.slice(0, CHUNK));
      chunks++;
      break;
    }
    expect(chunks).toBe(1);
  });
});
