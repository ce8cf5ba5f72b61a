/**
 * A local stand-in for WeChat's `GET /sns/jscode2session` (code2Session), speaking
 * its documented answers: `{openid, session_key, unionid?}` or `{errcode, errmsg}`.
 * Codes: `ok-<name>` → openid `openid-<name>`; `used` → 40163; anything else → 40029.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeWechat {
  url: string;
  appId: string;
  appSecret: string;
  requests: URL[];
  close(): Promise<void>;
}

export async function startFakeWechat(): Promise<FakeWechat> {
  const appId = 'wx-test-app';
  const appSecret = 'wx-test-secret';
  const requests: URL[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    requests.push(url);
    const send = (body: unknown) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname !== '/sns/jscode2session') return send({ errcode: 404, errmsg: 'not found' });
    if (url.searchParams.get('appid') !== appId || url.searchParams.get('secret') !== appSecret) {
      return send({ errcode: 40125, errmsg: 'invalid appsecret' });
    }
    if (url.searchParams.get('grant_type') !== 'authorization_code') return send({ errcode: 40002, errmsg: 'invalid grant_type' });
    const code = url.searchParams.get('js_code') ?? '';
    if (code === 'used') return send({ errcode: 40163, errmsg: 'code been used' });
    if (code.startsWith('ok-')) return send({ openid: `openid-${code.slice(3)}`, session_key: `sk-${code}-secret`, unionid: `unionid-${code.slice(3)}` });
    return send({ errcode: 40029, errmsg: 'invalid code' });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    appId,
    appSecret,
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
