import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { FundSettings } from '@cloud/contract'
import { MAX_ATTACHMENT_BYTES } from '@cloud/contract/fund/labels'
import { useSession } from '../../../../hooks/useSession'
import { heading } from '../../../../lib/a11y'
import { todayInChina } from '../../../../lib/format'
import { call, toCloudError } from '../../../../services/cloud'
import { toBase64, sniffType } from '../../lib/base64'
import { readChosenFile } from '../../lib/read-file'
import { EntryForm, type EntryInput, type UploadedReceipt } from './entry-form'
import './index.scss'
import { PrivacySheet } from '../../../../components/privacy-sheet'

function newRequestId(): string {
  return `entry-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
}

/** 记一笔 (`?unionId=`): records an entry, then returns to the ledger. */
export default function FundEntryPage() {
  useSession()
  const { params } = useRouter()
  const unionId = params.unionId ? decodeURIComponent(params.unionId) : ''
  const [settings, setSettings] = useState<FundSettings | null>(null)
  const [requestId] = useState(newRequestId)
  const [receipts, setReceipts] = useState<UploadedReceipt[]>([])
  const [uploading, setUploading] = useState(false)

  useEffect(() => {
    if (unionId) call('fund.settings', { unionId }).then(setSettings, () => setSettings(null))
  }, [unionId])

  async function addReceipt(): Promise<void> {
    let path: string | undefined
    try {
      path = (await Taro.chooseImage({ count: 1, sizeType: ['compressed'] })).tempFilePaths[0]
    } catch {
      // The user closed the picker: nothing to do.
      return
    }
    if (!path) return
    try {
      setUploading(true)
      const bytes = await readChosenFile(path)
      const mimeType = sniffType(bytes)
      if (!mimeType) throw new Error('只能上传 JPG、PNG 图片或 PDF')
      if (bytes.byteLength > MAX_ATTACHMENT_BYTES) throw new Error('文件不能超过 600 KB，请压缩后再上传')
      const fileName = `票据${receipts.length + 1}.${mimeType === 'image/png' ? 'png' : mimeType === 'image/jpeg' ? 'jpg' : 'pdf'}`
      const r = await call('fund.attach', { unionId, fileName, mimeType, dataBase64: toBase64(bytes) })
      setReceipts((list) => [...list, { attachmentId: r.attachmentId, fileName }])
    } catch (thrown) {
      // A refusal from the server (CloudError) or our own check (a plain Error): both carry a message for people.
      void Taro.showToast({ title: thrown instanceof Error ? thrown.message : '上传未成功', icon: 'none' })
    } finally {
      setUploading(false)
    }
  }

  async function submit(input: EntryInput): Promise<void> {
    try {
      const r = await call('fund.addEntry', input)
      const title = r.flags.length ? '已提交，有提示待主席确认' : r.status === 'posted' ? '已记账' : '已提交主席审批'
      void Taro.showToast({ title, icon: r.flags.length ? 'none' : 'success' })
      await Taro.navigateBack()
    } catch (thrown) {
      throw toCloudError(thrown)
    }
  }

  return (
    <View className='page fund-entry'>
      <PrivacySheet />
      <Text className='page-title' {...heading()}>
        记一笔
      </Text>
      {unionId ? (
        <EntryForm unionId={unionId} today={todayInChina()} settings={settings} requestId={requestId} receipts={receipts} onAddReceipt={() => void addReceipt()} uploading={uploading} onSubmit={submit} />
      ) : (
        <Text className='error-text'>没有指定工会</Text>
      )}
    </View>
  )
}
