/** Sample inputs of the `request.*` functions (see ./index.ts). */
import type { Sample } from './index';

export const requestSamples: Record<string, Sample> = {};
