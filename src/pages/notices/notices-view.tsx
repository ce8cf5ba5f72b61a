import { Text, View } from '@tarojs/components'
import { Tag } from '@nutui/nutui-react-taro'
import type { NoticeListItem } from '@cloud/contract'
import { EmptyState } from '../../components/empty-state'
import { ariaRole, heading } from '../../lib/a11y'
import { chinaDay, formatYuan } from '../../lib/format'

export interface NoticesViewProps {
  unionName: string | null
  items: NoticeListItem[]
  onOpen: (noticeId: string) => void
}

/** 经费公示 tab: the member's union's notices, newest first; corrected versions marked 已更正. */
export function NoticesView({ unionName, items, onOpen }: NoticesViewProps) {
  return (
    <View className='notices'>
      <Text className='page-title' {...heading()}>
        经费公示
      </Text>
      {unionName && <Text className='notices__union muted'>{unionName}</Text>}
      {unionName === null ? (
        <EmptyState title='入会后可查看经费公示' description='会员可以查看本工会每季度的经费收支' />
      ) : items.length === 0 ? (
        <EmptyState title='暂无经费公示' description='工会每季度公布经费收支，敬请关注' />
      ) : (
        <View className='notices__list' {...ariaRole('list')} aria-label='经费公示列表'>
          {items.map((n) => (
            <View key={n.noticeId} {...ariaRole('listitem')}>
              <View
                className={`notices__card${n.superseded ? ' notices__card--superseded' : ''}`}
                {...ariaRole('link')}
                onClick={() => onOpen(n.noticeId)}
              >
                <View className='notices__card-head'>
                  <Text className='notices__title'>{n.title}</Text>
                  <View className='notices__tags'>
                    {n.version > 1 && <Tag type='primary'>第{n.version}版</Tag>}
                    {n.superseded && <Tag type='warning'>已更正</Tag>}
                  </View>
                </View>
                <View className='notices__figures'>
                  <Text>收入 {formatYuan(n.incomeFen)}</Text>
                  <Text>支出 {formatYuan(n.expenseFen)}</Text>
                  <Text>结余 {formatYuan(n.closingFen)}</Text>
                </View>
                <Text className='notices__meta muted'>
                  {chinaDay(n.publishedAt)} 发布
                  {n.openedCount !== undefined ? ` · ${n.openedCount} 人已读` : ''}
                  {n.unansweredCount ? ` · ${n.unansweredCount} 个提问待答复` : ''}
                </Text>
              </View>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
