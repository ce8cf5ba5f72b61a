/**
 * A valid input for every cloud function, for the access matrix and the fuzzer: test fixtures,
 * kept here rather than in the production definitions. One file per wire-name prefix
 * (`fund.ts` holds `fund.*`); the ids are the demo seed's.
 */
import type { AnyFunctionDef, SampleFixture } from '../../../cloud/functions/registry';

export type { SampleFixture };
export type Sample = (f: SampleFixture) => Record<string, unknown>;

import { authSamples } from './auth';
import { orgSamples } from './org';
import { membershipSamples } from './membership';
import { activitySamples } from './activity';
import { fundSamples } from './fund';
import { requestSamples } from './request';
import { notifySamples } from './notify';

/** Function name → its sample. */
export const SAMPLES: Record<string, Sample> = { ...authSamples, ...orgSamples, ...membershipSamples, ...activitySamples, ...fundSamples, ...requestSamples, ...notifySamples };

/** The sample of `fn` (from this folder, else the definition's own while it is being moved). */
export function sampleOf(fn: AnyFunctionDef, f: SampleFixture): Record<string, unknown> {
  const sample = SAMPLES[fn.contract.name] ?? (fn.sample as Sample | undefined);
  if (!sample) throw new Error(`${fn.contract.name} has no sample input in tests/support/samples/`);
  return sample(f);
}
