import { Text, View } from '@tarojs/components'
import { ACTIVITY_TYPE_LABELS, type ActivityPhase, type ActivityStatus, type ActivityType } from '@cloud/contract/activity/labels'
import { ariaRole } from '../../lib/a11y'
import { formatRange, quotaText, statusTag } from '../../lib/activity'
import './index.scss'

export interface ActivityCardProps {
  item: {
    id: string
    title: string
    type: ActivityType
    startAt: string
    endAt: string
    place: string
    /** Places taken; left out where it does not matter (我的活动). */
    signedUp?: number
    quota?: number | null
    waitlisted?: number
    status: ActivityStatus
    phase: ActivityPhase
  }
  /** My standing (已报名, 候补第 1 位, 已签到 …) or a staff figure, shown at the bottom right. */
  note?: string
  onOpen: (id: string) => void
}

/** One activity in a list: type, state, title, time, place and places taken. Tapping opens it. */
export function ActivityCard({ item, note, onOpen }: ActivityCardProps) {
  const tag = statusTag(item.status, item.phase)
  return (
    <View {...ariaRole('button')} className='activity-card' onClick={() => onOpen(item.id)}>
      <View className='activity-card__head'>
        <Text className='activity-card__type'>{ACTIVITY_TYPE_LABELS[item.type]}</Text>
        <Text className={`activity-card__state activity-card__state--${tag.tone}`}>{tag.text}</Text>
      </View>
      <Text className='activity-card__title'>{item.title}</Text>
      <Text className='activity-card__line'>时间：{formatRange(item.startAt, item.endAt)}</Text>
      <Text className='activity-card__line'>地点：{item.place}</Text>
      <View className='activity-card__foot'>
        <Text className='activity-card__quota'>{item.signedUp === undefined ? '' : quotaText(item.signedUp, item.quota ?? null, item.waitlisted)}</Text>
        {note && <Text className='activity-card__note'>{note}</Text>}
      </View>
    </View>
  )
}
