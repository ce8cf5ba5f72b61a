import { useState } from 'react'
import { Input } from '@nutui/nutui-react-taro'
import { ChoiceChips } from '../../../../components/choice-chips'
import type { TransferTargetOption } from '../../../../lib/transfer-targets'
import { ReasonDialogFrame } from '../../components/reason-dialog'

const OTHER_UNIT = '__other__'

export interface TransferDialogProps {
  memberName: string
  targets: TransferTargetOption[]
  busy?: boolean
  error?: string
  onConfirm: (input: { toUnionId: string; toUnitId?: string; toUnitName?: string; reason: string }) => void
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
  const choosesUnit = Boolean(target && (target.units.length > 1 || target.allowOther))

  function confirm(): void {
    if (!target) return setProblem('请选择转入工会')
    if (choosesUnit && !toUnitId) return setProblem('请选择新的工作单位')
    if (toUnitId === OTHER_UNIT && toUnitName.trim().length < 2) return setProblem('请填写单位名称（至少 2 个字）')
    if (reason.trim().length < 2) return setProblem('请填写转出原因（至少 2 个字）')
    onConfirm({
      toUnionId: target.unionId,
      ...(toUnitId && toUnitId !== OTHER_UNIT ? { toUnitId } : {}),
      ...(toUnitId === OTHER_UNIT ? { toUnitName: toUnitName.trim() } : {}),
      reason: reason.trim(),
    })
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
      <ChoiceChips
        label='转入工会'
        options={targets.map((t) => t.unionId)}
        display={(id) => targets.find((t) => t.unionId === id)?.unionName ?? id}
        value={toUnionId}
        onChange={(id) => {
          setToUnionId(id)
          setToUnitId('')
          setProblem('')
        }}
      />
      {target && choosesUnit && (
        <ChoiceChips
          label='新的工作单位'
          options={[...target.units.map((u) => u.id), ...(target.allowOther ? [OTHER_UNIT] : [])]}
          display={(id) => (id === OTHER_UNIT ? '其他单位' : target.units.find((u) => u.id === id)?.name ?? id)}
          value={toUnitId}
          onChange={setToUnitId}
        />
      )}
      {toUnitId === OTHER_UNIT && (
        <Input className='reason-dialog__input' nativeProps={{ 'aria-label': '单位名称' }} placeholder='单位名称' value={toUnitName} maxLength={60} onChange={setToUnitName} />
      )}
      <Input className='reason-dialog__input' nativeProps={{ 'aria-label': '转出原因' }} placeholder='如：调到新单位工作' value={reason} maxLength={100} onChange={setReason} />
    </ReasonDialogFrame>
  )
}
