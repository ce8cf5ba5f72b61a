import { useCallback, useState } from 'react'
import { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { RequestDetail } from '@cloud/contract'
import { ActionButton } from '../../components/action-button'
import { useSession } from '../../hooks/useSession'
import { ariaRole } from '../../lib/a11y'
import { call, toCloudError, type CloudError } from '../../services/cloud'
import { getSessionToken } from '../../services/session'
import { RequestView } from './request-view'
import './index.scss'

/** 诉求详情 (`?id=`): the submitter follows up and rates; the union's staff answer and close (the same page). */
export default function RequestPage() {
  useSession()
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : ''
  const [request, setRequest] = useState<RequestDetail | null>(null)
  const [photoUrl, setPhotoUrl] = useState<string | null>(null)
  const [error, setError] = useState<CloudError | null>(null)

  const load = useCallback(() => {
    if (!getSessionToken() || !id) return
    setError(null)
    call('request.get', { id })
      .then(setRequest)
      .catch((thrown: unknown) => setError(toCloudError(thrown)))
  }, [id])
  useDidShow(load)

  /** Runs a change, then reloads; a refusal is thrown on with its message for people. */
  async function act(change: () => Promise<unknown>): Promise<void> {
    try {
      await change()
    } catch (thrown) {
      throw toCloudError(thrown)
    }
    load()
  }

  return (
    <View className='page'>
      {request ? (
        <RequestView
          request={request}
          photoUrl={photoUrl}
          onLoadPhoto={() =>
            act(async () => {
              const p = await call('request.photo', { id })
              setPhotoUrl(`data:${p.mimeType};base64,${p.base64}`)
            })
          }
          onReply={(body) => act(() => call('request.reply', { id, body }))}
          onClose={(note) => act(() => call('request.close', { id, ...(note ? { note } : {}) }))}
          onRate={(satisfied) => act(() => call('request.rate', { id, satisfied }))}
        />
      ) : error || !id ? (
        <View className='request__problem'>
          <Text className='error-text' {...ariaRole('alert')}>
            {error?.message ?? '没有指定要查看的诉求'}
          </Text>
          {error && (
            <ActionButton size='small' onClick={load}>
              重试
            </ActionButton>
          )}
        </View>
      ) : (
        <Text className='muted' {...ariaRole('status')}>
          正在加载…
        </Text>
      )}
    </View>
  )
}
