/**
 * A worker who opens an invitation without being logged in is logged in on the spot, so the
 * QR code leads straight to the form: in the mini-program with WeChat (`auth.wechatLogin`); in the
 * demo H5 app as a fresh worker tied to this device (`auth.devLogin`, persona `worker`, the
 * device's demo key); otherwise the login page opens and comes back to the join page after.
 */
import Taro from '@tarojs/taro'
import { call, toCloudError } from './cloud'
import { getDemoKey, getSessionToken, goToLogin, setSessionToken } from './session'
import { forgetSessionUser } from '../hooks/useSession'

const IS_WEAPP = process.env.TARO_ENV === 'weapp'

/** True when a session exists (now); false when the login page was opened instead. */
export async function ensureJoinSession(back: string): Promise<boolean> {
  if (getSessionToken()) return true
  if (IS_WEAPP) {
    try {
      const { code } = await Taro.login()
      const r = await call('auth.wechatLogin', { code }, { anonymous: true })
      setSessionToken(r.sessionToken)
      forgetSessionUser()
      return true
    } catch (thrown) {
      const error = toCloudError(thrown)
      if (!(error.reason === 'wechat_not_configured' && UNION_DEMO)) throw error
    }
  }
  if (UNION_DEMO) {
    const r = await call('auth.devLogin', { persona: 'worker', key: getDemoKey() }, { anonymous: true })
    setSessionToken(r.sessionToken)
    forgetSessionUser()
    return true
  }
  goToLogin(back)
  return false
}
