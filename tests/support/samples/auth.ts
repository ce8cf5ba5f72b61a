/** Sample inputs of the `auth.*` functions (see ./index.ts). */
import type { Sample } from './index';

export const authSamples: Record<string, Sample> = {
  'auth.devLogin': (f) => ({ persona: 'staff', unionId: f.baseUnionId, key: 'sample' }),
  'auth.wechatLogin': () => ({ code: 'sample-code' }),
  'auth.staffLogin': () => ({ username: 'nobody', password: 'wrong-password-1' }),
  'auth.me': () => ({}),
  'auth.logout': () => ({}),
};
