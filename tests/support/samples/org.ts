/** Sample inputs of the `org.*` functions (see ./index.ts). */
import type { Sample } from './index';

export const orgSamples: Record<string, Sample> = {};
