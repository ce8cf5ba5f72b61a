/** Sample inputs of the `membership.*` functions (see ./index.ts). */
import type { Sample } from './index';

export const membershipSamples: Record<string, Sample> = {};
