import { useCallback, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { LedgerItem, LedgerResult } from '@cloud/contract'
import { ActionButton } from '../../../../components/action-button'
import { LoadProblem } from '../../components/load-problem'
import { useSession } from '../../../../hooks/useSession'
import { ariaRole, heading } from '../../../../lib/a11y'
import { formatYuan } from '../../../../lib/format'
import { FUND_ENTRY_PAGE, FUND_PERIOD_PAGE, FUND_SETTINGS_PAGE } from '../../../../lib/routes'
import { call, toCloudError, type CloudError } from '../../../../services/cloud'
import { getSessionToken } from '../../../../services/session'
import { ChoiceGroup } from '../../components/choice-group'
import { LedgerEntry, type EntryAction } from '../../components/ledger-entry'
import { PeriodStrip } from './period-strip'
import './index.scss'

type StatusFilter = '' | 'pending_approval' | 'posted' | 'rejected'

const PAGE_SIZE = 30

/** 经费账本 (`?unionId=`): entries newest first, actions by role, and the periods to close and publish. */
export default function FundLedgerPage() {
  useSession()
  const { params } = useRouter()
  const unionId = params.unionId ? decodeURIComponent(params.unionId) : ''
  const [data, setData] = useState<LedgerResult | null>(null)
  const [items, setItems] = useState<LedgerItem[]>([])
  const [status, setStatus] = useState<StatusFilter>('')
  const [quarter, setQuarter] = useState('')
  const [error, setError] = useState<CloudError | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)

  const load = useCallback(
    (opts: { status?: StatusFilter; quarter?: string } = {}) => {
      if (!getSessionToken() || !unionId) return
      const s = opts.status ?? status
      const q = opts.quarter ?? quarter
      setError(null)
      call('fund.ledger', { unionId, pageSize: PAGE_SIZE, ...(s ? { status: s } : {}), ...(q ? { quarter: q } : {}) })
        .then((r) => {
          setData(r)
          setItems(r.items)
        })
        .catch((thrown: unknown) => setError(toCloudError(thrown)))
    },
    [unionId, status, quarter],
  )
  useDidShow(() => load())

  async function more(): Promise<void> {
    if (!data) return
    setLoadingMore(true)
    try {
      const next = await call('fund.ledger', { unionId, pageSize: PAGE_SIZE, page: Math.floor(items.length / PAGE_SIZE) + 1, ...(status ? { status } : {}), ...(quarter ? { quarter } : {}) })
      setItems((list) => [...list, ...next.items.filter((n) => !list.some((o) => o.id === n.id))])
    } catch (thrown) {
      void Taro.showToast({ title: toCloudError(thrown).message, icon: 'none' })
    } finally {
      setLoadingMore(false)
    }
  }

  async function act(item: LedgerItem, action: EntryAction): Promise<void> {
    try {
      if (action.kind === 'approve') await call('fund.approve', { id: item.id, acknowledgeFlags: action.acknowledgeFlags })
      if (action.kind === 'reject') await call('fund.approve', { id: item.id, decision: 'reject', note: action.note })
      if (action.kind === 'reverse') await call('fund.reverse', { id: item.id, reason: action.reason })
      if (action.kind === 'comment') await call('fund.comment', { entryId: item.id, body: action.body })
    } catch (thrown) {
      throw toCloudError(thrown)
    }
    void Taro.showToast({ title: '已完成', icon: 'success' })
    load()
  }

  async function viewReceipt(id: string): Promise<string | null> {
    const file = await call('fund.attachment', { id })
    return file.mimeType.startsWith('image/') ? `data:${file.mimeType};base64,${file.dataBase64}` : null
  }

  return (
    <View className='page fund-ledger'>
      <Text className='page-title' {...heading()}>
        经费账本
      </Text>
      {data && (
        <>
          <Text className='fund-ledger__union muted'>{data.unionName}</Text>
          <View className='fund-ledger__summary'>
            <Text>收入 {formatYuan(data.summary.incomeFen)}</Text>
            <Text>支出 {formatYuan(data.summary.expenseFen)}</Text>
            {data.summary.pendingCount > 0 && <Text className='fund-ledger__pending'>待审批 {data.summary.pendingCount} 笔</Text>}
            {data.summary.flaggedCount > 0 && <Text className='fund-ledger__pending'>提示 {data.summary.flaggedCount} 笔</Text>}
          </View>
          <Text className='fund-ledger__section' {...heading(2)}>
            结账与公示
          </Text>
          <PeriodStrip periods={data.periods} onOpen={(q) => void Taro.navigateTo({ url: `${FUND_PERIOD_PAGE}?unionId=${encodeURIComponent(unionId)}&quarter=${q}` })} />
          {data.can.record && (
            <View className='fund-ledger__record'>
              <ActionButton type='primary' block onClick={() => void Taro.navigateTo({ url: `${FUND_ENTRY_PAGE}?unionId=${encodeURIComponent(unionId)}` })}>
                记一笔
              </ActionButton>
            </View>
          )}
          <ChoiceGroup<StatusFilter>
            label='状态'
            compact
            options={[
              { value: '', label: '全部' },
              { value: 'pending_approval', label: '待审批' },
              { value: 'posted', label: '已记账' },
              { value: 'rejected', label: '未批准' },
            ]}
            value={status}
            onChange={(s) => {
              setStatus(s)
              load({ status: s })
            }}
          />
          <ChoiceGroup
            label='期间'
            compact
            options={[{ value: '', label: '全部期间' }, ...data.periods.map((p) => ({ value: p.quarter, label: p.title }))]}
            value={quarter}
            onChange={(q) => {
              setQuarter(q)
              load({ quarter: q })
            }}
          />
          <Text className='fund-ledger__section' {...heading(2)}>
            账目（{data.total} 笔）
          </Text>
          {items.length === 0 ? (
            <Text className='muted fund-ledger__empty'>没有符合条件的账目</Text>
          ) : (
            <View className='fund-ledger__list' {...ariaRole('list')} aria-label='账目'>
              {items.map((item) => (
                <LedgerEntry key={item.id} item={item} can={data.can} onAction={act} onViewReceipt={viewReceipt} />
              ))}
            </View>
          )}
          {items.length < data.total && (
            <ActionButton block fill='none' loading={loadingMore} onClick={() => void more()}>
              加载更多
            </ActionButton>
          )}
          <ActionButton block fill='none' onClick={() => void Taro.navigateTo({ url: `${FUND_SETTINGS_PAGE}?unionId=${encodeURIComponent(unionId)}` })}>
            经费设置（慰问标准、公示周期、明细项目）
          </ActionButton>
        </>
      )}
      {error && (
        <LoadProblem message={error.message} onRetry={() => load()} />
      )}
      {!data && !error && (
        <Text className='muted' {...ariaRole('status')}>
          正在加载…
        </Text>
      )}
    </View>
  )
}
