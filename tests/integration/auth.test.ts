/** Login and sessions through the real SDK, on every backend. */
import { hashSessionToken } from '../../cloud/domain/crypto';
import { BACKENDS, startTestHost, type TestHost } from '../support/host';
import { startFakeWechat, type FakeWechat } from '../support/fake-wechat';

describe.each(BACKENDS)('auth on %s', (backend) => {
  let t: TestHost;
  let wx: FakeWechat;

  beforeAll(async () => {
    wx = await startFakeWechat();
    t = await startTestHost({ backend, env: { WECHAT_APP_ID: wx.appId, WECHAT_APP_SECRET: wx.appSecret, WECHAT_API_BASE: wx.url } });
  });
  afterAll(async () => {
    await t.close();
    await wx.close();
  });

  describe('auth.devLogin', () => {
    it('gives a worker who is not a member, the same one again for the same key', async () => {
      const a = await t.call('auth.devLogin', { persona: 'worker', key: 'w1' });
      const b = await t.call('auth.devLogin', { persona: 'worker', key: 'w1' });
      const c = await t.call('auth.devLogin', { persona: 'worker' });
      expect(a.user.memberOf).toBeUndefined();
      expect(a.user.roles).toEqual([]);
      expect(b.user.id).toBe(a.user.id);
      expect(c.user.id).not.toBe(a.user.id);
      expect(b.sessionToken).not.toBe(a.sessionToken);
      // Shown as a person's name (2–3 Chinese characters), not 演示职工 + the key's first letters.
      expect(a.user.displayName).toMatch(/^[\u4e00-\u9fa5]{2,3}$/);
      expect(a.user.displayName).not.toContain('w1');
    });

    it('gives an approved member of the chosen union with a member number', async () => {
      const r = await t.call('auth.devLogin', { persona: 'member', unionId: 'bu-cy02', key: 'm1' });
      expect(r.user.memberOf).toMatchObject({ unionId: 'bu-cy02', unionKind: 'base' });
      expect(r.user.memberOf?.memberNo).toMatch(/^CY02-\d{6}$/);
      const again = await t.call('auth.devLogin', { persona: 'member', unionId: 'bu-cy02', key: 'm1' });
      expect(again.user.memberOf?.memberNo).toBe(r.user.memberOf?.memberNo);
    });

    it('gives staff, chair and reviewer of a union, and the industry admin', async () => {
      for (const persona of ['staff', 'chair', 'reviewer'] as const) {
        const r = await t.call('auth.devLogin', { persona, unionId: 'bu-cy01' });
        expect(r.user.roles).toEqual([{ role: persona, unionId: 'bu-cy01' }]);
      }
      const admin = await t.call('auth.devLogin', { persona: 'industryAdmin' });
      expect(admin.user.roles).toEqual([{ role: 'industryAdmin', unionId: 'ind-cy' }]);
    });

    it('asks for the union of a staff persona, and refuses an unknown union', async () => {
      const missing = await t.refusal('auth.devLogin', { persona: 'chair' });
      expect(missing.reason).toBe('validation_error');
      expect(missing.fields).toEqual([{ path: 'unionId', message: '请选择所属工会' }]);
      expect((await t.refusal('auth.devLogin', { persona: 'staff', unionId: 'nope' })).reason).toBe('not_found');
    });
  });

  describe('sessions', () => {
    it('stores only a hash of a ≥128-bit token', async () => {
      const token = await t.login('member', 'bu-cy01', 's1');
      expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
      const db = t.host.storage.db;
      expect(await db.selectFrom('sessions').select('token_hash').where('token_hash', '=', token).executeTakeFirst()).toBeUndefined();
      expect(await db.selectFrom('sessions').select('token_hash').where('token_hash', '=', hashSessionToken(token)).executeTakeFirst()).toBeDefined();
    });

    it('auth.me tells who is logged in; logout ends the session at once', async () => {
      const token = await t.login('staff', 'bu-cy03', 'me');
      const me = await t.call('auth.me', {}, token);
      expect(me.user.roles).toEqual([{ role: 'staff', unionId: 'bu-cy03' }]);
      await t.call('auth.logout', {}, token);
      expect((await t.refusal('auth.me', {}, token)).reason).toBe('unauthenticated');
    });

    it('gives staff sessions a shorter life than member sessions', async () => {
      const db = t.host.storage.db;
      const staff = await t.login('chair', 'bu-cy02', 'life');
      const member = await t.login('member', 'bu-cy02', 'life');
      const row = (tok: string) => db.selectFrom('sessions').selectAll().where('token_hash', '=', hashSessionToken(tok)).executeTakeFirstOrThrow();
      expect((await row(staff)).idle_seconds).toBe(8 * 3600);
      expect((await row(member)).idle_seconds).toBe(30 * 86400);
    });
  });

  describe('auth.staffLogin', () => {
    const password = () => t.host.config.demoStaffPassword!;

    it('logs a seeded staff account in', async () => {
      const r = await t.call('auth.staffLogin', { username: 'cy01-chair', password: password() });
      expect(r.user.roles).toEqual([{ role: 'chair', unionId: 'bu-cy01' }]);
    });

    it('gives the same answer for an unknown user and a wrong password', async () => {
      const unknown = await t.refusal('auth.staffLogin', { username: 'nobody', password: 'x' });
      const wrong = await t.refusal('auth.staffLogin', { username: 'cy02-staff', password: 'wrong' });
      expect(unknown.reason).toBe('invalid_credentials');
      expect(wrong.reason).toBe('invalid_credentials');
      expect(unknown.rawMessage).toBe(wrong.rawMessage);
    });

    it('locks the account after 5 wrong passwords, even against the right one, and audits it', async () => {
      for (let i = 0; i < 4; i++) expect((await t.refusal('auth.staffLogin', { username: 'cy03-staff', password: `wrong${i}` })).reason).toBe('invalid_credentials');
      const fifth = await t.refusal('auth.staffLogin', { username: 'cy03-staff', password: 'wrong5' });
      expect(fifth.reason).toBe('account_locked');
      const right = await t.refusal('auth.staffLogin', { username: 'cy03-staff', password: password() });
      expect(right.reason).toBe('account_locked');
      expect(right.rawMessage).toContain('锁定');
      const events = await t.host.storage.db.selectFrom('audit_events').select('action').where('action', 'in', ['auth.loginFailed', 'auth.locked']).execute();
      expect(events.filter((e) => e.action === 'auth.locked')).toHaveLength(1);
      expect(events.filter((e) => e.action === 'auth.loginFailed').length).toBeGreaterThanOrEqual(4);
    });
  });

  describe('auth.wechatLogin', () => {
    it('exchanges the code, keeps session_key on the server (encrypted), and is stable per openid', async () => {
      const a = await t.call('auth.wechatLogin', { code: 'ok-alice' });
      const b = await t.call('auth.wechatLogin', { code: 'ok-alice' });
      expect(b.user.id).toBe(a.user.id);
      expect(JSON.stringify(a)).not.toContain('sk-ok-alice');
      const row = await t.host.storage.db.selectFrom('wechat_sessions').selectAll().where('user_id', '=', a.user.id).executeTakeFirstOrThrow();
      expect(row.session_key_enc).not.toContain('sk-ok-alice');
      expect(wx.requests.at(-1)?.searchParams.get('js_code')).toBe('ok-alice');
    });

    it('refuses a used or invalid code with a stable reason', async () => {
      expect((await t.refusal('auth.wechatLogin', { code: 'used' })).reason).toBe('wechat_code_invalid');
      expect((await t.refusal('auth.wechatLogin', { code: 'bogus' })).reason).toBe('wechat_code_invalid');
    });
  });

  it('writes an audit row with every login', async () => {
    const before = await t.host.storage.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'auth.login').executeTakeFirstOrThrow();
    await t.login('worker', undefined, 'audit');
    const after = await t.host.storage.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'auth.login').executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1);
  });
});

/**
 * The lockout is counted in the database, one statement per wrong password: parallel guesses cannot
 * all read the same count (on main, 10 parallel wrong passwords left `failed_attempts = 1` and no lock).
 */
describe.each(BACKENDS)('staff login lockout under 50 parallel wrong passwords on %s', (backend) => {
  // 2026-11-25 10:00 in China; the lock ends at 10:15.
  const start = new Date('2026-11-25T02:00:00.000Z');
  let now = start;
  let t: TestHost;

  beforeAll(async () => {
    // The per-minute limiter is on but raised, so what answers is the lockout, not the limiter.
    t = await startTestHost({ backend, clock: () => now, env: { UNION_RATE_LIMITS: 'on', UNION_RATE_LOGIN_IP: '10000', UNION_RATE_LOGIN_IDENTITY: '10000' } });
  });
  afterAll(() => t.close());

  const login = (password: string) => t.call('auth.staffLogin', { username: 'cy02-chair', password });
  const refusal = (password: string) => t.refusal('auth.staffLogin', { username: 'cy02-chair', password });
  const credential = () => t.host.storage.db.selectFrom('staff_credentials').select(['user_id', 'failed_attempts', 'locked_until']).where('username', '=', 'cy02-chair').executeTakeFirstOrThrow();

  it('locks once: 4 counted failures, the 5th locks, every other one is refused as account_locked; the right password too, until the lock ends', async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => refusal(`wrong-password-${i}`)));
    const reasons = answers.map((a) => a.reason);
    expect(reasons.filter((r) => r === 'invalid_credentials')).toHaveLength(4);
    expect(reasons.filter((r) => r === 'account_locked')).toHaveLength(46);
    expect(answers.find((a) => a.reason === 'account_locked')?.code).toBe(42301);

    const cred = await credential();
    expect(cred.locked_until).toBe('2026-11-25T02:15:00.000Z');
    expect(cred.failed_attempts).toBe(0);
    const events = await t.host.storage.db.selectFrom('audit_events').select('action').where('object_id', '=', cred.user_id).where('action', 'in', ['auth.loginFailed', 'auth.locked']).execute();
    expect(events.filter((e) => e.action === 'auth.loginFailed')).toHaveLength(4);
    expect(events.filter((e) => e.action === 'auth.locked')).toHaveLength(1);

    // The right password is refused with the lock's own reason (not the per-minute limiter's), naming the end.
    const right = await refusal(t.host.config.demoStaffPassword!);
    expect(right.reason).toBe('account_locked');
    expect(right.rawMessage).toContain('10:15');
    now = new Date(start.getTime() + 15 * 60_000 - 1000);
    expect((await refusal(t.host.config.demoStaffPassword!)).reason).toBe('account_locked');

    now = new Date(start.getTime() + 15 * 60_000);
    const r = await login(t.host.config.demoStaffPassword!);
    expect(r.user.roles).toEqual([{ role: 'chair', unionId: 'bu-cy02' }]);
    expect(await credential()).toMatchObject({ failed_attempts: 0, locked_until: null });
  });

  it('during a lock, 50 parallel logins with the right password are all refused as account_locked and open no session', async () => {
    now = new Date(start.getTime() + 60 * 60_000);
    await Promise.all(Array.from({ length: 5 }, (_, i) => refusal(`wrong-again-${i}`)));
    const answers = await Promise.all(Array.from({ length: 50 }, () => refusal(t.host.config.demoStaffPassword!)));
    expect(answers.map((a) => a.reason)).toEqual(Array(50).fill('account_locked'));
    const cred = await credential();
    const sessions = await t.host.storage.db.selectFrom('sessions').select('token_hash').where('user_id', '=', cred.user_id).where('created_at', '>=', now.toISOString()).execute();
    expect(sessions).toHaveLength(0);
  });
});

describe('without WeChat credentials', () => {
  it('says WeChat login is not configured', async () => {
    const t = await startTestHost();
    try {
      expect((await t.refusal('auth.wechatLogin', { code: 'ok-x' })).reason).toBe('wechat_not_configured');
    } finally {
      await t.close();
    }
  });
});

describe('production mode', () => {
  const secrets = {
    UNION_MODE: 'production',
    UNION_APP_ID: 'union-prod',
    UNION_APP_KEY: 'prod-key-0123456789',
    UNION_DATA_KEY: Buffer.alloc(32, 7).toString('base64'),
    WECHAT_APP_ID: 'wx-prod',
    WECHAT_APP_SECRET: 'wx-prod-secret',
  };

  it('refuses to start without its secrets, naming them', async () => {
    await expect(startTestHost({ env: { UNION_MODE: 'production' } })).rejects.toThrow(/UNION_APP_KEY.*UNION_DATA_KEY/);
    await expect(startTestHost({ env: { ...secrets, UNION_APP_KEY: 'union-demo-key' } })).rejects.toThrow(/演示应用密钥/);
  });

  it('never offers dev login, and seeds no demo data', async () => {
    const t = await startTestHost({ env: secrets });
    try {
      expect(t.host.seeded).toBe(false);
      expect((await t.refusal('auth.devLogin', { persona: 'worker' })).reason).toBe('unknown_function');
    } finally {
      await t.close();
    }
  });
});
