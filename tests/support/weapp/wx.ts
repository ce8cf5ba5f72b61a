/**
 * The `wx` object of the headless runtime (see runtime.ts). Every API the app uses is implemented
 * for real against what the test controls; every other name WeChat defines is present and fails
 * the test with its name when called, so a build that starts using a new API is caught here first.
 */
import type { Phone } from './runtime';

/** What wx needs from its phone (the Phone class implements it). */
export type WxHost = Pick<
  Phone,
  | 'fail'
  | 'guard'
  | 'toPhone'
  | 'schedule'
  | 'requestStarted'
  | 'requestEnded'
  | 'forward'
  | 'storage'
  | 'toasts'
  | 'modals'
  | 'camera'
  | 'scanned'
  | 'requests'
  | 'subscribeRequests'
  | 'clipboard'
  | 'files'
  | 'online'
  | 'inTap'
  | 'privacyAgreed'
  | 'agreeButtons'
  | 'wechatUser'
  | 'subscribeAnswer'
  | 'fontSizeSetting'
  | 'navigate'
  | 'back'
  | 'setTitle'
  | 'launchOptions'
  | 'realm'
  | 'loading'
>;

type Options = Record<string, unknown> & { success?: (r: unknown) => void; fail?: (r: unknown) => void; complete?: (r: unknown) => void };

/** WeChat API names the runtime does not implement: present (as on a phone), failing when called. */
const UNIMPLEMENTED = [
  'downloadFile', 'connectSocket', 'getLocation', 'chooseLocation', 'openLocation', 'getUserProfile', 'getUserInfo',
  'authorize', 'openSetting', 'getSetting', 'requestPayment', 'navigateToMiniProgram', 'navigateBackMiniProgram',
  'saveImageToPhotosAlbum', 'saveFile', 'getFileInfo', 'startRecord', 'stopRecord', 'playVoice', 'createCameraContext',
  'createCanvasContext', 'canvasToTempFilePath', 'createInnerAudioContext', 'createVideoContext', 'makePhoneCall',
  'getClipboardData', 'showActionSheet', 'startPullDownRefresh', 'setTabBarBadge', 'removeTabBarBadge', 'showTabBarRedDot',
  'hideTabBarRedDot', 'setTabBarItem', 'setTabBarStyle', 'hideTabBar', 'showTabBar', 'setBackgroundColor', 'setBackgroundTextStyle',
  'loadFontFace', 'getBLEDeviceServices', 'openBluetoothAdapter', 'startWifi', 'addPhoneContact', 'chooseAddress',
  'chooseInvoiceTitle', 'checkIsSupportSoterAuthentication', 'startSoterAuthentication', 'getWeRunData', 'reportAnalytics',
  'reportEvent', 'getUpdateManager', 'getRealtimeLogManager', 'getLogManager', 'createWorker', 'createAnimation',
  'getBackgroundAudioManager', 'chooseVideo', 'compressImage', 'getImageInfo', 'previewMedia', 'openEmbeddedMiniProgram',
  'shareToWeRun', 'showRedPackage', 'requestOrderPayment', 'setEnableDebug', 'openCustomerServiceChat', 'getChannelsLiveInfo',
  'createInterstitialAd', 'createRewardedVideoAd', 'setScreenBrightness', 'getScreenBrightness', 'onUserCaptureScreen',
  'setVisualEffectOnCapture', 'getBatteryInfo', 'vibrateLong', 'startAccelerometer', 'startCompass', 'startDeviceMotionListening',
  'updateShareMenu', 'showShareImageMenu', 'hideShareMenu', 'getShareInfo', 'authPrivateMessage', 'openVideoEditor',
  'createMediaRecorder', 'onMemoryWarning', 'onKeyboardHeightChange', 'onWindowResize', 'getSelectedTextRange',
];


export function createWx(phone: WxHost): Record<string, unknown> {
  const wx: Record<string, unknown> = {};
  const networkListeners = new Set<(r: unknown) => void>();
  let privacyListener: ((resolve: (r: { event: string; buttonId?: string }) => void, info: unknown) => void) | null = null;

  /** Answers an async API the way WeChat does: later, success/fail then complete. */
  const answer = (o: Options | undefined, ok: boolean, result: Record<string, unknown>) => {
    phone.schedule(() => {
      const r = phone.toPhone(result);
      if (ok) o?.success?.(r);
      else o?.fail?.(r);
      o?.complete?.(r);
    });
  };
  const ok = (name: string, extra: Record<string, unknown> = {}) => (o?: Options) => answer(o, true, { errMsg: `${name}:ok`, ...extra });

  /**
   * WeChat guards some APIs with the privacy agreement (用户隐私保护指引) since 2023-09; of those the
   * app uses scanCode, chooseImage, chooseMedia, chooseMessageFile and setClipboardData.
   * Runs `go` once the privacy agreement holds; asks the app's onNeedPrivacyAuthorization when it does not. */
  const guarded = (name: string, o: Options | undefined, go: () => void) => {
    if (phone.privacyAgreed) return go();
    if (!privacyListener) {
      phone.fail(`wx.${name}: privacy-guarded API called before the person agreed, and the app handles no wx.onNeedPrivacyAuthorization (WeChat would block it or show its own sheet)`);
      return answer(o, false, { errMsg: `${name}:fail api scope is not declared in the privacy agreement`, errno: 112 });
    }
    let settled = false;
    const resolve = (r: { event: string; buttonId?: string }) => {
      if (settled) return;
      settled = true;
      if (r?.event === 'agree') {
        // WeChat accepts an agreement only from a tap on <button open-type="agreePrivacyAuthorization">.
        if (!r.buttonId || !phone.agreeButtons.has(r.buttonId)) {
          phone.fail(`wx.onNeedPrivacyAuthorization: resolve({event: 'agree'}) without a tapped agreePrivacyAuthorization button (buttonId ${String(r.buttonId)})`);
          return answer(o, false, { errMsg: `${name}:fail privacy permission is not authorized`, errno: 104 });
        }
        phone.privacyAgreed = true;
        return go();
      }
      answer(o, false, { errMsg: `${name}:fail privacy permission is not authorized`, errno: 104 });
    };
    phone.guard('onNeedPrivacyAuthorization', () => privacyListener?.(resolve, phone.toPhone({ referrer: name })));
  };

  // ── network ──
  wx.request = (o: Options & { url: string; method?: string; data?: unknown; header?: Record<string, string>; timeout?: number; dataType?: string; responseType?: string }) => {
    const controller = new AbortController();
    const method = (o.method ?? 'GET').toUpperCase();
    if (!phone.online) {
      phone.requests.push({ url: o.url, method, status: 'failed' });
      answer(o, false, { errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED', errno: 600001 });
      return { abort: () => undefined, onHeadersReceived: () => undefined, offHeadersReceived: () => undefined };
    }
    const headers: Record<string, string> = { ...(o.header ?? {}) };
    let url = phone.forward(o.url);
    let body: string | undefined;
    if (method === 'GET' && o.data && typeof o.data === 'object') {
      const u = new URL(url);
      for (const [k, v] of Object.entries(o.data as Record<string, unknown>)) u.searchParams.set(k, String(v));
      url = u.toString();
    } else if (o.data !== undefined && method !== 'GET') {
      body = typeof o.data === 'string' ? o.data : JSON.stringify(o.data);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    }
    phone.requestStarted();
    const timer = setTimeout(() => controller.abort(), o.timeout ?? 60000);
    fetch(url, { method, headers, body, signal: controller.signal })
      .then(async (res) => {
        const text = await res.text();
        phone.requests.push({ url: o.url, method, status: res.status });
        let data: unknown = text;
        if ((o.dataType ?? 'json') === 'json') {
          try {
            data = JSON.parse(text);
          } catch {
            data = text;
          }
        }
        const header: Record<string, string> = {};
        res.headers.forEach((v, k) => (header[k] = v));
        answer(o, true, { data, statusCode: res.status, header, cookies: [], errMsg: 'request:ok' });
      })
      .catch((err: Error) => {
        phone.requests.push({ url: o.url, method, status: 'failed' });
        const aborted = controller.signal.aborted;
        answer(o, false, { errMsg: aborted ? 'request:fail timeout' : `request:fail ${err.message}`, errno: aborted ? 5 : 600001 });
      })
      .finally(() => {
        clearTimeout(timer);
        phone.requestEnded();
      });
    return { abort: () => controller.abort(), onHeadersReceived: () => undefined, offHeadersReceived: () => undefined, onChunkReceived: () => undefined, offChunkReceived: () => undefined };
  };

  wx.uploadFile = (o: Options & { url: string; filePath: string; name: string; formData?: Record<string, string>; header?: Record<string, string> }) => {
    const bytes = phone.files.get(o.filePath);
    if (!bytes) {
      answer(o, false, { errMsg: `uploadFile:fail file not found ${o.filePath}` });
      return { abort: () => undefined, onProgressUpdate: () => undefined };
    }
    if (!phone.online) {
      answer(o, false, { errMsg: 'uploadFile:fail net::ERR_INTERNET_DISCONNECTED' });
      return { abort: () => undefined, onProgressUpdate: () => undefined };
    }
    const form = new FormData();
    for (const [k, v] of Object.entries(o.formData ?? {})) form.set(k, v);
    form.set(o.name, new Blob([new Uint8Array(bytes)]), o.filePath.split('/').pop());
    phone.requestStarted();
    fetch(phone.forward(o.url), { method: 'POST', headers: o.header, body: form })
      .then(async (res) => answer(o, true, { data: await res.text(), statusCode: res.status, errMsg: 'uploadFile:ok' }))
      .catch((err: Error) => answer(o, false, { errMsg: `uploadFile:fail ${err.message}` }))
      .finally(() => phone.requestEnded());
    return { abort: () => undefined, onProgressUpdate: () => undefined, offProgressUpdate: () => undefined };
  };

  wx.getNetworkType = (o?: Options) => answer(o, true, { networkType: phone.online ? 'wifi' : 'none', errMsg: 'getNetworkType:ok' });
  wx.onNetworkStatusChange = (fn: (r: unknown) => void) => void networkListeners.add(fn);
  wx.offNetworkStatusChange = (fn?: (r: unknown) => void) => (fn ? void networkListeners.delete(fn) : networkListeners.clear());
  Object.defineProperty(wx, '__networkChanged', {
    enumerable: false,
    value: (online: boolean) => {
      for (const fn of networkListeners) phone.schedule(() => fn(phone.toPhone({ isConnected: online, networkType: online ? 'wifi' : 'none' })));
    },
  });

  // ── login ──
  wx.login = (o?: Options) => {
    if (!phone.online) return answer(o, false, { errMsg: 'login:fail network error' });
    answer(o, true, { code: `ok-${phone.wechatUser}`, errMsg: 'login:ok' });
  };
  wx.checkSession = ok('checkSession');

  // ── storage (per phone) ──
  const copy = (v: unknown) => (v === undefined ? '' : phone.toPhone(v));
  wx.getStorageSync = (key: string) => copy(phone.storage.get(key));
  wx.setStorageSync = (key: string, value: unknown) => void phone.storage.set(key, JSON.parse(JSON.stringify(value ?? null)));
  wx.removeStorageSync = (key: string) => void phone.storage.delete(key);
  wx.clearStorageSync = () => phone.storage.clear();
  wx.getStorageInfoSync = () => phone.toPhone({ keys: [...phone.storage.keys()], currentSize: 0, limitSize: 10240 });
  wx.getStorage = (o: Options & { key: string }) =>
    phone.storage.has(o.key) ? answer(o, true, { data: phone.storage.get(o.key), errMsg: 'getStorage:ok' }) : answer(o, false, { errMsg: 'getStorage:fail data not found' });
  wx.setStorage = (o: Options & { key: string; data: unknown }) => {
    phone.storage.set(o.key, JSON.parse(JSON.stringify(o.data ?? null)));
    answer(o, true, { errMsg: 'setStorage:ok' });
  };
  wx.removeStorage = (o: Options & { key: string }) => {
    phone.storage.delete(o.key);
    answer(o, true, { errMsg: 'removeStorage:ok' });
  };
  wx.clearStorage = (o?: Options) => {
    phone.storage.clear();
    answer(o, true, { errMsg: 'clearStorage:ok' });
  };

  // ── navigation ──
  for (const kind of ['navigateTo', 'redirectTo', 'switchTab', 'reLaunch'] as const) {
    wx[kind] = (o: Options & { url: string }) => {
      if (typeof o?.url !== 'string') return answer(o, false, { errMsg: `${kind}:fail parameter error: parameter.url should be String` });
      phone.schedule(() => {
        const err = phone.navigate(kind, o.url);
        const r = phone.toPhone({ errMsg: err ?? `${kind}:ok` });
        if (err) o.fail?.(r);
        else o.success?.(r);
        o.complete?.(r);
      });
    };
  }
  wx.navigateBack = (o?: Options & { delta?: number }) => {
    phone.schedule(() => {
      const err = phone.back(o?.delta ?? 1);
      const r = phone.toPhone({ errMsg: err ?? 'navigateBack:ok' });
      if (err) o?.fail?.(r);
      else o?.success?.(r);
      o?.complete?.(r);
    });
  };
  wx.setNavigationBarTitle = (o: Options & { title: string }) => {
    phone.setTitle(String(o.title));
    answer(o, true, { errMsg: 'setNavigationBarTitle:ok' });
  };
  wx.setNavigationBarColor = ok('setNavigationBarColor');
  wx.hideHomeButton = ok('hideHomeButton');
  wx.stopPullDownRefresh = ok('stopPullDownRefresh');
  wx.pageScrollTo = ok('pageScrollTo');
  wx.showShareMenu = ok('showShareMenu');

  // ── feedback: recorded, modals answered by the test ──
  wx.showToast = (o: Options & { title: string; icon?: string; duration?: number }) => {
    phone.toasts.push({ title: String(o.title), icon: o.icon as string | undefined });
    answer(o, true, { errMsg: 'showToast:ok' });
  };
  wx.hideToast = ok('hideToast');
  wx.showLoading = (o: Options & { title: string }) => {
    phone.loading = String(o.title ?? '');
    answer(o, true, { errMsg: 'showLoading:ok' });
  };
  wx.hideLoading = (o?: Options) => {
    phone.loading = null;
    answer(o, true, { errMsg: 'hideLoading:ok' });
  };
  wx.showModal = (o: Options & { title?: string; content?: string; showCancel?: boolean; confirmText?: string; cancelText?: string }) => {
    phone.modals.push({
      title: String(o.title ?? ''),
      content: String(o.content ?? ''),
      showCancel: o.showCancel !== false,
      confirmText: String(o.confirmText ?? '确定'),
      cancelText: String(o.cancelText ?? '取消'),
      answer: (confirm) => answer(o, true, { confirm, cancel: !confirm, errMsg: 'showModal:ok' }),
    });
  };

  // ── device and app facts ──
  const windowInfo = { pixelRatio: 3, screenWidth: 390, screenHeight: 844, windowWidth: 390, windowHeight: 750, statusBarHeight: 47, safeArea: { left: 0, right: 390, top: 47, bottom: 810, width: 390, height: 763 }, screenTop: 0 };
  const deviceInfo = { brand: 'headless', model: 'headless phone', system: 'iOS 16.0', platform: 'ios', benchmarkLevel: 1, abi: 'arm64' };
  const baseInfo = { SDKVersion: '3.6.0', version: '8.0.50', language: 'zh_CN', enableDebug: false, theme: 'light', host: { env: 'WeChat' }, fontSizeSetting: phone.fontSizeSetting };
  const systemInfo = { ...windowInfo, ...deviceInfo, ...baseInfo, bluetoothEnabled: false, locationEnabled: false, wifiEnabled: true, cameraAuthorized: true };
  wx.getWindowInfo = () => phone.toPhone(windowInfo);
  wx.getDeviceInfo = () => phone.toPhone(deviceInfo);
  wx.getAppBaseInfo = () => phone.toPhone(baseInfo);
  wx.getSystemSetting = () => phone.toPhone({ bluetoothEnabled: false, locationEnabled: false, wifiEnabled: true, deviceOrientation: 'portrait' });
  wx.getAppAuthorizeSetting = () => phone.toPhone({ cameraAuthorized: 'authorized', albumAuthorized: 'authorized', notificationAuthorized: 'authorized' });
  wx.getSystemInfoSync = () => phone.toPhone(systemInfo);
  wx.getSystemInfo = (o?: Options) => answer(o, true, { ...systemInfo, errMsg: 'getSystemInfo:ok' });
  wx.getSystemInfoAsync = wx.getSystemInfo;
  wx.getAccountInfoSync = () => phone.toPhone({ miniProgram: { appId: 'wx-test-app', envVersion: 'develop', version: '' } });
  wx.getLaunchOptionsSync = () => phone.toPhone({ ...phone.launchOptions, referrerInfo: {} });
  wx.getEnterOptionsSync = wx.getLaunchOptionsSync;
  wx.getMenuButtonBoundingClientRect = () => phone.toPhone({ width: 87, height: 32, top: 51, right: 383, bottom: 83, left: 296 });
  wx.canIUse = (schema: string) => typeof schema === 'string' && !/^(cloud|getUserProfile)/.test(schema);
  wx.nextTick = (fn: () => void) => phone.schedule(fn);
  wx.env = { USER_DATA_PATH: 'wxfile://usr' };
  // App-level listeners are kept; the runtime has no app show/hide or theme change to tell them of,
  // and reports errors to the test itself (Phone.errors) rather than to them.
  const appListeners = new Map<string, Set<unknown>>();
  for (const event of ['AppShow', 'AppHide', 'Error', 'UnhandledRejection', 'PageNotFound', 'ThemeChange']) {
    const set = new Set<unknown>();
    appListeners.set(event, set);
    wx[`on${event}`] = (fn: unknown) => void set.add(fn);
    wx[`off${event}`] = (fn?: unknown) => (fn ? void set.delete(fn) : set.clear());
  }
  wx.setKeepScreenOn = ok('setKeepScreenOn');
  wx.vibrateShort = ok('vibrateShort');

  // Layout is WeChat's: queries find nothing measured (docs/weapp.md says what only a phone shows).
  wx.createSelectorQuery = () => {
    const q = {
      in: () => q,
      select: () => node,
      selectAll: () => node,
      selectViewport: () => node,
      exec: (cb?: (r: unknown) => void) => phone.schedule(() => cb?.(phone.toPhone([null]))),
    };
    const node = {
      boundingClientRect: (cb?: (r: unknown) => void) => (cb && phone.schedule(() => cb(null)), q),
      scrollOffset: (cb?: (r: unknown) => void) => (cb && phone.schedule(() => cb(null)), q),
      fields: (_f: unknown, cb?: (r: unknown) => void) => (cb && phone.schedule(() => cb(null)), q),
      node: (cb?: (r: unknown) => void) => (cb && phone.schedule(() => cb(null)), q),
      context: (cb?: (r: unknown) => void) => (cb && phone.schedule(() => cb(null)), q),
    };
    return q;
  };
  wx.createIntersectionObserver = () => {
    const o = { relativeTo: () => o, relativeToViewport: () => o, observe: () => undefined, disconnect: () => undefined };
    return o;
  };

  // ── camera, files, clipboard: privacy-guarded ──
  wx.scanCode = (o: Options & { onlyFromCamera?: boolean; scanType?: string[] }) =>
    guarded('scanCode', o, () => {
      const text = phone.camera.shift();
      if (text === undefined) return answer(o, false, { errMsg: 'scanCode:fail cancel' });
      phone.scanned.push(text);
      answer(o, true, { result: text, scanType: 'QR_CODE', charSet: 'utf-8', path: '', rawData: Buffer.from(text).toString('base64'), errMsg: 'scanCode:ok' });
    });
  const pick = (name: string, o: Options, shape: (paths: string[]) => Record<string, unknown>) =>
    guarded(name, o, () => {
      const paths = [...phone.files.keys()].filter((p) => p.startsWith('wxfile://tmp/picked-'));
      if (paths.length === 0) return answer(o, false, { errMsg: `${name}:fail cancel` });
      answer(o, true, { ...shape(paths), errMsg: `${name}:ok` });
    });
  wx.chooseImage = (o: Options) => pick('chooseImage', o, (p) => ({ tempFilePaths: p, tempFiles: p.map((x) => ({ path: x, size: phone.files.get(x)?.length ?? 0 })) }));
  wx.chooseMedia = (o: Options) => pick('chooseMedia', o, (p) => ({ type: 'image', tempFiles: p.map((x) => ({ tempFilePath: x, size: phone.files.get(x)?.length ?? 0, fileType: 'image' })) }));
  wx.chooseMessageFile = (o: Options) => pick('chooseMessageFile', o, (p) => ({ tempFiles: p.map((x) => ({ path: x, name: x.split('picked-')[1], size: phone.files.get(x)?.length ?? 0, type: 'file', time: 0 })) }));
  wx.setClipboardData = (o: Options & { data: string }) =>
    guarded('setClipboardData', o, () => {
      phone.clipboard.push(String(o.data));
      answer(o, true, { errMsg: 'setClipboardData:ok' });
    });
  wx.getFileSystemManager = () => ({
    readFile: (o: Options & { filePath: string; encoding?: string }) => {
      const bytes = phone.files.get(o.filePath);
      if (!bytes) return answer(o, false, { errMsg: `readFile:fail no such file ${o.filePath}` });
      if (o.encoding === 'base64') return answer(o, true, { data: bytes.toString('base64'), errMsg: 'readFile:ok' });
      phone.schedule(() => {
        const buf = new phone.realm.Uint8Array(bytes).buffer;
        o.success?.({ data: buf, errMsg: 'readFile:ok' });
        o.complete?.({ errMsg: 'readFile:ok' });
      });
    },
    readFileSync: (filePath: string, encoding?: string) => {
      const bytes = phone.files.get(filePath);
      if (!bytes) throw new phone.realm.Error(`readFileSync:fail no such file ${filePath}`);
      return encoding === 'base64' ? bytes.toString('base64') : new phone.realm.Uint8Array(bytes).buffer;
    },
    writeFile: (o: Options & { filePath: string; data: string | ArrayBuffer; encoding?: string }) => {
      phone.files.set(o.filePath, typeof o.data === 'string' ? Buffer.from(o.data, (o.encoding as BufferEncoding) ?? 'utf8') : Buffer.from(new Uint8Array(o.data)));
      answer(o, true, { errMsg: 'writeFile:ok' });
    },
  });
  wx.openDocument = (o: Options & { filePath: string }) => (phone.files.has(o.filePath) ? answer(o, true, { errMsg: 'openDocument:ok' }) : answer(o, false, { errMsg: 'openDocument:fail file not found' }));
  wx.shareFileMessage = (o: Options & { filePath: string }) => (phone.files.has(o.filePath) ? answer(o, true, { errMsg: 'shareFileMessage:ok' }) : answer(o, false, { errMsg: 'shareFileMessage:fail file not found' }));
  wx.previewImage = ok('previewImage');

  // ── privacy (用户隐私保护指引) ──
  wx.onNeedPrivacyAuthorization = (fn: typeof privacyListener) => {
    privacyListener = fn;
  };
  wx.requirePrivacyAuthorize = (o?: Options) => guarded('requirePrivacyAuthorize', o, () => answer(o, true, { errMsg: 'requirePrivacyAuthorize:ok' }));
  wx.getPrivacySetting = (o?: Options) => answer(o, true, { needAuthorization: !phone.privacyAgreed, privacyContractName: '《工会小程序隐私保护指引》', errMsg: 'getPrivacySetting:ok' });
  wx.openPrivacyContract = ok('openPrivacyContract');

  // ── subscribe messages: only from a tap, as WeChat requires ──
  wx.requestSubscribeMessage = (o: Options & { tmplIds: string[] }) => {
    if (!phone.inTap) {
      phone.fail('wx.requestSubscribeMessage called outside a tap (WeChat refuses: "can only be invoked by user TAP gesture")');
      return answer(o, false, { errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.', errCode: 20001 });
    }
    const result: Record<string, string> = {};
    for (const id of o.tmplIds ?? []) result[id] = phone.subscribeAnswer;
    phone.subscribeRequests.push({ tmplIds: [...(o.tmplIds ?? [])], answer: result });
    answer(o, true, { ...result, errMsg: 'requestSubscribeMessage:ok' });
  };

  for (const name of UNIMPLEMENTED) {
    if (name in wx) continue;
    wx[name] = () => {
      phone.fail(`wx.${name} is not implemented by the headless runtime (tests/support/weapp/wx.ts): implement it, or the app should not call it`);
      throw new phone.realm.Error(`wx.${name} is not implemented by the headless runtime`);
    };
  }
  // Base library ≥ 2.10.2: an async API called without success/fail/complete returns a Promise
  // (tasks — request, uploadFile — and sync, on/off, create/get-manager APIs do not).
  const notPromised = /^(on|off|create|request$|uploadFile$|connectSocket$|canIUse$|nextTick$|getFileSystemManager$|env$|__)|Sync$|^get(WindowInfo|DeviceInfo|AppBaseInfo|SystemSetting|AppAuthorizeSetting|MenuButtonBoundingClientRect)$/;
  for (const [name, fn] of Object.entries(wx)) {
    if (typeof fn !== 'function' || notPromised.test(name) || UNIMPLEMENTED.includes(name)) continue;
    wx[name] = (o?: Options, ...rest: unknown[]) => {
      if (o && typeof o === 'object' && (o.success || o.fail || o.complete)) return (fn as (...a: unknown[]) => unknown)(o, ...rest);
      return new phone.realm.Promise((resolve, reject) => {
        (fn as (...a: unknown[]) => unknown)({ ...(o ?? {}), success: resolve, fail: reject }, ...rest);
      });
    };
  }
  // WEAPP_TRACE=1: every wx call in the phone's log (for finding out what a page does).
  if (process.env.WEAPP_TRACE) {
    for (const [name, fn] of Object.entries(wx)) {
      if (typeof fn !== 'function') continue;
      wx[name] = (...args: unknown[]) => {
        const first = args[0] && typeof args[0] === 'object' ? JSON.stringify(args[0]).slice(0, 200) : String(args[0] ?? '');
        (phone as unknown as { logs: string[] }).logs.push(`wx.${name}(${first})`);
        return (fn as (...a: unknown[]) => unknown)(...args);
      };
    }
  }
  return wx;
}
