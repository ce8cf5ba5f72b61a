import { Text, View } from '@tarojs/components'
import type { ActivityListItem, MyActivityItem } from '@cloud/contract'
import { ActionButton } from '../../components/action-button'
import { ActivityCard } from '../../components/activity-card'
import { EmptyState } from '../../components/empty-state'
import { ariaRole } from '../../lib/a11y'
import { MINE_LABELS, mySignUpText } from '../../lib/activity'

export type ActivityTab = 'all' | 'mine'

export interface ActivityListViewProps {
  tab: ActivityTab
  onTab: (tab: ActivityTab) => void
  /** activity.list; null while loading. */
  list: { items: ActivityListItem[]; member: boolean } | null
  /** activity.mine; null while loading. */
  mine: MyActivityItem[] | null
  error?: string
  onRetry: () => void
  onOpen: (id: string) => void
}

const TABS: { value: ActivityTab; label: string }[] = [
  { value: 'all', label: '全部活动' },
  { value: 'mine', label: '我的活动' },
]

/** The members' 活动 tab: activities open to me (upcoming first) and 我的活动 with my status. */
export function ActivityListView({ tab, onTab, list, mine, error, onRetry, onOpen }: ActivityListViewProps) {
  return (
    <View className='activity-list'>
      <View {...ariaRole('tablist')} aria-label='活动列表' className='activity-list__tabs'>
        {TABS.map((t) => (
          <View
            key={t.value}
            {...ariaRole('tab')}
            aria-selected={tab === t.value ? 'true' : 'false'}
            className={`activity-list__tab${tab === t.value ? ' activity-list__tab--on' : ''}`}
            onClick={() => onTab(t.value)}
          >
            <Text>{t.label}</Text>
          </View>
        ))}
      </View>
      {error ? (
        <View className='activity-list__problem'>
          <Text className='error-text' {...ariaRole('alert')}>
            {error}
          </Text>
          <ActionButton size='small' onClick={onRetry}>
            重试
          </ActionButton>
        </View>
      ) : tab === 'all' ? (
        <AllActivities list={list} onOpen={onOpen} />
      ) : (
        <MyActivities mine={mine} member={list?.member ?? true} onOpen={onOpen} />
      )}
    </View>
  )
}

function Loading() {
  return (
    <Text className='muted activity-list__loading' {...ariaRole('status')}>
      正在加载…
    </Text>
  )
}

function AllActivities({ list, onOpen }: { list: ActivityListViewProps['list']; onOpen: (id: string) => void }) {
  if (!list) return <Loading />
  if (!list.member) return <EmptyState title='入会后可报名参加活动' description='成为会员后，这里会列出本会和全行业的活动' />
  if (list.items.length === 0) return <EmptyState title='暂无活动' description='工会发布活动后会显示在这里' />
  return (
    <View {...ariaRole('list')} aria-label='全部活动'>
      {list.items.map((item) => (
        <View key={item.id} {...ariaRole('listitem')}>
          <ActivityCard item={item} note={item.mine ? MINE_LABELS[item.mine] : undefined} onOpen={onOpen} />
        </View>
      ))}
    </View>
  )
}

function MyActivities({ mine, member, onOpen }: { mine: MyActivityItem[] | null; member: boolean; onOpen: (id: string) => void }) {
  if (!mine) return <Loading />
  if (!member) return <EmptyState title='入会后可报名参加活动' />
  if (mine.length === 0) return <EmptyState title='还没有报名活动' description='在“全部活动”里选择感兴趣的活动报名' />
  return (
    <View {...ariaRole('list')} aria-label='我的活动'>
      {mine.map((m) => (
        <View key={m.id} {...ariaRole('listitem')}>
          <ActivityCard
            item={m}
            note={mySignUpText(m.signUp, m.position, m.checkedInAt)}
            onOpen={onOpen}
          />
          {m.cancelReason && (
            <Text className='activity-list__cancelled' {...ariaRole('status')}>
              活动已取消：{m.cancelReason}
            </Text>
          )}
        </View>
      ))}
    </View>
  )
}
