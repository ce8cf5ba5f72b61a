/** Logging in: WeChat's `wx.login` code, or a staff account's password. */
import { z } from 'zod';
import { defineContract } from '../define';
import type { LoginResult } from './session';

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
