import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { Tag } from '@nutui/nutui-react-taro'
import type { RequestDetail } from '@cloud/contract'
import { REQUEST_CATEGORY_LABELS, REQUEST_ESCALATION_NOTE_MIN, REQUEST_MESSAGE_MAX, REQUEST_STATUS_LABELS } from '@cloud/contract/request/labels'
import { ActionButton } from '../../components/action-button'
import { LabelledTextarea } from '../../components/labelled-textarea'
import { personLine } from '../../components/request-item'
import { ariaRole, heading } from '../../lib/a11y'
import { chinaDateTime } from '../../lib/format'

export interface RequestViewProps {
  request: RequestDetail
  /** The photo as a data URL once loaded. */
  photoUrl: string | null
  onLoadPhoto: () => Promise<void>
  onReply: (body: string) => Promise<void>
  onClose: (note: string) => Promise<void>
  onRate: (satisfied: boolean) => Promise<void>
  /** 转交行业工会 with the reason (shown only when `canEscalate`). */
  onEscalate: (note: string) => Promise<void>
}

const KIND_LABELS = { reply: '工会答复', follow_up: '追问', close_note: '办结说明', escalation: '转交行业工会' } as const

/** A message's text; the escalation reason names where the request went. */
function messageBody(m: RequestDetail['thread'][number], r: RequestDetail): string {
  return m.kind === 'escalation' ? `已转交 ${r.escalatedTo?.unionName ?? '行业工会'}：${m.body}` : m.body
}

/** A message field of this page (answer, follow-up, closing note, 转交理由), up to REQUEST_MESSAGE_MAX characters. */
function MessageInput(props: { value: string; onChange: (value: string) => void; placeholder: string; label: string }) {
  return <LabelledTextarea className='request__input' maxLength={REQUEST_MESSAGE_MAX} {...props} />
}

/** One request with its thread; what the caller may do depends on who they are (submitter or staff). */
export function RequestView({ request: r, photoUrl, onLoadPhoto, onReply, onClose, onRate, onEscalate }: RequestViewProps) {
  const [text, setText] = useState('')
  const [note, setNote] = useState('')
  /** The 转交 box: closed until the staffer asks for it, so the reason is not typed by mistake. */
  const [escalating, setEscalating] = useState(false)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState<'' | 'reply' | 'close' | 'rate' | 'photo' | 'escalate'>('')
  const [problem, setProblem] = useState('')
  const staff = r.viewer === 'handler'

  async function run(what: typeof busy, action: () => Promise<void>, after?: () => void): Promise<void> {
    setBusy(what)
    setProblem('')
    try {
      await action()
      after?.()
    } catch (thrown) {
      setProblem(thrown instanceof Error ? thrown.message : '操作未成功')
    } finally {
      setBusy('')
    }
  }

  return (
    <View className='request'>
      <Text className='page-title' {...heading()}>
        {REQUEST_CATEGORY_LABELS[r.category]}
      </Text>
      <View className='request__tags'>
        <Tag type={r.status === 'pending' ? 'warning' : r.status === 'closed' ? 'success' : 'primary'}>{REQUEST_STATUS_LABELS[r.status]}</Tag>
        {r.overdue && <Tag type='danger'>逾期未答复</Tag>}
        {r.anonymous && <Tag type='default'>匿名</Tag>}
        {r.escalatedTo && <Tag type='info'>已转交</Tag>}
      </View>
      <View className='request__card'>
        <Text className='request__text'>{r.text}</Text>
        <Text className='request__meta muted'>
          {chinaDateTime(r.submittedAt)} 提交 · {r.unionName}
          {r.status === 'pending' ? ` · 应于 ${chinaDateTime(r.replyDueAt)} 前答复` : ''}
        </Text>
        {staff && (
          <Text className='request__person' aria-label='提交人'>
            提交人：{personLine(r)}
          </Text>
        )}
        {r.hasPhoto &&
          (photoUrl ? (
            <Image className='request__photo' src={photoUrl} mode='widthFix' aria-label='诉求照片' />
          ) : (
            <ActionButton size='small' loading={busy === 'photo'} onClick={() => void run('photo', onLoadPhoto)}>
              查看照片
            </ActionButton>
          ))}
      </View>

      <Text className='request__section'>处理记录</Text>
      <View className='request__thread' {...ariaRole('list')} aria-label='处理记录'>
        {r.thread.length === 0 && <Text className='muted'>工会尚未答复</Text>}
        {r.thread.map((m) => (
          <View key={m.id} className={`request__message request__message--${m.author}`} {...ariaRole('listitem')}>
            <Text className='request__message-head muted'>
              {m.author === 'staff' ? `${KIND_LABELS[m.kind]} · ${m.authorName ?? '工会'}` : staff ? `会员${KIND_LABELS[m.kind]}` : `我的${KIND_LABELS[m.kind]}`} · {chinaDateTime(m.at)}
            </Text>
            <Text className='request__message-body'>{messageBody(m, r)}</Text>
          </View>
        ))}
      </View>

      {r.rating && <Text className='request__rating'>评价：{r.rating === 'satisfied' ? '满意' : '不满意'}{r.ratingComment ? `（${r.ratingComment}）` : ''}</Text>}

      {r.canReply && (
        <View className='request__box'>
          <MessageInput value={text} onChange={setText} placeholder={staff ? '答复这位会员' : '补充情况或追问'} label={staff ? '答复' : '追问'} />
          <ActionButton type='primary' size='small' disabled={!text.trim()} loading={busy === 'reply'} onClick={() => void run('reply', () => onReply(text.trim()), () => setText(''))}>
            {staff ? '发送答复' : '发送'}
          </ActionButton>
        </View>
      )}

      {r.canClose && (
        <View className='request__box'>
          <MessageInput value={note} onChange={setNote} placeholder={r.status === 'pending' ? '办结说明（尚未答复，必填）' : '办结说明（可不填）'} label='办结说明' />
          <ActionButton size='small' loading={busy === 'close'} onClick={() => void run('close', () => onClose(note.trim()), () => setNote(''))}>
            办结
          </ActionButton>
        </View>
      )}

      {r.canEscalate &&
        (escalating ? (
          <View className='request__box' aria-label='转交行业工会'>
            <Text className='muted request__hint'>转交后行业工会也可查看、答复和办结；转交理由会员和行业工会都能看到。</Text>
            <MessageInput value={reason} onChange={setReason} placeholder={`转交理由（${REQUEST_ESCALATION_NOTE_MIN}–${REQUEST_MESSAGE_MAX} 字）`} label='转交理由' />
            <View className='request__actions'>
              <ActionButton
                type='primary'
                size='small'
                disabled={reason.trim().length < REQUEST_ESCALATION_NOTE_MIN}
                loading={busy === 'escalate'}
                onClick={() => void run('escalate', () => onEscalate(reason.trim()), () => (setReason(''), setEscalating(false)))}
              >
                确认转交
              </ActionButton>
              <ActionButton size='small' onClick={() => setEscalating(false)}>
                取消
              </ActionButton>
            </View>
          </View>
        ) : (
          <ActionButton size='small' onClick={() => setEscalating(true)}>
            转交行业工会
          </ActionButton>
        ))}

      {r.canRate && (
        <View className='request__rate'>
          <Text>问题处理得怎么样？</Text>
          <ActionButton type='primary' size='small' loading={busy === 'rate'} onClick={() => void run('rate', () => onRate(true))}>
            满意
          </ActionButton>
          <ActionButton size='small' loading={busy === 'rate'} onClick={() => void run('rate', () => onRate(false))}>
            不满意
          </ActionButton>
        </View>
      )}

      {problem && (
        <Text className='error-text' {...ariaRole('alert')}>
          {problem}
        </Text>
      )}
    </View>
  )
}
