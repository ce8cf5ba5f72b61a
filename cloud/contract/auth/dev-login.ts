/** Demo-mode login as a persona (演示登录). */
import { z } from 'zod';
import { defineContract } from '../define';
import { id } from '../common';
import { PERSONAS } from '../labels';
import type { LoginResult } from './session';

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
