import { useCallback, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { TextArea } from '@nutui/nutui-react-taro'
import type { ActivityDetail, Attendance, AttemptRow, HistoryItem, Participant } from '@cloud/contract'
import { ACTIVITY_TYPE_LABELS, AUDIENCE_LABELS, CHECK_IN_METHOD_LABELS } from '@cloud/contract/activity/labels'
import { ActionButton } from '../../../../components/action-button'
import { useSession } from '../../../../hooks/useSession'
import { ariaRole, heading } from '../../../../lib/a11y'
import { formatDateTime, formatRange, quotaText, statusTag } from '../../../../lib/activity'
import { ACTIVITY_RECORD_PAGE, CHECKIN_STATION_PAGE, SCAN_MEMBERS_PAGE, STAFF_ACTIVITY_EDIT_PAGE, withQuery } from '../../../../lib/activity-routes'
import { call, toCloudError } from '../../../../services/cloud'
import { historyText, participantText, reasonText } from '../../lib/activity-text'
import './index.scss'

interface Loaded {
  activity: ActivityDetail
  attendance: Attendance
  people: Participant[]
  attempts: AttemptRow[]
  history: HistoryItem[]
}

/** 活动管理 (`?id=`): state and actions, counts, the participant list, refused check-ins and the history. */
export default function ActivityManagePage() {
  useSession()
  const { params } = useRouter()
  const id = params.id ?? ''
  const [data, setData] = useState<Loaded | null>(null)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const [cancelling, setCancelling] = useState(false)
  const [reason, setReason] = useState('')

  const load = useCallback(() => {
    setError('')
    Promise.all([call('activity.get', { id }), call('activity.attendance', { id }), call('activity.participants', { id }), call('activity.history', { id })])
      .then(([activity, attendance, p, h]) => setData({ activity, attendance, people: p.items, attempts: p.attempts, history: h.items }))
      .catch((thrown: unknown) => setError(toCloudError(thrown).message))
  }, [id])
  useDidShow(load)

  async function run(action: () => Promise<unknown>, done: string): Promise<void> {
    setBusy(true)
    setError('')
    try {
      await action()
      void Taro.showToast({ title: done, icon: 'success' })
      setCancelling(false)
      load()
    } catch (thrown) {
      setError(toCloudError(thrown).message)
    } finally {
      setBusy(false)
    }
  }

  const go = (page: string) => void Taro.navigateTo({ url: withQuery(page, { id }) })

  if (!data) {
    return (
      <View className='page'>
        <Text className={error ? 'error-text' : 'muted'} {...ariaRole(error ? 'alert' : 'status')}>
          {error || '正在加载…'}
        </Text>
      </View>
    )
  }
  const { activity: a, attendance: n } = data
  const tag = statusTag(a.status, a.phase, a.checkInOpen)
  const started = a.phase !== 'upcoming'
  return (
    <View className='page manage'>
      <Text className='page-title' {...heading()}>
        {a.title}
      </Text>
      <View className='manage__card'>
        <Text className={`manage__state manage__state--${tag.tone}`}>
          {ACTIVITY_TYPE_LABELS[a.type]} · {a.status === 'draft' ? '草稿（会员看不到）' : tag.text}
        </Text>
        <Text className='manage__line'>时间：{formatRange(a.startAt, a.endAt)}</Text>
        <Text className='manage__line'>地点：{a.place}</Text>
        <Text className='manage__line'>对象：{AUDIENCE_LABELS[a.audience]}{a.allowWalkIn ? ' · 允许现场签到' : ''}</Text>
        <Text className='manage__line'>报名截止：{formatDateTime(a.signUpDeadline)}</Text>
        <Text className='manage__line'>签到：{formatRange(a.checkInFrom, a.checkInUntil)}</Text>
        <Text className='manage__line'>{quotaText(a.signedUp, a.quota, a.waitlisted)}</Text>
        {a.cancelReason && <Text className='manage__line error-text'>取消原因：{a.cancelReason}</Text>}
      </View>

      <View className='manage__counts' {...ariaRole('status')} aria-label='人数'>
        <Count label='已报名' value={n.signedUp} />
        <Count label='已签到' value={n.checkedIn} />
        <Count label='候补' value={n.waitlisted} />
        <Count label='现场签到' value={n.walkIns} />
        <Count label='被拒签到' value={n.refused} />
        <Count label='重复扫码' value={n.flagged} />
      </View>

      {error && (
        <Text className='error-text manage__error' {...ariaRole('alert')}>
          {error}
        </Text>
      )}

      <View className='manage__actions'>
        {a.status === 'published' && (
          <>
            <ActionButton type='primary' block onClick={() => go(CHECKIN_STATION_PAGE)}>
              签到台（动态二维码）
            </ActionButton>
            <ActionButton block onClick={() => go(SCAN_MEMBERS_PAGE)}>
              扫会员码签到
            </ActionButton>
          </>
        )}
        {a.status === 'draft' && (
          <ActionButton type='primary' block loading={busy} onClick={() => void run(() => call('activity.publish', { id }), '已发布')}>
            发布活动
          </ActionButton>
        )}
        {(a.status === 'draft' || a.status === 'published') && (
          <ActionButton block onClick={() => void Taro.navigateTo({ url: withQuery(STAFF_ACTIVITY_EDIT_PAGE, { id }) })}>
            修改活动
          </ActionButton>
        )}
        {(a.status === 'published' || a.status === 'finished') && (
          <ActionButton block onClick={() => go(ACTIVITY_RECORD_PAGE)}>
            活动记录
          </ActionButton>
        )}
        {a.status === 'published' && started && (
          <ActionButton block loading={busy} onClick={() => void run(() => call('activity.finish', { id }), '活动已结束')}>
            结束活动
          </ActionButton>
        )}
        {(a.status === 'draft' || a.status === 'published') &&
          (cancelling ? (
            <View className='manage__cancel'>
              <TextArea placeholder='取消原因（报名的会员会看到）' value={reason} maxLength={200} onChange={setReason} />
              <ActionButton type='danger' block loading={busy} disabled={!reason.trim()} onClick={() => void run(() => call('activity.cancel', { id, reason: reason.trim() }), '活动已取消')}>
                确认取消活动
              </ActionButton>
              <ActionButton fill='none' block onClick={() => setCancelling(false)}>
                不取消
              </ActionButton>
            </View>
          ) : (
            <ActionButton fill='outline' type='danger' block onClick={() => setCancelling(true)}>
              取消活动
            </ActionButton>
          ))}
      </View>

      <Text className='manage__section'>报名与签到名单（{data.people.length}）</Text>
      <View {...ariaRole('list')} aria-label='报名与签到名单' className='manage__list'>
        {data.people.length === 0 && <Text className='muted manage__empty'>还没有人报名</Text>}
        {data.people.map((p) => (
          <View key={p.memberId} {...ariaRole('listitem')} className='manage__row'>
            <Text className='manage__name'>
              {p.name} <Text className='muted'>{p.memberNo}</Text>
            </Text>
            <Text className='manage__sub'>{p.unitName}</Text>
            <Text className={`manage__sub${p.checkedInAt ? ' manage__sub--ok' : ''}`}>
              {participantText(p)}
              {p.method ? ` · ${CHECK_IN_METHOD_LABELS[p.method]}` : ''}
            </Text>
          </View>
        ))}
      </View>

      {data.attempts.length > 0 && (
        <>
          <Text className='manage__section'>被拒与重复的签到</Text>
          <View {...ariaRole('list')} aria-label='被拒与重复的签到' className='manage__list'>
            {data.attempts.map((t, i) => (
              <View key={`${t.at}-${i}`} {...ariaRole('listitem')} className='manage__row'>
                <Text className='manage__name'>{t.name ?? '（未识别）'}</Text>
                <Text className={`manage__sub${t.flagged ? ' error-text' : ''}`}>
                  {formatDateTime(t.at)} · {t.outcome === 'duplicate' ? (t.flagged ? '重复扫码（已标记）' : '重复签到') : reasonText(t.reason)} · {CHECK_IN_METHOD_LABELS[t.method]}
                  {t.deviceId ? ` · 设备 ${t.deviceId.slice(0, 8)}` : ''}
                </Text>
              </View>
            ))}
          </View>
        </>
      )}

      <Text className='manage__section'>操作记录</Text>
      <View {...ariaRole('list')} aria-label='操作记录' className='manage__list'>
        {data.history.map((h, i) => (
          <View key={`${h.at}-${i}`} {...ariaRole('listitem')} className='manage__row'>
            <Text className='manage__sub'>
              {formatDateTime(h.at)} · {h.actorName ?? '系统'}
            </Text>
            <Text className='manage__name'>{historyText(h)}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

function Count({ label, value }: { label: string; value: number }) {
  return (
    <View className='manage__count'>
      <Text className='manage__count-value'>{value}</Text>
      <Text className='manage__count-label'>{label}</Text>
    </View>
  )
}
