/**
 * Host configuration from the environment. Demo mode (the default) works with no
 * settings at all; production mode (`UNION_MODE=production`) refuses to start
 * without its secrets, and never offers demo login.
 *
 * | variable | meaning | default |
 * |---|---|---|
 * | `UNION_MODE` | `demo` or `production` | `demo` |
 * | `PORT` / `HOST` | where to listen | `3000` / `0.0.0.0` |
 * | `UNION_DATA_DIR` | embedded database, generated demo secrets | `data/` |
 * | `DATABASE_URL` | PostgreSQL instead of the embedded SQLite; several host instances may share one database (docs/api.md, Several instances) | unset |
 * | `UNION_FILES_STORE` | where uploaded attachments and photos are kept: `database` (PostgreSQL's `files` table, shared by every instance; needs `DATABASE_URL`), `s3` (an S3-compatible object store, below) or `disk` (the folder `UNION_FILES_DIR`; with several instances it must be one folder they all share) | `database` with `DATABASE_URL`, else `disk` |
 * | `UNION_S3_ENDPOINT` / `UNION_S3_BUCKET` / `UNION_S3_REGION` | with `s3`: the service's URL (path-style: `<endpoint>/<bucket>/<key>`), the bucket, the signing region | — / — / `us-east-1` |
 * | `UNION_S3_ACCESS_KEY_ID` / `UNION_S3_SECRET_ACCESS_KEY` | with `s3`: the credentials (AWS Signature Version 4) | — |
 * | `UNION_FILES_DIR` | the files folder (`disk`); with `database`, files stored there before are still read from it | `$UNION_DATA_DIR/files` |
 * | `UNION_JOB_TICK_MS` | how often an instance looks whether a periodic job (the retention purge) is due; each runs once per China day, on one instance (lease in `job_runs`) | `3600000` (an hour) |
 * | `UNION_SQLITE_GROUP_COMMIT` | `off` commits every mutation in a transaction of its own instead of batching the waiting ones into one commit (cloud/storage/group-commit.ts) | on |
 * | `UNION_SQLITE_SYNC` | `NORMAL` (an acknowledged write survives kill -9; the last commits may be lost on a power cut) or `FULL` (also survives a power cut; about half the check-in throughput, docs/quality.md) | `NORMAL` |
 * | `UNION_PG_POOL` | PostgreSQL connections the host keeps open at most | `10` |
 * | `UNION_SESSION_CACHE_MS` | how long a resolved session is kept in this process (0: off; a session revoked on another instance lives up to this long there) | `5000` |
 * | `UNION_APP_ID` / `UNION_APP_KEY` | LeanCloud-protocol app id and key | `union-demo` / `union-demo-key` in demo |
 * | `UNION_DATA_KEY` | 32-byte key (base64) for personal data and tokens | generated into `data/secrets.json` in demo |
 * | `WECHAT_APP_ID` / `WECHAT_APP_SECRET` | mini-program credentials: login (code2Session), invitation mini-program codes and URL Links (the access token is kept in the database, one for all instances) | unset in demo |
 * | `WECHAT_API_BASE` | WeChat API base URL (tests point it at a fake) | `https://api.weixin.qq.com` |
 * | `WECHAT_ENV_VERSION` | which version of the mini-program the invitation codes and URL Links open: `release`, `trial` or `develop` (codes for `release` are checked against its published pages) | `release` |
 * | `WECHAT_TIMEOUT_MS` | longest wait for one WeChat request; past it an invitation falls back to the H5 link QR | `5000` |
 * | `UNION_PUBLIC_URL` | base URL of the H5 app, for QR-code links | `http://localhost:$PORT` |
 * | `UNION_CORS_ORIGINS` | comma-separated origins allowed to call from a browser | `*` in demo, none in production |
 * | `UNION_STATIC_DIR` | built H5 app to serve | `dist/h5` |
 * | `UNION_RATE_LIMITS` | `on`, or `off` (demo mode only: tests that log in hundreds of times) | `on` |
 * | `UNION_RATE_<LOGIN\|APPLY\|CHECKIN\|LINK>_<IP\|IDENTITY>` | calls per minute (see `rate-limit.ts`; LINK: `membership.joinUrlLink`, per IP and per invitation) | 120/10, 60/10, 600/30, 60/120 |
 * | `UNION_TRUST_PROXY` | number of reverse proxies in front (then `X-Forwarded-For` gives the client IP) | `0` |
 * | `UNION_DRAIN_MS` | on SIGTERM/SIGINT, how long calls already taken may run before their connections are cut | `10000` |
 * | `UNION_METRICS_TOKEN` | turns on `GET /metrics` (Prometheus text format), answered only with `Authorization: Bearer <token>`; at least 16 characters (`openssl rand -hex 24`) | unset: no `/metrics` (404) |
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { StorageConfig } from '../storage/db';
import type { S3Settings } from '../storage/s3-file-store';
import type { WechatConfig } from './wechat';
import { RateLimitConfigError, rateLimitSettingsFromEnv, type RateLimitSettings } from './rate-limit';

export interface HostConfig {
  mode: 'demo' | 'production';
  port: number;
  host: string;
  dataDir: string;
  /** Uploaded attachments and photos (一人一档、诉求照片、规范化建设佐证): `data/files` unless set. */
  filesDir: string;
  /** Where the files are kept: the folder, or PostgreSQL's `files` table (`UNION_FILES_STORE`). */
  filesStore: 'disk' | 'database' | 's3';
  /** With `filesStore: 's3'`: the object store (`UNION_S3_*`). */
  s3: S3Settings | null;
  /** How often periodic jobs are looked at (`UNION_JOB_TICK_MS`). */
  jobTickMs: number;
  storage: StorageConfig;
  appId: string;
  appKey: string;
  dataKey: Buffer;
  wechat: WechatConfig | null;
  publicUrl: string;
  corsOrigins: string[] | '*';
  staticDir: string;
  /** Demo only: the password of the seeded staff accounts. */
  demoStaffPassword: string | null;
  rateLimits: RateLimitSettings;
  /** On SIGTERM/SIGINT: how long calls already taken may run before their connections are cut (`UNION_DRAIN_MS`, default 10 s). */
  drainMs: number;
  /** `GET /metrics` is served, to this bearer token only, when set (`UNION_METRICS_TOKEN`); null: off. */
  metricsToken: string | null;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): HostConfig {
  const mode = env.UNION_MODE ?? 'demo';
  if (mode !== 'demo' && mode !== 'production') throw new ConfigError(`UNION_MODE 只能是 demo 或 production，而不是 ${mode}`);
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT 不正确：${env.PORT}`);
  const dataDir = path.resolve(env.UNION_DATA_DIR ?? 'data');
  const sync = (env.UNION_SQLITE_SYNC || 'NORMAL').toUpperCase();
  if (sync !== 'FULL' && sync !== 'NORMAL') throw new ConfigError('UNION_SQLITE_SYNC 只能是 FULL 或 NORMAL');
  const poolSize = Number(env.UNION_PG_POOL || 10);
  if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 100) throw new ConfigError(`UNION_PG_POOL 应为 1–100 的整数：${env.UNION_PG_POOL}`);
  const storage: StorageConfig = env.DATABASE_URL
    ? { kind: 'postgres', url: env.DATABASE_URL, poolSize }
    : { kind: 'sqlite', file: path.join(dataDir, 'union.db'), synchronous: sync, groupCommit: env.UNION_SQLITE_GROUP_COMMIT !== 'off', checkpointWorker: env.UNION_SQLITE_CHECKPOINT !== 'auto' };
  const envVersion = env.WECHAT_ENV_VERSION || 'release';
  if (envVersion !== 'release' && envVersion !== 'trial' && envVersion !== 'develop') throw new ConfigError('WECHAT_ENV_VERSION 只能是 release、trial 或 develop');
  const wechatTimeoutMs = Number(env.WECHAT_TIMEOUT_MS || 5000);
  if (!Number.isInteger(wechatTimeoutMs) || wechatTimeoutMs < 100 || wechatTimeoutMs > 60_000) throw new ConfigError(`WECHAT_TIMEOUT_MS 应为 100–60000 的整数（毫秒）：${env.WECHAT_TIMEOUT_MS}`);
  const drainMs = Number(env.UNION_DRAIN_MS || 10_000);
  if (!Number.isInteger(drainMs) || drainMs < 0 || drainMs > 600_000) throw new ConfigError(`UNION_DRAIN_MS 应为 0–600000 的整数（毫秒）：${env.UNION_DRAIN_MS}`);
  const metricsToken = env.UNION_METRICS_TOKEN || null;
  if (metricsToken !== null && !/^[\x21-\x7e]{16,256}$/.test(metricsToken)) throw new ConfigError('UNION_METRICS_TOKEN 应为 16–256 个可见 ASCII 字符（如 openssl rand -hex 24 的输出）');
  const filesStore = env.UNION_FILES_STORE || (env.DATABASE_URL ? 'database' : 'disk');
  if (filesStore !== 'disk' && filesStore !== 'database' && filesStore !== 's3') throw new ConfigError('UNION_FILES_STORE 只能是 database、s3 或 disk');
  if (filesStore === 'database' && !env.DATABASE_URL) throw new ConfigError('UNION_FILES_STORE=database 需要 PostgreSQL（DATABASE_URL）；内置数据库的文件保存在本地目录');
  let s3: S3Settings | null = null;
  if (filesStore === 's3') {
    const missing = ['UNION_S3_ENDPOINT', 'UNION_S3_BUCKET', 'UNION_S3_ACCESS_KEY_ID', 'UNION_S3_SECRET_ACCESS_KEY'].filter((k) => !env[k]);
    if (missing.length) throw new ConfigError(`UNION_FILES_STORE=s3 缺少配置：${missing.join('、')}`);
    if (!/^https?:\/\//.test(env.UNION_S3_ENDPOINT!)) throw new ConfigError('UNION_S3_ENDPOINT 须为 http:// 或 https:// 开头的地址');
    s3 = { endpoint: env.UNION_S3_ENDPOINT!, bucket: env.UNION_S3_BUCKET!, region: env.UNION_S3_REGION || 'us-east-1', accessKeyId: env.UNION_S3_ACCESS_KEY_ID!, secretAccessKey: env.UNION_S3_SECRET_ACCESS_KEY! };
  }
  const jobTickMs = Number(env.UNION_JOB_TICK_MS || 3_600_000);
  if (!Number.isInteger(jobTickMs) || jobTickMs < 100 || jobTickMs > 86_400_000) throw new ConfigError(`UNION_JOB_TICK_MS 应为 100–86400000 的整数（毫秒）：${env.UNION_JOB_TICK_MS}`);
  const wechat: WechatConfig | null =
    env.WECHAT_APP_ID && env.WECHAT_APP_SECRET
      ? { appId: env.WECHAT_APP_ID, appSecret: env.WECHAT_APP_SECRET, apiBase: env.WECHAT_API_BASE ?? 'https://api.weixin.qq.com', envVersion, timeoutMs: wechatTimeoutMs }
      : null;
  const common = {
    mode,
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    filesDir: path.resolve(env.UNION_FILES_DIR || path.join(dataDir, 'files')),
    filesStore,
    s3,
    jobTickMs,
    storage,
    wechat,
    publicUrl: env.UNION_PUBLIC_URL ?? `http://localhost:${port}`,
    staticDir: path.resolve(env.UNION_STATIC_DIR ?? 'dist/h5'),
    drainMs,
    metricsToken,
  } as const;

  if (mode === 'production') {
    const missing = ['UNION_APP_ID', 'UNION_APP_KEY', 'UNION_DATA_KEY', 'WECHAT_APP_ID', 'WECHAT_APP_SECRET'].filter((k) => !env[k]);
    if (missing.length) throw new ConfigError(`生产模式缺少必需的配置：${missing.join('、')}`);
    if (env.UNION_APP_KEY === 'union-demo-key') throw new ConfigError('生产模式不能使用演示应用密钥 union-demo-key');
    return {
      ...common,
      appId: env.UNION_APP_ID!,
      appKey: env.UNION_APP_KEY!,
      dataKey: parseDataKey(env.UNION_DATA_KEY!),
      corsOrigins: splitList(env.UNION_CORS_ORIGINS),
      demoStaffPassword: null,
      rateLimits: rateLimitsOf(env, mode),
    };
  }
  const secrets = loadOrCreateDemoSecrets(dataDir);
  return {
    ...common,
    appId: env.UNION_APP_ID ?? 'union-demo',
    appKey: env.UNION_APP_KEY ?? 'union-demo-key',
    dataKey: env.UNION_DATA_KEY ? parseDataKey(env.UNION_DATA_KEY) : parseDataKey(secrets.dataKey),
    corsOrigins: env.UNION_CORS_ORIGINS ? splitList(env.UNION_CORS_ORIGINS) : '*',
    demoStaffPassword: secrets.demoStaffPassword,
    rateLimits: rateLimitsOf(env, mode),
  };
}

function rateLimitsOf(env: Env, mode: 'demo' | 'production'): RateLimitSettings {
  try {
    return rateLimitSettingsFromEnv(env, mode);
  } catch (err) {
    if (err instanceof RateLimitConfigError) throw new ConfigError(err.message);
    throw err;
  }
}

function splitList(v: string | undefined): string[] {
  return (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function parseDataKey(v: string): Buffer {
  const key = Buffer.from(v, 'base64');
  if (key.length !== 32) throw new ConfigError('UNION_DATA_KEY 须为 32 字节的 base64 字符串（openssl rand -base64 32）');
  return key;
}

interface DemoSecrets {
  dataKey: string;
  demoStaffPassword: string;
}

/** Demo secrets are generated once into `data/secrets.json` (mode 0600) and kept. */
function loadOrCreateDemoSecrets(dataDir: string): DemoSecrets {
  const file = path.join(dataDir, 'secrets.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as DemoSecrets;
  fs.mkdirSync(dataDir, { recursive: true });
  const secrets: DemoSecrets = {
    dataKey: randomBytes(32).toString('base64'),
    demoStaffPassword: `Demo${randomBytes(4).toString('hex')}2026`,
  };
  // Written whole to a temporary file, then linked into place: a crash mid-write never leaves a
  // truncated secrets.json (which would stop every later start), and link() fails if another
  // process created it first; then read theirs.
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(secrets, null, 2));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.linkSync(tmp, file);
    return secrets;
  } catch {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as DemoSecrets;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
