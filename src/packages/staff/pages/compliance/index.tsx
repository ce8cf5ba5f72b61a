import { useCallback, useEffect, useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { ComplianceResult, OutputOf } from '@cloud/contract'
import { chinaDate } from '@cloud/domain/time'
import { ActionButton } from '../../../../components/action-button'
import { ariaRole, heading } from '../../../../lib/a11y'
import { COMMITTEES_PAGE } from '../../../../lib/routes'
import { call, toCloudError } from '../../../../services/cloud'
import { LoadProblem } from '../../components/load-problem'
import { UnionSwitch } from '../../components/union-switch'
import { saveFile } from '../../lib/files'
import { useMembershipUnion } from '../../lib/use-membership-union'
import { ChairReportForm, type ChairReportInput } from './chair-report-form'
import { CheckLine } from './check-line'
import './index.scss'
import { PrivacySheet } from '../../../../components/privacy-sheet'

type Overview = OutputOf<'org.complianceOverview'>
type ManualKey = 'sign' | 'seal' | 'office' | 'rules'
/**
 * 规范化建设: for a base union its checklist with the score (items computed from the data, the
 * chair's yearly report, and four ticked by staff with a photo as evidence); for the industry union
 * a table of all base unions sortable by score, each failing item one tap away, and an .xlsx export.
 */
export default function CompliancePage() {
  const { union, unions, setUnionId, notAllowed, error, reload } = useMembershipUnion()
  const [result, setResult] = useState<ComplianceResult | null>(null)
  const [overview, setOverview] = useState<Overview | null>(null)
  const [order, setOrder] = useState<'asc' | 'desc'>('asc')
  const [focus, setFocus] = useState('')
  const [exporting, setExporting] = useState(false)
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

  // The focused item (a tap on it in the overview) scrolls into view once the checklist is there.
  useEffect(() => {
    if (!focus || !result) return
    void Taro.pageScrollTo({ selector: `#check-${focus}`, duration: 0 }).catch(() => undefined)
  }, [focus, result])

  const sorted = useMemo(() => (overview ? [...overview.items].sort((a, b) => (order === 'asc' ? a.score - b.score : b.score - a.score)) : []), [overview, order])

  const tick = async (key: string, done: boolean, note: string, photoBase64?: string) => {
    if (!union) return
    try {
      await call('org.tickItem', { unionId: union.id, item: key as ManualKey, done, ...(note.trim() && done ? { note: note.trim() } : {}), ...(photoBase64 && done ? { photoBase64 } : {}) })
    } catch (thrown) {
      throw toCloudError(thrown)
    }
    await load()
  }

  const loadPhoto = async (key: string) => {
    const p = await call('org.tickPhoto', { unionId: union!.id, item: key as ManualKey }).catch((thrown: unknown) => {
      throw toCloudError(thrown)
    })
    return `data:${p.mimeType};base64,${p.base64}`
  }

  const recordReport = async (input: ChairReportInput) => {
    if (!union) return
    await call('org.recordChairReport', { unionId: union.id, ...input }).catch((thrown: unknown) => {
      throw toCloudError(thrown)
    })
    await load()
  }

  const exportXlsx = async () => {
    if (!union) return
    setExporting(true)
    setProblem('')
    try {
      await saveFile(await call('org.exportComplianceOverview', { unionId: union.id }))
    } catch (thrown) {
      setProblem(toCloudError(thrown).message)
    } finally {
      setExporting(false)
    }
  }

  const openUnion = (unionId: string, itemKey = '') => {
    setFocus(itemKey)
    setUnionId(unionId)
  }

  return (
    <View className='page compliance'>
      <PrivacySheet />
      <Text className='page-title' {...heading()}>
        规范化建设
      </Text>
      {notAllowed ? (
        <Text className='muted' {...ariaRole('alert')}>
          只有工会干部可以查看规范化建设。
        </Text>
      ) : (
        <>
          <UnionSwitch unions={unions} value={union?.id ?? ''} onChange={(id) => openUnion(id)} />
          {union?.kind === 'industry' && overview && (
            <>
              <Text className='compliance__section'>各基层工会得分（入会率目标 {overview.membershipRateTarget}%）</Text>
              <View className='compliance__tools'>
                <ActionButton size='small' fill='none' onClick={() => setOrder((o) => (o === 'asc' ? 'desc' : 'asc'))}>
                  {order === 'asc' ? '得分从低到高 ↑' : '得分从高到低 ↓'}
                </ActionButton>
                <ActionButton size='small' loading={exporting} onClick={() => void exportXlsx()}>
                  导出 Excel
                </ActionButton>
              </View>
              <View {...ariaRole('table')} aria-label='基层工会得分' className='compliance__table'>
                <View {...ariaRole('row')} className='compliance__row compliance__row--head'>
                  <Text {...ariaRole('columnheader')} className='compliance__cell compliance__cell--name'>基层工会</Text>
                  <Text {...ariaRole('columnheader')} aria-sort={order === 'asc' ? 'ascending' : 'descending'} className='compliance__cell compliance__cell--score' onClick={() => setOrder((o) => (o === 'asc' ? 'desc' : 'asc'))}>
                    得分
                  </Text>
                </View>
                {sorted.map((b) => (
                  <View key={b.unionId} {...ariaRole('row')} aria-label={b.unionName} className='compliance__row' onClick={() => openUnion(b.unionId)}>
                    <View {...ariaRole('cell')} className='compliance__cell compliance__cell--name'>
                      <Text className='compliance__union'>{b.unionName}</Text>
                      {b.failing.length ? (
                        <View className='compliance__failing-list' aria-label={`${b.unionName}未达标项`}>
                          {b.failing.map((f) => (
                            <Text
                              key={f.key}
                              {...ariaRole('link')}
                              className='compliance__failing-chip'
                              onClick={(e) => {
                                e.stopPropagation()
                                openUnion(b.unionId, f.key)
                              }}
                            >
                              {f.label}
                            </Text>
                          ))}
                        </View>
                      ) : (
                        <Text className='compliance__failing'>全部达标</Text>
                      )}
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
                  <View key={`${result.unionId}:${i.key}:${i.status}:${i.photo?.at ?? ''}`} id={`check-${i.key}`}>
                    <CheckLine item={i} focused={focus === i.key} onTick={(done, note, photo) => tick(i.key, done, note, photo)} loadPhoto={() => loadPhoto(i.key)} />
                  </View>
                ))}
              </View>
              <ChairReportForm key={result.unionId} today={chinaDate(new Date())} reports={result.chairReports} onSave={recordReport} />
              <Text className='compliance__note muted'>牌子、印章、办公场所、制度上墙由工会干部拍照确认（照片不超过 2 MB）。</Text>
            </>
          )}
          {!result && !overview && !problem && !error && <Text className='muted'>正在加载…</Text>}
        </>
      )}
      {(problem || error) && (
        <LoadProblem className='compliance__problem' message={problem || error?.message || ''} onRetry={() => (error ? reload() : void load())} />
      )}
    </View>
  )
}
