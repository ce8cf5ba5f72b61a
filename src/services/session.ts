import Taro from '@tarojs/taro'
import { LOGIN_PAGE } from '../lib/routes'

const TOKEN_KEY = 'union.sessionToken'
const DEMO_KEY = 'union.demoKey'

/** The session token of the logged-in user, or '' when nobody is logged in. */
export function getSessionToken(): string {
  const value: unknown = Taro.getStorageSync(TOKEN_KEY)
  return typeof value === 'string' ? value : ''
}

export function setSessionToken(token: string): void {
  Taro.setStorageSync(TOKEN_KEY, token)
}

export function clearSessionToken(): void {
  Taro.removeStorageSync(TOKEN_KEY)
}

/**
 * A random key kept on this device so that demo personas (worker, member) come back as
 * the same person after logging out and in again (auth.devLogin `key`).
 */
export function getDemoKey(): string {
  const stored: unknown = Taro.getStorageSync(DEMO_KEY)
  if (typeof stored === 'string' && stored) return stored
  const key = `device-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
  Taro.setStorageSync(DEMO_KEY, key)
  return key
}

/**
 * Sends the user to the login page, replacing the page stack. `back`: a page path (with its
 * query) to return to after logging in, e.g. the join page with its invitation.
 */
export function goToLogin(back?: string): void {
  void Taro.reLaunch({ url: back ? `${LOGIN_PAGE}?back=${encodeURIComponent(back)}` : LOGIN_PAGE })
}
