import { useCallback, useState } from 'react'
import { pageTextStyle } from '../../lib/text-size'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { ActivityListItem, MyActivityItem } from '@cloud/contract'
import { useSession } from '../../hooks/useSession'
import { heading } from '../../lib/a11y'
import { ACTIVITY_DETAIL_PAGE, withQuery } from '../../lib/activity-routes'
import { call, toCloudError } from '../../services/cloud'
import { ActivityListView, type ActivityTab } from './activity-list-view'
import './index.scss'

/** 活动 tab: activities open to me, and 我的活动. Reloads each time the tab shows. */
export default function ActivitiesPage() {
  useSession()
  const [tab, setTab] = useState<ActivityTab>('all')
  const [list, setList] = useState<{ items: ActivityListItem[]; member: boolean } | null>(null)
  const [mine, setMine] = useState<MyActivityItem[] | null>(null)
  const [error, setError] = useState('')

  const load = useCallback(() => {
    setError('')
    Promise.all([call('activity.list', {}), call('activity.mine', {})])
      .then(([l, m]) => {
        setList(l)
        setMine(m.items)
      })
      .catch((thrown: unknown) => setError(toCloudError(thrown).message))
  }, [])
  useDidShow(load)

  return (
    <View className='page' style={pageTextStyle()}>
      <Text className='page-title' {...heading()}>
        活动
      </Text>
      <ActivityListView
        tab={tab}
        onTab={setTab}
        list={list}
        mine={mine}
        error={error}
        onRetry={load}
        onOpen={(id) => void Taro.navigateTo({ url: withQuery(ACTIVITY_DETAIL_PAGE, { id }) })}
      />
    </View>
  )
}
