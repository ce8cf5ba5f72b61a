/**
 * WeChat's privacy agreement (用户隐私保护指引, enforced since 2023-09): before the first scan, image or
 * file pick, WeChat asks the app (`wx.onNeedPrivacyAuthorization`) to show its agreement, and goes on
 * only when the person taps a button of open-type `agreePrivacyAuthorization`. This default (H5, unit
 * tests) never asks: browsers have their own permission prompts. See `privacy.weapp.ts`.
 */
export interface PrivacyRequest {
  /** The page that asked (only that page shows the sheet). */
  route: string
}

export function watchPrivacyRequests(listener: (request: PrivacyRequest | null) => void): () => void {
  void listener
  return () => undefined
}

/** The person tapped 同意 on the sheet's agreePrivacyAuthorization button (its id). */
export function agreePrivacy(buttonId: string): void {
  void buttonId
}

export function declinePrivacy(): void {}

export function openPrivacyContract(): void {}
