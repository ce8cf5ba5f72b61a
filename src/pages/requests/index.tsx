import { useCallback, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { RequestListItem } from '@cloud/contract'
import { ActionButton } from '../../components/action-button'
import { useSession } from '../../hooks/useSession'
import { ariaRole } from '../../lib/a11y'
import { REQUEST_NEW_PAGE, REQUEST_PAGE } from '../../lib/routes'
import { call, toCloudError, type CloudError } from '../../services/cloud'
import { getSessionToken } from '../../services/session'
import { RequestsView } from './requests-view'
import './index.scss'

/** 诉求与建议 (member): my requests and 我要反映. */
export default function RequestsPage() {
  const { user } = useSession({ loadUser: true })
  const [items, setItems] = useState<RequestListItem[] | null>(null)
  const [error, setError] = useState<CloudError | null>(null)

  const load = useCallback(() => {
    if (!getSessionToken()) return
    setError(null)
    call('request.mine', {})
      .then((r) => setItems(r.items))
      .catch((thrown: unknown) => setError(toCloudError(thrown)))
  }, [])
  useDidShow(load)

  return (
    <View className='page'>
      {items ? (
        <RequestsView
          items={items}
          canSubmit={Boolean(user?.memberOf)}
          onNew={() => void Taro.navigateTo({ url: REQUEST_NEW_PAGE })}
          onOpen={(id) => void Taro.navigateTo({ url: `${REQUEST_PAGE}?id=${encodeURIComponent(id)}` })}
        />
      ) : error ? (
        <View className='requests__problem'>
          <Text className='error-text' {...ariaRole('alert')}>
            {error.message}
          </Text>
          <ActionButton size='small' onClick={load}>
            重试
          </ActionButton>
        </View>
      ) : (
        <Text className='muted' {...ariaRole('status')}>
          正在加载…
        </Text>
      )}
    </View>
  )
}
