/**
 * The headless mini-program runtime itself (tests/support/weapp): the data tree, the globals the
 * context holds and lacks, and the WeChat rules it enforces, on the real build against a real host.
 */
import vm from 'node:vm';
import { applySetData, bubblePath, byText, elementsOf, parseDataPath, type Template } from '../support/weapp/tree';
import { startWeappWorld, type WeappWorld } from '../support/weapp/world';
import type { Phone } from '../support/weapp/runtime';

jest.setTimeout(60_000);

describe('the data tree', () => {
  it('reads Taro’s paths, with and without a dot before an index', () => {
    expect(parseDataPath('root.cn.[0].cn.[12].v')).toEqual(['root', 'cn', 0, 'cn', 12, 'v']);
    expect(parseDataPath('list[3].name')).toEqual(['list', 3, 'name']);
  });

  it('applies setData as WeChat does: paths create what is missing, values are copies', () => {
    const data: Record<string, unknown> = {};
    const node = { nn: '3', sid: 'a', cn: [{ nn: '9', sid: 'b', v: '你好' }] };
    applySetData(data, { 'root.cn.[0]': node });
    node.cn[0].v = 'changed';
    applySetData(data, { 'root.cn.[0].cl': 'box' });
    expect(data).toEqual({ root: { cn: [{ nn: '3', sid: 'a', cl: 'box', cn: [{ nn: '9', sid: 'b', v: '你好' }] }] } });
  });

  const templates = new Map<string, Template>([
    ['3', { tag: 'view', attrs: {}, binds: new Set() }],
    ['8', { tag: 'view', attrs: {}, binds: new Set(['tap']) }],
    ['5', { tag: 'text', attrs: {}, binds: new Set() }],
  ]);
  const data = {
    root: {
      cn: [
        { nn: '8', sid: 'outer', cn: [{ nn: '3', sid: 'row', cn: [{ nn: '5', sid: 't1', cn: [{ nn: '9', sid: 'x1', v: '批准' }] }, { nn: '5', sid: 't2', cn: [{ nn: '9', sid: 'x2', v: '王小芳' }] }] }] },
      ],
    },
  };

  it('finds the innermost element with a text, and bubbles a tap to each bound ancestor', () => {
    const els = elementsOf(data, templates);
    const [hit] = byText(els, '批准');
    expect(hit.id).toBe('t1');
    expect(bubblePath(hit, 'tap').map((e) => e.id)).toEqual(['outer']);
    expect(byText(els, /王小芳/).map((e) => e.id)).toEqual(['t2']);
  });
});

describe('a phone', () => {
  let world: WeappWorld;
  let phone: Phone;
  beforeAll(async () => {
    world = await startWeappWorld();
    phone = await world.phoneAs('member', 'bu-cy01');
    await phone.idle();
  });
  afterAll(async () => {
    await phone?.close({ allowErrors: true });
    await world?.close();
  });
  const inPhone = (code: string) => vm.runInContext(code, phone.context) as unknown;
  /** Polls the phone's realm (the failures these tests provoke are recorded as the phone's errors). */
  async function until(code: string): Promise<string> {
    for (let i = 0; i < 200 && !inPhone(code); i++) await new Promise((r) => setTimeout(r, 10));
    return String(inPhone(code));
  }

  it('holds WeChat’s globals and nothing of the browser or Node', () => {
    for (const g of ['wx', 'App', 'Page', 'Component', 'Behavior', 'getApp', 'getCurrentPages', 'requirePlugin', 'setTimeout', 'clearInterval', 'console', 'Promise', 'JSON']) {
      expect([g, inPhone(`typeof ${g}`)]).not.toEqual([g, 'undefined']);
    }
    for (const g of ['window', 'document', 'fetch', 'AbortController', 'URL', 'URLSearchParams', 'TextEncoder', 'atob', 'btoa', 'localStorage', 'process', 'require', 'Buffer', 'global', 'navigator', 'XMLHttpRequest']) {
      expect([g, inPhone(`typeof ${g}`)]).toEqual([g, 'undefined']);
    }
  });

  it('refuses navigateTo a tab page and a stack deeper than 10, as WeChat does', async () => {
    expect(phone.navigate('navigateTo', '/pages/notices/index')).toBe('navigateTo:fail can not navigateTo a tabbar page');
    for (let i = phone.stack.length; i < 10; i++) expect(phone.navigate('navigateTo', '/pages/requests/index')).toBeNull();
    expect(phone.stack).toHaveLength(10);
    expect(phone.navigate('navigateTo', '/pages/requests/index')).toBe('navigateTo:fail webview count limit exceed');
    // Pages below the top are hidden, not unloaded; switchTab closes every page that is not a tab.
    expect(phone.stack.slice(0, -1).every((p) => p.state === 'hidden')).toBe(true);
    const closing = phone.stack.slice(1);
    expect(phone.navigate('switchTab', '/pages/mine/index')).toBeNull();
    expect(closing.every((p) => p.state === 'unloaded')).toBe(true);
    expect(phone.stack.map((p) => p.route)).toEqual(['pages/mine/index']);
    await phone.idle();
  });

  it('fails the test with the name of a wx API it does not implement', () => {
    const before = phone.errors.length;
    expect(() => inPhone('wx.makePhoneCall({ phoneNumber: "12345" })')).toThrow(/wx\.makePhoneCall is not implemented/);
    expect(phone.errors.slice(before)).toEqual([expect.stringContaining('wx.makePhoneCall is not implemented')]);
  });

  it('refuses requestSubscribeMessage outside a tap', async () => {
    const before = phone.errors.length;
    inPhone('wx.requestSubscribeMessage({ tmplIds: ["t1"], fail: function (e) { globalThis.__subscribeFail = e.errMsg } })');
    expect(await until('globalThis.__subscribeFail')).toContain('TAP gesture');
    expect(phone.errors.slice(before)).toEqual([expect.stringContaining('outside a tap')]);
  });

  it('answers an async API with a Promise when no callback is given (base library ≥ 2.10.2)', async () => {
    inPhone(`globalThis.__type = wx.getNetworkType() instanceof Promise; wx.getNetworkType().then(function (r) { globalThis.__net = r.networkType })`);
    expect(inPhone('globalThis.__type')).toBe(true);
    expect(await until('globalThis.__net')).toBe('wifi');
    expect(inPhone('wx.getStorageSync("nothing-here")')).toBe('');
  });

  it('fails requests at once with the network off', async () => {
    phone.setOnline(false);
    inPhone('wx.request({ url: "http://127.0.0.1:3000/healthz", fail: function (e) { globalThis.__offline = e.errMsg } })');
    expect(await until('globalThis.__offline')).toBe('request:fail net::ERR_INTERNET_DISCONNECTED');
    phone.setOnline(true);
  });

  it('counts a privacy agreement only from a tapped agreePrivacyAuthorization button', async () => {
    const before = phone.errors.length;
    inPhone(`wx.onNeedPrivacyAuthorization(function (resolve) { resolve({ event: 'agree', buttonId: 'forged' }) });
      wx.scanCode({ fail: function (e) { globalThis.__scan = e.errMsg } })`);
    expect(await until('globalThis.__scan')).toBe('scanCode:fail privacy permission is not authorized');
    expect(phone.privacyAgreed).toBe(false);
    expect(phone.errors.slice(before)).toEqual([expect.stringContaining('without a tapped agreePrivacyAuthorization button')]);
  });
});
