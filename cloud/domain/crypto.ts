/**
 * Field encryption (personal data at rest), blind indexes and signed tokens.
 * All keys derive from one 32-byte data key (HKDF), so an operator keeps one secret.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, randomFillSync, timingSafeEqual } from 'node:crypto';

export interface Keys {
  /** AES-256-GCM key for personal fields (身份证号, 手机号, WeChat session keys). */
  field: Buffer;
  /** HMAC key for blind indexes (duplicate checks without decrypting). */
  blindIndex: Buffer;
  /** HMAC key for signed tokens (invitations, member QR). */
  token: Buffer;
}

export function deriveKeys(dataKey: Buffer): Keys {
  if (dataKey.length !== 32) throw new Error('数据加密密钥须为 32 字节');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), info, 32));
  return { field: derive('union/field/v1'), blindIndex: derive('union/bidx/v1'), token: derive('union/token/v1') };
}

const b64u = (b: Buffer) => b.toString('base64url');
const fromB64u = (s: string) => Buffer.from(s, 'base64url');

const SEALED_FILE_MAGIC = Buffer.from('UF1\0', 'latin1');

/**
 * Encrypts a file's bytes (一人一档附件 hold certificates with names and ID numbers) with
 * AES-256-GCM: `UF1\0 | iv (12) | tag (16) | ciphertext`. `context` (the file's store key) is
 * bound as associated data, so a file copied under another key does not open.
 */
export function sealBytes(key: Buffer, bytes: Uint8Array, context: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ct = Buffer.concat([cipher.update(bytes), cipher.final()]);
  return Buffer.concat([SEALED_FILE_MAGIC, iv, cipher.getAuthTag(), ct]);
}

/** The bytes sealed by `sealBytes` under the same `context`; throws when tampered, moved or not sealed. */
export function openBytes(key: Buffer, sealed: Buffer, context: string): Buffer {
  if (sealed.length < 32 || !sealed.subarray(0, 4).equals(SEALED_FILE_MAGIC)) throw new Error('not a sealed file');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(4, 16));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(sealed.subarray(16, 32));
  return Buffer.concat([decipher.update(sealed.subarray(32)), decipher.final()]);
}

/** `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
export function encryptField(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `v1.${b64u(iv)}.${b64u(cipher.getAuthTag())}.${b64u(ct)}`;
}

export function decryptField(key: Buffer, sealed: string): string {
  const [v, iv, tag, ct] = sealed.split('.');
  if (v !== 'v1' || !iv || !tag || ct === undefined) throw new Error('unknown ciphertext format');
  const decipher = createDecipheriv('aes-256-gcm', key, fromB64u(iv));
  decipher.setAuthTag(fromB64u(tag));
  return Buffer.concat([decipher.update(fromB64u(ct)), decipher.final()]).toString('utf8');
}

export function blindIndex(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex');
}

/** A compact signed token `<payload>.<sig>` (payload is base64url JSON). */
export function signToken(key: Buffer, payload: Record<string, unknown>): string {
  const body = b64u(Buffer.from(JSON.stringify(payload), 'utf8'));
  const sig = b64u(createHmac('sha256', key).update(body).digest().subarray(0, 16));
  return `${body}.${sig}`;
}

/** Returns the payload when the signature is right, otherwise null (never throws on bad input). */
export function verifyToken(key: Buffer, token: string): Record<string, unknown> | null {
  const [body, sig] = token.split('.');
  if (!body || !sig || token.split('.').length !== 2) return null;
  const expected = createHmac('sha256', key).update(body).digest().subarray(0, 16);
  const given = fromB64u(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const value: unknown = JSON.parse(fromB64u(body).toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A new random session token: 256 bits, base64url. */
export function newSessionToken(): string {
  return b64u(randomBytes(32));
}

/** Sessions are stored by this hash, so a leaked database does not leak live tokens. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A random opaque id with a readable prefix (`usr_…`). */
// Ids take their 12 random bytes from a pool filled 4 KB at a time (one CSPRNG call per ~340 ids
// instead of one each; every byte is used once): randomBytes per id was ≈ 3 % of a check-in's CPU.
const ID_BYTES = 12;
const idPool = Buffer.alloc(ID_BYTES * 341);
let idPoolAt = idPool.length;

export function newId(prefix: string): string {
  if (idPoolAt + ID_BYTES > idPool.length) {
    randomFillSync(idPool);
    idPoolAt = 0;
  }
  const id = idPool.toString('base64url', idPoolAt, idPoolAt + ID_BYTES);
  idPoolAt += ID_BYTES;
  return `${prefix}_${id}`;
}
