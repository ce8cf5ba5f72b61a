import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { ImportConfirmed, ImportPreview } from '@cloud/contract'
import { IMPORT_MAX_FILE_BYTES, IMPORT_MAX_FILE_LABEL, IMPORT_MAX_ROWS } from '@cloud/contract/membership/labels'
import { ActionButton } from '../../../../components/action-button'
import { ariaRole } from '../../../../lib/a11y'
import { call, toCloudError } from '../../../../services/cloud'
import { pickXlsx, type PickedFile } from '../../lib/files'

/**
 * 导入名册 in two steps: pick a file and see the per-row report (nothing written), then confirm to
 * write the valid rows. Confirming the same file again writes nothing.
 */
export function ImportPanel({ unionId, onImported, onClose }: { unionId: string; onImported: () => void; onClose: () => void }) {
  const [file, setFile] = useState<PickedFile | null>(null)
  const [preview, setPreview] = useState<ImportPreview | null>(null)
  const [done, setDone] = useState<ImportConfirmed | null>(null)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState('')

  async function pick(): Promise<void> {
    setProblem('')
    setDone(null)
    try {
      const picked = await pickXlsx()
      if (!picked) return
      if (picked.size > IMPORT_MAX_FILE_BYTES) {
        setProblem(`文件过大（上限 ${IMPORT_MAX_FILE_LABEL}，最多 ${IMPORT_MAX_ROWS} 行），请分成几个文件`)
        return
      }
      setFile(picked)
      setBusy(true)
      const r = await call('membership.importRoster', { unionId, mode: 'preview', fileBase64: picked.base64, fileName: picked.name })
      if (r.mode === 'preview') setPreview(r)
    } catch (thrown) {
      setProblem(toCloudError(thrown).message)
    } finally {
      setBusy(false)
    }
  }

  async function confirm(): Promise<void> {
    if (!file || !preview) return
    setBusy(true)
    setProblem('')
    try {
      const r = await call('membership.importRoster', { unionId, mode: 'confirm', fileBase64: file.base64, fileName: file.name, previewHash: preview.fileHash })
      if (r.mode === 'confirm') {
        setDone(r)
        setPreview(null)
        onImported()
      }
    } catch (thrown) {
      setProblem(toCloudError(thrown).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='import-panel' aria-label='导入名册'>
      <Text className='import-panel__title'>导入名册（.xlsx）</Text>
      <Text className='import-panel__hint muted'>
        {`格式与导出的名册相同（可先导出一份作模板）。每个文件最多 ${IMPORT_MAX_ROWS} 行、${IMPORT_MAX_FILE_LABEL}。先预览逐行检查结果，确认后只写入无误的行。`}
      </Text>
      <View className='import-panel__actions'>
        <ActionButton size='small' loading={busy && !preview} onClick={() => void pick()}>
          {file ? '重新选择文件' : '选择文件'}
        </ActionButton>
        <ActionButton size='small' fill='none' onClick={onClose}>
          收起
        </ActionButton>
      </View>
      {preview && file && (
        <View className='import-panel__report' {...ariaRole('status')}>
          <Text className='import-panel__summary'>
            {`${file.name}：共 ${preview.totalRows} 行，${preview.validRows} 行可以导入，${preview.problems.length} 个问题`}
          </Text>
          {preview.problems.length > 0 && (
            <View className='import-panel__table' aria-label='问题清单'>
              {preview.problems.slice(0, 200).map((p, i) => (
                <Text key={i} className='import-panel__problem'>
                  {p.row > 0 ? `第 ${p.row} 行` : '文件'} · {p.field}：{p.problem}
                </Text>
              ))}
              {preview.problems.length > 200 && <Text className='muted'>…另有 {preview.problems.length - 200} 个问题</Text>}
            </View>
          )}
          {preview.sample.length > 0 && (
            <View className='import-panel__table'>
              {preview.sample.map((s) => (
                <Text key={s.row} className='import-panel__row'>
                  第 {s.row} 行 · {s.name} · {s.idNumberMasked} · {s.unitName}
                </Text>
              ))}
            </View>
          )}
          <ActionButton type='primary' block disabled={preview.validRows === 0} loading={busy} onClick={() => void confirm()}>
            {`确认导入 ${preview.validRows} 行`}
          </ActionButton>
        </View>
      )}
      {done && (
        <Text className='import-panel__done' {...ariaRole('status')}>
          {done.duplicate ? `该文件此前已导入（${done.imported} 行），没有重复写入。` : `已导入 ${done.imported} 行${done.skipped.length ? `，跳过 ${done.skipped.length} 个问题行` : ''}。`}
        </Text>
      )}
      {problem && (
        <Text className='error-text' {...ariaRole('alert')}>
          {problem}
        </Text>
      )}
    </View>
  )
}
