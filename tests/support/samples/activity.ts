/** Sample inputs of the `activity.*` functions (see ./index.ts). */
import type { Sample } from './index';

export const activitySamples: Record<string, Sample> = {};
