import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { RequestStats } from '@cloud/contract'
import { REPLY_DEADLINE_DAYS, REQUEST_CATEGORY_LABELS } from '@cloud/contract/request/labels'
import { ariaRole, heading } from '../../../../lib/a11y'
import { chinaDay } from '../../../../lib/format'
import { REQUEST_PAGE } from '../../../../lib/routes'
import { call, toCloudError } from '../../../../services/cloud'
import { useMembershipUnion } from '../../lib/use-membership-union'
import './index.scss'

/** 诉求统计 (industry union): counts per base union by state, satisfaction, and the overdue list. */
export default function RequestStatsPage() {
  const { user, unions, notAllowed } = useMembershipUnion()
  const industry = unions.find((u) => u.kind === 'industry') ?? null
  const [stats, setStats] = useState<RequestStats | null>(null)
  const [problem, setProblem] = useState('')
  // Only the industry admin may open a base union's request; industry staff see the list.
  const canOpen = Boolean(user?.roles.some((g) => g.role === 'industryAdmin'))

  const load = useCallback(async () => {
    if (!industry) return
    setProblem('')
    try {
      setStats(await call('request.stats', { unionId: industry.id }))
    } catch (thrown) {
      setProblem(toCloudError(thrown).message)
    }
  }, [industry?.id])

  useEffect(() => {
    void load()
  }, [load])

  return (
    <View className='page request-stats'>
      <Text className='page-title' {...heading()}>
        诉求统计
      </Text>
      {notAllowed || (unions.length > 0 && !industry) ? (
        <Text className='muted' {...ariaRole('alert')}>
          只有行业工会可以查看各基层工会的诉求统计。
        </Text>
      ) : null}
      {problem && (
        <Text className='error-text' {...ariaRole('alert')}>
          {problem}
        </Text>
      )}
      {stats && (
        <>
          <View className='request-stats__totals' aria-label='合计'>
            {(
              [
                ['total', '总数'],
                ['pending', '待处理'],
                ['replied', '处理中'],
                ['closed', '已办结'],
                ['overdue', '逾期'],
                ['escalated', '已转交'],
              ] as const
            ).map(([k, label]) => (
              <View key={k} className={`request-stats__total${k === 'overdue' && stats.totals.overdue ? ' request-stats__total--alert' : ''}`}>
                <Text className='request-stats__total-value'>{stats.totals[k]}</Text>
                <Text className='request-stats__total-label'>{label}</Text>
              </View>
            ))}
          </View>
          <Text className='request-stats__section'>各工会</Text>
          <View className='request-stats__table' {...ariaRole('table')} aria-label='各工会诉求数量'>
            <View className='request-stats__row request-stats__row--head' {...ariaRole('row')}>
              {['工会', '待处理', '处理中', '已办结', '逾期', '满意率'].map((h) => (
                <Text key={h} className='request-stats__cell' {...ariaRole('columnheader')}>
                  {h}
                </Text>
              ))}
            </View>
            {stats.unions.map((u) => (
              <View key={u.unionId} className='request-stats__row' {...ariaRole('row')} aria-label={u.unionName}>
                <View className='request-stats__cell request-stats__cell--name' {...ariaRole('cell')}>
                  <Text>{u.unionName}</Text>
                  <Text className='muted request-stats__categories'>
                    {Object.entries(u.byCategory)
                      .map(([c, n]) => `${REQUEST_CATEGORY_LABELS[c as keyof typeof REQUEST_CATEGORY_LABELS]} ${n}`)
                      .join('，') || '暂无诉求'}
                  </Text>
                  {u.escalated > 0 && <Text className='muted request-stats__categories'>已转交行业工会 {u.escalated} 件</Text>}
                </View>
                <Text className='request-stats__cell' {...ariaRole('cell')}>{u.pending}</Text>
                <Text className='request-stats__cell' {...ariaRole('cell')}>{u.replied}</Text>
                <Text className='request-stats__cell' {...ariaRole('cell')}>{u.closed}</Text>
                <Text className={`request-stats__cell${u.overdue ? ' error-text' : ''}`} {...ariaRole('cell')}>
                  {u.overdue}
                </Text>
                <Text className='request-stats__cell' {...ariaRole('cell')}>{u.satisfiedPercent === null ? '—' : `${u.satisfiedPercent}%`}</Text>
              </View>
            ))}
          </View>
          <Text className='request-stats__section'>逾期未答复（超过 {REPLY_DEADLINE_DAYS} 天）</Text>
          {stats.overdue.length === 0 ? (
            <Text className='muted'>没有逾期的诉求</Text>
          ) : (
            <View className='request-stats__overdue' {...ariaRole('list')} aria-label='逾期清单'>
              {stats.overdue.map((o) => (
                <View
                  key={o.id}
                  className='request-stats__overdue-item'
                  {...ariaRole(canOpen ? 'link' : 'listitem')}
                  onClick={canOpen ? () => void Taro.navigateTo({ url: `${REQUEST_PAGE}?id=${encodeURIComponent(o.id)}` }) : undefined}
                >
                  <Text>
                    {o.unionName} · {REQUEST_CATEGORY_LABELS[o.category]}
                    {o.anonymous ? ' · 匿名' : ''}
                  </Text>
                  <Text className='muted'>
                    {chinaDay(o.submittedAt)} 提交，已等待 {o.daysWaiting} 天{canOpen ? ' ›' : ''}
                  </Text>
                </View>
              ))}
            </View>
          )}
        </>
      )}
    </View>
  )
}
