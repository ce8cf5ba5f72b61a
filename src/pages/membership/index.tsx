import { useCallback, useMemo, useState } from 'react'
import { pageTextStyle } from '../../lib/text-size'
import { useDidShow } from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { MyFileResult, MyRequests } from '@cloud/contract'
import { useOrgTree } from '../../hooks/useOrgTree'
import { useSteps } from '../../hooks/useSteps'
import { saveBase64File } from '../../lib/document'
import { fileSizeText } from '../../lib/format'
import { pickUpload } from '../../lib/pick-file'
import { transferTargets, type TransferInput } from '../../lib/transfer-targets'
import { call, CloudError, toCloudError } from '../../services/cloud'
import { MembershipView } from './membership-view'
import { MyFileView } from './my-file-view'
import './index.scss'
import { PrivacySheet } from '../../components/privacy-sheet'

/**
 * 会籍与个人信息: transfer, leave, download my data, ask for a correction or deletion, and 我的档案
 * (see, add to and prune one's own member file) (opened from 我的).
 */
export default function MembershipPage() {
  const { tree } = useOrgTree()
  const [data, setData] = useState<MyRequests | null>(null)
  // A membership step (退会, 转会…) changes whether there is a file to show: both are reloaded.
  const { busy, message, problem, setProblem, run } = useSteps(async () => {
    await load()
    await loadFile()
  })
  // 我的档案: undefined for a caller without an active membership (no file to show).
  const [file, setFile] = useState<MyFileResult | null | undefined>(null)
  const [preview, setPreview] = useState<{ id: string; src: string } | null>(null)
  const fileSteps = useSteps(() => loadFile())

  const load = useCallback(async () => {
    try {
      setData(await call('membership.myRequests', {}))
    } catch (thrown) {
      setProblem(toCloudError(thrown).message)
    }
  }, [])
  const loadFile = useCallback(async () => {
    try {
      setFile(await call('membership.myFile', {}))
    } catch (thrown) {
      const refusal = toCloudError(thrown)
      setFile(undefined)
      if (refusal.reason !== 'not_member') fileSteps.setProblem(refusal.message)
    }
  }, [])
  useDidShow(() => {
    void load()
    void loadFile()
  })

  const targets = useMemo(() => (tree ? transferTargets(tree, data?.member?.unionId) : []), [tree, data?.member?.unionId])

  return (
    <View className='page' style={pageTextStyle()}>
      <PrivacySheet />
      <MembershipView
        data={data}
        targets={targets}
        busy={busy}
        message={message}
        problem={problem}
        onTransfer={(input: TransferInput) =>
          void run('transfer', async () => {
            const r = await call('membership.transfer', input)
            return `已提交转会申请，等待“${r.toUnionName}”确认`
          })
        }
        onCancelTransfer={(id) =>
          void run(`cancel:${id}`, async () => {
            await call('membership.cancelTransfer', { transferId: id })
            return '已撤回转会申请'
          })
        }
        onLeave={(reason) =>
          void run('leave', async () => {
            await call('membership.leave', { reason })
            return '已办理退会'
          })
        }
        onDownload={() =>
          void run('download', async () => {
            const file = await call('membership.myData', {})
            await saveBase64File(file.fileName, file.mimeType, file.base64)
            return `已下载 ${file.fileName}`
          })
        }
        onCorrect={(input) =>
          void run('correct', async () => {
            await call('membership.requestCorrection', input)
            return '已提交更正申请，工会核实后更正'
          })
        }
        onDelete={(note) =>
          void run('delete', async () => {
            await call('membership.requestDeletion', note ? { note } : {})
            return '已提交注销申请，工会将尽快办理'
          })
        }
      />
      {file !== undefined && (
        <MyFileView
          file={file}
          busy={fileSteps.busy}
          message={fileSteps.message}
          problem={fileSteps.problem}
          preview={preview}
          onUpload={(kind) =>
            void fileSteps.run('upload', async () => {
              const picked = await pickUpload('document')
              if (!picked) return ''
              // The same limit as the server, checked before sending several megabytes.
              if (file && picked.size > file.limits.maxBytes) throw new CloudError('file_too_large', `文件不能超过 ${fileSizeText(file.limits.maxBytes)}，请压缩后再上传`)
              const r = await call('membership.attachOwn', { kind, fileName: picked.name, base64: picked.base64 })
              return `已上传 ${r.attachment.fileName}（${r.attachment.kindLabel}）`
            })
          }
          onOpen={(a) =>
            void fileSteps.run(`open:${a.id}`, async () => {
              const d = await call('membership.myAttachment', { attachmentId: a.id })
              setPreview({ id: a.id, src: `data:${d.mimeType};base64,${d.base64}` })
              return ''
            })
          }
          onDownload={(a) =>
            void fileSteps.run(`download:${a.id}`, async () => {
              const d = await call('membership.myAttachment', { attachmentId: a.id })
              await saveBase64File(d.fileName, d.mimeType, d.base64)
              return ''
            })
          }
          onRemove={(a) =>
            void fileSteps.run(`remove:${a.id}`, async () => {
              await call('membership.removeOwnAttachment', { attachmentId: a.id })
              if (preview?.id === a.id) setPreview(null)
              return `已删除 ${a.fileName}`
            })
          }
        />
      )}
    </View>
  )
}
