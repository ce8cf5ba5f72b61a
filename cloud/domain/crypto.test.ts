import { blindIndex, decryptField, deriveKeys, encryptField, hashSessionToken, newSessionToken, openBytes, sealBytes, signToken, verifyToken } from './crypto';

const keys = deriveKeys(Buffer.alloc(32, 1));
const otherKeys = deriveKeys(Buffer.alloc(32, 2));

describe('field encryption', () => {
  it('round-trips and never shows the plaintext', () => {
    const sealed = encryptField(keys.field, '11010519491231002X');
    expect(sealed).not.toContain('11010519491231002X');
    expect(decryptField(keys.field, sealed)).toBe('11010519491231002X');
  });

  it('uses a fresh IV each time and fails with the wrong key or a changed ciphertext', () => {
    const a = encryptField(keys.field, 'x');
    expect(encryptField(keys.field, 'x')).not.toBe(a);
    expect(() => decryptField(otherKeys.field, a)).toThrow();
    const parts = a.split('.');
    parts[3] = Buffer.from('y').toString('base64url');
    expect(() => decryptField(keys.field, parts.join('.'))).toThrow();
  });
});

describe('blind index', () => {
  it('is stable per key and differs between keys', () => {
    expect(blindIndex(keys.blindIndex, 'a')).toBe(blindIndex(keys.blindIndex, 'a'));
    expect(blindIndex(keys.blindIndex, 'a')).not.toBe(blindIndex(otherKeys.blindIndex, 'a'));
  });
});

describe('signed tokens', () => {
  it('verifies its own tokens and refuses tampered or foreign ones', () => {
    const token = signToken(keys.token, { inv: 'inv_1' });
    expect(verifyToken(keys.token, token)).toEqual({ inv: 'inv_1' });
    expect(verifyToken(otherKeys.token, token)).toBeNull();
    const [body, sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ inv: 'inv_2' })).toString('base64url');
    expect(verifyToken(keys.token, `${forged}.${sig}`)).toBeNull();
    expect(verifyToken(keys.token, `${body}`)).toBeNull();
    expect(verifyToken(keys.token, 'garbage.garbage')).toBeNull();
  });
});

describe('session tokens', () => {
  it('are 256-bit random and stored by hash', () => {
    const t = newSessionToken();
    expect(Buffer.from(t, 'base64url')).toHaveLength(32);
    expect(newSessionToken()).not.toBe(t);
    expect(hashSessionToken(t)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('sealed files (附件加密)', () => {
  const key = deriveKeys(Buffer.alloc(32, 7)).field;
  const bytes = Buffer.from('%PDF-1.7 身份证号 110101199003074578');

  it('round-trips under the same context and hides the content', () => {
    const sealed = sealBytes(key, bytes, 'members/2026/11/abc');
    expect(sealed.includes(Buffer.from('110101199003074578'))).toBe(false);
    expect(openBytes(key, sealed, 'members/2026/11/abc').equals(bytes)).toBe(true);
  });

  it('refuses another context (a file moved under another key), a flipped byte, another key and plain bytes', () => {
    const sealed = sealBytes(key, bytes, 'a');
    expect(() => openBytes(key, sealed, 'b')).toThrow();
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1] ^= 1;
    expect(() => openBytes(key, flipped, 'a')).toThrow();
    expect(() => openBytes(deriveKeys(Buffer.alloc(32, 8)).field, sealed, 'a')).toThrow();
    expect(() => openBytes(key, bytes, 'a')).toThrow('not a sealed file');
  });
});
