import { askToSubscribe } from '../../lib/subscribe'
import { useCallback, useState } from 'react'
import { pageTextStyle } from '../../lib/text-size'
import Taro, { useDidShow, useRouter, useShareAppMessage } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { ActivityDetail } from '@cloud/contract'
import { ActionButton } from '../../components/action-button'
import { MembersOnlyHint } from '../../components/members-only'
import { useSession } from '../../hooks/useSession'
import { ariaRole } from '../../lib/a11y'
import { ACTIVITY_CHECKIN_PAGE, ACTIVITY_DETAIL_PAGE, STAFF_ACTIVITY_PAGE, withQuery } from '../../lib/activity-routes'
import { call, toCloudError, type CloudError } from '../../services/cloud'
import { ActivityDetailView } from './activity-detail-view'
import './index.scss'

/** 活动详情 (`?id=`): sign up, cancel, go to check-in. */
export default function ActivityDetailPage() {
  useSession()
  const { params } = useRouter()
  const id = params.id ?? ''
  const [activity, setActivity] = useState<ActivityDetail | null>(null)
  const [loadError, setLoadError] = useState<CloudError | null>(null)
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState('')
  const [error, setError] = useState('')

  const load = useCallback(() => {
    setLoadError(null)
    call('activity.get', { id })
      .then(setActivity)
      .catch((thrown: unknown) => setLoadError(toCloudError(thrown)))
  }, [id])
  useDidShow(load)
  // 转发: the same activity opens for whoever receives it (asked to log in, and to join if not a member).
  useShareAppMessage(() => ({ title: activity ? `${activity.title}｜工会活动` : '工会活动', path: withQuery(ACTIVITY_DETAIL_PAGE, { id }) }))

  async function act(run: () => Promise<string>): Promise<void> {
    setBusy(true)
    setNotice('')
    setError('')
    try {
      setNotice(await run())
      setActivity(await call('activity.get', { id }))
    } catch (thrown) {
      setError(toCloudError(thrown).message)
    } finally {
      setBusy(false)
    }
  }

  const signUp = () => {
    askToSubscribe('signUp')
    return act(async () => {
      const r = await call('activity.signUp', { id })
      return r.status === 'signed_up' ? '报名成功' : `名额已满，已进入候补（第 ${r.position ?? '?'} 位），有人取消时按顺序递补`
    })
  }

  const cancelSignUp = async () => {
    const { confirm } = await Taro.showModal({ title: '取消报名', content: '确定取消报名吗？名额会让给候补的会员。', confirmText: '取消报名', cancelText: '再想想' })
    if (confirm) await act(async () => (await call('activity.cancelSignUp', { id }), '已取消报名'))
  }

  return (
    <View className='page' style={pageTextStyle()}>
      {activity ? (
        <ActivityDetailView
          activity={activity}
          busy={busy}
          notice={notice}
          error={error}
          onSignUp={() => void signUp()}
          onCancelSignUp={() => void cancelSignUp()}
          onCheckIn={() => void Taro.navigateTo({ url: withQuery(ACTIVITY_CHECKIN_PAGE, { id }) })}
          onManage={() => void Taro.navigateTo({ url: withQuery(STAFF_ACTIVITY_PAGE, { id }) })}
        />
      ) : loadError ? (
        <View className='activity-detail__problem'>
          <Text className='error-text' {...ariaRole('alert')}>
            {loadError.message}
          </Text>
          <ActionButton size='small' onClick={load}>
            重试
          </ActionButton>
          <MembersOnlyHint error={loadError} />
        </View>
      ) : (
        <Text className='muted' {...ariaRole('status')}>
          正在加载…
        </Text>
      )}
    </View>
  )
}
