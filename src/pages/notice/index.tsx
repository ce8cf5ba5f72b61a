import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import { pageTextStyle } from '../../lib/text-size'
import { View } from '@tarojs/components'
import { LoadStatus } from '../../components/load-status'
import type { NoticeCheck } from '../../components/notice-figures'
import { MembersOnlyHint } from '../../components/members-only'
import { usePageData } from '../../hooks/usePageData'
import { useSession } from '../../hooks/useSession'
import { NOTICE_PAGE } from '../../lib/routes'
import { call, toCloudError } from '../../services/cloud'
import { NoticeView } from './notice-view'
import './index.scss'

/** 经费公示详情 (`?id=<noticeId>`). */
export default function NoticePage() {
  useSession()
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : ''
  const { data: notice, error, reload } = usePageData(id ? () => call('fund.getNotice', { noticeId: id }) : undefined)
  // 核验: the notice recomputed from the ledger, shown as 已核验 / 与账目不符 beside the 校验码.
  const { data: verification, error: verifyError } = usePageData(id ? () => call('fund.verifyNotice', { noticeId: id }) : undefined)
  const check: NoticeCheck = verification ? (verification.matches ? 'matches' : 'mismatch') : verifyError ? 'failed' : 'checking'
  // 转发: the same notice opens for whoever receives it (asked to log in, and to join if not a member).
  useShareAppMessage(() => ({
    title: notice ? `${notice.unionName} ${notice.title}` : '工会经费公示',
    path: `${NOTICE_PAGE}?id=${encodeURIComponent(id)}`,
  }))

  async function ask(body: string): Promise<void> {
    try {
      await call('fund.ask', { noticeId: id, body })
    } catch (thrown) {
      throw toCloudError(thrown)
    }
    void Taro.showToast({ title: '已提交', icon: 'success' })
    reload()
  }

  async function answer(questionId: string, body: string): Promise<void> {
    try {
      await call('fund.answer', { questionId, body })
    } catch (thrown) {
      throw toCloudError(thrown)
    }
    reload()
  }

  return (
    <View className='page' style={pageTextStyle()}>
      {notice ? (
        <NoticeView notice={notice} check={check} onAsk={ask} onAnswer={answer} onOpenVersion={(other) => void Taro.redirectTo({ url: `${NOTICE_PAGE}?id=${encodeURIComponent(other)}` })} />
      ) : (
        <>
          <LoadStatus problemClassName='notice__problem' error={error} missing={id ? undefined : '没有指定要查看的公示'} onRetry={reload} />
          <MembersOnlyHint error={error} />
        </>
      )}
    </View>
  )
}
