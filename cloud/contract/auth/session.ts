/** Sessions (会话): who is logged in (`auth.me`), and logging out. */
import { z } from 'zod';
import { defineContract } from '../define';
import type { RoleGrant, UnionKind } from '../labels';

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

export const me = defineContract<{ user: SessionUser }>()('auth.me', z.strictObject({}), '当前登录用户');

export const logout = defineContract<{ ok: true }>()('auth.logout', z.strictObject({}), '退出登录（作废当前会话）');
