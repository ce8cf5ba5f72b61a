/**
 * A headless WeChat mini-program runtime for tests: the real `dist/weapp` build, run in a Node `vm`
 * context that holds only what WeChat's JS engine gives a mini-program (ECMAScript built-ins and the
 * base library's globals: `wx`, `App`, `Page`, `Component`, `Behavior`, `getApp`, `getCurrentPages`,
 * `requirePlugin`, timers, `console`). No `window`, `document`, `fetch`, `AbortController`, `URL`,
 * `localStorage`, `process` or Node `require`: code that reaches for one fails with its name.
 *
 * A {@link Phone} is one phone with the app installed: its own storage, clock, network switch,
 * camera, WeChat identity and page stack. `wx` is implemented for real where a test can observe it
 * (requests go over HTTP to the test's host; `login` answers codes the fake WeChat server accepts;
 * navigation keeps WeChat's page stack and lifecycle; toasts and modals are recorded and answered),
 * and a call to a `wx` API this runtime does not implement fails the test with its name.
 * What it cannot show (layout, the camera itself, WeChat's own dialogs) is in docs/weapp.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { applySetData, bubblePath, byText, elementsOf, outline, readTemplates, visibleText, type Element, type Template } from './tree';
import { createWx, type WxHost } from './wx';

export const DIST_WEAPP = path.join(__dirname, '../../../dist/weapp');
/** Where the test build sends its calls (config/index.ts: the weapp default server URL). */
export const BUILD_SERVER_URL = 'http://127.0.0.1:3000';

interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
  subpackages?: { root: string; pages: string[] }[];
  tabBar?: { list: { pagePath: string; text: string }[] };
  window?: { navigationBarTitleText?: string };
  preloadRule?: Record<string, { packages: string[]; network?: string }>;
}

/** A build read from disk once and shared by every phone (scripts compiled once). */
export class MiniProgramBuild {
  readonly appJson: AppJson;
  readonly templates: Map<string, Template>;
  readonly pages: string[];
  readonly tabPages: string[];
  private readonly scripts = new Map<string, vm.Script>();
  private readonly pageJson = new Map<string, Record<string, unknown>>();

  constructor(readonly dir: string = DIST_WEAPP) {
    const appJsonPath = path.join(dir, 'app.json');
    if (!fs.existsSync(appJsonPath)) throw new Error(`${appJsonPath} is missing: run \`npm run build:weapp\` (npm test builds it)`);
    this.appJson = JSON.parse(fs.readFileSync(appJsonPath, 'utf8')) as AppJson;
    this.templates = readTemplates(dir);
    const subs = this.appJson.subPackages ?? this.appJson.subpackages ?? [];
    this.pages = [...this.appJson.pages, ...subs.flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`))];
    this.tabPages = (this.appJson.tabBar?.list ?? []).map((t) => t.pagePath);
  }

  /** The sub-package root a page belongs to, or '' for the main package. */
  packageOf(route: string): string {
    const sub = (this.appJson.subPackages ?? this.appJson.subpackages ?? []).find((s) => route.startsWith(`${s.root.replace(/\/$/, '')}/`));
    return sub ? sub.root.replace(/\/$/, '') : '';
  }

  /** The file's code wrapped as WeChat does (`require`, `module`, `exports`), compiled once. */
  script(file: string): vm.Script {
    let s = this.scripts.get(file);
    if (!s) {
      const full = path.join(this.dir, file);
      if (!fs.existsSync(full)) throw new Error(`require: ${file} is not in the build`);
      const code = fs.readFileSync(full, 'utf8');
      s = new vm.Script(`(function (require, module, exports) {${code}\n})`, { filename: full });
      this.scripts.set(file, s);
    }
    return s;
  }

  json(route: string): Record<string, unknown> {
    let j = this.pageJson.get(route);
    if (!j) {
      j = JSON.parse(fs.readFileSync(path.join(this.dir, `${route}.json`), 'utf8')) as Record<string, unknown>;
      this.pageJson.set(route, j);
    }
    return j;
  }
}

let sharedBuild: MiniProgramBuild | null = null;
/** The `dist/weapp` build, read once per test file. */
export function weappBuild(): MiniProgramBuild {
  sharedBuild ??= new MiniProgramBuild();
  return sharedBuild;
}

/** A page on the stack: WeChat's page instance and what the runtime knows of it. */
export interface PageRecord {
  route: string;
  query: Record<string, string>;
  instance: PageInstance;
  title: string;
  state: 'shown' | 'hidden' | 'unloaded';
}

export interface PageInstance {
  route: string;
  data: Record<string, unknown>;
  setData(payload: Record<string, unknown>, cb?: () => void): void;
  [key: string]: unknown;
}

export interface LaunchOptions {
  /** The page WeChat opens (default: the first page of app.json). */
  path?: string;
  query?: Record<string, string>;
  /** WeChat's scene value: 1001 the list of recent apps, 1011 a scanned link QR, 1047 a mini-program code, 1007 a shared card. */
  scene?: number;
}

export interface PhoneOptions {
  /** The test host's URL; calls the build makes to its configured server go there. */
  server: string;
  /** The WeChat user of this phone: `wx.login` codes are `ok-<wechatUser>` (tests/support/fake-wechat.ts). */
  wechatUser?: string;
  /** What `wx.requestSubscribeMessage` answers per template (default: accept). */
  subscribeAnswer?: 'accept' | 'reject' | 'ban';
  /** WeChat's 字体大小 setting in px, as `fontSizeSetting` reports it (default 17, 标准 on iOS). */
  fontSizeSetting?: number;
  build?: MiniProgramBuild;
}

export interface Modal {
  title: string;
  content: string;
  showCancel: boolean;
  confirmText: string;
  cancelText: string;
  answer(confirm: boolean): void;
}

/** Thrown by a test helper when the page does not hold what the test looks for; carries the page's text. */
export class PageQueryError extends Error {}

const CTX_PRELUDE = `
  // The phone's clock: Date and Date.now follow the offset the test sets (a phone set to the wrong time).
  (function () {
    var RealDate = Date;
    var offset = function () { return __phoneClockOffset(); };
    function PhoneDate() {
      var args = Array.prototype.slice.call(arguments);
      if (!(this instanceof PhoneDate)) return new RealDate(RealDate.now() + offset()).toString();
      if (args.length === 0) return new RealDate(RealDate.now() + offset());
      return new (Function.prototype.bind.apply(RealDate, [null].concat(args)))();
    }
    PhoneDate.prototype = RealDate.prototype;
    PhoneDate.now = function () { return RealDate.now() + offset(); };
    PhoneDate.parse = RealDate.parse;
    PhoneDate.UTC = RealDate.UTC;
    Object.defineProperty(RealDate.prototype, 'constructor', { value: PhoneDate, writable: true, configurable: true });
    globalThis.Date = PhoneDate;
  })();
`;

/**
 * One phone with the mini-program installed and launched. Create with {@link launchPhone}; call
 * {@link Phone.close} at the end (it fails when the app threw anything the test did not expect).
 */
export class Phone implements WxHost {
  readonly build: MiniProgramBuild;
  readonly server: string;
  readonly wechatUser: string;
  readonly storage = new Map<string, unknown>();
  readonly toasts: { title: string; icon?: string }[] = [];
  readonly modals: Modal[] = [];
  readonly scanned: string[] = [];
  readonly requests: { url: string; method: string; status: number | 'failed' }[] = [];
  readonly subscribeRequests: { tmplIds: string[]; answer: Record<string, string> }[] = [];
  readonly clipboard: string[] = [];
  /** Failures the app would have hit on a phone: uncaught errors, console.error, unimplemented APIs. */
  readonly errors: string[] = [];
  readonly logs: string[] = [];
  readonly files = new Map<string, Buffer>();
  subscribeAnswer: 'accept' | 'reject' | 'ban';
  readonly fontSizeSetting: number;
  online = true;
  clockOffsetMs = 0;
  privacyAgreed = false;
  /** Codes the test holds up to the camera, taken one per `wx.scanCode`. */
  readonly camera: string[] = [];
  inTap = false;
  loading: string | null = null;
  /** The buttons (open-type agreePrivacyAuthorization) the person tapped, by id. */
  readonly agreeButtons = new Set<string>();

  readonly context: vm.Context;
  readonly realm: { JSON: JSON; ArrayBuffer: ArrayBufferConstructor; Promise: PromiseConstructor; Error: ErrorConstructor; Uint8Array: Uint8ArrayConstructor };
  readonly stack: PageRecord[] = [];
  private readonly aliveTabs = new Map<string, PageRecord>();
  private readonly modules = new Map<string, { exports: unknown }>();
  private readonly pageConfigs = new Map<string, Record<string, unknown>>();
  private readonly componentConfigs: Record<string, unknown>[] = [];
  private appInstance: Record<string, unknown> | null = null;
  private loadingRoute: string | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();
  private pendingRequests = 0;
  private lastRender = Date.now();
  private closed = false;
  readonly wx: Record<string, unknown>;
  private readonly onRejection = (reason: unknown, promise: Promise<unknown>) => {
    if (promise instanceof this.realm.Promise) this.fail(`未处理的 Promise 拒绝：${describeValue(reason)}`);
  };
  launchOptions: Required<LaunchOptions> = { path: '', query: {}, scene: 1001 };

  constructor(opts: PhoneOptions) {
    this.build = opts.build ?? weappBuild();
    this.server = opts.server.replace(/\/$/, '');
    this.wechatUser = opts.wechatUser ?? `phone${Math.random().toString(36).slice(2, 8)}`;
    this.subscribeAnswer = opts.subscribeAnswer ?? 'accept';
    this.fontSizeSetting = opts.fontSizeSetting ?? 17;
    this.wx = createWx(this);
    const phone = this;
    const timer = (repeat: boolean) =>
      function schedule(fn: unknown, ms?: number, ...args: unknown[]) {
        if (typeof fn !== 'function') throw new TypeError('setTimeout/setInterval: callback must be a function');
        const run = () => {
          if (!repeat) phone.timers.delete(handle);
          phone.guard('timer', () => (fn as (...a: unknown[]) => void)(...args));
        };
        const handle = repeat ? setInterval(run, ms) : setTimeout(run, ms);
        phone.timers.add(handle);
        return handle;
      };
    const clear = (handle: NodeJS.Timeout | undefined) => {
      if (!handle) return;
      clearTimeout(handle);
      phone.timers.delete(handle);
    };
    const consoleProxy = {
      log: (...a: unknown[]) => phone.logs.push(a.map(describeValue).join(' ')),
      info: (...a: unknown[]) => phone.logs.push(a.map(describeValue).join(' ')),
      debug: (...a: unknown[]) => phone.logs.push(a.map(describeValue).join(' ')),
      warn: (...a: unknown[]) => phone.logs.push(`warn: ${a.map(describeValue).join(' ')}`),
      error: (...a: unknown[]) => phone.fail(`console.error：${a.map(describeValue).join(' ')}`),
      group: () => undefined,
      groupEnd: () => undefined,
      time: () => undefined,
      timeEnd: () => undefined,
    };
    // Only what WeChat's base library defines; everything else is an ECMAScript built-in of the context.
    this.context = vm.createContext({
      wx: this.wx,
      App: (config: Record<string, unknown>) => this.registerApp(config),
      Page: (config: Record<string, unknown>) => this.registerPage(config),
      Component: (config: Record<string, unknown>) => void this.componentConfigs.push(config),
      Behavior: (config: Record<string, unknown>) => config,
      getApp: () => this.appInstance,
      getCurrentPages: () => this.stack.map((p) => p.instance),
      requirePlugin: (name: string) => {
        throw new Error(`requirePlugin("${name}"): this mini-program declares no plugins`);
      },
      setTimeout: timer(false),
      setInterval: timer(true),
      clearTimeout: clear,
      clearInterval: clear,
      console: consoleProxy,
      __phoneClockOffset: () => phone.clockOffsetMs,
    });
    vm.runInContext(CTX_PRELUDE, this.context);
    this.realm = vm.runInContext('({ JSON: JSON, ArrayBuffer: ArrayBuffer, Promise: Promise, Error: Error, Uint8Array: Uint8Array })', this.context) as Phone['realm'];
    process.on('unhandledRejection', this.onRejection);
  }

  // ───────────── WxHost: what wx.ts needs from the phone ─────────────

  fail(message: string): void {
    this.errors.push(message);
  }

  /** Runs app code as WeChat would: anything it throws is an uncaught error of the app. */
  guard<T>(where: string, fn: () => T): T | undefined {
    try {
      return fn();
    } catch (err) {
      this.fail(`${where}: ${describeValue(err)}`);
      return undefined;
    }
  }

  /** A value as the app's own realm would have made it (arrays, objects, errors pass `instanceof`). */
  toPhone<T>(value: T): T {
    return value === undefined ? value : (this.realm.JSON.parse(JSON.stringify(value)) as T);
  }

  schedule(fn: () => void, ms = 0): void {
    const handle = setTimeout(() => {
      this.timers.delete(handle);
      if (!this.closed) this.guard('wx callback', fn);
    }, ms);
    this.timers.add(handle);
  }

  requestStarted(): void {
    this.pendingRequests++;
  }

  requestEnded(): void {
    this.pendingRequests--;
  }

  /** A URL the build asks for, as the test's network delivers it (the build's server → the test host). */
  forward(url: string): string {
    if (url.startsWith(BUILD_SERVER_URL)) return this.server + url.slice(BUILD_SERVER_URL.length);
    return url;
  }

  // ───────────── the app and its pages ─────────────

  /** Requires a file of the build the way WeChat does: relative to the requiring file, `.js` added. */
  require(file: string): unknown {
    const normal = path.posix.normalize(file.endsWith('.js') ? file : `${file}.js`).replace(/^\/+/, '');
    if (normal.startsWith('..')) throw new Error(`require: ${file} is outside the mini-program`);
    const cached = this.modules.get(normal);
    if (cached) return cached.exports;
    const module = { exports: {} as unknown };
    this.modules.set(normal, module);
    const fn = this.build.script(normal).runInContext(this.context) as (req: unknown, m: unknown, e: unknown) => void;
    const dir = path.posix.dirname(normal);
    const localRequire = (p: string) => {
      if (typeof p !== 'string' || !(p.startsWith('./') || p.startsWith('../') || p.startsWith('/'))) {
        throw new Error(`require("${String(p)}"): WeChat resolves only files of the mini-program, not packages`);
      }
      return this.require(p.startsWith('/') ? p : path.posix.join(dir, p));
    };
    fn(localRequire, module, module.exports);
    return module.exports;
  }

  private registerApp(config: Record<string, unknown>): void {
    if (this.appInstance) throw new Error('App() called twice');
    this.appInstance = config;
  }

  private registerPage(config: Record<string, unknown>): void {
    if (!this.loadingRoute) throw new Error('Page() called outside the loading of a page file');
    this.pageConfigs.set(this.loadingRoute, config);
  }

  launch(opts: LaunchOptions = {}): void {
    const pagePath = (opts.path ?? this.build.appJson.pages[0]).replace(/^\//, '');
    this.launchOptions = { path: pagePath, query: opts.query ?? {}, scene: opts.scene ?? 1001 };
    this.require('app.js');
    const app = this.appInstance;
    if (!app) throw new Error('app.js did not call App()');
    const options = this.toPhone({ path: pagePath, query: this.launchOptions.query, scene: this.launchOptions.scene, referrerInfo: {}, forwardMaterials: [], apiCategory: 'default' });
    this.guard('App.onLaunch', () => (app.onLaunch as ((o: unknown) => void) | undefined)?.call(app, options));
    this.guard('App.onShow', () => (app.onShow as ((o: unknown) => void) | undefined)?.call(app, options));
    this.openPage(pagePath, this.launchOptions.query);
    this.keepTabAlive();
  }

  private pageConfig(route: string): Record<string, unknown> {
    let config = this.pageConfigs.get(route);
    if (config) return config;
    const json = this.build.json(route);
    const using = (json.usingComponents ?? {}) as Record<string, string>;
    for (const rel of Object.values(using)) this.require(path.posix.join(path.posix.dirname(route), rel));
    this.loadingRoute = route;
    try {
      this.require(`${route}.js`);
    } finally {
      this.loadingRoute = null;
    }
    config = this.pageConfigs.get(route);
    if (!config) throw new Error(`${route}.js did not call Page()`);
    return config;
  }

  private openPage(route: string, query: Record<string, string>): PageRecord {
    const config = this.pageConfig(route);
    const json = this.build.json(route);
    const instance = Object.create(null) as PageInstance;
    for (const [k, v] of Object.entries(config)) if (k !== 'data') instance[k] = v;
    instance.data = this.toPhone((config.data as Record<string, unknown>) ?? {});
    instance.route = route;
    instance.__route__ = route;
    instance.options = this.toPhone(query);
    instance.setData = (payload, cb) => {
      if (record.state === 'unloaded') {
        // WeChat drops it (an answer that arrived after the page closed); Taro flushes such updates.
        this.logs.push(`warn: setData on ${route} after it was unloaded (dropped)`);
        return;
      }
      applySetData(instance.data, payload);
      this.lastRender = Date.now();
      if (cb) this.schedule(cb);
    };
    instance.selectComponent = () => null;
    instance.selectAllComponents = () => this.toPhone([]);
    instance.createSelectorQuery = () => (this.wx.createSelectorQuery as () => unknown)();
    instance.getOpenerEventChannel = () => ({ emit: () => undefined, on: () => undefined, once: () => undefined, off: () => undefined });
    const record: PageRecord = {
      route,
      query,
      instance,
      title: String(json.navigationBarTitleText ?? this.build.appJson.window?.navigationBarTitleText ?? ''),
      state: 'shown',
    };
    this.current?.instance && this.hidePage(this.current);
    this.stack.push(record);
    this.callPage(record, 'onLoad', this.toPhone(query));
    this.callPage(record, 'onShow');
    this.schedule(() => record.state !== 'unloaded' && this.callPage(record, 'onReady'));
    return record;
  }

  private callPage(record: PageRecord, hook: string, ...args: unknown[]): unknown {
    const fn = record.instance[hook];
    if (typeof fn !== 'function') return undefined;
    return this.guard(`${record.route} ${hook}`, () => (fn as (...a: unknown[]) => unknown).apply(record.instance, args));
  }

  private hidePage(record: PageRecord): void {
    if (record.state !== 'shown') return;
    record.state = 'hidden';
    this.callPage(record, 'onHide');
  }

  private showPage(record: PageRecord): void {
    if (record.state !== 'hidden') return;
    record.state = 'shown';
    this.callPage(record, 'onShow');
  }

  private unloadPage(record: PageRecord): void {
    if (record.state === 'unloaded') return;
    if (record.state === 'shown') this.callPage(record, 'onHide');
    record.state = 'unloaded';
    this.callPage(record, 'onUnload');
    this.aliveTabs.delete(record.route);
  }

  get current(): PageRecord | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** Parses a navigation url (absolute or relative to the current page) into a route and its query. */
  resolveUrl(url: string): { route: string; query: Record<string, string> } {
    const [rawPath, rawQuery = ''] = url.split('?');
    const base = this.current ? path.posix.dirname(this.current.route) : '';
    const route = rawPath.startsWith('/') ? rawPath.slice(1) : path.posix.join(base, rawPath);
    const query: Record<string, string> = {};
    // WeChat hands the page the values as written in the url (not decoded).
    for (const pair of rawQuery.split('&').filter(Boolean)) {
      const i = pair.indexOf('=');
      query[i < 0 ? pair : pair.slice(0, i)] = i < 0 ? '' : pair.slice(i + 1);
    }
    return { route, query };
  }

  /** Navigation as wx.* performs it; returns WeChat's errMsg on refusal. */
  navigate(kind: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch', url: string): string | null {
    const { route, query } = this.resolveUrl(url);
    if (!this.build.pages.includes(route)) return `${kind}:fail page "${route}" is not found`;
    const isTab = this.build.tabPages.includes(route);
    if ((kind === 'navigateTo' || kind === 'redirectTo') && isTab) return `${kind}:fail can not ${kind} a tabbar page`;
    if (kind === 'switchTab' && !isTab) return `switchTab:fail can not switch to no-tabBar page`;
    if (kind === 'navigateTo' && this.stack.length >= 10) return 'navigateTo:fail webview count limit exceed';
    if (kind === 'navigateTo') {
      this.openPage(route, query);
    } else if (kind === 'redirectTo') {
      const top = this.stack.pop();
      if (top) this.unloadPage(top);
      this.openPage(route, query);
    } else if (kind === 'reLaunch') {
      while (this.stack.length) this.unloadPage(this.stack.pop() as PageRecord);
      for (const tab of [...this.aliveTabs.values()]) this.unloadPage(tab);
      this.openPage(route, query);
    } else {
      // switchTab: every page that is not a tab page closes (only the bottom of the stack can be a
      // tab page); that tab page is hidden but kept alive, the target one shown again as it was or opened.
      while (this.current && !this.build.tabPages.includes(this.current.route)) this.unloadPage(this.stack.pop() as PageRecord);
      const bottom = this.stack.pop();
      if (bottom && bottom.route !== route) this.hidePage(bottom);
      const alive = this.aliveTabs.get(route);
      if (alive) {
        this.stack.push(alive);
        this.showPage(alive);
      } else {
        this.openPage(route, {});
      }
    }
    this.keepTabAlive();
    return null;
  }

  /** A tab page, however it was opened, stays alive for switchTab until reLaunch (unloadPage forgets it). */
  private keepTabAlive(): void {
    const now = this.current;
    if (now && this.build.tabPages.includes(now.route)) this.aliveTabs.set(now.route, now);
  }

  back(delta = 1): string | null {
    if (this.stack.length <= 1) return 'navigateBack:fail cannot navigate back at first page.';
    const n = Math.min(delta, this.stack.length - 1);
    for (let i = 0; i < n; i++) this.unloadPage(this.stack.pop() as PageRecord);
    this.showPage(this.current as PageRecord);
    return null;
  }

  /** Sets the title of the page on top (wx.setNavigationBarTitle). */
  setTitle(title: string): void {
    if (this.current) this.current.title = title;
  }

  // ───────────── what a test does with the phone ─────────────

  get route(): string {
    return this.current?.route ?? '';
  }

  get title(): string {
    return this.current?.title ?? '';
  }

  /** The drawn elements of the page on top. */
  elements(): Element[] {
    const page = this.current;
    if (!page) throw new PageQueryError('no page is open');
    return elementsOf(page.instance.data, this.build.templates);
  }

  /** The page's text, one line per text node (for assertions and failure messages). */
  text(): string {
    return outline(this.elements());
  }

  find(text: string | RegExp): Element[] {
    return byText(this.elements(), text);
  }

  /** The element reading `text` inside the nearest block that also reads `near` (e.g. 批准 in 李秀英's list item). */
  findNear(text: string | RegExp, near: string): Element | undefined {
    let best: { el: Element; size: number } | undefined;
    for (const el of this.find(text)) {
      let e: Element | null = el.parent;
      while (e && !e.text.includes(near)) e = e.parent;
      // The smallest block holding both is the list item; a bigger one is the whole list.
      if (e && (!best || e.text.length < best.size)) best = { el, size: e.text.length };
    }
    return best?.el;
  }

  /** Waits until `check` holds (re-checked as the page renders and answers arrive). */
  async waitFor<T>(check: () => T | undefined | null | false, what: string, timeoutMs = 8000): Promise<T> {
    const until = Date.now() + timeoutMs;
    const errorsAtStart = this.errors.length;
    for (;;) {
      let got: T | undefined | null | false;
      try {
        got = check();
      } catch (err) {
        if (!(err instanceof PageQueryError)) throw err;
      }
      if (got) return got;
      if (this.errors.length > errorsAtStart) throw new Error(`the app failed while waiting for ${what}:\n${this.errors.slice(errorsAtStart).join('\n')}`);
      if (Date.now() > until) {
        throw new PageQueryError(`${what}: not seen within ${timeoutMs} ms on ${this.route} ("${this.title}"). The page reads:\n${this.safeText()}`);
      }
      await new Promise((r) => setTimeout(r, 15));
    }
  }

  /** Waits for an element with this text on the page on top and returns it. */
  waitForText(text: string | RegExp, timeoutMs?: number): Promise<Element> {
    return this.waitFor(() => this.find(text)[0], `text ${String(text)}`, timeoutMs);
  }

  /** Waits for a page to be on top. */
  waitForRoute(route: string, timeoutMs?: number): Promise<PageRecord> {
    return this.waitFor(() => (this.route === route ? this.current : undefined), `page ${route}`, timeoutMs);
  }

  /** Waits until no request is in flight and the page has not rendered for a moment. */
  async idle(quietMs = 60, timeoutMs = 8000): Promise<void> {
    await this.waitFor(() => this.pendingRequests === 0 && Date.now() - this.lastRender >= quietMs, 'the page to settle', timeoutMs);
  }

  private safeText(): string {
    try {
      return this.text();
    } catch {
      return '(no page)';
    }
  }

  private one(target: string | RegExp | Element, what: string): Element {
    if (typeof target === 'object' && 'node' in target) return target;
    const hits = this.find(target);
    if (hits.length === 0) throw new PageQueryError(`${what}: no element reads ${String(target)} on ${this.route}. The page reads:\n${this.safeText()}`);
    return hits[0];
  }

  private event(type: string, target: Element, current: Element, detail: unknown): unknown {
    const node = (el: Element) => ({ id: el.id, dataset: { sid: el.node.sid }, offsetLeft: 0, offsetTop: 0 });
    return this.toPhone({ type, timeStamp: Date.now(), target: node(target), currentTarget: node(current), detail, mark: {}, touches: [], changedTouches: [], mut: false });
  }

  /** Delivers a bubbling event the way WeChat does: to the element, then to each ancestor bound to it. */
  private deliver(type: string, el: Element, detail: unknown): number {
    const page = this.current as PageRecord;
    const handler = page.instance.eh;
    if (typeof handler !== 'function') throw new Error(`${page.route} has no event handler (eh)`);
    const targets = bubblePath(el, type);
    for (const current of targets) this.guard(`${type} on ${page.route}`, () => (handler as (e: unknown) => unknown).call(page.instance, this.event(type, el, current, detail)));
    return targets.length;
  }

  /**
   * A person's next touch comes after the page has drawn what the last one changed (they look
   * first): waits a turn, then until the page has not rendered for a moment (at most 1 s).
   */
  private async afterTouch(): Promise<void> {
    const until = Date.now() + 1000;
    await new Promise((r) => setTimeout(r, 0));
    while (Date.now() - this.lastRender < 30 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
  }

  /** Taps what reads `target` (text or element), as a finger would: WeChat's tap, bubbling. */
  async tap(target: string | RegExp | Element): Promise<void> {
    this.tapNow(target);
    await this.afterTouch();
  }

  /** The tap itself, synchronously (what WeChat runs inside the touch). */
  tapNow(target: string | RegExp | Element): void {
    const el = this.one(target, 'tap');
    this.inTap = true;
    try {
      const delivered = this.deliver('tap', el, this.toPhone({ x: 10, y: 10 }));
      if (delivered === 0) throw new PageQueryError(`tap: nothing listens to a tap on ${String(typeof target === 'object' && 'node' in target ? target.text : target)} on ${this.route}`);
      // A button of open-type agreePrivacyAuthorization: WeChat records the agreement and tells the button.
      const button = this.closest(el, 'button');
      if (button && button.attrs['open-type'] === 'agreePrivacyAuthorization') {
        this.privacyAgreed = true;
        this.agreeButtons.add(button.id);
        this.deliver('agreeprivacyauthorization', button, this.toPhone({}));
      }
    } finally {
      this.inTap = false;
    }
  }

  private closest(el: Element, tag: string): Element | null {
    for (let e: Element | null = el; e; e = e.parent) if (e.tag === tag) return e;
    return null;
  }

  /** The input or textarea shown with this placeholder (or the one inside the element reading `label`). */
  field(label: string | RegExp): Element {
    const els = this.elements();
    const isField = (e: Element) => e.tag === 'input' || e.tag === 'textarea';
    const match = (s: unknown) => (typeof label === 'string' ? String(s ?? '') === label : label.test(String(s ?? '')));
    const direct = els.find((e) => isField(e) && (match(e.attrs.placeholder) || match(e.node['aria-label'])));
    if (direct) return direct;
    for (const holder of byText(els, label)) {
      for (let e: Element | null = holder; e; e = e.parent) {
        const inside = els.find((f) => isField(f) && isWithin(f, e as Element));
        if (inside) return inside;
      }
    }
    throw new PageQueryError(`field ${String(label)}: no input on ${this.route}. The page reads:\n${this.safeText()}`);
  }

  /** Types `value` into a field, as WeChat reports typing (one input event with the whole value). */
  async type(label: string | RegExp, value: string): Promise<void> {
    const el = this.field(label);
    if (el.attrs.disabled === true) throw new PageQueryError(`type: field ${String(label)} is disabled`);
    this.deliver('focus', el, this.toPhone({ value: String(el.attrs.value ?? ''), height: 0 }));
    this.deliver('input', el, this.toPhone({ value, cursor: value.length, keyCode: 0 }));
    this.deliver('blur', el, this.toPhone({ value, cursor: value.length }));
    await this.afterTouch();
  }

  /** Taps a tab of the tab bar (drawn by WeChat, not by the page). */
  tapTab(text: string): void {
    const tab = this.build.appJson.tabBar?.list.find((t) => t.text === text);
    if (!tab) throw new PageQueryError(`tab ${text}: not in the tab bar`);
    const err = this.navigate('switchTab', `/${tab.pagePath}`);
    if (err) throw new Error(err);
  }

  /** The share card the page on top offers (`onShareAppMessage`), as WeChat asks it from the menu. */
  share(): { title: string; path: string; imageUrl?: string } {
    const page = this.current as PageRecord;
    const json = this.build.json(page.route);
    if (typeof page.instance.onShareAppMessage !== 'function') throw new PageQueryError(`${page.route} offers no 转发 (no onShareAppMessage; page config ${JSON.stringify(json)})`);
    const card = this.callPage(page, 'onShareAppMessage', this.toPhone({ from: 'menu', webViewUrl: '' })) as { title?: string; path?: string; imageUrl?: string } | undefined;
    const fallbackTitle = page.title;
    return { title: card?.title ?? fallbackTitle, path: card?.path ?? `/${page.route}`, imageUrl: card?.imageUrl };
  }

  /** Answers the modal on screen (the newest unanswered one). */
  async answerModal(confirm: boolean, timeoutMs?: number): Promise<Modal> {
    const modal = await this.waitFor(() => this.modals.find((m) => !(m as Modal & { answered?: boolean }).answered), 'a modal', timeoutMs);
    (modal as Modal & { answered?: boolean }).answered = true;
    modal.answer(confirm);
    return modal;
  }

  /** Switches the phone's network off or on (requests fail at once while off; WeChat tells listeners). */
  setOnline(online: boolean): void {
    this.online = online;
    (this.wx.__networkChanged as (o: boolean) => void)(online);
  }

  /** Sets the phone's clock `ms` away from the real time (positive: ahead). */
  setClockOffset(ms: number): void {
    this.clockOffsetMs = ms;
  }

  /** Ends the phone: unloads its pages, stops its timers; throws when the app failed on the way. */
  async close({ allowErrors = false }: { allowErrors?: boolean } = {}): Promise<void> {
    if (this.closed) return;
    while (this.stack.length) this.unloadPage(this.stack.pop() as PageRecord);
    for (const tab of [...this.aliveTabs.values()]) this.unloadPage(tab);
    await new Promise((r) => setTimeout(r, 20));
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    process.off('unhandledRejection', this.onRejection);
    if (!allowErrors && this.errors.length) throw new Error(`the mini-program failed on this phone:\n${this.errors.join('\n')}`);
  }
}

function isWithin(el: Element, ancestor: Element): boolean {
  for (let e: Element | null = el; e; e = e.parent) if (e === ancestor) return true;
  return false;
}

export function describeValue(x: unknown): string {
  if (x instanceof Error || (x && typeof x === 'object' && 'stack' in x && 'message' in x)) {
    const e = x as Error;
    return `${e.name}: ${e.message}${e.stack ? `\n${e.stack.split('\n').slice(1, 5).join('\n')}` : ''}`;
  }
  if (typeof x === 'string') return x;
  try {
    return JSON.stringify(x);
  } catch {
    return String(x);
  }
}

/** A phone with the app launched (`opts.launch`: the page, query and scene WeChat opens it with). */
export function launchPhone(opts: PhoneOptions & { launch?: LaunchOptions; storage?: Record<string, unknown>; clockOffsetMs?: number }): Phone {
  const phone = new Phone(opts);
  for (const [k, v] of Object.entries(opts.storage ?? {})) phone.storage.set(k, v);
  if (opts.clockOffsetMs) phone.setClockOffset(opts.clockOffsetMs);
  phone.launch(opts.launch);
  return phone;
}

export { visibleText };
export type { Element };
