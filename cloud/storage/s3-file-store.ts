/**
 * Files in an S3-compatible object store (MinIO, Ceph, 腾讯云 COS, 阿里云 OSS in S3 mode, AWS):
 * `UNION_FILES_STORE=s3`, shared by every instance like the database's `files` table, for deployments
 * that keep large files out of the database. Path-style addresses (`<endpoint>/<bucket>/<key>`),
 * requests signed with AWS Signature Version 4 (node:crypto; no SDK, the three calls we need are
 * small). A PUT answered 200 is stored durably by the service; a missing object reads as null; a
 * delete of a missing object is not an error (S3 answers 204 either way).
 */
import { createHash, createHmac } from 'node:crypto';
import { assertFileKey, type FileStore } from './file-store';

export interface S3Settings {
  /** `https://…` (or `http://127.0.0.1:…` for a local test server), without the bucket. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Longest wait for one request. */
  timeoutMs?: number;
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
/** RFC 3986 encoding as SigV4 wants it, for one path segment. */
const encodeSegment = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export class S3FileStore implements FileStore {
  readonly describe: string;
  readonly #s: S3Settings;
  readonly #base: URL;

  constructor(settings: S3Settings, private readonly clock: () => Date = () => new Date()) {
    this.#s = settings;
    this.#base = new URL(settings.endpoint);
    this.describe = `S3 兼容对象存储 ${this.#base.host}/${settings.bucket}`;
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const res = await this.#request('PUT', key, bytes);
    if (res.status !== 200) throw await s3Error('PUT', key, res);
  }

  async get(key: string): Promise<Buffer | null> {
    const res = await this.#request('GET', key);
    if (res.status === 404) {
      await res.arrayBuffer();
      return null;
    }
    if (res.status !== 200) throw await s3Error('GET', key, res);
    return Buffer.from(await res.arrayBuffer());
  }

  async delete(key: string): Promise<void> {
    const res = await this.#request('DELETE', key);
    await res.arrayBuffer();
    if (res.status !== 204 && res.status !== 200 && res.status !== 404) throw new Error(`S3 DELETE ${key}: HTTP ${res.status}`);
  }

  /** One signed request (SigV4, payload hashed, headers host + x-amz-content-sha256 + x-amz-date). */
  #request(method: 'PUT' | 'GET' | 'DELETE', key: string, body?: Uint8Array): Promise<Response> {
    assertFileKey(key);
    const s = this.#s;
    const basePath = this.#base.pathname.replace(/\/+$/, '');
    const path = `${basePath}/${encodeSegment(s.bucket)}/${key.split('/').map(encodeSegment).join('/')}`;
    const amzDate = this.clock().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const day = amzDate.slice(0, 8);
    const payloadHash = sha256(body ?? '');
    const host = this.#base.host;
    const canonical = [method, path, '', `host:${host}`, `x-amz-content-sha256:${payloadHash}`, `x-amz-date:${amzDate}`, '', 'host;x-amz-content-sha256;x-amz-date', payloadHash].join('\n');
    const scope = `${day}/${s.region}/s3/aws4_request`;
    const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
    const signingKey = hmac(hmac(hmac(hmac(`AWS4${s.secretAccessKey}`, day), s.region), 's3'), 'aws4_request');
    const signature = createHmac('sha256', signingKey).update(toSign).digest('hex');
    return fetch(new URL(path, this.#base), {
      method,
      headers: {
        'x-amz-content-sha256': payloadHash,
        'x-amz-date': amzDate,
        authorization: `AWS4-HMAC-SHA256 Credential=${s.accessKeyId}/${scope}, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=${signature}`,
      },
      body: body ? new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength) : undefined,
      signal: AbortSignal.timeout(s.timeoutMs ?? 30_000),
    });
  }
}

async function s3Error(method: string, key: string, res: Response): Promise<Error> {
  const text = (await res.text()).slice(0, 300);
  const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
  return new Error(`S3 ${method} ${key}: HTTP ${res.status}${code ? ` ${code}` : ''}`);
}
