/**
 * A local stand-in for WeChat's server APIs, speaking their documented requests and answers:
 *
 * - `GET /sns/jscode2session` (code2Session): `{openid, session_key, unionid?}` or `{errcode, errmsg}`.
 *   Codes: `ok-<name>` → openid `openid-<name>`; `used` → 40163; anything else → 40029.
 * - `POST /cgi-bin/stable_token` `{grant_type: 'client_credential', appid, secret, force_refresh?}` →
 *   `{access_token, expires_in}`. Normal mode answers the current token while it has more than five
 *   minutes left (WeChat renews it in its last five), force mode always a new one (the old one dies).
 *   40002 bad grant_type, 40013 bad appid, 40125 bad secret.
 * - `POST /wxa/getwxacodeunlimit?access_token=` `{scene, page, check_path, env_version, width}` →
 *   raw PNG bytes (`image/png`, a real QR of `wxacode:<page>?<scene>`, drawn small), or JSON `{errcode, errmsg}`:
 *   40169 invalid scene (empty, over 32 characters, outside WeChat's character set), 41030 invalid
 *   page (leading `/`, or not a published page with `check_path`), 40097 invalid env_version or width,
 *   45009 when the daily limit is reached (`setLimitReached`).
 * - `POST /wxa/generate_urllink?access_token=` `{path, query, expire_type, expire_interval | expire_time,
 *   env_version}` → `{errcode: 0, errmsg: 'ok', url_link: 'https://wxaurl.cn/…'}`; 40165 invalid path,
 *   40212 invalid query, 85401 bad expire_time, 85402 bad expire_interval/env_version, 45009 limit.
 *
 * - `POST /cgi-bin/message/subscribe/send?access_token=` `{touser, template_id, page?, data,
 *   miniprogram_state?, lang?}` (subscribeMessage.send) → `{errcode: 0, errmsg: 'ok', msgid}`, with
 *   WeChat's checks: 40003 unknown openid (not `openid-…`), 40037 template id not added
 *   (`addTemplate`), 47003 data keys not the template's or a value over its type's limit (thing ≤ 20,
 *   phrase ≤ 5 Chinese, name ≤ 10, character_string/number/letter ≤ 32, time/date formats),
 *   41030 page not published, 43101 no acceptance left (`accept` gives one send per acceptance,
 *   used by a send), 40001/42001 token. `failSends(errcode, n)` answers the next n sends with
 *   errcode; `sendMode` `'hang'` never answers a send, `'take-and-hang'` counts it delivered
 *   (in `delivered`) and then never answers (a host killed after WeChat took the message).
 *
 * Every call that takes an access token checks it: missing 41001, unknown or replaced 40001,
 * expired 42001 (`expireTokens` ages every issued token; `invalidateTokens` makes them unknown).
 * `outage` makes every API hang (`'hang'`, until the client's timeout) or answer HTTP 503 (`'down'`).
 * Every request is counted (`count(path)`), with its parsed JSON body (`calls`).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';

/** Pages of the "published" fake mini-program (check_path validates against them). */
export const FAKE_PUBLISHED_PAGES = [
  'pages/index/index',
  'pages/join/index',
  'pages/login/index',
  'pages/card/index',
  // Pages that subscribe messages open (tests/integration/notify.test.ts).
  'pages/membership/index',
  'pages/activity-detail/index',
  'pages/request/index',
  'pages/notice/index',
  'packages/staff/pages/applications/index',
  'packages/staff/pages/fund-ledger/index',
  'packages/staff/pages/fund-period/index',
];

export interface FakeWechatCall {
  path: string;
  url: URL;
  body: Record<string, unknown> | null;
}

export interface FakeWechat {
  url: string;
  appId: string;
  appSecret: string;
  /** Every request's URL, in order. */
  requests: URL[];
  /** Every request with its JSON body. */
  calls: FakeWechatCall[];
  /** How many requests reached `path` (e.g. `/cgi-bin/stable_token`). */
  count(path: string): number;
  /** Tokens issued so far. */
  readonly tokensIssued: number;
  /** Every issued token is now expired (answers 42001); the next stable_token issues a new one. */
  expireTokens(): void;
  /** Every issued token is now unknown (answers 40001), as after a force refresh elsewhere. */
  invalidateTokens(): void;
  /** `hang`: never answer (the client times out); `down`: HTTP 503; `none`: normal. */
  outage: 'none' | 'hang' | 'down';
  /** The day's quota of codes and links is used up (45009). */
  setLimitReached(reached: boolean): void;
  /** Adds a subscribe-message template with its data keys (`thing1`, `time2`, …). */
  addTemplate(templateId: string, keys: string[]): void;
  /** The person accepted the template `times` times (each allows one send). */
  accept(openid: string, templateId: string, times?: number): void;
  /** Acceptances left. */
  acceptancesLeft(openid: string, templateId: string): number;
  /** Subscribe messages WeChat took (in order). */
  delivered: { touser: string; templateId: string; page: string; data: Record<string, { value: string }> }[];
  /** The next `times` sends answer `errcode` (after the token check). */
  failSends(errcode: number, times: number): void;
  /** How sends are answered (see above). */
  sendMode: 'normal' | 'hang' | 'take-and-hang';
  /** How long a new token lives (seconds; WeChat: 7200). */
  tokenLifetimeSec: number;
  /** The pages of the published mini-program (a copy of FAKE_PUBLISHED_PAGES; tests may change it). */
  publishedPages: string[];
  close(): Promise<void>;
}

/** WeChat's limits per data type (the key's letters: `thing1` → thing). */
function validValue(key: string, value: string): boolean {
  const type = key.replace(/\d+$/, '');
  const n = [...value].length;
  switch (type) {
    case 'thing':
      return n >= 1 && n <= 20;
    case 'phrase':
      return n >= 1 && n <= 5 && /^\p{Script=Han}+$/u.test(value);
    case 'name':
      return n >= 1 && n <= 10;
    case 'character_string':
      return n >= 1 && n <= 32 && /^[0-9A-Za-z_\-.:/]+$/.test(value);
    case 'number':
      return n >= 1 && n <= 32 && /^[0-9.]+$/.test(value);
    case 'letter':
      return n >= 1 && n <= 32 && /^[A-Za-z]+$/.test(value);
    case 'time':
      return /^\d{4}年\d{2}月\d{2}日( \d{2}:\d{2})?$/.test(value) || /^\d{2}:\d{2}$/.test(value);
    case 'date':
      return /^\d{4}年\d{2}月\d{2}日$/.test(value);
    default:
      return false;
  }
}

const SCENE_CHARS = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;
const QUERY_CHARS = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~%]{0,1024}$/;
const ENV_VERSIONS = ['release', 'trial', 'develop'];

export async function startFakeWechat(): Promise<FakeWechat> {
  const appId = 'wx-test-app';
  const appSecret = 'wx-test-secret';
  const requests: URL[] = [];
  const calls: FakeWechatCall[] = [];
  /** token → expiry (ms); absent: unknown. */
  const tokens = new Map<string, number>();
  let current: string | null = null;
  let limitReached = false;
  const hanging = new Set<http.ServerResponse>();
  const templates = new Map<string, string[]>();
  const quota = new Map<string, number>();
  const failures: number[] = [];
  const hang = (res: http.ServerResponse) => {
    hanging.add(res);
    res.on('close', () => hanging.delete(res));
  };

  const fake: FakeWechat = {
    url: '',
    appId,
    appSecret,
    requests,
    calls,
    count: (path) => calls.filter((c) => c.path === path).length,
    get tokensIssued() {
      return issued;
    },
    expireTokens() {
      for (const t of tokens.keys()) tokens.set(t, Date.now() - 1);
    },
    invalidateTokens() {
      tokens.clear();
      current = null;
    },
    outage: 'none',
    setLimitReached(reached) {
      limitReached = reached;
    },
    addTemplate(templateId, keys) {
      templates.set(templateId, keys);
    },
    accept(openid, templateId, times = 1) {
      const k = `${openid}|${templateId}`;
      quota.set(k, (quota.get(k) ?? 0) + times);
    },
    acceptancesLeft: (openid, templateId) => quota.get(`${openid}|${templateId}`) ?? 0,
    delivered: [],
    failSends(errcode, times) {
      for (let i = 0; i < times; i++) failures.push(errcode);
    },
    sendMode: 'normal',
    tokenLifetimeSec: 7200,
    publishedPages: [...FAKE_PUBLISHED_PAGES],
    close: () =>
      new Promise<void>((r) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  let issued = 0;

  function newToken(): string {
    issued++;
    const token = `ACCESS_${randomBytes(12).toString('hex')}`;
    tokens.set(token, Date.now() + fake.tokenLifetimeSec * 1000);
    current = token;
    return token;
  }

  /** null when the token is good, else WeChat's error answer. */
  function tokenProblem(url: URL): { errcode: number; errmsg: string } | null {
    const token = url.searchParams.get('access_token');
    if (!token) return { errcode: 41001, errmsg: 'access_token missing' };
    const expiresAt = tokens.get(token);
    if (expiresAt === undefined) return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' };
    if (expiresAt <= Date.now()) return { errcode: 42001, errmsg: 'access_token expired' };
    return null;
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void handle(req, res, Buffer.concat(chunks)).catch(() => {
        res.writeHead(500);
        res.end();
      });
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    requests.push(url);
    let body: Record<string, unknown> | null = null;
    if (raw.length) {
      try {
        body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      } catch {
        body = null;
      }
    }
    calls.push({ path: url.pathname, url, body });
    const send = (answer: unknown) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(answer));
    };
    if (fake.outage === 'hang') {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (fake.outage === 'down') {
      res.writeHead(503, { 'Content-Type': 'text/html' });
      res.end('<html>503 Service Unavailable</html>');
      return;
    }

    if (url.pathname === '/sns/jscode2session') {
      if (url.searchParams.get('appid') !== appId || url.searchParams.get('secret') !== appSecret) return send({ errcode: 40125, errmsg: 'invalid appsecret' });
      if (url.searchParams.get('grant_type') !== 'authorization_code') return send({ errcode: 40002, errmsg: 'invalid grant_type' });
      const code = url.searchParams.get('js_code') ?? '';
      if (code === 'used') return send({ errcode: 40163, errmsg: 'code been used' });
      if (code.startsWith('ok-')) return send({ openid: `openid-${code.slice(3)}`, session_key: `sk-${code}-secret`, unionid: `unionid-${code.slice(3)}` });
      return send({ errcode: 40029, errmsg: 'invalid code' });
    }

    if (url.pathname === '/cgi-bin/stable_token') {
      if (req.method !== 'POST' || !body) return send({ errcode: 47001, errmsg: 'data format error' });
      if (body.grant_type !== 'client_credential') return send({ errcode: 40002, errmsg: 'invalid grant_type' });
      if (body.appid !== appId) return send({ errcode: 40013, errmsg: 'invalid appid' });
      if (body.secret !== appSecret) return send({ errcode: 40125, errmsg: 'invalid appsecret' });
      if (body.force_refresh === true) tokens.clear();
      const left = current ? (tokens.get(current) ?? 0) - Date.now() : 0;
      const token = current && left > 5 * 60_000 ? current : newToken();
      return send({ access_token: token, expires_in: Math.round(((tokens.get(token) ?? 0) - Date.now()) / 1000) });
    }

    if (url.pathname === '/wxa/getwxacodeunlimit') {
      if (req.method !== 'POST' || !body) return send({ errcode: 47001, errmsg: 'data format error' });
      const problem = tokenProblem(url);
      if (problem) return send(problem);
      const scene = body.scene;
      if (typeof scene !== 'string' || !SCENE_CHARS.test(scene)) return send({ errcode: 40169, errmsg: 'invalid length for scene, or the data is not json string' });
      const page = body.page ?? '';
      const checkPath = body.check_path ?? true;
      if (typeof page !== 'string' || page.startsWith('/') || (checkPath !== false && page !== '' && !fake.publishedPages.includes(page))) {
        return send({ errcode: 41030, errmsg: 'invalid page' });
      }
      const env = body.env_version ?? 'release';
      if (typeof env !== 'string' || !ENV_VERSIONS.includes(env)) return send({ errcode: 40097, errmsg: 'invalid args: env_version' });
      if (checkPath !== false && env !== 'release') return send({ errcode: 40097, errmsg: 'invalid args: check_path needs env_version release' });
      const width = body.width ?? 430;
      if (typeof width !== 'number' || width < 280 || width > 1280) return send({ errcode: 40097, errmsg: 'invalid args: width' });
      if (limitReached) return send({ errcode: 45009, errmsg: 'reach max api daily quota limit' });
      // A real PNG of a real QR code, drawn small (2 px a module) rather than at `width`: 50 parallel
      // codes at 430 px cost the test process about a second of CPU.
      const png = await QRCode.toBuffer(`wxacode:${page}?${scene}`, { type: 'png', scale: 2, margin: 1 });
      res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': png.length });
      res.end(png);
      return;
    }

    if (url.pathname === '/wxa/generate_urllink') {
      if (req.method !== 'POST' || !body) return send({ errcode: 47001, errmsg: 'data format error' });
      const problem = tokenProblem(url);
      if (problem) return send(problem);
      const path = body.path ?? '';
      if (typeof path !== 'string' || path.startsWith('/') || path.includes('?') || (path !== '' && !fake.publishedPages.includes(path))) {
        return send({ errcode: 40165, errmsg: 'invalid weapp pagepath' });
      }
      const query = body.query ?? '';
      if (typeof query !== 'string' || !QUERY_CHARS.test(query)) return send({ errcode: 40212, errmsg: 'invalid query' });
      const env = body.env_version ?? 'release';
      if (typeof env !== 'string' || !ENV_VERSIONS.includes(env)) return send({ errcode: 85402, errmsg: 'invalid env_version' });
      if (body.expire_type === 1) {
        const days = body.expire_interval;
        if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 30) return send({ errcode: 85402, errmsg: 'invalid expire_interval, between 1 and 30 days' });
      } else if (body.expire_type === 0 || body.expire_type === undefined) {
        const at = body.expire_time;
        const now = Date.now() / 1000;
        if (typeof at !== 'number' || at < now + 60 || at > now + 30 * 86400) return send({ errcode: 85401, errmsg: 'time limit between 1min and 30days' });
      } else {
        return send({ errcode: 40097, errmsg: 'invalid args: expire_type' });
      }
      if (limitReached) return send({ errcode: 45009, errmsg: 'reach max api daily quota limit' });
      return send({ errcode: 0, errmsg: 'ok', url_link: `https://wxaurl.cn/${randomBytes(6).toString('base64url')}` });
    }

    if (url.pathname === '/cgi-bin/message/subscribe/send') {
      if (req.method !== 'POST' || !body) return send({ errcode: 47001, errmsg: 'data format error' });
      const problem = tokenProblem(url);
      if (problem) return send(problem);
      if (fake.sendMode === 'hang') return hang(res);
      const failure = failures.shift();
      if (failure !== undefined) return send({ errcode: failure, errmsg: `forced ${failure}` });
      const touser = body.touser;
      if (typeof touser !== 'string' || !touser.startsWith('openid-')) return send({ errcode: 40003, errmsg: 'invalid openid' });
      const templateId = body.template_id;
      const keys = typeof templateId === 'string' ? templates.get(templateId) : undefined;
      if (!keys || typeof templateId !== 'string') return send({ errcode: 40037, errmsg: 'invalid template_id' });
      const page = body.page ?? '';
      if (typeof page !== 'string' || page.startsWith('/') || (page !== '' && !fake.publishedPages.includes(page.split('?')[0] ?? ''))) return send({ errcode: 41030, errmsg: 'invalid page' });
      const data = body.data as Record<string, { value?: unknown }> | undefined;
      if (!data || typeof data !== 'object') return send({ errcode: 47003, errmsg: 'argument invalid! data is empty' });
      const given = Object.keys(data).sort();
      if (given.join() !== [...keys].sort().join()) return send({ errcode: 47003, errmsg: `argument invalid! data keys ${given.join()}` });
      for (const [key, v] of Object.entries(data)) {
        if (typeof v?.value !== 'string' || !validValue(key, v.value)) return send({ errcode: 47003, errmsg: `argument invalid! data.${key}.value invalid` });
      }
      const k = `${touser}|${templateId}`;
      const left = quota.get(k) ?? 0;
      if (left <= 0) return send({ errcode: 43101, errmsg: 'user refuse to accept the msg' });
      quota.set(k, left - 1);
      fake.delivered.push({ touser, templateId, page, data: data as Record<string, { value: string }> });
      if (fake.sendMode === 'take-and-hang') return hang(res);
      return send({ errcode: 0, errmsg: 'ok', msgid: Date.now() });
    }

    return send({ errcode: 404, errmsg: 'not found' });
  }

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
