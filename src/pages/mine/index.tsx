import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ActionButton } from '../../components/action-button'
import { forgetSessionUser, useSession } from '../../hooks/useSession'
import { useOrgTree } from '../../hooks/useOrgTree'
import { ariaRole } from '../../lib/a11y'
import { unionNames } from '../../lib/org'
import { WORKBENCH_PAGE } from '../../lib/routes'
import { call, toCloudError } from '../../services/cloud'
import { clearSessionToken, goToLogin } from '../../services/session'
import { MineView } from './mine-view'
import './index.scss'

export default function MinePage() {
  const { user, loading, error, reload } = useSession({ loadUser: true })
  const { tree } = useOrgTree()
  const [loggingOut, setLoggingOut] = useState(false)

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
    <View className='page'>
      {user ? (
        <MineView
          user={user}
          unionNames={unionNames(tree)}
          onOpenWorkbench={() => void Taro.navigateTo({ url: WORKBENCH_PAGE })}
          onLogout={() => void logout()}
          loggingOut={loggingOut}
        />
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
