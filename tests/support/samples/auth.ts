/** Sample inputs of the `auth.*` functions (see ./index.ts). */
import type { Sample } from './index';

export const authSamples: Record<string, Sample> = {};
