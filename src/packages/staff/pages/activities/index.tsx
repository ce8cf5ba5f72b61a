import { useCallback, useEffect, useMemo, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { StaffActivityItem } from '@cloud/contract'
import { ActionButton } from '../../../../components/action-button'
import { ActivityCard } from '../../../../components/activity-card'
import { ChoiceGroup } from '../../../../components/choice-group'
import { EmptyState } from '../../../../components/empty-state'
import { useOrgTree } from '../../../../hooks/useOrgTree'
import { useSession } from '../../../../hooks/useSession'
import { ariaRole, heading } from '../../../../lib/a11y'
import { STAFF_ACTIVITY_EDIT_PAGE, STAFF_ACTIVITY_PAGE, withQuery } from '../../../../lib/activity-routes'
import { call, toCloudError } from '../../../../services/cloud'
import { activityUnions } from '../../lib/activity-unions'
import './index.scss'

/** 活动管理: a union's activities in every state, and 新建活动. */
export default function StaffActivitiesPage() {
  const { user } = useSession({ loadUser: true })
  const { tree } = useOrgTree()
  const { params } = useRouter()
  const unions = useMemo(() => (user ? activityUnions(user, tree) : []), [user, tree])
  const [unionId, setUnionId] = useState(params.unionId ?? '')
  const [items, setItems] = useState<StaffActivityItem[] | null>(null)
  const [error, setError] = useState('')

  useEffect(() => {
    if (!unionId && unions.length > 0) setUnionId(unions[0].id)
  }, [unions, unionId])

  const load = useCallback(() => {
    if (!unionId) return
    setError('')
    call('activity.listByUnion', { unionId })
      .then((r) => setItems(r.items))
      .catch((thrown: unknown) => setError(toCloudError(thrown).message))
  }, [unionId])
  useDidShow(load)
  useEffect(load, [load])

  return (
    <View className='page staff-activities'>
      <Text className='page-title' {...heading()}>
        活动管理
      </Text>
      {user && unions.length === 0 && (
        <Text className='muted' {...ariaRole('alert')}>
          您没有管理活动的职务。
        </Text>
      )}
      {unions.length > 1 && (
        <ChoiceGroup label='主办工会' options={unions.map((u) => ({ value: u.id, label: u.name }))} value={unionId} onChange={(id) => { setItems(null); setUnionId(id) }} />
      )}
      {unionId && (
        <View className='staff-activities__new'>
          <ActionButton type='primary' block onClick={() => void Taro.navigateTo({ url: withQuery(STAFF_ACTIVITY_EDIT_PAGE, { unionId }) })}>
            新建活动
          </ActionButton>
        </View>
      )}
      {error ? (
        <Text className='error-text' {...ariaRole('alert')}>
          {error}
        </Text>
      ) : items === null ? (
        unionId && <Text className='muted' {...ariaRole('status')}>正在加载…</Text>
      ) : items.length === 0 ? (
        <EmptyState title='还没有活动' description='点“新建活动”创建第一个活动' />
      ) : (
        <View {...ariaRole('list')} aria-label='本会活动'>
          {items.map((item) => (
            <View key={item.id} {...ariaRole('listitem')}>
              <ActivityCard
                item={item}
                note={item.status === 'draft' ? '草稿' : `已签到 ${item.checkedIn}`}
                onOpen={(id) => void Taro.navigateTo({ url: withQuery(STAFF_ACTIVITY_PAGE, { id }) })}
              />
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
