import { useCallback, useMemo, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { MyRequests } from '@cloud/contract'
import { useOrgTree } from '../../hooks/useOrgTree'
import { useSteps } from '../../hooks/useSteps'
import { saveBase64File } from '../../lib/document'
import { transferTargets, type TransferInput } from '../../lib/transfer-targets'
import { call, toCloudError } from '../../services/cloud'
import { MembershipView } from './membership-view'
import './index.scss'

/** 会籍与个人信息: transfer, leave, download my data, ask for a correction or deletion (opened from 我的). */
export default function MembershipPage() {
  const { tree } = useOrgTree()
  const [data, setData] = useState<MyRequests | null>(null)
  const { busy, message, problem, setProblem, run } = useSteps(() => load())

  const load = useCallback(async () => {
    try {
      setData(await call('membership.myRequests', {}))
    } catch (thrown) {
      setProblem(toCloudError(thrown).message)
    }
  }, [])
  useDidShow(() => {
    void load()
  })

  const targets = useMemo(() => (tree ? transferTargets(tree, data?.member?.unionId) : []), [tree, data?.member?.unionId])

  return (
    <View className='page'>
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
    </View>
  )
}
