import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { ComplianceResult, OutputOf } from '@cloud/contract'
import { ActionButton } from '../../../../components/action-button'
import { ariaRole, heading } from '../../../../lib/a11y'
import { COMMITTEES_PAGE } from '../../../../lib/routes'
import { call, toCloudError } from '../../../../services/cloud'
import { UnionSwitch } from '../../components/union-switch'
import { useMembershipUnion } from '../../lib/use-membership-union'
import { CheckLine } from './check-line'
import './index.scss'

type Overview = OutputOf<'org.complianceOverview'>
/**
 * 规范化建设: for a base union its checklist with the score (items computed from the data, and four
 * ticked by staff); for the industry union a table of all base unions by score, each one tap away.
 * Photo evidence is not stored yet: staff write a short note instead.
 */
export default function CompliancePage() {
  const { union, unions, setUnionId, notAllowed, error, reload } = useMembershipUnion()
  const [result, setResult] = useState<ComplianceResult | null>(null)
  const [overview, setOverview] = useState<Overview | null>(null)
  const [problem, setProblem] = useState('')

  const load = useCallback(async () => {
    if (!union) return
    setProblem('')
    try {
      if (union.kind === 'industry') setOverview(await call('org.complianceOverview', { unionId: union.id }))
      else setResult(await call('org.compliance', { unionId: union.id }))
    } catch (thrown) {
      setProblem(toCloudError(thrown).message)
    }
  }, [union])

  useEffect(() => {
    setResult(null)
    setOverview(null)
    void load()
  }, [load])

  const tick = async (key: string, done: boolean, note: string) => {
    if (!union) return
    try {
      await call('org.tickItem', { unionId: union.id, item: key as 'sign', done, ...(note.trim() && done ? { note: note.trim() } : {}) })
      await load()
    } catch (thrown) {
      setProblem(toCloudError(thrown).message)
    }
  }

  return (
    <View className='page compliance'>
      <Text className='page-title' {...heading()}>
        规范化建设
      </Text>
      {notAllowed ? (
        <Text className='muted' {...ariaRole('alert')}>
          只有工会干部可以查看规范化建设。
        </Text>
      ) : (
        <>
          <UnionSwitch unions={unions} value={union?.id ?? ''} onChange={setUnionId} />
          {union?.kind === 'industry' && overview && (
            <>
              <Text className='compliance__section'>各基层工会得分（入会率目标 {overview.membershipRateTarget}%，从低到高）</Text>
              <View {...ariaRole('table')} aria-label='基层工会得分' className='compliance__table'>
                <View {...ariaRole('row')} className='compliance__row compliance__row--head'>
                  <Text {...ariaRole('columnheader')} className='compliance__cell compliance__cell--name'>基层工会</Text>
                  <Text {...ariaRole('columnheader')} className='compliance__cell compliance__cell--score'>得分</Text>
                </View>
                {overview.items.map((b) => (
                  <View key={b.unionId} {...ariaRole('row')} aria-label={b.unionName} className='compliance__row' onClick={() => setUnionId(b.unionId)}>
                    <View {...ariaRole('cell')} className='compliance__cell compliance__cell--name'>
                      <Text className='compliance__union'>{b.unionName}</Text>
                      <Text className='compliance__failing'>{b.failing.length ? `未达标：${b.failing.map((f) => f.label).join('、')}` : '全部达标'}</Text>
                    </View>
                    <Text {...ariaRole('cell')} className={`compliance__cell compliance__cell--score ${b.score >= 80 ? 'good' : b.score >= 60 ? 'fair' : 'poor'}`}>
                      {b.score}
                    </Text>
                  </View>
                ))}
              </View>
            </>
          )}
          {union?.kind === 'base' && result && (
            <>
              <View className='compliance__score' aria-label='得分'>
                <Text className='compliance__score-value'>{result.score}</Text>
                <Text className='compliance__score-label'>
                  分 · 达标 {result.passed}/{result.scored} 项
                </Text>
              </View>
              <View className='compliance__links'>
                <ActionButton size='small' fill='none' onClick={() => void Taro.navigateTo({ url: `${COMMITTEES_PAGE}?unionId=${encodeURIComponent(result.unionId)}` })}>
                  委员会与换届
                </ActionButton>
              </View>
              <View {...ariaRole('list')} aria-label='检查项' className='compliance__list'>
                {result.items.map((i) => (
                  <CheckLine key={`${result.unionId}:${i.key}:${i.status}`} item={i} onTick={(done, note) => tick(i.key, done, note)} />
                ))}
              </View>
              <Text className='compliance__note muted'>“每季度公开经费收支”待经费模块上线后自动检查，暂不计分；人工确认项暂不支持上传照片，请填写佐证说明。</Text>
            </>
          )}
          {!result && !overview && !problem && !error && <Text className='muted'>正在加载…</Text>}
        </>
      )}
      {(problem || error) && (
        <View className='compliance__problem'>
          <Text className='error-text' {...ariaRole('alert')}>
            {problem || error?.message}
          </Text>
          <ActionButton size='small' onClick={() => (error ? reload() : void load())}>
            重试
          </ActionButton>
        </View>
      )}
    </View>
  )
}
