/**
 * Rate limits (issue 7, item 10): logins are limited per identity and per client IP,
 * refused with HTTP 429 `rate_limited` (code 429) and `Retry-After`; the buckets refill
 * with time; `X-Forwarded-For` counts only behind a trusted proxy.
 * Limits are lowered here through the same settings an operator uses.
 */
import { RATE_LIMITED_FUNCTIONS, RateLimiter, rateLimitSettingsFromEnv } from '../../cloud/host/rate-limit';
import { loadConfig, ConfigError } from '../../cloud/host/config';
import { BACKENDS, signHeaders, startTestHost, type TestHost } from '../support/host';

let nowMs = Date.now();
const clock = () => new Date(nowMs);

async function post(t: TestHost, name: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${t.url}/1.1/functions/${name}`, { method: 'POST', headers: { ...signHeaders(undefined, nowMs), ...headers }, body: JSON.stringify(body) });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { reason?: string; code?: number; error?: string } };
}

// On PostgreSQL the login buckets are the database's, shared by every instance (SHARED_GROUPS).
describe.each(BACKENDS)('login limits on a running host on %s', (backend) => {
  let t: TestHost;
  beforeAll(async () => {
    t = await startTestHost({
      backend,
      clock,
      env: { UNION_RATE_LIMITS: 'on', UNION_RATE_LOGIN_IP: '8', UNION_RATE_LOGIN_IDENTITY: '3' },
    });
  });
  afterAll(() => t.close());

  it('refuses the 4th login for one username within a minute with 429 rate_limited, then allows it again after the refill', async () => {
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await post(t, 'auth.staffLogin', { username: 'cy01-staff', password: 'wrong-password-1' }));
    expect(answers.slice(0, 3).map((a) => a.body.reason)).toEqual(['invalid_credentials', 'invalid_credentials', 'invalid_credentials']);
    const refused = answers[3];
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ reason: 'rate_limited', code: 429 });
    expect(refused.body.error).toMatch(/操作过于频繁/);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(20);
    // Case and spaces do not make a new identity.
    expect((await post(t, 'auth.staffLogin', { username: ' CY01-STAFF ', password: 'x' })).body.reason).toBe('rate_limited');

    // 20 s later one more attempt has refilled (3 per minute); the right password works.
    nowMs += 20_000;
    const password = t.host.config.demoStaffPassword!;
    const ok = await post(t, 'auth.staffLogin', { username: 'cy01-staff', password });
    expect(ok.status).toBe(200);
  });

  it('refuses a 9th login from one IP within a minute, whatever the usernames, and ignores a forged X-Forwarded-For', async () => {
    nowMs += 120_000; // fresh buckets
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push((await post(t, 'auth.devLogin', { persona: 'worker', key: `ip-${i}` }, { 'X-Forwarded-For': `10.0.0.${i}` })).status);
    }
    expect(statuses).toEqual(Array(8).fill(200));
    const ninth = await post(t, 'auth.devLogin', { persona: 'worker', key: 'ip-9' }, { 'X-Forwarded-For': '10.9.9.9' });
    expect(ninth.status).toBe(429);
    expect(ninth.body.reason).toBe('rate_limited');
    // Other functions are not limited.
    expect((await post(t, 'org.tree', {})).status).toBe(200);
    process.stdout.write(`rate limits: login per identity 3/min → 4th refused (Retry-After ${ninth.retryAfter} s); per IP 8/min → 9th refused\n`);
  });
});

describe('client IP behind a trusted proxy', () => {
  let t: TestHost;
  beforeAll(async () => {
    nowMs += 120_000;
    t = await startTestHost({ clock, env: { UNION_RATE_LIMITS: 'on', UNION_RATE_LOGIN_IP: '2', UNION_TRUST_PROXY: '1' } });
  });
  afterAll(() => t.close());

  it('counts each forwarded client separately (the proxy appends the address it saw)', async () => {
    const from = (ip: string, key: string) => post(t, 'auth.devLogin', { persona: 'worker', key }, { 'X-Forwarded-For': `6.6.6.6, ${ip}` });
    expect((await from('203.0.113.1', 'a')).status).toBe(200);
    expect((await from('203.0.113.1', 'b')).status).toBe(200);
    expect((await from('203.0.113.1', 'c')).status).toBe(429);
    expect((await from('203.0.113.2', 'd')).status).toBe(200);
  });
});

describe('fund.verifyNotice on a running host', () => {
  let t: TestHost;
  beforeAll(async () => {
    t = await startTestHost({ clock, env: { UNION_RATE_LIMITS: 'on' } });
  });
  afterAll(() => t.close());

  it('lets one member verify a notice 6 times a minute (it rebuilds the quarter from the ledger), the 7th is refused', async () => {
    nowMs += 120_000;
    const session = (await post(t, 'auth.devLogin', { persona: 'member', unionId: 'bu-cy01', key: 'verify-limit' })).body as unknown as { result: { sessionToken: string } };
    const headers = { 'X-LC-Session': session.result.sessionToken };
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push(await post(t, 'fund.verifyNotice', { noticeId: 'ntc_demo_cy01_prev' }, headers));
    expect(answers.slice(0, 6).map((a) => a.status)).toEqual(Array(6).fill(200));
    expect(answers[6].status).toBe(429);
    expect(answers[6].body.reason).toBe('rate_limited');
  });
});

describe('settings', () => {
  it('lists login, apply, check-in and the join page WeChat link, with documented defaults', () => {
    expect(Object.keys(RATE_LIMITED_FUNCTIONS).sort()).toEqual(['activity.checkIn', 'auth.devLogin', 'auth.staffLogin', 'auth.wechatLogin', 'fund.verifyNotice', 'membership.apply', 'membership.joinUrlLink']);
    const s = rateLimitSettingsFromEnv({}, 'production');
    expect(s.limits.LOGIN).toEqual({ ip: 120, identity: 10 });
    expect(s.enabled).toBe(true);
  });

  it('refuses to turn limits off in production, and bad figures anywhere', () => {
    const prod = { UNION_MODE: 'production', UNION_APP_ID: 'a', UNION_APP_KEY: 'k', UNION_DATA_KEY: Buffer.alloc(32, 1).toString('base64'), WECHAT_APP_ID: 'w', WECHAT_APP_SECRET: 's' };
    expect(() => loadConfig({ ...prod, UNION_RATE_LIMITS: 'off' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...prod, UNION_RATE_LOGIN_IP: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...prod, UNION_TRUST_PROXY: 'yes' })).toThrow(ConfigError);
    expect(loadConfig(prod).rateLimits.enabled).toBe(true);
  });

  it('keeps memory bounded: refilled buckets are forgotten', () => {
    const limiter = new RateLimiter(rateLimitSettingsFromEnv({}, 'demo'));
    const t0 = 1_000_000;
    for (let i = 0; i < 25_000; i++) limiter.checkIp('auth.staffLogin', `198.51.${i >> 8}.${i & 255}`, t0);
    expect(limiter.size).toBe(25_000);
    limiter.checkIp('auth.staffLogin', '192.0.2.1', t0 + 61_000);
    expect(limiter.size).toBe(1);
    // Unknown names are harmless: never limited.
    expect(limiter.checkIp('no.such', '192.0.2.1', t0)).toEqual({ ok: true });
  });
});
