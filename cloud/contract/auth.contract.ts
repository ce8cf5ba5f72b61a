import { z } from 'zod';
import { defineContract } from './define';
import { id } from './common';
import { PERSONAS, type RoleGrant, type UnionKind } from './labels';

/** Who is logged in, as the app sees it. */
export interface SessionUser {
  id: string;
  /** Display name (姓名 or account name). */
  displayName: string;
  roles: RoleGrant[];
  /** Present when the user is an approved member (会员). */
  memberOf?: { unionId: string; unionName: string; unionKind: UnionKind; memberNo: string; memberId: string };
}

export interface LoginResult {
  sessionToken: string;
  user: SessionUser;
}

/**
 * Demo-mode login as a persona. Only registered when the host runs in demo mode.
 * `staff`, `chair`, `reviewer` need `unionId`; `member` defaults to the first base union.
 */
export const devLogin = defineContract<LoginResult>()(
  'auth.devLogin',
  z.strictObject({
    /** Which kind of person to be. */
    persona: z.enum(PERSONAS, { error: '请选择演示身份' }),
    /** Same key, same identity; without a key `worker`/`member` are fresh people. */
    key: z.string().trim().min(1).max(64).optional(),
    /** The union the persona belongs to (base union or the industry union). */
    unionId: id.optional(),
  }).refine((v) => !['staff', 'chair', 'reviewer'].includes(v.persona) || v.unionId !== undefined, {
    path: ['unionId'],
    message: '请选择所属工会',
  }),
  '演示模式登录（仅演示模式可用）',
);

/** WeChat mini-program login: the `code` from `wx.login()`. */
export const wechatLogin = defineContract<LoginResult>()(
  'auth.wechatLogin',
  z.strictObject({
    /** The one-time code from `wx.login()`. */
    code: z.string().trim().min(1, '缺少登录凭证').max(128),
  }),
  '微信小程序登录（code2Session）',
);

/** Staff account login (工会干部账号). */
export const staffLogin = defineContract<LoginResult>()(
  'auth.staffLogin',
  z.strictObject({
    username: z.string().trim().min(1, '请输入用户名').max(64, '用户名过长'),
    password: z.string().min(1, '请输入密码').max(256, '密码过长'),
  }),
  '工会干部账号密码登录',
);

export const me = defineContract<{ user: SessionUser }>()('auth.me', z.strictObject({}), '当前登录用户');

export const logout = defineContract<{ ok: true }>()('auth.logout', z.strictObject({}), '退出登录（作废当前会话）');
