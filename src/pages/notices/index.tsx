import { useCallback, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { NoticeListItem } from '@cloud/contract'
import { ActionButton } from '../../components/action-button'
import { useSession } from '../../hooks/useSession'
import { ariaRole } from '../../lib/a11y'
import { NOTICE_PAGE } from '../../lib/routes'
import { call, toCloudError, type CloudError } from '../../services/cloud'
import { getSessionToken } from '../../services/session'
import { NoticesView } from './notices-view'
import './index.scss'

export default function NoticesPage() {
  useSession()
  const [data, setData] = useState<{ unionName: string | null; items: NoticeListItem[] } | null>(null)
  const [error, setError] = useState<CloudError | null>(null)

  const load = useCallback(() => {
    if (!getSessionToken()) return
    setError(null)
    call('fund.listNotices', {})
      .then((r) => setData({ unionName: r.unionName, items: r.items }))
      .catch((thrown: unknown) => setError(toCloudError(thrown)))
  }, [])
  useDidShow(load)

  return (
    <View className='page'>
      {data ? (
        <NoticesView unionName={data.unionName} items={data.items} onOpen={(id) => void Taro.navigateTo({ url: `${NOTICE_PAGE}?id=${encodeURIComponent(id)}` })} />
      ) : error ? (
        <View className='notices__problem'>
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
