import type { z } from 'zod';

/**
 * A zod schema: classic (`zod`) or mini (`zod/mini`, used for schemas that the light join page
 * imports). Both carry `safeParse`; `z.input`/`z.output` work on either.
 */
export type Schema = z.core.$ZodType & { safeParse(data: unknown): { success: true; data: unknown } | { success: false; error: z.core.$ZodError } };

/**
 * One named cloud function's public contract: its dotted name, its zod input
 * schema (strict: unknown fields are refused) and, as a phantom type, its result.
 * Both `cloud/` (to validate and to type the handler) and `src/` (to type calls and
 * to validate forms before sending) import these.
 */
export interface Contract<N extends string, I extends Schema, O> {
  readonly name: N;
  readonly input: I;
  /** One line for `docs/api.md` and for people reading the registry. */
  readonly summary: string;
  /** Phantom: never set at run time, only carries the result type. */
  readonly __output?: O;
}

/** `defineContract<Result>()(name, input, summary)`: the result type is given explicitly. */
export function defineContract<O>() {
  return <N extends string, I extends Schema>(name: N, input: I, summary: string): Contract<N, I, O> => ({
    name,
    input,
    summary,
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyContract = Contract<string, Schema, any>;
export type InputOfContract<C> = C extends Contract<string, infer I, unknown> ? z.input<I> : never;
export type ParsedInputOfContract<C> = C extends Contract<string, infer I, unknown> ? z.output<I> : never;
export type OutputOfContract<C> = C extends Contract<string, Schema, infer O> ? O : never;
