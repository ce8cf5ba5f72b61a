/**
 * The LeanCloud cloud-function protocol as our host speaks it, and every kind of
 * bad input: each gets a 4xx with a stable reason and a Chinese message; the host
 * keeps serving and logs no secrets.
 */
import { APP_ID, APP_KEY, signHeaders, startTestHost, type TestHost } from '../support/host';

let t: TestHost;
let clockOffsetMs = 0;

beforeAll(async () => {
  t = await startTestHost({ clock: () => new Date(Date.now() + clockOffsetMs) });
});
afterAll(() => t.close());

async function post(name: string, body: string | undefined, headers: Record<string, string> = signHeaders()) {
  const res = await fetch(`${t.url}/1.1/functions/${name}`, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as { code?: number; error?: string; reason?: string; result?: unknown; fields?: { path: string }[] } };
}

const CHINESE = /[\u4e00-\u9fa5]/;

describe('protocol', () => {
  it('answers {result} for a signed call through the real SDK', async () => {
    const tree = await t.call('org.tree', {});
    expect(tree.name).toContain('工会');
    expect(tree.baseUnions.length).toBeGreaterThanOrEqual(3);
  });

  it('accepts the plain X-LC-Key header and the /1.1/call route', async () => {
    const res = await fetch(`${t.url}/1.1/call/org.tree`, { method: 'POST', headers: { 'X-LC-Id': APP_ID, 'X-LC-Key': APP_KEY, 'Content-Type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(200);
  });

  it('answers a browser preflight with the headers the SDK sends', async () => {
    const res = await fetch(`${t.url}/1.1/functions/auth.me`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://example.test', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,x-lc-id,x-lc-session,x-lc-sign,x-lc-ua' },
    });
    expect(res.status).toBe(204);
    const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const h of ['content-type', 'x-lc-id', 'x-lc-session', 'x-lc-sign', 'x-lc-ua']) expect(allowed).toContain(h);
  });
});

describe('bad input', () => {
  const cases: [string, () => Promise<{ status: number; body: { reason?: string; error?: string; code?: number } }>, number, string][] = [
    ['malformed JSON', () => post('org.tree', '{"a":'), 400, 'invalid_json'],
    ['unknown function', () => post('no.such', '{}'), 404, 'unknown_function'],
    ['wrong app id', () => post('org.tree', '{}', { ...signHeaders(), 'X-LC-Id': 'other-app' }), 401, 'unknown_app'],
    ['missing app id', () => post('org.tree', '{}', { 'X-LC-Sign': signHeaders()['X-LC-Sign'] }), 401, 'unknown_app'],
    ['bad signature', () => post('org.tree', '{}', signHeaders('wrong-key')), 401, 'bad_signature'],
    ['no signature', () => post('org.tree', '{}', { 'X-LC-Id': APP_ID }), 401, 'bad_signature'],
    ['timestamp not a number', () => post('org.tree', '{}', { ...signHeaders(), 'X-LC-Sign': `${signHeaders()['X-LC-Sign'].split(',')[0]},yesterday` }), 401, 'bad_signature'],
    ['master-key signature', () => post('org.tree', '{}', { ...signHeaders(), 'X-LC-Sign': `${signHeaders()['X-LC-Sign']},master` }), 401, 'bad_signature'],
    ['unknown session token', () => post('auth.me', '{}', { ...signHeaders(), 'X-LC-Session': 'not-a-session' }), 401, 'unauthenticated'],
    ['no session', () => post('auth.me', '{}'), 401, 'unauthenticated'],
    ['oversized body (> 1 MB)', () => post('org.tree', JSON.stringify({ x: 'x'.repeat(1024 * 1024 + 10) })), 413, 'payload_too_large'],
    ['unknown field', () => post('org.tree', '{"role":"industryAdmin"}'), 400, 'validation_error'],
    ['wrong type', () => post('auth.staffLogin', '{"username":1,"password":[]}'), 400, 'validation_error'],
    ['array body', () => post('auth.staffLogin', '[1,2]'), 400, 'validation_error'],
    ['prototype-pollution key', () => post('org.tree', '{"__proto__":{"admin":true}}'), 400, 'validation_error'],
    ['huge string field', () => post('auth.staffLogin', JSON.stringify({ username: 'u'.repeat(5000), password: 'p' })), 400, 'validation_error'],
  ];

  it.each(cases)('%s → %i %s', async (_label, send, status, reason) => {
    const { status: got, body } = await send();
    expect(got).toBe(status);
    expect(body.reason).toBe(reason);
    expect(typeof body.code).toBe('number');
    expect(body.error).toMatch(CHINESE);
  });

  it('refuses GET with method_not_allowed', async () => {
    const res = await fetch(`${t.url}/1.1/functions/org.tree`, { headers: signHeaders() });
    expect(res.status).toBe(405);
    expect(((await res.json()) as { reason: string }).reason).toBe('method_not_allowed');
  });

  it('refuses an oversized chunked body without a Content-Length', async () => {
    const big = new TextEncoder().encode(JSON.stringify({ x: 'y'.repeat(2 * 1024 * 1024) }));
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < big.length; i += 65536) controller.enqueue(big.subarray(i, i + 65536));
        controller.close();
      },
    });
    const res = await fetch(`${t.url}/1.1/functions/org.tree`, { method: 'POST', headers: signHeaders(), body: stream, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('names each unknown field and each wrong field in `fields`', async () => {
    const r = await t.refusal('auth.devLogin', { persona: 'staff', role: 'industryAdmin', amount: 5 });
    expect(r.reason).toBe('validation_error');
    expect(r.code).toBe(400);
    expect(r.rawMessage).toMatch(CHINESE);
    const paths = (r.fields ?? []).map((f) => f.path).sort();
    expect(paths).toEqual(['amount', 'role', 'unionId']);
  });

  it('refuses an expired session, and a logged-out one', async () => {
    const token = await t.login('member', undefined, 'expiry');
    await expect(t.call('auth.me', {}, token)).resolves.toBeTruthy();
    // 31 days later, past the 30-day idle window of a member session (the request is signed at that time too).
    clockOffsetMs = 31 * 86400 * 1000;
    try {
      const r = await post('auth.me', '{}', { ...signHeaders(APP_KEY, Date.now() + clockOffsetMs), 'X-LC-Session': token });
      expect(r.status).toBe(401);
      expect(r.body.reason).toBe('unauthenticated');
      expect(r.body.error).toContain('过期');
    } finally {
      clockOffsetMs = 0;
    }
    const token2 = await t.login('member', undefined, 'logout');
    await t.call('auth.logout', {}, token2);
    expect((await t.refusal('auth.me', {}, token2)).reason).toBe('unauthenticated');
  });

  it('is still serving after all of the above, and logged no secrets', async () => {
    const res = await fetch(`${t.url}/healthz`);
    expect(res.status).toBe(200);
    const all = t.logs.join('\n');
    expect(all).not.toContain(APP_KEY);
    expect(all).not.toContain(t.host.config.demoStaffPassword ?? '\u0000');
    expect(t.logs).toEqual([]); // no handled refusal is logged as an error
  });
});
