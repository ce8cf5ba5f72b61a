import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import type { DataRequestItem, MyRequests, TransferItem } from '@cloud/contract'
import {
  CORRECTION_FIELDS,
  CORRECTION_FIELD_LABELS,
  DATA_REQUEST_KIND_LABELS,
  DATA_REQUEST_STATUS_LABELS,
  TRANSFER_STATUS_LABELS,
  type CorrectionField,
} from '@cloud/contract/membership/lifecycle.labels'
import { ActionButton } from '../../components/action-button'
import { ChoiceChips } from '../../components/choice-chips'
import { FormField } from '../../components/form-field'
import { TransferUnionChips, TransferUnitChips } from '../../components/transfer-choice'
import { StepFeedback } from '../../components/step-feedback'
import { ariaRole, heading } from '../../lib/a11y'
import { confirmDestructive, type DestructiveQuestion } from '../../lib/confirm'
import { OTHER_UNIT, choosesUnit, transferInput, type TransferGap, type TransferInput, type TransferTargetOption } from '../../lib/transfer-targets'

const TRANSFER_GAPS: Record<TransferGap, string> = {
  union: '请选择要转入的工会',
  unit: '请选择新的工作单位',
  unit_name: '请填写单位名称（至少 2 个字）',
  reason: '请填写转会原因（至少 2 个字）',
}

export interface MembershipViewProps {
  /** membership.myRequests; null while loading. */
  data: MyRequests | null
  targets: TransferTargetOption[]
  /** Which step is running (shows its button as busy). */
  busy?: string
  /** A success line, e.g. 已提交. */
  message?: string
  /** The server's refusal for the last step. */
  problem?: string
  onTransfer: (input: TransferInput) => void
  onCancelTransfer: (id: string) => void
  onLeave: (reason: string) => void
  onDownload: () => void
  onCorrect: (input: { field: CorrectionField; value: string; note?: string }) => void
  onDelete: (note?: string) => void
  /** Asks before 退会 and 注销删除, naming the consequence (the platform's modal unless a test passes its own). */
  confirm?: (q: DestructiveQuestion) => Promise<boolean>
}

/** The consequences, said once for the panel and the modal. */
export const LEAVE_CONSEQUENCE = '退会后电子会员卡停止使用，不能再报名会员活动；需要时可重新申请入会。'
export const DELETE_CONSEQUENCE = '工会办理后，你将退会，姓名、身份证号、手机号等个人信息会被删除，无法恢复；经费账目中的金额保留，但不再显示你的姓名。'

type Panel = 'transfer' | 'leave' | 'correct' | 'delete' | null

function transferLine(t: TransferItem): string {
  return `转往“${t.toUnionName}”${t.toUnitName ? `（${t.toUnitName}）` : ''}：${TRANSFER_STATUS_LABELS[t.status]}${t.newMemberNo ? `，新会员编号 ${t.newMemberNo}` : ''}${t.decisionNote ? `（${t.decisionNote}）` : ''}`
}

function requestLine(r: DataRequestItem): string {
  const what = r.kind === 'correction' && r.field ? `更正${CORRECTION_FIELD_LABELS[r.field]}${r.requestedValue ? `为“${r.requestedValue}”` : ''}` : `申请${DATA_REQUEST_KIND_LABELS[r.kind]}`
  return `${what}：${DATA_REQUEST_STATUS_LABELS[r.status]}${r.response ? `（${r.response}）` : ''}`
}

/**
 * 会籍与个人信息 (member): the current membership; 转会 (choose union and employer, with a
 * reason), 退会 (confirm with a reason), 下载我的数据, 申请更正, 申请注销删除; the state of each.
 */
export function MembershipView({ data, targets, busy = '', message, problem, onTransfer, onCancelTransfer, onLeave, onDownload, onCorrect, onDelete, confirm = confirmDestructive }: MembershipViewProps) {
  const [panel, setPanel] = useState<Panel>(null)
  const [toUnionId, setToUnionId] = useState('')
  const [toUnitId, setToUnitId] = useState('')
  const [toUnitName, setToUnitName] = useState('')
  const [reason, setReason] = useState('')
  const [field, setField] = useState<CorrectionField | ''>('')
  const [value, setValue] = useState('')
  const [note, setNote] = useState('')
  const [formProblem, setFormProblem] = useState('')

  // A step that succeeded closes its form.
  useEffect(() => {
    if (message) setPanel(null)
  }, [message])

  const member = data?.member ?? null
  const active = member?.status === 'active'
  const pendingTransfer = data?.transfers.find((t) => t.status === 'pending')
  const target = targets.find((t) => t.unionId === toUnionId)
  const pendingDeletion = data?.requests.some((r) => r.kind === 'deletion' && r.status === 'pending')

  function open(next: Panel): void {
    setPanel((p) => (p === next ? null : next))
    setFormProblem('')
    setReason('')
    setNote('')
  }

  function submitTransfer(): void {
    const r = transferInput(target, { toUnitId, toUnitName, reason })
    if (!r.ok) return setFormProblem(TRANSFER_GAPS[r.gap])
    onTransfer(r.input)
  }

  async function submitLeave(): Promise<void> {
    if (reason.trim().length < 2) return setFormProblem('请填写退会原因（至少 2 个字）')
    if (await confirm({ title: '确定退会？', content: LEAVE_CONSEQUENCE, confirmText: '确定退会' })) onLeave(reason.trim())
  }

  async function submitDelete(): Promise<void> {
    if (await confirm({ title: '确定申请注销并删除个人信息？', content: DELETE_CONSEQUENCE, confirmText: '确定申请' })) onDelete(note.trim() || undefined)
  }

  function submitCorrection(): void {
    if (!field) return setFormProblem('请选择要更正的项目')
    if (!value.trim()) return setFormProblem('请填写正确的内容')
    onCorrect({ field, value: value.trim(), ...(note.trim() ? { note: note.trim() } : {}) })
  }

  return (
    <View className='membership'>
      <Text className='page-title' {...heading()}>
        会籍与个人信息
      </Text>
      {data === null ? (
        <Text className='muted' {...ariaRole('status')}>
          正在加载…
        </Text>
      ) : (
        <>
          <View className='membership__box'>
            {member ? (
              <Text className='membership__line'>
                {member.unionName} · 会员编号 {member.memberNo} · {active ? '在册' : '已退会'}
              </Text>
            ) : (
              <Text className='membership__line'>你还没有会员记录。</Text>
            )}
            <Text className='membership__line muted'>退会后，你的个人信息保存 {data.retentionYears} 年后匿名化；申请注销删除的，由工会尽快办理。</Text>
          </View>

          {(data.transfers.length > 0 || data.requests.length > 0) && (
            <View className='membership__box' {...ariaRole('list')} aria-label='我的申请'>
              {data.transfers.map((t) => (
                <View key={t.id} {...ariaRole('listitem')} className='membership__actions'>
                  <Text className='membership__status'>{transferLine(t)}</Text>
                  {t.status === 'pending' && (
                    <ActionButton size='small' fill='none' loading={busy === `cancel:${t.id}`} onClick={() => onCancelTransfer(t.id)}>
                      撤回转会
                    </ActionButton>
                  )}
                </View>
              ))}
              {data.requests.map((r) => (
                <View key={r.id} {...ariaRole('listitem')}>
                  <Text className='membership__status'>{requestLine(r)}</Text>
                </View>
              ))}
            </View>
          )}

          <StepFeedback message={message} messageClassName='membership__line' problem={problem} />

          <View className='membership__actions'>
            {active && !pendingTransfer && <ActionButton onClick={() => open('transfer')}>转会</ActionButton>}
            {active && <ActionButton onClick={() => open('correct')}>申请更正</ActionButton>}
            <ActionButton loading={busy === 'download'} onClick={onDownload}>
              下载我的数据
            </ActionButton>
            {active && (
              <ActionButton type='danger' fill='outline' onClick={() => open('leave')}>
                退会
              </ActionButton>
            )}
            {member && !pendingDeletion && (
              <ActionButton type='danger' fill='outline' onClick={() => open('delete')}>
                申请注销删除
              </ActionButton>
            )}
          </View>

          {panel === 'transfer' && (
            <View className='membership__box' role='form' aria-label='转会'>
              <Text className='membership__section'>会籍转接</Text>
              <Text className='membership__line muted'>换了工作单位，可以把会籍转到新单位的工会；接收工会确认后生效，你会得到新的会员编号。</Text>
              <FormField label='转入工会'>
                <TransferUnionChips
                  targets={targets}
                  value={toUnionId}
                  onChange={(id) => {
                    setToUnionId(id)
                    const next = targets.find((t) => t.unionId === id)
                    setToUnitId(next && next.units.length === 1 && !next.allowOther ? next.units[0].id : '')
                  }}
                />
              </FormField>
              {target && choosesUnit(target) && (
                <FormField label='新的工作单位'>
                  <TransferUnitChips target={target} value={toUnitId} onChange={setToUnitId} />
                </FormField>
              )}
              {toUnitId === OTHER_UNIT && (
                <FormField label='单位名称'>
                  <Input className='membership__input' nativeProps={{ 'aria-label': '单位名称' }} value={toUnitName} maxLength={60} onChange={setToUnitName} />
                </FormField>
              )}
              <FormField label='转会原因'>
                <Input className='membership__input' nativeProps={{ 'aria-label': '转会原因' }} placeholder='如：更换工作单位' value={reason} maxLength={100} onChange={setReason} />
              </FormField>
              <ActionButton type='primary' loading={busy === 'transfer'} onClick={submitTransfer}>
                提交转会申请
              </ActionButton>
            </View>
          )}

          {panel === 'leave' && (
            <View className='membership__box' role='dialog' aria-label='确认退会'>
              <Text className='membership__section'>确认退会</Text>
              <Text className='membership__line'>{LEAVE_CONSEQUENCE}</Text>
              <FormField label='退会原因'>
                <Input className='membership__input' nativeProps={{ 'aria-label': '退会原因' }} placeholder='如：离开本行业' value={reason} maxLength={100} onChange={setReason} />
              </FormField>
              <View className='membership__actions'>
                <ActionButton onClick={() => setPanel(null)}>取消</ActionButton>
                <ActionButton type='danger' loading={busy === 'leave'} onClick={() => void submitLeave()}>
                  确定退会
                </ActionButton>
              </View>
            </View>
          )}

          {panel === 'correct' && (
            <View className='membership__box' role='form' aria-label='申请更正'>
              <Text className='membership__section'>申请更正</Text>
              <FormField label='要更正的项目'>
                <ChoiceChips label='要更正的项目' options={CORRECTION_FIELDS} display={(f) => CORRECTION_FIELD_LABELS[f]} value={field} onChange={setField} />
              </FormField>
              <FormField label='正确的内容'>
                <Input className='membership__input' nativeProps={{ 'aria-label': '正确的内容' }} value={value} maxLength={60} onChange={setValue} />
              </FormField>
              <FormField label='说明（选填）'>
                <Input className='membership__input' nativeProps={{ 'aria-label': '说明' }} value={note} maxLength={200} onChange={setNote} />
              </FormField>
              <ActionButton type='primary' loading={busy === 'correct'} onClick={submitCorrection}>
                提交更正申请
              </ActionButton>
            </View>
          )}

          {panel === 'delete' && (
            <View className='membership__box' role='dialog' aria-label='申请注销删除'>
              <Text className='membership__section'>申请注销并删除个人信息</Text>
              <Text className='membership__line'>{DELETE_CONSEQUENCE}</Text>
              <FormField label='说明（选填）'>
                <Input className='membership__input' nativeProps={{ 'aria-label': '注销说明' }} value={note} maxLength={200} onChange={setNote} />
              </FormField>
              <View className='membership__actions'>
                <ActionButton onClick={() => setPanel(null)}>取消</ActionButton>
                <ActionButton type='danger' loading={busy === 'delete'} onClick={() => void submitDelete()}>
                  确定申请
                </ActionButton>
              </View>
            </View>
          )}
          {formProblem && (
            <Text className='error-text' {...ariaRole('alert')}>
              {formProblem}
            </Text>
          )}
        </>
      )}
    </View>
  )
}
