import { Text, View } from '@tarojs/components'
import { Tag } from '@nutui/nutui-react-taro'
import type { RequestListItem } from '@cloud/contract'
import { ANONYMOUS_LABEL, REQUEST_CATEGORY_LABELS, REQUEST_STATUS_LABELS } from '@cloud/contract/request/labels'
import { ariaRole } from '../../lib/a11y'
import { chinaDateTime } from '../../lib/format'
import './index.scss'

const STATUS_TAG = { pending: 'warning', replied: 'primary', closed: 'success' } as const

/** The person line: the member's own name for them, a named submitter for staff, 匿名会员 otherwise. */
export function personLine(item: Pick<RequestListItem, 'person' | 'anonymous'>): string {
  if (!item.person) return ANONYMOUS_LABEL
  return [item.person.name, item.person.memberNo, item.person.unitName].filter(Boolean).join(' · ') + (item.anonymous ? '（匿名提交）' : '')
}

/** One request as a tappable card (member's list and staff's list). */
export function RequestItem({ item, onOpen, showPerson = false }: { item: RequestListItem; onOpen: (id: string) => void; showPerson?: boolean }) {
  const category = REQUEST_CATEGORY_LABELS[item.category]
  const status = REQUEST_STATUS_LABELS[item.status]
  return (
    <View
      className='request-item'
      {...ariaRole('link')}
      onClick={() => onOpen(item.id)}
    >
      <View className='request-item__head'>
        <Text className='request-item__category'>{category}</Text>
        <View className='request-item__tags'>
          {item.newReplies > 0 && <Tag type='danger'>{item.newReplies} 条新回复</Tag>}
          {item.followUpPending && <Tag type='warning'>追问待答复</Tag>}
          {item.overdue && <Tag type='danger'>逾期未答复</Tag>}
          {item.escalatedTo && <Tag type='info'>已转交</Tag>}
          <Tag type={STATUS_TAG[item.status]}>{status}</Tag>
        </View>
      </View>
      <Text className='request-item__excerpt'>{item.excerpt}</Text>
      <Text className='request-item__meta muted'>
        {chinaDateTime(item.submittedAt)}
        {item.messages ? ` · ${item.messages} 条回复` : ''}
        {item.hasPhoto ? ' · 有照片' : ''}
        {showPerson ? ` · ${personLine(item)}` : item.anonymous ? ' · 匿名' : ''}
      </Text>
      {item.escalatedTo && (
        <Text className='request-item__meta muted'>
          {item.unionName} 已转交 {item.escalatedTo.unionName}
        </Text>
      )}
    </View>
  )
}
