import { useState } from 'react'
import { View } from '@tarojs/components'
import { ActionButton } from '../../../../components/action-button'
import { ReasonDialog } from '../../components/reason-dialog'

/** Full exports per union per day (`membership.exportRosterFull`; the server counts). */
export const FULL_EXPORTS_PER_DAY = 3

export interface ExportToolsProps {
  /** The caller is the union's chair: the full export for 报送 is offered. */
  canExportFull: boolean
  /** 导出名册 (numbers masked); rejects with a message for people. */
  onExport: () => Promise<void>
  /** 报送用完整导出 with the reason; rejects with a message for people. */
  onExportFull: (reason: string) => Promise<void>
  /** 导入名册. */
  onImport: () => void
}

/**
 * The roster's file tools: the masked export (staff and chair), the full export for 报送 to the
 * provincial real-name system (the chair, with a reason: it goes into the file's properties and
 * the audit trail; 3 a day per union), and the import.
 */
export function ExportTools({ canExportFull, onExport, onExportFull, onImport }: ExportToolsProps) {
  const [busy, setBusy] = useState<'' | 'export' | 'full'>('')
  const [asking, setAsking] = useState(false)
  const [error, setError] = useState('')

  function exportMasked(): void {
    setBusy('export')
    onExport().finally(() => setBusy(''))
  }

  function exportFull(reason: string): void {
    setBusy('full')
    setError('')
    onExportFull(reason)
      .then(() => setAsking(false))
      .catch((thrown: unknown) => setError(thrown instanceof Error ? thrown.message : '导出未成功'))
      .finally(() => setBusy(''))
  }

  return (
    <View className='roster__tools'>
      <ActionButton size='small' loading={busy === 'export'} onClick={exportMasked}>
        导出名册 .xlsx（号码打码）
      </ActionButton>
      {canExportFull && (
        <ActionButton
          size='small'
          onClick={() => {
            setError('')
            setAsking(true)
          }}
        >
          报送用完整导出
        </ActionButton>
      )}
      <ActionButton size='small' onClick={onImport}>
        导入名册
      </ActionButton>
      {asking && (
        <ReasonDialog
          title='完整导出会员名册（报送全省实名制系统）'
          description={`文件含完整身份证号和手机号。导出人、时间和事由写入文件属性并记入审计日志；每个工会每天最多导出 ${FULL_EXPORTS_PER_DAY} 次。`}
          label='导出事由'
          placeholder='如：报送全省工会会员实名制系统'
          confirmText='导出'
          busy={busy === 'full'}
          error={error}
          onConfirm={exportFull}
          onCancel={() => setAsking(false)}
        />
      )}
    </View>
  )
}
