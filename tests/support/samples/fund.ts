/** Sample inputs of the `fund.*` functions (see ./index.ts). */
import type { Sample } from './index';

export const fundSamples: Record<string, Sample> = {};
