import { Text, View } from '@tarojs/components'
import type { ActivityDetail } from '@cloud/contract'
import { ACTIVITY_TYPE_LABELS, AUDIENCE_LABELS } from '@cloud/contract/activity/labels'
import { ActionButton } from '../../components/action-button'
import { ariaRole, heading } from '../../lib/a11y'
import { formatDateTime, formatRange, mySignUpText, quotaText, statusTag } from '../../lib/activity'

export interface ActivityDetailViewProps {
  activity: ActivityDetail
  busy: boolean
  /** The answer to the last action (报名成功, 已进入候补 …). */
  notice?: string
  error?: string
  onSignUp: () => void
  onCancelSignUp: () => void
  onCheckIn: () => void
  onManage: () => void
}

/** 活动详情 for a member: the facts, my standing, and what I can do now (报名 / 取消报名 / 签到). */
export function ActivityDetailView(props: ActivityDetailViewProps) {
  const { activity: a, busy, notice, error } = props
  const tag = statusTag(a.status, a.phase, a.checkInOpen)
  const my = a.mySignUp
  const active = my && (my.status === 'signed_up' || my.status === 'waitlisted')
  const full = a.quota !== null && a.signedUp >= a.quota
  const canCheckIn = a.checkInOpen && !my?.checkedInAt && (my?.status === 'signed_up' || a.allowWalkIn)
  return (
    <View className='activity-detail'>
      <View className='activity-detail__card'>
        <View className='activity-detail__tags'>
          <Text className='activity-detail__type'>{ACTIVITY_TYPE_LABELS[a.type]}</Text>
          <Text className={`activity-detail__state activity-detail__state--${tag.tone}`}>{tag.text}</Text>
        </View>
        <Text className='activity-detail__title' {...heading()}>
          {a.title}
        </Text>
        <Fact label='时间' value={formatRange(a.startAt, a.endAt)} />
        <Fact label='地点' value={a.place} />
        <Fact label='主办' value={a.organizer} />
        <Fact label='对象' value={AUDIENCE_LABELS[a.audience]} />
        <Fact label='名额' value={quotaText(a.signedUp, a.quota, a.waitlisted)} />
        <Fact label='报名截止' value={formatDateTime(a.signUpDeadline)} />
        <Fact label='签到时间' value={`${formatDateTime(a.checkInFrom)} 起`} />
        {a.description && <Text className='activity-detail__description'>{a.description}</Text>}
      </View>

      {a.status === 'cancelled' && (
        <Text className='activity-detail__banner activity-detail__banner--danger' {...ariaRole('alert')}>
          活动已取消{a.cancelReason ? `：${a.cancelReason}` : ''}
        </Text>
      )}

      {my && ((my.status !== null && my.status !== 'cancelled') || my.checkedInAt) && (
        <Text className='activity-detail__banner' {...ariaRole('status')}>
          我的状态：{mySignUpText(my.status, my.position, my.checkedInAt)}
        </Text>
      )}
      {notice && (
        <Text className='activity-detail__banner activity-detail__banner--ok' {...ariaRole('status')}>
          {notice}
        </Text>
      )}
      {error && (
        <Text className='activity-detail__banner activity-detail__banner--danger' {...ariaRole('alert')}>
          {error}
        </Text>
      )}

      <View className='activity-detail__actions'>
        {canCheckIn && (
          <ActionButton type='primary' block onClick={props.onCheckIn}>
            去签到
          </ActionButton>
        )}
        {a.signUpOpen && !active && (
          <ActionButton type={canCheckIn ? 'default' : 'primary'} block loading={busy} onClick={props.onSignUp}>
            {full ? '报名（候补）' : '报名'}
          </ActionButton>
        )}
        {a.signUpOpen && active && !my?.checkedInAt && (
          <ActionButton block loading={busy} onClick={props.onCancelSignUp}>
            取消报名
          </ActionButton>
        )}
        {!a.signUpOpen && a.status === 'published' && a.phase === 'upcoming' && !active && (
          <Text className='muted activity-detail__closed'>报名已截止</Text>
        )}
        {a.canManage && (
          <ActionButton fill='outline' block onClick={props.onManage}>
            管理活动
          </ActionButton>
        )}
      </View>
    </View>
  )
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <View className='activity-detail__fact'>
      <Text className='activity-detail__label'>{label}</Text>
      <Text className='activity-detail__value'>{value}</Text>
    </View>
  )
}
