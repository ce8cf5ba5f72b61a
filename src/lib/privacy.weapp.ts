/**
 * The mini-program side of `privacy.ts`: one `wx.onNeedPrivacyAuthorization` handler for the app,
 * registered when this module first loads (before any page can scan or pick a file). WeChat hands it
 * a `resolve`; the page on top shows `PrivacySheet`, whose 同意 button (open-type
 * `agreePrivacyAuthorization`) answers `resolve({event: 'agree', buttonId})`, 不同意 `{event: 'disagree'}`
 * (the scan or pick then fails as cancelled, and WeChat asks again next time).
 */
import type { PrivacyRequest } from './privacy'

export type { PrivacyRequest }

interface WxPrivacy {
  onNeedPrivacyAuthorization(fn: (resolve: (r: { event: 'agree' | 'disagree'; buttonId?: string }) => void, info: { referrer?: string }) => void): void
  openPrivacyContract(o: { fail?: () => void }): void
}
declare const wx: WxPrivacy
declare function getCurrentPages(): { route?: string }[]

let pending: { resolve: (r: { event: 'agree' | 'disagree'; buttonId?: string }) => void; request: PrivacyRequest } | null = null
const listeners = new Set<(request: PrivacyRequest | null) => void>()

function tell(): void {
  for (const l of listeners) l(pending?.request ?? null)
}

wx.onNeedPrivacyAuthorization((resolve) => {
  // A second ask while the sheet is up replaces the first (WeChat asks once per guarded call).
  pending?.resolve({ event: 'disagree' })
  const pages = getCurrentPages()
  pending = { resolve, request: { route: pages[pages.length - 1]?.route ?? '' } }
  tell()
})

export function watchPrivacyRequests(listener: (request: PrivacyRequest | null) => void): () => void {
  listeners.add(listener)
  listener(pending?.request ?? null)
  return () => listeners.delete(listener)
}

function settle(answer: { event: 'agree' | 'disagree'; buttonId?: string }): void {
  const p = pending
  pending = null
  p?.resolve(answer)
  tell()
}

export function agreePrivacy(buttonId: string): void {
  settle({ event: 'agree', buttonId })
}

export function declinePrivacy(): void {
  settle({ event: 'disagree' })
}

export function openPrivacyContract(): void {
  wx.openPrivacyContract({ fail: () => undefined })
}
