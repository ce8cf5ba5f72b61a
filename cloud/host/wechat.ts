/**
 * The host's WeChat client (微信服务端接口). The base URL is configurable so tests run against a
 * local fake of WeChat's API (tests/support/fake-wechat.ts). Secrets (app secret, session_key,
 * access token) are never logged.
 *
 * - `code2Session` (小程序登录): no access token.
 * - `unlimitedCode` (wxacode.getUnlimited, 小程序码) and `urlLink` (URL Link): with the shared access
 *   token of wechat-token.ts; an answer 40001/40014/42001 (token invalid or expired) refreshes it and
 *   retries the call once.
 *
 * Refusals (AppError reasons): `wechat_unavailable` (network, timeout, WeChat's own faults, no
 * token), `wechat_limit` (45009 and other quota answers), `wechat_rejected` (WeChat refused the
 * request itself: a page not in the published version, a bad scene, no permission).
 */
import { AppError } from '../contract/errors';
import type { Db } from '../storage/schema';
import { AccessTokenSource, type TokenFetch } from './wechat-token';

export interface Code2SessionResult {
  openid: string;
  unionid?: string;
  sessionKey: string;
}

export type WechatEnvVersion = 'release' | 'trial' | 'develop';

export interface UnlimitedCodeRequest {
  /** At most 32 visible characters (WeChat's set: letters, digits, `!#$&'()*+,/:;=?@-._~`). */
  scene: string;
  /** A page of the mini-program, without a leading `/` (e.g. `pages/join/index`). */
  page: string;
  /** Width in px (280–1280). */
  width?: number;
}

export interface UrlLinkRequest {
  /** Page without a leading `/`, no query. */
  path: string;
  /** Query string for the page (`t=…`), at most 1024 characters. */
  query: string;
  /** Days until the link stops working (1–30, WeChat's maximum). */
  expireIntervalDays: number;
}

export interface WechatClient {
  appId: string;
  /** The longest one request to WeChat may take. */
  timeoutMs: number;
  code2Session(code: string): Promise<Code2SessionResult>;
  /** A mini-program code (PNG or JPEG bytes; `mimeType` says which). Codes never expire. */
  unlimitedCode(req: UnlimitedCodeRequest): Promise<{ bytes: Buffer; mimeType: 'image/png' | 'image/jpeg' }>;
  /** A URL Link (`https://wxaurl.cn/…`) that opens the page from outside WeChat. */
  urlLink(req: UrlLinkRequest): Promise<{ url: string; expiresAt: Date }>;
  /**
   * `subscribeMessage.send` (订阅消息): WeChat's answer code (0: taken). An invalid or expired token
   * is refreshed and the send retried once; the network, a timeout or WeChat's own fault throws
   * `wechat_unavailable` (the caller retries later).
   */
  sendSubscribeMessage(req: SubscribeMessageRequest): Promise<{ errcode: number; errmsg?: string }>;
  /** Tokens this instance fetched from WeChat (tests, operators). */
  readonly tokensFetched: number;
}

export interface SubscribeMessageRequest {
  touser: string;
  templateId: string;
  /** Page with parameters, no leading `/`. */
  page: string;
  data: Record<string, { value: string }>;
}

export interface WechatConfig {
  appId: string;
  appSecret: string;
  /** Default `https://api.weixin.qq.com`. */
  apiBase: string;
  /** Per request to WeChat (default 5000 ms). */
  timeoutMs?: number;
  /** Which version of the mini-program codes and links open (default `release`). */
  envVersion?: WechatEnvVersion;
}

export interface WechatDeps {
  /** The database where the shared access token lives. */
  db: Db;
  /** Seals the token at rest. */
  sealKey: Buffer;
  log?: { error(message: string, meta?: Record<string, unknown>): void };
  now?: () => number;
}

/** WeChat's answers that mean "this access token is no good": invalid, not the latest, expired. */
const TOKEN_ERRCODES = new Set([40001, 40014, 42001]);
/** Quota answers: daily limit (45009), too fast (44990, 45011), link quota (85400). */
const LIMIT_ERRCODES = new Set([45009, 44990, 45011, 85400]);

type WechatJson = { errcode?: number; errmsg?: string } & Record<string, unknown>;

export function createWechatClient(config: WechatConfig, deps: WechatDeps): WechatClient {
  const timeoutMs = config.timeoutMs ?? 5000;
  const envVersion = config.envVersion ?? 'release';
  const log = deps.log ?? { error: () => undefined };

  async function post(path: string, body: unknown, query?: Record<string, string>): Promise<Response> {
    const url = new URL(path, config.apiBase);
    for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
    return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
  }

  const tokens = new AccessTokenSource({
    appId: config.appId,
    db: deps.db,
    sealKey: deps.sealKey,
    timeoutMs,
    now: deps.now,
    async fetchToken(): Promise<TokenFetch> {
      let json: WechatJson;
      try {
        const res = await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: config.appId, secret: config.appSecret, force_refresh: false });
        json = (await res.json()) as WechatJson;
      } catch (err) {
        log.error('wechat token fetch failed', { api: 'stable_token', error: errorName(err) });
        throw new AppError('wechat_unavailable', '微信服务暂时不可用，请稍后再试');
      }
      if (typeof json.access_token !== 'string' || typeof json.expires_in !== 'number') {
        log.error('wechat token refused', { api: 'stable_token', errcode: json.errcode, errmsg: json.errmsg });
        throw json.errcode && LIMIT_ERRCODES.has(json.errcode) ? new AppError('wechat_limit') : new AppError('wechat_unavailable', '微信接口凭证获取失败，请检查小程序 AppID 与 AppSecret');
      }
      return { accessToken: json.access_token, expiresInSec: json.expires_in };
    },
  });

  /** Like `withToken`, but WeChat's refusals are answered as `{errcode}` instead of thrown. */
  async function withTokenAnswer(api: string, path: string, body: unknown): Promise<WechatJson> {
    let rejected: string | undefined;
    for (let attempt = 0; ; attempt++) {
      const token = await tokens.get(rejected);
      let json: WechatJson;
      try {
        const res = await post(path, body, { access_token: token });
        json = (await res.json()) as WechatJson;
      } catch (err) {
        log.error('wechat call failed', { api, error: errorName(err) });
        throw new AppError('wechat_unavailable', '微信服务暂时不可用，请稍后再试');
      }
      const errcode = json.errcode ?? 0;
      if (TOKEN_ERRCODES.has(errcode) && attempt === 0) {
        rejected = token;
        continue;
      }
      return json;
    }
  }

  /** Calls an API that takes the access token; retries once with a fresh token when WeChat says it is invalid or expired. */
  async function withToken(api: string, path: string, body: unknown): Promise<Response | WechatJson> {
    let rejected: string | undefined;
    for (let attempt = 0; ; attempt++) {
      const token = await tokens.get(rejected);
      let res: Response;
      let json: WechatJson;
      try {
        res = await post(path, body, { access_token: token });
        if (/^image\//i.test(res.headers.get('content-type') ?? '')) return res;
        json = (await res.json()) as WechatJson;
      } catch (err) {
        log.error('wechat call failed', { api, error: errorName(err) });
        throw new AppError('wechat_unavailable', '微信服务暂时不可用，请稍后再试');
      }
      const errcode = json.errcode ?? 0;
      if (errcode === 0) return json;
      if (TOKEN_ERRCODES.has(errcode) && attempt === 0) {
        rejected = token;
        continue;
      }
      log.error('wechat call refused', { api, errcode, errmsg: json.errmsg });
      if (LIMIT_ERRCODES.has(errcode)) throw new AppError('wechat_limit');
      if (TOKEN_ERRCODES.has(errcode) || errcode === -1) throw new AppError('wechat_unavailable', '微信服务暂时不可用，请稍后再试');
      throw new AppError('wechat_rejected', `微信拒绝了该请求（错误码 ${errcode}），请联系管理员检查小程序配置`);
    }
  }

  return {
    appId: config.appId,
    timeoutMs,
    get tokensFetched() {
      return tokens.fetched;
    },

    async code2Session(code) {
      const url = new URL('/sns/jscode2session', config.apiBase);
      url.searchParams.set('appid', config.appId);
      url.searchParams.set('secret', config.appSecret);
      url.searchParams.set('js_code', code);
      url.searchParams.set('grant_type', 'authorization_code');
      let body: { openid?: string; unionid?: string; session_key?: string; errcode?: number; errmsg?: string };
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
        body = (await res.json()) as typeof body;
      } catch {
        // The URL carries the app secret: never log it.
        throw new AppError('wechat_unavailable');
      }
      if (body.errcode) {
        if (body.errcode === 40029 || body.errcode === 40163 || body.errcode === 40226) throw new AppError('wechat_code_invalid');
        if (body.errcode === 45011) throw new AppError('rate_limited');
        throw new AppError('wechat_unavailable');
      }
      if (!body.openid || !body.session_key) throw new AppError('wechat_unavailable');
      return { openid: body.openid, unionid: body.unionid, sessionKey: body.session_key };
    },

    async unlimitedCode(req) {
      const answer = await withToken('wxacode.getUnlimited', '/wxa/getwxacodeunlimit', {
        scene: req.scene,
        page: req.page,
        // Only a published (release) version can be checked for the page; trial and develop versions cannot.
        check_path: envVersion === 'release',
        env_version: envVersion,
        width: req.width ?? 430,
      });
      if (!(answer instanceof Response)) throw new AppError('wechat_unavailable', '微信服务暂时不可用，请稍后再试');
      let bytes: Buffer;
      try {
        bytes = Buffer.from(await answer.arrayBuffer());
      } catch (err) {
        log.error('wechat call failed', { api: 'wxacode.getUnlimited', error: errorName(err) });
        throw new AppError('wechat_unavailable', '微信服务暂时不可用，请稍后再试');
      }
      const mimeType = isPng(bytes) ? 'image/png' : isJpeg(bytes) ? 'image/jpeg' : null;
      if (!mimeType) {
        log.error('wechat call answered no image', { api: 'wxacode.getUnlimited', bytes: bytes.length });
        throw new AppError('wechat_unavailable', '微信服务暂时不可用，请稍后再试');
      }
      return { bytes, mimeType };
    },

    async sendSubscribeMessage(req) {
      const json = await withTokenAnswer('subscribeMessage.send', '/cgi-bin/message/subscribe/send', {
        touser: req.touser,
        template_id: req.templateId,
        page: req.page,
        data: req.data,
        miniprogram_state: envVersion === 'release' ? 'formal' : envVersion === 'trial' ? 'trial' : 'developer',
        lang: 'zh_CN',
      });
      return { errcode: Number(json.errcode ?? 0), errmsg: typeof json.errmsg === 'string' ? json.errmsg : undefined };
    },

    async urlLink(req) {
      const days = Math.min(30, Math.max(1, Math.floor(req.expireIntervalDays)));
      const startedAt = deps.now ? deps.now() : Date.now();
      const answer = await withToken('urllink.generate', '/wxa/generate_urllink', {
        path: req.path,
        query: req.query,
        expire_type: 1,
        expire_interval: days,
        env_version: envVersion,
      });
      const url = answer instanceof Response ? undefined : answer.url_link;
      if (typeof url !== 'string' || !/^https:\/\//.test(url)) {
        log.error('wechat call answered no link', { api: 'urllink.generate' });
        throw new AppError('wechat_unavailable', '微信服务暂时不可用，请稍后再试');
      }
      // Counted from before the request: the link is never thought to live longer than it does.
      return { url, expiresAt: new Date(startedAt + days * 86_400_000) };
    },
  };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function isPng(bytes: Buffer): boolean {
  return bytes.length > 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE);
}

function isJpeg(bytes: Buffer): boolean {
  return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

function errorName(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
