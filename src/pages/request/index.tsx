import { useState } from 'react'
import { pageTextStyle } from '../../lib/text-size'
import { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { LoadStatus } from '../../components/load-status'
import { usePageData } from '../../hooks/usePageData'
import { useSession } from '../../hooks/useSession'
import { call, toCloudError } from '../../services/cloud'
import { RequestView } from './request-view'
import './index.scss'

/** 诉求详情 (`?id=`): the submitter follows up and rates; the union's staff answer and close (the same page). */
export default function RequestPage() {
  useSession()
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : ''
  const { data: request, error, reload } = usePageData(id ? () => call('request.get', { id }) : undefined)
  const [photoUrl, setPhotoUrl] = useState<string | null>(null)

  /** Runs a change, then reloads; a refusal is thrown on with its message for people. */
  async function act(change: () => Promise<unknown>): Promise<void> {
    try {
      await change()
    } catch (thrown) {
      throw toCloudError(thrown)
    }
    reload()
  }

  return (
    <View className='page' style={pageTextStyle()}>
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
          onEscalate={(note) => act(() => call('request.escalate', { id, note }))}
        />
      ) : (
        <LoadStatus problemClassName='request__problem' error={error} missing={id ? undefined : '没有指定要查看的诉求'} onRetry={reload} />
      )}
    </View>
  )
}
