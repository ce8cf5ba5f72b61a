import { useCallback, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { NoticeDetail } from '@cloud/contract'
import { ActionButton } from '../../components/action-button'
import { useSession } from '../../hooks/useSession'
import { ariaRole } from '../../lib/a11y'
import { NOTICE_PAGE } from '../../lib/routes'
import { call, toCloudError, type CloudError } from '../../services/cloud'
import { getSessionToken } from '../../services/session'
import { NoticeView } from './notice-view'
import './index.scss'

/** 经费公示详情 (`?id=<noticeId>`). */
export default function NoticePage() {
  useSession()
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : ''
  const [notice, setNotice] = useState<NoticeDetail | null>(null)
  const [error, setError] = useState<CloudError | null>(null)

  const load = useCallback(() => {
    if (!getSessionToken() || !id) return
    setError(null)
    call('fund.getNotice', { noticeId: id })
      .then(setNotice)
      .catch((thrown: unknown) => setError(toCloudError(thrown)))
  }, [id])
  useDidShow(load)

  async function ask(body: string): Promise<void> {
    try {
      await call('fund.ask', { noticeId: id, body })
    } catch (thrown) {
      throw toCloudError(thrown)
    }
    void Taro.showToast({ title: '已提交', icon: 'success' })
    load()
  }

  async function answer(questionId: string, body: string): Promise<void> {
    try {
      await call('fund.answer', { questionId, body })
    } catch (thrown) {
      throw toCloudError(thrown)
    }
    load()
  }

  return (
    <View className='page'>
      {notice ? (
        <NoticeView notice={notice} onAsk={ask} onAnswer={answer} onOpenVersion={(other) => void Taro.redirectTo({ url: `${NOTICE_PAGE}?id=${encodeURIComponent(other)}` })} />
      ) : error || !id ? (
        <View className='notice__problem'>
          <Text className='error-text' {...ariaRole('alert')}>
            {error?.message ?? '没有指定要查看的公示'}
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
