/**
 * WeChat's code2Session (小程序登录凭证校验). The base URL is configurable so tests
 * run against a local fake of WeChat's API. `session_key` stays on the server.
 */
import { AppError } from '../contract/errors';

export interface Code2SessionResult {
  openid: string;
  unionid?: string;
  sessionKey: string;
}

export interface WechatClient {
  code2Session(code: string): Promise<Code2SessionResult>;
}

export interface WechatConfig {
  appId: string;
  appSecret: string;
  /** Default `https://api.weixin.qq.com`. */
  apiBase: string;
  timeoutMs?: number;
}

export function createWechatClient(config: WechatConfig): WechatClient {
  return {
    async code2Session(code) {
      const url = new URL('/sns/jscode2session', config.apiBase);
      url.searchParams.set('appid', config.appId);
      url.searchParams.set('secret', config.appSecret);
      url.searchParams.set('js_code', code);
      url.searchParams.set('grant_type', 'authorization_code');
      let body: { openid?: string; unionid?: string; session_key?: string; errcode?: number; errmsg?: string };
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(config.timeoutMs ?? 5000) });
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
  };
}
