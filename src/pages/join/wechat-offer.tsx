/**
 * 在微信中打开, by platform: only the H5 join page shows it (`wechat-offer.h5.tsx`); in the
 * mini-program the worker is already in WeChat and logs in with it.
 */
export interface WechatOfferProps {
  /** The invitation's WeChat URL Link (`https://wxaurl.cn/…`), once known. */
  urlLink?: string
  /** The link is being asked for. */
  loading: boolean
  /** Why there is no link (the host's Chinese message), when there is none. */
  unavailable?: string
  /** Opens the login page (people with an account). */
  onLogin: () => void
}

export function WechatOffer(_props: WechatOfferProps) {
  return null
}
