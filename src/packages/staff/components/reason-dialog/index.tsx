import { useState, type ReactNode } from 'react'
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

export interface ReasonDialogFrameProps {
  title: string
  /** What the step does, under the title. */
  description?: string
  confirmText: string
  busy?: boolean
  /** What stops the step: the dialog's own check, else the server's refusal. */
  problem?: string
  onConfirm: () => void
  onCancel: () => void
  /** The fields between the description and the problem. */
  children: ReactNode
}

/** The frame of a staff dialog for a recorded step: title, description, fields, problem, 取消 and confirm. */
export function ReasonDialogFrame({ title, description, confirmText, busy, problem, onConfirm, onCancel, children }: ReasonDialogFrameProps) {
  return (
    <View className='reason-dialog__mask'>
      <View role='dialog' aria-label={title} className='reason-dialog'>
        <Text className='reason-dialog__title'>{title}</Text>
        {description && <Text className='reason-dialog__description'>{description}</Text>}
        {children}
        {problem && (
          <Text className='error-text reason-dialog__error' {...ariaRole('alert')}>
            {problem}
          </Text>
        )}
        <View className='reason-dialog__actions'>
          <ActionButton size='small' onClick={onCancel}>
            取消
          </ActionButton>
          <ActionButton size='small' type='primary' loading={busy} onClick={onConfirm}>
            {confirmText}
          </ActionButton>
        </View>
      </View>
    </View>
  )
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
  function edit(v: string): void {
    setReason(v)
    setProblem('')
  }
  return (
    <ReasonDialogFrame title={title} description={description} confirmText={confirmText} busy={busy} problem={problem || error} onConfirm={confirm} onCancel={onCancel}>
      <Input className='reason-dialog__input' nativeProps={{ 'aria-label': label }} placeholder={placeholder ?? label} value={reason} maxLength={100} onChange={edit} />
    </ReasonDialogFrame>
  )
}
