import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import { ActionButton } from '../../../../components/action-button'
import { ariaRole } from '../../../../lib/a11y'
import './index.scss'

export interface ReasonDialogProps {
  title: string
  /** What the reason is for, under the title. */
  description?: string
  label: string
  placeholder?: string
  confirmText: string
  busy?: boolean
  /** A refusal to show in the dialog (e.g. the server's message). */
  error?: string
  onConfirm: (reason: string) => void
  onCancel: () => void
}

/** Asks for a reason (不批准的理由, 查看完整号码的理由, 退会原因) before a step that is recorded. */
export function ReasonDialog({ title, description, label, placeholder, confirmText, busy, error, onConfirm, onCancel }: ReasonDialogProps) {
  const [reason, setReason] = useState('')
  const [problem, setProblem] = useState('')
  function confirm(): void {
    const r = reason.trim()
    if (r.length < 2) {
      setProblem('请填写理由（至少 2 个字）')
      return
    }
    onConfirm(r)
  }
  return (
    <View className='reason-dialog__mask'>
      <View role='dialog' aria-label={title} className='reason-dialog'>
        <Text className='reason-dialog__title'>{title}</Text>
        {description && <Text className='reason-dialog__description'>{description}</Text>}
        <Input
          className='reason-dialog__input'
          nativeProps={{ 'aria-label': label }}
          placeholder={placeholder ?? label}
          value={reason}
          maxLength={100}
          onChange={(v) => {
            setReason(v)
            setProblem('')
          }}
        />
        {(problem || error) && (
          <Text className='error-text reason-dialog__error' {...ariaRole('alert')}>
            {problem || error}
          </Text>
        )}
        <View className='reason-dialog__actions'>
          <ActionButton size='small' onClick={onCancel}>
            取消
          </ActionButton>
          <ActionButton size='small' type='primary' loading={busy} onClick={confirm}>
            {confirmText}
          </ActionButton>
        </View>
      </View>
    </View>
  )
}
