/**
 * The H5 app posts cloud-function calls with `fetch` (src/services/transport.h5.ts) where the
 * mini-program uses the LeanCloud SDK (src/services/transport.ts). Both against the real host:
 * the same results, and refusals that `toCloudError` reads the same way (reason, code, message,
 * field problems), so no page can tell which transport carried its call.
 */
import { toCloudError } from '../../src/services/cloud-error';
import { runFunction } from '../../src/services/transport.h5';
import { APP_ID, APP_KEY, startTestHost, type TestHost } from '../support/host';

// The build defines these for the app (config/index.ts); read at call time, so set here.
Object.assign(globalThis, { UNION_APP_ID: APP_ID, UNION_APP_KEY: APP_KEY });

let t: TestHost;
beforeAll(async () => {
  t = await startTestHost();
});
afterAll(async () => {
  await t.close();
});

type Outcome = { ok: true; value: unknown } | { ok: false; error: ReturnType<typeof toCloudError> };

async function viaSdk(name: string, input: unknown, session?: string): Promise<Outcome> {
  try {
    return { ok: true as const, value: await t.call(name as never, input as never, session) };
  } catch (thrown) {
    return { ok: false as const, error: toCloudError(thrown) };
  }
}
async function viaFetch(name: string, input: unknown, session?: string): Promise<Outcome> {
  try {
    return { ok: true as const, value: await runFunction(t.url, name, input, session ?? '') };
  } catch (thrown) {
    return { ok: false as const, error: toCloudError(thrown) };
  }
}
const plain = (r: Outcome) => (r.ok ? r : { ok: false, reason: r.error.reason, code: r.error.code, message: r.error.message, fields: r.error.fields });

it('answers a call with the same result as the SDK, with and without a session', async () => {
  const session = await t.login('staff', 'bu-cy01', 'transport');
  expect(plain(await viaFetch('org.tree', {}))).toEqual(plain(await viaSdk('org.tree', {})));
  const me = await viaFetch('auth.me', {}, session);
  expect(me).toMatchObject({ ok: true, value: { user: { roles: [{ role: 'staff', unionId: 'bu-cy01' }] } } });
  expect(plain(me)).toEqual(plain(await viaSdk('auth.me', {}, session)));
});

it('refuses the same way as the SDK: no session, no access, invalid input with its fields, unknown function', async () => {
  const member = await t.login('member', 'bu-cy01', 'transport');
  const cases: [string, unknown, string | undefined][] = [
    ['auth.me', {}, undefined],
    ['org.invite', { unionId: 'bu-cy01' }, member],
    ['request.submit', { category: 'wages', text: '' }, member],
    ['no.such', {}, member],
  ];
  for (const [name, input, session] of cases) {
    const byFetch = await viaFetch(name, input, session);
    expect(byFetch.ok).toBe(false);
    expect([name, plain(byFetch)]).toEqual([name, plain(await viaSdk(name, input, session))]);
  }
  const invalid = await viaFetch('request.submit', { category: 'wages', text: '' }, member);
  expect(!invalid.ok && invalid.error.reason).toBe('validation_error');
  expect(!invalid.ok && invalid.error.fields.map((f) => f.path)).toContain('text');
});

it('a server that does not answer is a network error, as with the SDK', async () => {
  const down = await (async () => {
    try {
      await runFunction('http://127.0.0.1:1', 'org.tree', {}, '');
      return null;
    } catch (thrown) {
      return toCloudError(thrown);
    }
  })();
  expect(down?.reason).toBe('network_error');
});
