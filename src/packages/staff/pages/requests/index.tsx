import { useCallback, useEffect, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { RequestCounts, RequestListItem } from '@cloud/contract'
import { REPLY_DEADLINE_DAYS } from '@cloud/contract/request/labels'
import { ChoiceChips } from '../../../../components/choice-chips'
import { EmptyState } from '../../../../components/empty-state'
import { RequestItem } from '../../../../components/request-item'
import { ariaRole, heading } from '../../../../lib/a11y'
import { REQUEST_PAGE, REQUEST_STATS_PAGE } from '../../../../lib/routes'
import { call, toCloudError } from '../../../../services/cloud'
import { UnionSwitch } from '../../components/union-switch'
import { useMembershipUnion } from '../../lib/use-membership-union'
import './index.scss'

const FILTERS = ['open', 'pending', 'replied', 'closed', 'overdue', 'all'] as const
type Filter = (typeof FILTERS)[number]
const FILTER_LABELS: Record<Filter, string> = { open: '未办结', pending: '待处理', replied: '处理中', closed: '已办结', overdue: '逾期', all: '全部' }

/** 职工诉求 (staff): the union's requests by state; tap one to answer or close it. */
export default function StaffRequestsPage() {
  const { union, unions, setUnionId, notAllowed } = useMembershipUnion()
  const [filter, setFilter] = useState<Filter>('open')
  const [items, setItems] = useState<RequestListItem[] | null>(null)
  const [counts, setCounts] = useState<RequestCounts | null>(null)
  const [problem, setProblem] = useState('')

  const load = useCallback(async () => {
    if (!union) return
    setProblem('')
    try {
      const input =
        filter === 'overdue' ? { overdueOnly: true } : filter === 'pending' || filter === 'replied' || filter === 'closed' ? { status: filter } : {}
      const r = await call('request.list', { unionId: union.id, ...input })
      setItems(filter === 'open' ? r.items.filter((i) => i.status !== 'closed') : r.items)
      setCounts(r.counts)
    } catch (thrown) {
      setProblem(toCloudError(thrown).message)
    }
  }, [union, filter])

  useEffect(() => {
    void load()
  }, [load])
  useDidShow(() => void load())

  const display = (f: Filter) => {
    if (!counts) return FILTER_LABELS[f]
    const n = f === 'open' ? counts.pending + counts.replied : f === 'all' ? counts.pending + counts.replied + counts.closed : counts[f]
    return `${FILTER_LABELS[f]} ${n}`
  }

  return (
    <View className='page staff-requests'>
      <Text className='page-title' {...heading()}>
        职工诉求
      </Text>
      {notAllowed ? (
        <Text className='muted' {...ariaRole('alert')}>
          只有工会干部可以处理职工诉求。
        </Text>
      ) : (
        <>
          <UnionSwitch unions={unions} value={union?.id ?? ''} onChange={setUnionId} />
          {union?.kind === 'industry' && (
            <View
              className='staff-requests__link'
              {...ariaRole('link')}
              aria-label='各基层工会诉求统计'
              onClick={() => void Taro.navigateTo({ url: `${REQUEST_STATS_PAGE}?unionId=${encodeURIComponent(union.id)}` })}
            >
              <Text>各基层工会诉求统计与逾期清单 ›</Text>
            </View>
          )}
          <Text className='muted staff-requests__hint'>收到后 {REPLY_DEADLINE_DAYS} 天内须答复；匿名诉求不显示提交人。</Text>
          <ChoiceChips<Filter> label='状态' options={FILTERS} value={filter} onChange={setFilter} display={display} />
          {problem && (
            <Text className='error-text' {...ariaRole('alert')}>
              {problem}
            </Text>
          )}
          {items && items.length === 0 && <EmptyState title='没有这类诉求' />}
          {items && items.length > 0 && (
            <View className='staff-requests__list' {...ariaRole('list')} aria-label='诉求列表'>
              {items.map((i) => (
                <View key={i.id} {...ariaRole('listitem')}>
                  <RequestItem item={i} showPerson onOpen={(id) => void Taro.navigateTo({ url: `${REQUEST_PAGE}?id=${encodeURIComponent(id)}` })} />
                </View>
              ))}
            </View>
          )}
        </>
      )}
    </View>
  )
}
