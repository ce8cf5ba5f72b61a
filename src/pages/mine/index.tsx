import { useState } from 'react'
import { pageTextStyle } from '../../lib/text-size'
import Taro, { useDidShow } from '@tarojs/taro'
import type { MyRequests, MyStatus } from '@cloud/contract'
import { Text, View } from '@tarojs/components'
import { ActionButton } from '../../components/action-button'
import { TextSizeSwitch } from '../../components/text-size-switch'
import { forgetSessionUser, useSession } from '../../hooks/useSession'
import { useOrgTree } from '../../hooks/useOrgTree'
import { ariaRole } from '../../lib/a11y'
import { unionNames } from '../../lib/org'
import { CARD_PAGE, MEMBERSHIP_PAGE, MESSAGES_PAGE, REQUESTS_PAGE, WORKBENCH_PAGE } from '../../lib/routes'
import { call, toCloudError } from '../../services/cloud'
import { clearSessionToken, goToLogin } from '../../services/session'
import { MineView } from './mine-view'
import { prepareSubscribe } from '../../lib/subscribe'
import './index.scss'

export default function MinePage() {
  const { user, loading, error, reload } = useSession({ loadUser: true })
  const { tree } = useOrgTree()
  const [loggingOut, setLoggingOut] = useState(false)
  const [membership, setMembership] = useState<MyStatus | null>(null)
  const [lifecycle, setLifecycle] = useState<MyRequests | null>(null)
  const [newReplies, setNewReplies] = useState(0)
  const [unreadMessages, setUnreadMessages] = useState(0)

  // The membership line is a nicety: a failure here leaves it out rather than blocking the page.
  useDidShow(() => {
    call('membership.myStatus', {})
      .then(setMembership)
      .catch(() => setMembership(null))
    call('membership.myRequests', {})
      .then(setLifecycle)
      .catch(() => setLifecycle(null))
    call('request.mine', {})
      .then((r) => setNewReplies(r.items.reduce((n, i) => n + i.newReplies, 0)))
      .catch(() => setNewReplies(0))
    prepareSubscribe()
    call('notify.list', { unreadOnly: true })
      .then((r) => setUnreadMessages(r.unread))
      .catch(() => setUnreadMessages(0))
  })

  async function logout(): Promise<void> {
    setLoggingOut(true)
    try {
      await call('auth.logout', {})
    } catch (thrown) {
      // Logging out on this device must not depend on the network: the token is dropped
      // below either way, and the server forgets it when it expires.
      void Taro.showToast({ title: toCloudError(thrown).message, icon: 'none' })
    } finally {
      clearSessionToken()
      forgetSessionUser()
      setLoggingOut(false)
      goToLogin()
    }
  }

  return (
    <View className='page' style={pageTextStyle()}>
      {user ? (
        <>
          <MineView
            user={user}
            unionNames={unionNames(tree)}
            onOpenWorkbench={() => void Taro.navigateTo({ url: WORKBENCH_PAGE })}
            onLogout={() => void logout()}
            loggingOut={loggingOut}
            membership={membership}
            onOpenCard={() => void Taro.navigateTo({ url: CARD_PAGE })}
            lifecycle={lifecycle}
            onOpenMembership={() => void Taro.navigateTo({ url: MEMBERSHIP_PAGE })}
            onOpenRequests={() => void Taro.navigateTo({ url: REQUESTS_PAGE })}
            newReplies={newReplies}
            onOpenMessages={() => void Taro.navigateTo({ url: MESSAGES_PAGE })}
            unreadMessages={unreadMessages}
          />
          <TextSizeSwitch />
        </>
      ) : error ? (
        <View className='mine__problem'>
          <Text className='error-text' {...ariaRole('alert')}>
            {error.message}
          </Text>
          <ActionButton size='small' onClick={reload}>
            重试
          </ActionButton>
        </View>
      ) : (
        <Text className='muted' {...ariaRole('status')}>
          {loading ? '正在加载…' : ''}
        </Text>
      )}
    </View>
  )
}
