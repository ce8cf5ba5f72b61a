import { useCallback, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import type { SessionUser } from '@cloud/contract'
import { call, CloudError, toCloudError } from '../services/cloud'
import { getSessionToken, goToLogin } from '../services/session'
import { safeDecode } from '../lib/join-link'
import { TAB_PAGES } from '../lib/routes'

export interface SessionState {
  /** The logged-in user once `auth.me` answered (kept from the last show while reloading). */
  user: SessionUser | null
  loading: boolean
  error: CloudError | null
  reload: () => void
}

// The last user seen, so switching tabs does not flash an empty page.
let lastUser: { token: string; user: SessionUser } | null = null

/** Forgets the cached user (after logout or a new login). */
export function forgetSessionUser(): void {
  lastUser = null
}


/**
 * The page on screen with its parameters, to come back to after logging in (a notice or an activity
 * shared to a chat and opened by someone not logged in), or undefined for a tab page.
 */
export function pageToReturnTo(): string | undefined {
  const router = Taro.getCurrentInstance().router
  if (!router?.path) return undefined
  const path = `/${router.path.replace(/^\//, '').split('?')[0]}`
  // After logging in people land on a tab page anyway (HOME_AFTER_LOGIN).
  if (TAB_PAGES.includes(path)) return undefined
  const query = Object.entries(router.params ?? {})
    .filter((e): e is [string, string] => typeof e[1] === 'string' && !e[0].startsWith('$taro') && e[0] !== 'stamp')
    .map(([k, v]) => `${k}=${encodeURIComponent(safeDecode(v))}`)
    .join('&')
  return query ? `${path}?${query}` : path
}

/**
 * Guards a page: with no session token it sends people to the login page. With
 * `loadUser` it also asks `auth.me` who is logged in, each time the page shows.
 */
export function useSession({ loadUser = false }: { loadUser?: boolean } = {}): SessionState {
  const [user, setUser] = useState<SessionUser | null>(() => lastUser?.user ?? null)
  const [loading, setLoading] = useState(loadUser)
  const [error, setError] = useState<CloudError | null>(null)

  const refresh = useCallback(() => {
    const token = getSessionToken()
    if (!token) {
      forgetSessionUser()
      goToLogin(pageToReturnTo())
      return
    }
    if (!loadUser) return
    if (lastUser?.token === token) setUser(lastUser.user)
    setLoading(true)
    setError(null)
    call('auth.me', {})
      .then(({ user: me }) => {
        lastUser = { token, user: me }
        setUser(me)
      })
      .catch((thrown: unknown) => setError(toCloudError(thrown)))
      .finally(() => setLoading(false))
  }, [loadUser])

  useDidShow(refresh)

  return { user, loading, error, reload: refresh }
}
