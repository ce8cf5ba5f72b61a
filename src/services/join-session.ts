/**
 * A worker who opens an invitation without being logged in is logged in on the spot, so the
 * QR code leads straight to the form: in the mini-program with WeChat (`auth.wechatLogin`); in the
 * demo H5 app as a fresh worker tied to this device (`auth.devLogin`, persona `worker`, the
 * device's demo key). In a production H5 build (the link opened with a phone camera or a browser)
 * there is no WeChat login: the join page offers 在微信中打开 instead (`'wechat'`), with the login
 * page for people who have an account.
 */
import Taro from '@tarojs/taro'
import { call, toCloudError } from './cloud'
import { getDemoKey, getSessionToken, goToLogin, setSessionToken } from './session'
import { forgetSessionUser } from '../hooks/useSession'

const IS_WEAPP = process.env.TARO_ENV === 'weapp'

/** `ready`: a session exists (now); `wechat`: join in WeChat instead (production H5); `login`: the login page was opened. */
export type JoinSession = 'ready' | 'wechat' | 'login'

export async function ensureJoinSession(back: string): Promise<JoinSession> {
  if (getSessionToken()) return 'ready'
  if (IS_WEAPP) {
    try {
      const { code } = await Taro.login()
      const r = await call('auth.wechatLogin', { code }, { anonymous: true })
      setSessionToken(r.sessionToken)
      forgetSessionUser()
      return 'ready'
    } catch (thrown) {
      const error = toCloudError(thrown)
      if (!(error.reason === 'wechat_not_configured' && UNION_DEMO)) throw error
    }
  }
  if (UNION_DEMO) {
    const r = await call('auth.devLogin', { persona: 'worker', key: getDemoKey() }, { anonymous: true })
    setSessionToken(r.sessionToken)
    forgetSessionUser()
    return 'ready'
  }
  if (!IS_WEAPP) return 'wechat'
  goToLogin(back)
  return 'login'
}
