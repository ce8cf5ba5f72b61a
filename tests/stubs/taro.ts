/**
 * A light stand-in for @tarojs/taro in jsdom. Navigation calls are recorded in `navigation`
 * so a test can check where a component sent people; storage is an in-memory map.
 */
import { useEffect } from 'react'

export const ENV_TYPE = { WEAPP: 'WEAPP', WEB: 'WEB', RN: 'RN', SWAN: 'SWAN', ALIPAY: 'ALIPAY', TT: 'TT' } as const

export const navigation: { method: string; url: string }[] = []
const storage = new Map<string, unknown>()

export function resetTaroStub(): void {
  navigation.length = 0
  storage.clear()
}

const windowInfo = {
  pixelRatio: 2,
  screenWidth: 375,
  screenHeight: 812,
  windowWidth: 375,
  windowHeight: 812,
  statusBarHeight: 20,
  safeArea: { left: 0, right: 375, top: 20, bottom: 812, width: 375, height: 792 },
}

function navigate(method: string) {
  return ({ url }: { url: string }) => {
    navigation.push({ method, url })
    return Promise.resolve({ errMsg: `${method}:ok` })
  }
}

const selectorQuery = {
  select: () => selectorQuery,
  selectAll: () => selectorQuery,
  selectViewport: () => selectorQuery,
  in: () => selectorQuery,
  boundingClientRect: (cb?: (r: unknown) => void) => {
    cb?.({ width: 0, height: 0, top: 0, left: 0, right: 0, bottom: 0 })
    return selectorQuery
  },
  scrollOffset: () => selectorQuery,
  fields: () => selectorQuery,
  exec: (cb?: (r: unknown[]) => void) => cb?.([]),
}

const Taro = {
  ENV_TYPE,
  SDKVersion: '3.0.0',
  getEnv: () => ENV_TYPE.WEB,
  getWindowInfo: () => windowInfo,
  getSystemInfoSync: () => ({ ...windowInfo, platform: 'devtools', system: 'test' }),
  getSystemInfo: () => Promise.resolve({ ...windowInfo, platform: 'devtools' }),
  getDeviceInfo: () => ({ platform: 'devtools', system: 'test', pixelRatio: 2 }),
  getAppBaseInfo: () => ({ SDKVersion: '3.0.0', language: 'zh_CN', theme: 'light' }),
  pxTransform: (value: number) => `${value}px`,
  nextTick: (fn: () => void) => setTimeout(fn, 0),
  createSelectorQuery: () => selectorQuery,
  getCurrentInstance: () => ({ router: { params: {}, path: '/' }, page: {} }),
  eventCenter: { on: () => undefined, off: () => undefined, trigger: () => undefined },
  getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
  showToast: () => Promise.resolve({ errMsg: 'showToast:ok' }),
  login: () => Promise.resolve({ code: 'test-code', errMsg: 'login:ok' }),
  navigateTo: navigate('navigateTo'),
  redirectTo: navigate('redirectTo'),
  reLaunch: navigate('reLaunch'),
  switchTab: navigate('switchTab'),
  pageScrollTo: () => Promise.resolve(),
}

/** Page lifecycle hooks: "shown" once on mount. */
export function useDidShow(fn: () => void): void {
  useEffect(() => fn(), [])
}
export const useLoad = useDidShow
export const useReady = useDidShow
export function useDidHide(): void {}
export function useUnload(): void {}
export function usePageScroll(): void {}

export const {
  getEnv,
  getWindowInfo,
  getSystemInfoSync,
  getSystemInfo,
  pxTransform,
  nextTick,
  createSelectorQuery,
  getCurrentInstance,
  eventCenter,
  getStorageSync,
  setStorageSync,
  removeStorageSync,
  showToast,
  login,
  navigateTo,
  redirectTo,
  reLaunch,
  switchTab,
  pageScrollTo,
} = Taro

export default Taro
