/**
 * Fuzzing every registered cloud function (issue 7, item 7), generically: whatever
 * `buildRegistry('demo')` lists is driven, so new functions are covered the day they land.
 *
 * For each function × caller (anonymous, member of bu-cy01, staff of bu-cy01):
 * - payloads generated from the function's zod schema (mixed into its valid sample so many
 *   reach the handler), and
 * - hostile bodies: wrong types, huge strings, prototype-pollution keys, SQL fragments,
 *   unknown privileged fields (`role`, `unionId`, `amount`, `amountFen`, `status`, `isAdmin`…),
 *   deep nesting, bodies that are not objects or not JSON.
 * Rules: no answer is a 5xx, nothing is logged as an unhandled error, and no accepted payload
 * carried a field outside the schema.
 *
 * CI runs a fixed seed and count; `npm run fuzz` runs longer (FUZZ_RUNS, FUZZ_SEED).
 */
import fc from 'fast-check';
import { buildRegistry } from '../../cloud/functions';
import type { SampleFixture } from '../../cloud/functions/registry';
import { startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { arbitraryFor, fieldsOutsideSchema, hostileBodies, toJsonSchema, type JsonSchema } from '../support/fuzz';
import { signHeaders, startTestHost, type TestHost } from '../support/host';
import { sampleOf } from '../support/samples';

const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const FIXTURE: SampleFixture = { industryUnionId: 'ind-cy', baseUnionId: 'bu-cy01', unitId: 'unit-wxy' };

type Caller = 'anonymous' | 'member' | 'staff';
const CALLERS: Caller[] = ['anonymous', 'member', 'staff'];

jest.setTimeout(Math.max(120_000, RUNS * 20_000));

let t: TestHost;
let wx: FakeWechat;
const tokens: Partial<Record<Caller, string>> = {};

beforeAll(async () => {
  wx = await startFakeWechat();
  t = await startTestHost({ env: { WECHAT_APP_ID: wx.appId, WECHAT_APP_SECRET: wx.appSecret, WECHAT_API_BASE: wx.url } });
});
afterAll(async () => {
  await t?.close();
  await wx?.close();
});

async function freshToken(caller: Caller): Promise<string | undefined> {
  if (caller === 'anonymous') return undefined;
  tokens[caller] = caller === 'member' ? await t.login('member', FIXTURE.baseUnionId, 'fuzz') : await t.login('staff', FIXTURE.baseUnionId, 'fuzz');
  return tokens[caller];
}

interface Answer {
  status: number;
  reason: string;
}

async function send(name: string, body: string, caller: Caller): Promise<Answer> {
  const once = async (): Promise<Answer> => {
    const token = caller === 'anonymous' ? undefined : (tokens[caller] ?? (await freshToken(caller)));
    const res = await fetch(`${t.url}/1.1/functions/${name}`, {
      method: 'POST',
      headers: { ...signHeaders(), ...(token ? { 'X-LC-Session': token } : {}) },
      body,
    });
    const text = await res.text();
    let reason = 'ok';
    try {
      const parsed = JSON.parse(text) as { reason?: string };
      reason = res.status === 200 ? 'ok' : (parsed.reason ?? 'no reason');
    } catch {
      reason = `not JSON: ${text.slice(0, 40)}`;
    }
    return { status: res.status, reason };
  };
  const first = await once();
  // A fuzzed `auth.logout` ends the caller's session: log in again and resend once.
  if (caller !== 'anonymous' && first.status === 401 && first.reason === 'unauthenticated') {
    await freshToken(caller);
    return once();
  }
  return first;
}

/** Strings worth trying in any string field: ids from the demo organisation and every sample's values. */
async function hintStrings(samples: Record<string, unknown>[]): Promise<string[]> {
  const tree = await t.call('org.tree', {});
  const ids = [tree.id, ...tree.baseUnions.flatMap((b) => [b.id, ...b.units.map((u) => u.id)]), ...tree.directUnits.map((u) => u.id)];
  const sampleStrings = samples.flatMap((s) => Object.values(s).filter((v): v is string => typeof v === 'string'));
  // The demo staff password lets generated staffLogin payloads succeed too.
  const password = t.host.config.demoStaffPassword ?? 'no-password';
  return [...new Set([...ids, ...sampleStrings, 'ok-fuzz', 'cy01-staff', 'cy-admin', password, 'no-such-id'])];
}

/** Generated payloads: fully from the schema, or the valid sample with some fields replaced by generated ones. */
function schemaPayloads(schema: JsonSchema, sample: Record<string, unknown>, strings: string[]): fc.Arbitrary<Record<string, unknown>> {
  const generated = arbitraryFor(schema, { strings }) as fc.Arbitrary<Record<string, unknown>>;
  const keys = Object.keys(schema.properties ?? {});
  const mixed = fc.tuple(generated, fc.subarray(keys)).map(([g, replace]) => {
    const out: Record<string, unknown> = { ...sample };
    for (const k of replace) {
      if (k in g) out[k] = g[k];
      else delete out[k];
    }
    return out;
  });
  return fc.oneof(generated, mixed);
}

it('drives every registered function with schema-generated and hostile payloads: no 5xx, nothing accepted outside the schema', async () => {
  const fns = buildRegistry('demo').list();
  const strings = await hintStrings(fns.map((f) => sampleOf(f, FIXTURE) as Record<string, unknown>));
  const perFunction: Record<string, { tried: number; accepted: number; reasons: Record<string, number> }> = {};
  const fiveHundreds: string[] = [];
  const acceptedOutside: string[] = [];
  let tried = 0;
  const started = Date.now();

  for (const fn of fns) {
    const name: string = fn.contract.name;
    const schema = toJsonSchema(fn.contract.input);
    const sample = sampleOf(fn, FIXTURE) as Record<string, unknown>;
    const stats = (perFunction[name] = { tried: 0, accepted: 0, reasons: {} as Record<string, number> });
    const record = (caller: Caller, kind: string, body: string, a: Answer) => {
      tried++;
      stats.tried++;
      stats.reasons[a.reason] = (stats.reasons[a.reason] ?? 0) + 1;
      if (a.status >= 500) fiveHundreds.push(`${name} as ${caller} (${kind}): ${a.status} ${a.reason} ← ${body.slice(0, 200)}`);
      if (a.status === 200) {
        stats.accepted++;
        let parsed: unknown;
        try {
          parsed = JSON.parse(body);
        } catch {
          parsed = undefined;
        }
        const extra = parsed === undefined ? ['<not JSON>'] : fieldsOutsideSchema(parsed, schema);
        if (extra.length) acceptedOutside.push(`${name} as ${caller} (${kind}) accepted ${extra.join(', ')} ← ${body.slice(0, 200)}`);
      }
      return a.status < 500;
    };

    for (const [i, caller] of CALLERS.entries()) {
      await fc.assert(
        fc.asyncProperty(schemaPayloads(schema, sample, strings), async (payload) => {
          const body = JSON.stringify(payload);
          return record(caller, 'schema', body, await send(name, body, caller));
        }),
        { seed: SEED + i, numRuns: RUNS, endOnFailure: true },
      );
      await fc.assert(
        fc.asyncProperty(hostileBodies(schema, sample), async ({ kind, body }) => record(caller, kind, body, await send(name, body, caller))),
        { seed: SEED + 100 + i, numRuns: RUNS, endOnFailure: true },
      );
    }
  }

  const seconds = (Date.now() - started) / 1000;
  const lines = Object.entries(perFunction).map(([n, s]) => {
    const top = Object.entries(s.reasons).sort((a, b) => b[1] - a[1]).map(([r, c]) => `${r} ${c}`).join(', ');
    return `  ${n.padEnd(28)} ${String(s.tried).padStart(5)} tried, ${String(s.accepted).padStart(4)} accepted  (${top})`;
  });
  process.stdout.write(
    `fuzz: ${tried} payloads over ${fns.length} functions × ${CALLERS.length} callers (seed ${SEED}, ${RUNS} runs per function × caller × kind) in ${seconds.toFixed(1)} s; ` +
      `5xx answers ${fiveHundreds.length}, accepted with fields outside the schema ${acceptedOutside.length}, unhandled errors logged ${t.logs.length}\n${lines.join('\n')}\n`,
  );
  expect(fiveHundreds).toEqual([]);
  expect(acceptedOutside).toEqual([]);
  expect(t.logs).toEqual([]);
  expect(tried).toBe(fns.length * CALLERS.length * 2 * RUNS);
});

it('the host is still serving after the fuzzing', async () => {
  expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  expect((await t.call('org.tree', {})).id).toBe('ind-cy');
});
