import { askToSubscribe } from '../../lib/subscribe'
import { useState } from 'react'
import { pageTextStyle } from '../../lib/text-size'
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { InputOf } from '@cloud/contract'
import { MAX_REQUEST_PHOTO_BYTES } from '@cloud/contract/request/labels'
import { useSession } from '../../hooks/useSession'
import { bytesToBase64 } from '../../lib/base64'
import { readChosenFile } from '../../lib/read-file'
import { REQUEST_PAGE } from '../../lib/routes'
import { call, toCloudError } from '../../services/cloud'
import { RequestForm, type PickedPhoto } from './request-form'
import './index.scss'
import { PrivacySheet } from '../../components/privacy-sheet'

function newRequestId(): string {
  return `rq-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
}

/** 我要反映 (member): submit a request or opinion, then open it. */
export default function RequestNewPage() {
  useSession()
  const [requestId] = useState(newRequestId)

  async function pickPhoto(): Promise<PickedPhoto | null> {
    let path: string | undefined
    try {
      path = (await Taro.chooseImage({ count: 1, sizeType: ['compressed'] })).tempFilePaths[0]
    } catch {
      // The member closed the picker.
      return null
    }
    if (!path) return null
    const bytes = new Uint8Array(await readChosenFile(path))
    if (bytes.byteLength > MAX_REQUEST_PHOTO_BYTES) throw new Error('照片不能超过 3 MB，请换一张或截图后再传')
    return { base64: bytesToBase64(bytes), preview: path }
  }

  async function submit(input: InputOf<'request.submit'>): Promise<void> {
    askToSubscribe('request')
    let id: string
    try {
      id = (await call('request.submit', input)).id
    } catch (thrown) {
      throw toCloudError(thrown)
    }
    void Taro.showToast({ title: '已提交', icon: 'success' })
    await Taro.redirectTo({ url: `${REQUEST_PAGE}?id=${encodeURIComponent(id)}` })
  }

  return (
    <View className='page' style={pageTextStyle()}>
      <PrivacySheet />
      <RequestForm requestId={requestId} onSubmit={submit} onPickPhoto={pickPhoto} />
    </View>
  )
}
