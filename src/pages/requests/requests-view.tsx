import { Text, View } from '@tarojs/components'
import type { RequestListItem } from '@cloud/contract'
import { REPLY_DEADLINE_DAYS } from '@cloud/contract/request/labels'
import { ActionButton } from '../../components/action-button'
import { EmptyState } from '../../components/empty-state'
import { RequestItem } from '../../components/request-item'
import { ariaRole, heading } from '../../lib/a11y'

export interface RequestsViewProps {
  items: RequestListItem[]
  /** False for a caller who is not (or no longer) a member: no new requests. */
  canSubmit: boolean
  onNew: () => void
  onOpen: (id: string) => void
}

/** 诉求与建议: the member's own requests with their status, and the way to raise a new one. */
export function RequestsView({ items, canSubmit, onNew, onOpen }: RequestsViewProps) {
  return (
    <View className='requests'>
      <Text className='page-title' {...heading()}>
        诉求与建议
      </Text>
      <Text className='requests__intro muted'>
        工资、安全、社保、休假等问题或对工会的建议，都可以在这里反映。工会在 {REPLY_DEADLINE_DAYS} 天内答复。
      </Text>
      {canSubmit && (
        <ActionButton type='primary' block onClick={onNew}>
          我要反映
        </ActionButton>
      )}
      {items.length === 0 ? (
        <EmptyState title={canSubmit ? '还没有提交过诉求或建议' : '入会后可以提交诉求与建议'} />
      ) : (
        <View className='requests__list' {...ariaRole('list')} aria-label='我的诉求'>
          {items.map((i) => (
            <View key={i.id} {...ariaRole('listitem')}>
              <RequestItem item={i} onOpen={onOpen} />
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
