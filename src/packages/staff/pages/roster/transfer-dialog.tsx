import { useState } from 'react'
import { Input } from '@nutui/nutui-react-taro'
import { TransferUnionChips, TransferUnitChips } from '../../../../components/transfer-choice'
import { OTHER_UNIT, choosesUnit, transferInput, type TransferGap, type TransferInput, type TransferTargetOption } from '../../../../lib/transfer-targets'
import { ReasonDialogFrame } from '../../components/reason-dialog'

const TRANSFER_GAPS: Record<TransferGap, string> = {
  union: '请选择转入工会',
  unit: '请选择新的工作单位',
  unit_name: '请填写单位名称（至少 2 个字）',
  reason: '请填写转出原因（至少 2 个字）',
}

export interface TransferDialogProps {
  memberName: string
  targets: TransferTargetOption[]
  busy?: boolean
  error?: string
  onConfirm: (input: TransferInput) => void
  onCancel: () => void
}

/** 转出: the staffer picks the receiving union and the member's new employer, with a reason. */
export function TransferDialog({ memberName, targets, busy, error, onConfirm, onCancel }: TransferDialogProps) {
  const [toUnionId, setToUnionId] = useState('')
  const [toUnitId, setToUnitId] = useState('')
  const [toUnitName, setToUnitName] = useState('')
  const [reason, setReason] = useState('')
  const [problem, setProblem] = useState('')
  const target = targets.find((t) => t.unionId === toUnionId)

  function confirm(): void {
    const r = transferInput(target, { toUnitId, toUnitName, reason })
    if (!r.ok) return setProblem(TRANSFER_GAPS[r.gap])
    onConfirm(r.input)
  }

  return (
    <ReasonDialogFrame
      title={`为 ${memberName} 办理转出`}
      description='接收工会确认后，会员转入新工会并得到新的会员编号；本会名册保留为“已退会（转会）”。'
      confirmText='提交转出'
      busy={busy}
      problem={problem || error}
      onConfirm={confirm}
      onCancel={onCancel}
    >
      <TransferUnionChips
        targets={targets}
        value={toUnionId}
        onChange={(id) => {
          setToUnionId(id)
          setToUnitId('')
          setProblem('')
        }}
      />
      {target && choosesUnit(target) && (
        <TransferUnitChips target={target} value={toUnitId} onChange={setToUnitId} />
      )}
      {toUnitId === OTHER_UNIT && (
        <Input className='reason-dialog__input' nativeProps={{ 'aria-label': '单位名称' }} placeholder='单位名称' value={toUnitName} maxLength={60} onChange={setToUnitName} />
      )}
      <Input className='reason-dialog__input' nativeProps={{ 'aria-label': '转出原因' }} placeholder='如：调到新单位工作' value={reason} maxLength={100} onChange={setReason} />
    </ReasonDialogFrame>
  )
}
