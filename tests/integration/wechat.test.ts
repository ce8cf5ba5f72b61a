/**
 * WeChat server APIs the union needs, through the real host and the real WeChat client over HTTP
 * against the fake WeChat (tests/support/fake-wechat.ts), on every backend: the shared access token
 * (one fetch for many callers on two instances, refresh and one retry on 40001/42001), the
 * invitation's mini-program code and URL Link, and the fallback when WeChat fails.
 */
import { randomBytes } from 'node:crypto';
import { FAKE_PUBLISHED_PAGES, startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { BACKENDS, startTestHost, type TestHost } from '../support/host';

jest.setTimeout(60_000);

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const isPng = (base64: string | undefined) => !!base64 && Buffer.from(base64, 'base64').subarray(0, 8).equals(PNG_SIGNATURE);
const TOKEN = '/cgi-bin/stable_token';
const CODE = '/wxa/getwxacodeunlimit';
const LINK = '/wxa/generate_urllink';

describe.each(BACKENDS)('WeChat APIs on %s', (backend) => {
  let wx: FakeWechat;
  /** Two host instances on one database, with WeChat credentials. */
  let a: TestHost;
  let b: TestHost;
  /** A third instance on the same database that gives WeChat only 1.5 s (the outage test). */
  let c: TestHost;
  /** A host without WeChat credentials. */
  let plain: TestHost;
  let staffA: string;
  let staffB: string;
  let staffC: string;

  beforeAll(async () => {
    wx = await startFakeWechat();
    const dataKey = randomBytes(32).toString('base64');
    // A busy test machine (two cores, other suites in parallel) must not turn 50 parallel calls into
    // fallbacks: a and b give WeChat 15 s; c, on the same database, tests the timeout.
    const wechatEnv = { WECHAT_APP_ID: wx.appId, WECHAT_APP_SECRET: wx.appSecret, WECHAT_API_BASE: wx.url, WECHAT_TIMEOUT_MS: '15000', UNION_DATA_KEY: dataKey };
    a = await startTestHost({ backend, env: wechatEnv });
    const storage = a.host.config.storage;
    const shared: Record<string, string> = storage.kind === 'postgres' ? { DATABASE_URL: storage.url } : { UNION_DATA_DIR: a.host.config.dataDir };
    b = await startTestHost({ env: { ...wechatEnv, ...shared } });
    c = await startTestHost({ env: { ...wechatEnv, ...shared, WECHAT_TIMEOUT_MS: '1500' } });
    plain = await startTestHost({ backend });
    staffA = await a.login('staff', 'bu-cy01', 'wx');
    staffB = await b.login('staff', 'bu-cy01', 'wx');
    staffC = await c.login('staff', 'bu-cy01', 'wx');
  });
  afterAll(async () => {
    await plain?.close();
    await c?.close();
    await b?.close();
    await a?.close();
    await wx?.close();
  });

  beforeEach(() => {
    wx.outage = 'none';
    wx.setLimitReached(false);
    wx.publishedPages = [...FAKE_PUBLISHED_PAGES];
  });

  it('fetches the access token once for 50 parallel invitations on two instances sharing one database', async () => {
    expect(wx.count(TOKEN)).toBe(0);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 ? b : a).call('org.invite', { unionId: 'bu-cy01', label: `并发${i}` }, i % 2 ? staffB : staffA)),
    );
    expect(results.every((r) => isPng(r.miniProgramCode) && r.urlLink?.startsWith('https://wxaurl.cn/') && !r.wechatFallback)).toBe(true);
    expect(wx.count(TOKEN)).toBe(1);
    expect(wx.count(CODE)).toBe(50);
    expect(wx.count(LINK)).toBe(50);
    expect(a.host.storage.kind).toBe(b.host.storage.kind);
    // Stored once, sealed: the database never holds the token in clear.
    const row = await a.host.storage.db.selectFrom('wechat_tokens').selectAll().executeTakeFirstOrThrow();
    const token = wx.calls.find((c) => c.path === CODE)?.url.searchParams.get('access_token') ?? '';
    expect(token).toMatch(/^ACCESS_/);
    expect(row).toMatchObject({ app_id: wx.appId, refreshes: 1, lease_holder: null });
    expect(row.access_token).not.toContain(token);
  });

  it('asks WeChat for the mini-program code and URL Link of the invitation with its real request shape', async () => {
    const before = wx.calls.length;
    const inv = await a.call('org.invite', { unionId: 'bu-cy01', unitId: 'unit-wxy', expiresInDays: 30 }, staffA);
    const mine = wx.calls.slice(before);
    // This invitation's own requests (a straggler of an earlier test may still arrive).
    const code = mine.find((r) => r.path === CODE && (r.body as { scene?: string } | undefined)?.scene === inv.scene);
    const link = mine.find((r) => r.path === LINK && (r.body as { query?: string } | undefined)?.query === `t=${inv.token}`);
    expect(code?.body).toEqual({ scene: inv.scene, page: 'pages/join/index', check_path: true, env_version: 'release', width: 430 });
    expect(inv.scene.length).toBeLessThanOrEqual(32);
    expect(link?.body).toEqual({ path: 'pages/join/index', query: `t=${inv.token}`, expire_type: 1, expire_interval: 30, env_version: 'release' });
    expect(isPng(inv.miniProgramCode)).toBe(true);
    expect(inv.urlLink).toMatch(/^https:\/\/wxaurl\.cn\/[\w-]+$/);
    expect(Date.parse(inv.urlLinkExpiresAt ?? '') - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect(inv.posterCode).toBe('miniProgram');
    // The join page reads the code's scene as the invitation.
    expect((await a.call('membership.resolveInvite', { token: inv.scene })).unit?.id).toBe('unit-wxy');
  });

  it('gives no mini-program code and no URL Link without WeChat credentials', async () => {
    const staff = await plain.login('staff', 'bu-cy01', 'plain');
    const inv = await plain.call('org.invite', { unionId: 'bu-cy01' }, staff);
    expect(inv.miniProgramCode).toBeUndefined();
    expect(inv.urlLink).toBeUndefined();
    expect(inv.wechatFallback).toBeUndefined();
    expect(inv.posterCode).toBe('link');
    const poster = await plain.call('org.invitePoster', { invitationId: inv.id, format: 'svg' }, staff);
    expect(poster.codeKind).toBe('link');
    expect(Buffer.from(poster.base64, 'base64').toString('utf8')).toContain('用微信或手机相机扫码');
    expect(await plain.call('membership.joinUrlLink', { token: inv.token })).toEqual({ unavailable: { reason: 'wechat_not_configured', message: expect.any(String) } });
  });

  it('on 40001 (token invalid) refreshes the token once and retries the call; the other instance then takes the new token from the database', async () => {
    const tokensBefore = wx.count(TOKEN);
    const codesBefore = wx.count(CODE);
    wx.invalidateTokens();
    const inv = await a.call('org.invite', { unionId: 'bu-cy01' }, staffA);
    expect(isPng(inv.miniProgramCode)).toBe(true);
    expect(inv.urlLink).toBeDefined();
    expect(wx.count(TOKEN)).toBe(tokensBefore + 1);
    const refused = wx.calls.filter((c) => c.path === CODE).slice(codesBefore);
    expect(refused).toHaveLength(2); // the refused call and its one retry
    expect(refused[0].url.searchParams.get('access_token')).not.toBe(refused[1].url.searchParams.get('access_token'));
    // Instance b still holds the old token in memory: refused once, it reads the new one from the database.
    const other = await b.call('org.invite', { unionId: 'bu-cy01' }, staffB);
    expect(isPng(other.miniProgramCode)).toBe(true);
    expect(wx.count(TOKEN)).toBe(tokensBefore + 1);
  });

  it('on 42001 (token expired) refreshes and retries once', async () => {
    const tokensBefore = wx.count(TOKEN);
    wx.expireTokens();
    const inv = await b.call('org.invite', { unionId: 'bu-cy01' }, staffB);
    expect(isPng(inv.miniProgramCode)).toBe(true);
    expect(inv.wechatFallback).toBeUndefined();
    expect(wx.count(TOKEN)).toBe(tokensBefore + 1);
  });

  it('renews a token early, before it expires: one with less than four minutes left is not used again', async () => {
    const inviteWith = async () => {
      const from = wx.calls.length;
      await a.call('org.invite', { unionId: 'bu-cy01' }, staffA);
      return wx.calls.slice(from).find((c) => c.path === CODE)?.url.searchParams.get('access_token');
    };
    // A healthy token (7200 s) is kept: two invitations, no token request.
    await inviteWith();
    const kept = wx.count(TOKEN);
    expect(await inviteWith()).toBe(await inviteWith());
    expect(wx.count(TOKEN)).toBe(kept);
    // WeChat hands out tokens with 200 s left: each is still valid, but renewed before the next use.
    wx.tokenLifetimeSec = 200;
    try {
      wx.expireTokens();
      const first = await inviteWith();
      const second = await inviteWith();
      expect(second).not.toBe(first);
      expect(wx.count(TOKEN)).toBe(kept + 2);
    } finally {
      wx.tokenLifetimeSec = 7200;
    }
  });

  it('a lease left by a vanished instance does not block: once lapsed, the next caller takes it over', async () => {
    const db = a.host.storage.db;
    const past = new Date(Date.now() - 60_000).toISOString();
    await db.updateTable('wechat_tokens').set({ lease_holder: 'inst_gone', lease_until: new Date(Date.now() - 1000).toISOString(), expires_at: past }).execute();
    wx.expireTokens();
    const tokensBefore = wx.count(TOKEN);
    const inv = await a.call('org.invite', { unionId: 'bu-cy01' }, staffA);
    expect(inv.wechatFallback).toBeUndefined();
    expect(isPng(inv.miniProgramCode)).toBe(true);
    expect(wx.count(TOKEN)).toBe(tokensBefore + 1);
    expect(await db.selectFrom('wechat_tokens').select(['lease_holder', 'lease_until']).executeTakeFirstOrThrow()).toEqual({ lease_holder: null, lease_until: null });
  });

  it('retries only once: a token refused again falls back, and the invitation is still made', async () => {
    // Every token refused: the fake forgets each token as soon as it is issued.
    const realLifetime = wx.tokenLifetimeSec;
    wx.tokenLifetimeSec = -1;
    wx.expireTokens();
    const tokensBefore = wx.count(TOKEN);
    const inv = await a.call('org.invite', { unionId: 'bu-cy01' }, staffA);
    wx.tokenLifetimeSec = realLifetime;
    expect(inv.wechatFallback?.reason).toBe('wechat_unavailable');
    expect(inv.miniProgramCode).toBeUndefined();
    expect(wx.count(TOKEN) - tokensBefore).toBeLessThanOrEqual(2);
    expect((await a.call('membership.resolveInvite', { token: inv.token })).union.id).toBe('bu-cy01');
  });

  it('falls back to the H5 link when WeChat hangs or is down, and the poster says which code it carries', async () => {
    wx.outage = 'hang';
    const started = Date.now();
    const inv = await c.call('org.invite', { unionId: 'bu-cy01', label: '停电' }, staffC);
    expect(Date.now() - started).toBeLessThan(6000); // WECHAT_TIMEOUT_MS 1500, not the default 5000 per request
    expect(inv.miniProgramCode).toBeUndefined();
    expect(inv.urlLink).toBeUndefined();
    expect(inv.wechatFallback).toEqual({ reason: 'wechat_unavailable', message: expect.stringContaining('H5 链接二维码') });
    expect(c.logs.some((l) => l.startsWith('wechat ') && !l.includes('ACCESS_') && !l.includes(wx.appSecret))).toBe(true);
    const audit = await a.host.storage.db.selectFrom('audit_events').select('detail').where('object_id', '=', inv.id).executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail)).toMatchObject({ miniProgramCode: false, urlLink: false, wechatFallback: 'wechat_unavailable' });

    wx.outage = 'down';
    const poster = await c.call('org.invitePoster', { invitationId: inv.id, format: 'svg' }, staffC);
    expect(poster.codeKind).toBe('link');
    expect(poster.wechatFallback?.reason).toBe('wechat_unavailable');
    const svg = Buffer.from(poster.base64, 'base64').toString('utf8');
    expect(svg).toContain('用微信或手机相机扫码');
    expect(svg).not.toContain('data:image/png');
    expect((await c.call('membership.joinUrlLink', { token: inv.token })).unavailable?.reason).toBe('wechat_unavailable');

    // WeChat is back: the poster carries the mini-program code, asked for now and kept.
    wx.outage = 'none';
    const back = await a.call('org.invitePoster', { invitationId: inv.id, format: 'svg' }, staffA);
    const codesAfterPoster = wx.count(CODE);
    expect(back.codeKind).toBe('miniProgram');
    const svg2 = Buffer.from(back.base64, 'base64').toString('utf8');
    expect(svg2).toContain('微信扫一扫 小程序码');
    expect(svg2).toContain('data:image/png;base64,');
    const png = await b.call('org.invitePoster', { invitationId: inv.id, format: 'png' }, staffB);
    expect(png).toMatchObject({ codeKind: 'miniProgram', mimeType: 'image/png' });
    expect(isPng(png.base64)).toBe(true);
    // Kept: the other instance's PNG did not ask WeChat again.
    expect(wx.count(CODE)).toBe(codesAfterPoster);
  });

  it('names the reason when WeChat refuses or its quota is used up', async () => {
    wx.setLimitReached(true);
    expect((await a.call('org.invite', { unionId: 'bu-cy01' }, staffA)).wechatFallback?.reason).toBe('wechat_limit');
    wx.setLimitReached(false);
    wx.publishedPages = ['pages/index/index'];
    const inv = await a.call('org.invite', { unionId: 'bu-cy01' }, staffA);
    expect(inv.wechatFallback?.reason).toBe('wechat_rejected');
    expect(inv.wechatFallback?.message).toContain('41030');
  });

  describe('membership.joinUrlLink', () => {
    it('answers the link kept from org.invite, on either instance, without asking WeChat again', async () => {
      const inv = await a.call('org.invite', { unionId: 'bu-cy01' }, staffA);
      const links = wx.count(LINK);
      expect(await b.call('membership.joinUrlLink', { token: inv.token })).toEqual({ urlLink: inv.urlLink, expiresAt: inv.urlLinkExpiresAt });
      expect(await a.call('membership.joinUrlLink', { token: inv.token })).toEqual({ urlLink: inv.urlLink, expiresAt: inv.urlLinkExpiresAt });
      expect(wx.count(LINK)).toBe(links);
    });

    it('renews a link with less than a day left', async () => {
      const inv = await a.call('org.invite', { unionId: 'bu-cy01' }, staffA);
      await a.host.storage.db
        .updateTable('invitation_wechat')
        .set({ url_link_expires_at: new Date(Date.now() + 3_600_000).toISOString() })
        .where('invitation_id', '=', inv.id)
        .execute();
      const links = wx.count(LINK);
      const renewed = await a.call('membership.joinUrlLink', { token: inv.token });
      expect(renewed.urlLink).toMatch(/^https:\/\/wxaurl\.cn\//);
      expect(renewed.urlLink).not.toBe(inv.urlLink);
      expect(wx.count(LINK)).toBe(links + 1);
      expect(await a.call('membership.joinUrlLink', { token: inv.token })).toEqual(renewed);
    });

    it('makes a link for an invitation that has none yet, and refuses bad and stopped codes before asking WeChat', async () => {
      const inv = await a.call('org.invite', { unionId: 'bu-cy02' }, await a.login('staff', 'bu-cy02', 'wx'));
      await a.host.storage.db.deleteFrom('invitation_wechat').where('invitation_id', '=', inv.id).execute();
      expect((await a.call('membership.joinUrlLink', { token: inv.token })).urlLink).toMatch(/^https:\/\/wxaurl\.cn\//);
      const links = wx.count(LINK);
      expect((await a.refusal('membership.joinUrlLink', { token: `${inv.token}x` })).reason).toBe('invalid_invite');
      await a.call('org.revokeInvite', { invitationId: inv.id }, await a.login('staff', 'bu-cy02', 'wx'));
      expect((await a.refusal('membership.joinUrlLink', { token: inv.token })).reason).toBe('invalid_invite');
      expect(wx.count(LINK)).toBe(links);
    });
  });
});
