import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Tag } from '@nutui/nutui-react-taro'
import type { NoticeDetail } from '@cloud/contract'
import { ActionButton } from '../../components/action-button'
import { LabelledTextarea } from '../../components/labelled-textarea'
import { NoticeFigures, type NoticeCheck } from '../../components/notice-figures'
import { ariaRole, heading } from '../../lib/a11y'
import { chinaDateTime } from '../../lib/format'

export interface NoticeViewProps {
  notice: NoticeDetail
  onOpenVersion: (noticeId: string) => void
  /** Sends a question; rejects with a message for people. */
  onAsk: (body: string) => Promise<void>
  /** Staff: answers a question; rejects with a message for people. */
  onAnswer?: (questionId: string, body: string) => Promise<void>
  /** 核验 against the ledger (`fund.verifyNotice`), shown by the 校验码. */
  check?: NoticeCheck
}

/** The union's answer box under a question (staff and chair). */
function AnswerBox({ onAnswer }: { onAnswer: (body: string) => Promise<void> }) {
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState('')
  return (
    <View className='notice__answer-box'>
      <LabelledTextarea className='notice__input' value={text} onChange={setText} maxLength={500} placeholder='答复这位会员' label='答复' />
      {problem && <Text className='error-text'>{problem}</Text>}
      <ActionButton
        size='small'
        type='primary'
        loading={busy}
        onClick={() => {
          if (!text.trim()) return setProblem('请填写答复')
          setBusy(true)
          setProblem('')
          onAnswer(text.trim())
            .then(() => setText(''))
            .catch((thrown: unknown) => setProblem(thrown instanceof Error ? thrown.message : '提交未成功'))
            .finally(() => setBusy(false))
        }}
      >
        答复
      </ActionButton>
    </View>
  )
}

const MAX_QUESTION = 300

/** One fund-use notice as a member reads it, with its versions and the question thread. */
export function NoticeView({ notice: n, onOpenVersion, onAsk, onAnswer, check }: NoticeViewProps) {
  const [question, setQuestion] = useState('')
  const [asking, setAsking] = useState(false)
  const [problem, setProblem] = useState('')

  async function ask(): Promise<void> {
    const body = question.trim()
    if (!body) {
      setProblem('请先写下你的问题')
      return
    }
    setAsking(true)
    setProblem('')
    try {
      await onAsk(body)
      setQuestion('')
    } catch (thrown) {
      setProblem(thrown instanceof Error ? thrown.message : '提交未成功，请稍后再试')
    } finally {
      setAsking(false)
    }
  }

  return (
    <View className='notice'>
      <Text className='page-title' {...heading()}>
        {n.title}
      </Text>
      <View className='notice__meta'>
        <Text className='muted'>{n.unionName}</Text>
        <View className='notice__tags'>
          <Tag type='primary'>第{n.version}版</Tag>
          {n.superseded && <Tag type='warning'>已更正</Tag>}
        </View>
        <Text className='muted'>{chinaDateTime(n.publishedAt)} 发布</Text>
        {n.openedCount !== undefined && <Text className='muted'>{n.openedCount} 名会员已读</Text>}
      </View>

      {n.superseded && (
        <View className='notice__banner' {...ariaRole('alert')}>
          <Text>本公示已更正，以最新版本为准。</Text>
          <ActionButton size='small' type='primary' onClick={() => onOpenVersion(n.latestNoticeId)}>
            查看最新版本
          </ActionButton>
        </View>
      )}

      <NoticeFigures figures={n} check={check} />

      {n.versions.length > 1 && (
        <View className='notice__versions'>
          <Text className='notice__section-title' {...heading(2)}>
            历次版本
          </Text>
          {n.versions.map((v) => (
            <View
              key={v.noticeId}
              className={`notice__version${v.noticeId === n.noticeId ? ' notice__version--current' : ''}`}
              {...ariaRole('link')}
              aria-label={`第${v.version}版`}
              onClick={() => v.noticeId !== n.noticeId && onOpenVersion(v.noticeId)}
            >
              <Text>第{v.version}版</Text>
              <Text className='muted'>{chinaDateTime(v.publishedAt)}</Text>
            </View>
          ))}
        </View>
      )}

      <View className='notice__qa' {...ariaRole('region')} aria-label='会员提问'>
        <Text className='notice__section-title' {...heading(2)}>
          会员提问
        </Text>
        {n.questions.length === 0 && <Text className='muted'>还没有人提问</Text>}
        {n.questions.map((q) => (
          <View className='notice__question' key={q.id}>
            <Text className='notice__q'>
              {q.mine ? '我' : (q.askedByName ?? '会员')}：{q.body}
            </Text>
            <Text className='notice__when muted'>{chinaDateTime(q.askedAt)}</Text>
            {q.answers.map((a) => (
              <View className='notice__answer' key={a.id}>
                <Text>
                  工会答复（{a.answererName}）：{a.body}
                </Text>
                <Text className='notice__when muted'>{chinaDateTime(a.answeredAt)}</Text>
              </View>
            ))}
            {q.answers.length === 0 && <Text className='notice__when muted'>等待工会答复</Text>}
            {n.canAnswer && onAnswer && <AnswerBox onAnswer={(body) => onAnswer(q.id, body)} />}
          </View>
        ))}
        {n.canAsk && (
          <View className='notice__ask'>
            <LabelledTextarea className='notice__input' value={question} onChange={setQuestion} maxLength={MAX_QUESTION} placeholder='对本期经费有疑问？写下来，工会会答复' label='我的问题' />
            {problem && (
              <Text className='error-text' {...ariaRole('alert')}>
                {problem}
              </Text>
            )}
            <ActionButton type='primary' block loading={asking} onClick={() => void ask()}>
              提问
            </ActionButton>
          </View>
        )}
      </View>
    </View>
  )
}
