import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { UnionStats } from '@cloud/contract'
import { ActionButton } from '../../../../components/action-button'
import { LoadProblem } from '../../components/load-problem'
import { ariaRole, heading } from '../../../../lib/a11y'
import { APPLICATIONS_PAGE, ROSTER_PAGE } from '../../../../lib/routes'
import { call, toCloudError } from '../../../../services/cloud'
import { UnionSwitch } from '../../components/union-switch'
import { useMembershipUnion } from '../../lib/use-membership-union'
import './index.scss'

function rateText(rate: number | null): string {
  return rate === null ? '—' : `${rate}%`
}

function RateBar({ rate }: { rate: number | null }) {
  return (
    <View className='stats__bar'>
      <View className='stats__bar-fill' style={{ width: `${Math.min(100, rate ?? 0)}%` }} />
    </View>
  )
}

/** 入会统计: members, employees and the membership rate per base union and per unit. */
export default function MembershipStatsPage() {
  const { union, unions, setUnionId, notAllowed, error, reload } = useMembershipUnion()
  const [stats, setStats] = useState<UnionStats | null>(null)
  const [problem, setProblem] = useState('')

  const load = useCallback(async () => {
    if (!union) return
    setProblem('')
    try {
      setStats(await call('membership.stats', { unionId: union.id }))
    } catch (thrown) {
      setProblem(toCloudError(thrown).message)
    }
  }, [union])

  useEffect(() => {
    setStats(null)
    void load()
  }, [load])

  const open = (page: string, unionId: string) => void Taro.navigateTo({ url: `${page}?unionId=${encodeURIComponent(unionId)}` })

  return (
    <View className='page stats'>
      <Text className='page-title' {...heading()}>
        入会统计
      </Text>
      {notAllowed ? (
        <Text className='muted' {...ariaRole('alert')}>
          只有工会干部可以查看入会统计。
        </Text>
      ) : (
        <>
          <UnionSwitch unions={unions} value={union?.id ?? ''} onChange={setUnionId} />
          {stats && (
            <>
              <View className='stats__totals' aria-label='合计'>
                <View className='stats__total'>
                  <Text className='stats__total-value'>{stats.totals.members}</Text>
                  <Text className='stats__total-label'>会员</Text>
                </View>
                <View className='stats__total'>
                  <Text className='stats__total-value'>{stats.totals.employees}</Text>
                  <Text className='stats__total-label'>职工</Text>
                </View>
                <View className='stats__total'>
                  <Text className='stats__total-value'>{rateText(stats.totals.rate)}</Text>
                  <Text className='stats__total-label'>入会率</Text>
                </View>
                <View className='stats__total'>
                  <Text className='stats__total-value'>{stats.totals.pending}</Text>
                  <Text className='stats__total-label'>待审核</Text>
                </View>
              </View>

              {stats.baseUnions.length > 0 && (
                <>
                  <Text className='stats__section'>按基层工会</Text>
                  <View {...ariaRole('list')} aria-label='基层工会' className='stats__list'>
                    {stats.baseUnions.map((b) => (
                      <View key={b.id} {...ariaRole('listitem')} aria-label={b.name} className='stats__item'>
                        <Text className='stats__name'>{b.name}</Text>
                        <Text className='stats__line'>
                          会员 {b.members} / 职工 {b.employees} · 入会率 {rateText(b.rate)} · 待审核 {b.pending}
                        </Text>
                        <RateBar rate={b.rate} />
                        <View className='stats__links'>
                          <ActionButton size='small' fill='none' onClick={() => open(APPLICATIONS_PAGE, b.id)}>
                            入会审核
                          </ActionButton>
                          <ActionButton size='small' fill='none' onClick={() => open(ROSTER_PAGE, b.id)}>
                            会员名册
                          </ActionButton>
                        </View>
                      </View>
                    ))}
                  </View>
                </>
              )}

              <Text className='stats__section'>按会员单位</Text>
              <View {...ariaRole('list')} aria-label='会员单位' className='stats__list'>
                {stats.units.map((u) => (
                  <View key={u.id} {...ariaRole('listitem')} aria-label={u.name} className='stats__item'>
                    <Text className='stats__name'>{u.name}</Text>
                    <Text className='stats__line'>
                      {stats.union.kind === 'industry' ? `${u.unionName} · ` : ''}会员 {u.members} / 职工 {u.employees} · 入会率 {rateText(u.rate)}
                    </Text>
                    <RateBar rate={u.rate} />
                  </View>
                ))}
              </View>
              {stats.otherUnitMembers > 0 && <Text className='stats__note muted'>另有 {stats.otherUnitMembers} 名会员的工作单位不在会员单位名单中（职工自填）。</Text>}
            </>
          )}
          {!stats && !problem && !error && <Text className='muted'>正在加载…</Text>}
        </>
      )}
      {(problem || error) && (
        <LoadProblem message={problem || error?.message || ''} onRetry={() => (error ? reload() : void load())} />
      )}
    </View>
  )
}
