import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { Tag } from '@nutui/nutui-react-taro'
import type { LedgerItem, LedgerResult } from '@cloud/contract'
import { DIRECTION_LABELS, ENTRY_STATUS_LABELS, FUNDING_ROUTE_LABELS, GIFT_FORM_LABELS, GIFT_KIND_LABELS } from '@cloud/contract/fund/labels'
import { ActionButton } from '../../../../components/action-button'
import { ariaRole } from '../../../../lib/a11y'
import { chinaDateTime, formatYuan } from '../../../../lib/format'
import { TextField } from '../text-field'
import './index.scss'

export type EntryAction =
  | { kind: 'approve'; acknowledgeFlags: boolean }
  | { kind: 'reject'; note: string }
  | { kind: 'reverse'; reason: string }
  | { kind: 'comment'; body: string }

export interface LedgerEntryProps {
  item: LedgerItem
  can: LedgerResult['can']
  /** Runs an action; rejects with a message for people. */
  onAction: (item: LedgerItem, action: EntryAction) => Promise<void>
  /** Loads a receipt image (data URL) to show; null when it is not an image. */
  onViewReceipt?: (attachmentId: string) => Promise<string | null>
}

type Panel = 'reject' | 'reverse' | 'comment' | null

const STATUS_TAG: Record<LedgerItem['status'], 'success' | 'warning' | 'default'> = { posted: 'success', pending_approval: 'warning', rejected: 'default' }

/** One ledger entry (账目) with what the caller may do with it: approve, reverse, comment. */
export function LedgerEntry({ item: i, can, onAction, onViewReceipt }: LedgerEntryProps) {
  const [panel, setPanel] = useState<Panel>(null)
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState('')
  const [preview, setPreview] = useState<string | null>(null)

  const canDecide = can.approve && i.status === 'pending_approval' && !i.mine
  const canReverse = can.record && i.status === 'posted' && i.kind === 'entry' && !i.reversedById

  async function run(action: EntryAction): Promise<void> {
    setBusy(true)
    setProblem('')
    try {
      await onAction(i, action)
      setPanel(null)
      setText('')
    } catch (thrown) {
      setProblem(thrown instanceof Error ? thrown.message : '操作未成功')
    } finally {
      setBusy(false)
    }
  }

  function open(p: Panel): void {
    setPanel(panel === p ? null : p)
    setText('')
    setProblem('')
  }

  const title = `${i.category}${i.subCategory ? ` · ${i.subCategory}` : ''}`
  return (
    <View className={`ledger-entry ledger-entry--${i.status}`} {...ariaRole('listitem')} aria-label={`${i.date} ${title} ${formatYuan(i.amountFen)} ${ENTRY_STATUS_LABELS[i.status]}`}>
      <View className='ledger-entry__head'>
        <Text className='ledger-entry__title'>{title}</Text>
        <Text className={`ledger-entry__amount ledger-entry__amount--${i.direction}`}>
          {i.direction === 'income' ? '+' : '−'}
          {i.kind === 'reversal' ? '（冲）' : ''}
          {formatYuan(i.amountFen)}
        </Text>
      </View>
      <Text className='ledger-entry__purpose'>{i.purpose}</Text>
      <Text className='ledger-entry__line muted'>
        {i.date} · {DIRECTION_LABELS[i.direction]}
        {i.counterparty ? ` · ${i.counterparty}` : ''}
        {i.fundingRoute ? ` · ${FUNDING_ROUTE_LABELS[i.fundingRoute]}` : ''}
      </Text>
      <View className='ledger-entry__tags'>
        <Tag type={STATUS_TAG[i.status]}>{ENTRY_STATUS_LABELS[i.status]}</Tag>
        {i.kind === 'reversal' && <Tag type='warning'>冲正</Tag>}
        {i.reversedById && <Tag type='default'>已冲正</Tag>}
        {i.correctsId && <Tag type='primary'>更正</Tag>}
        {i.gift && (
          <Tag type='default'>
            {GIFT_KIND_LABELS[i.gift.kind]} · {GIFT_FORM_LABELS[i.gift.form]} · {i.gift.recipientCount} 人
          </Tag>
        )}
        {i.dues && <Tag type='default'>{i.dues.memberName ? `会费 · ${i.dues.memberName}（${i.dues.memberNo}）` : `会费 · ${i.dues.memberCount} 人`}</Tag>}
      </View>
      {i.flags.map((f) => (
        <Text key={f.code} className='ledger-entry__flag' {...ariaRole('alert')}>
          ⚠ {f.message}
        </Text>
      ))}
      <Text className='ledger-entry__line muted'>
        {i.recordedByName} 记账 · {chinaDateTime(i.recordedAt)}
        {i.approval ? ` · ${i.approval.byName}${i.approval.decision === 'approve' ? '批准' : '未批准'}（${chinaDateTime(i.approval.at)}）` : ''}
        {i.approval?.note ? `：${i.approval.note}` : ''}
      </Text>
      {i.attachments.length > 0 && (
        <View className='ledger-entry__receipts'>
          {i.attachments.map((a) => (
            <View
              key={a.id}
              className='ledger-entry__receipt'
              {...ariaRole('button')}
              aria-label={`查看票据 ${a.fileName}`}
              onClick={() => {
                if (!onViewReceipt) return
                void onViewReceipt(a.id).then(setPreview, () => setPreview(null))
              }}
            >
              <Text>📎 {a.fileName}</Text>
              <Text className='muted'>
                {(a.sizeBytes / 1024).toFixed(0)} KB · SHA-256 {a.sha256.slice(0, 8)}
              </Text>
            </View>
          ))}
          {preview && <Image className='ledger-entry__preview' src={preview} mode='widthFix' onClick={() => setPreview(null)} />}
        </View>
      )}
      {i.comments.length > 0 && (
        <View className='ledger-entry__comments'>
          {i.comments.map((c) => (
            <Text key={c.id} className='ledger-entry__comment'>
              {c.authorRole} {c.authorName}：{c.body}
            </Text>
          ))}
        </View>
      )}

      {(canDecide || canReverse || can.comment) && (
        <View className='ledger-entry__actions'>
          {canDecide && (
            <>
              <ActionButton size='small' type='primary' loading={busy && panel === null} onClick={() => void run({ kind: 'approve', acknowledgeFlags: i.flags.length > 0 })}>
                {i.flags.length > 0 ? '确认提示并批准' : '批准'}
              </ActionButton>
              <ActionButton size='small' onClick={() => open('reject')}>
                不批准
              </ActionButton>
            </>
          )}
          {canReverse && (
            <ActionButton size='small' onClick={() => open('reverse')}>
              冲正
            </ActionButton>
          )}
          {can.comment && (
            <ActionButton size='small' fill='none' onClick={() => open('comment')}>
              {can.signOff ? '提出意见' : '留言'}
            </ActionButton>
          )}
        </View>
      )}
      {panel && (
        <View className='ledger-entry__panel'>
          <TextField
            label={panel === 'reject' ? '不批准的原因' : panel === 'reverse' ? '冲正原因' : '意见'}
            value={text}
            onChange={setText}
            maxLength={panel === 'comment' ? 500 : 200}
          />
          <ActionButton
            size='small'
            type='primary'
            loading={busy}
            onClick={() => {
              const body = text.trim()
              if (!body) {
                setProblem('请填写内容')
                return
              }
              void run(panel === 'reject' ? { kind: 'reject', note: body } : panel === 'reverse' ? { kind: 'reverse', reason: body } : { kind: 'comment', body })
            }}
          >
            {panel === 'reject' ? '确认不批准' : panel === 'reverse' ? '确认冲正' : '发送'}
          </ActionButton>
        </View>
      )}
      {problem && (
        <Text className='error-text ledger-entry__problem' {...ariaRole('alert')}>
          {problem}
        </Text>
      )}
    </View>
  )
}
