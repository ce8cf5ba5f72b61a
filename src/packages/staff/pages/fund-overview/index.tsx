import { useCallback, useState } from 'react'
import { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Tag } from '@nutui/nutui-react-taro'
import type { OverviewQuarter } from '@cloud/contract'
import { ActionButton } from '../../../../components/action-button'
import { LoadProblem } from '../../components/load-problem'
import { BarChart } from '../../../../components/bar-chart'
import { useSession } from '../../../../hooks/useSession'
import { ariaRole, heading } from '../../../../lib/a11y'
import { chinaDay, formatYuan } from '../../../../lib/format'
import { call, toCloudError, type CloudError } from '../../../../services/cloud'
import { getSessionToken } from '../../../../services/session'
import './index.scss'

const STATUS: Record<OverviewQuarter['unions'][number]['status'], { label: string; type: 'success' | 'warning' | 'danger' | 'default' }> = {
  on_time: { label: '按时公示', type: 'success' },
  late: { label: '逾期公示', type: 'warning' },
  missing: { label: '未公示', type: 'danger' },
  not_due: { label: '未到期', type: 'default' },
}

/** 经费公示概览 (`?unionId=<industry union>`): on-time publication of the base unions, and their figures summed. */
export default function FundOverviewPage() {
  useSession()
  const { params } = useRouter()
  const unionId = params.unionId ? decodeURIComponent(params.unionId) : ''
  const [year, setYear] = useState<number | null>(null)
  const [data, setData] = useState<{ year: number; dueDays: number; quarters: OverviewQuarter[] } | null>(null)
  const [error, setError] = useState<CloudError | null>(null)

  const load = useCallback(
    (y: number | null) => {
      if (!getSessionToken() || !unionId) return
      setError(null)
      call('fund.overview', { unionId, ...(y ? { year: y } : {}) })
        .then((r) => {
          setData(r)
          setYear(r.year)
        })
        .catch((thrown: unknown) => setError(toCloudError(thrown)))
    },
    [unionId],
  )
  useDidShow(() => load(year))

  return (
    <View className='page fund-overview'>
      <Text className='page-title' {...heading()}>
        经费公示概览
      </Text>
      {data && (
        <>
          <View className='fund-overview__year'>
            <ActionButton size='small' onClick={() => load(data.year - 1)}>
              上一年
            </ActionButton>
            <Text className='fund-overview__year-label'>{data.year} 年</Text>
            <ActionButton size='small' onClick={() => load(data.year + 1)}>
              下一年
            </ActionButton>
          </View>
          <Text className='muted fund-overview__note'>季度结束后 {data.dueDays} 日内发布为按时公示。</Text>
          {data.quarters.length === 0 && <Text className='muted fund-overview__note'>本年尚无季度开始。</Text>}
          {data.quarters.map((q) => (
            <View key={q.quarter} className='fund-overview__quarter' {...ariaRole('region')} aria-label={q.title}>
              <Text className='fund-overview__title' {...heading(2)}>
                {q.title}
              </Text>
              <Text className='muted fund-overview__note'>
                截止 {q.dueDate} · 按时 {q.onTime} · 逾期 {q.late} · 未公示 {q.missing}
              </Text>
              <View className='fund-overview__unions'>
                {q.unions.map((u) => (
                  <View key={u.unionId} className='fund-overview__union'>
                    <View className='fund-overview__union-head'>
                      <Text className='fund-overview__union-name'>{u.unionName}</Text>
                      <Tag type={STATUS[u.status].type}>{STATUS[u.status].label}</Tag>
                    </View>
                    {u.incomeFen !== null && (
                      <Text className='muted fund-overview__line'>
                        收入 {formatYuan(u.incomeFen)} · 支出 {formatYuan(u.expenseFen ?? 0)} · 结余 {formatYuan(u.closingFen ?? 0)}
                        {u.publishedAt ? ` · ${chinaDay(u.publishedAt)} 发布` : ''}
                      </Text>
                    )}
                  </View>
                ))}
              </View>
              {q.aggregate.unionsCounted > 0 && (
                <View className='fund-overview__aggregate'>
                  <Text className='fund-overview__subtitle'>已公示的 {q.aggregate.unionsCounted} 个基层工会合计</Text>
                  <Text className='fund-overview__line'>
                    收入 {formatYuan(q.aggregate.incomeFen)} · 支出 {formatYuan(q.aggregate.expenseFen)} · 结余 {formatYuan(q.aggregate.closingFen)}
                  </Text>
                  <BarChart title={`${q.title}支出构成`} bars={q.aggregate.byCategory.filter((r) => r.direction === 'expense').map((r) => ({ label: r.category, valueFen: r.amountFen }))} />
                </View>
              )}
            </View>
          ))}
        </>
      )}
      {error && (
        <LoadProblem message={error.message} onRetry={() => load(year)} />
      )}
      {!data && !error && (
        <Text className='muted' {...ariaRole('status')}>
          正在加载…
        </Text>
      )}
    </View>
  )
}
