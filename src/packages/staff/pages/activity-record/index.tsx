import { useCallback, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { TextArea } from '@nutui/nutui-react-taro'
import type { ActivityRecord } from '@cloud/contract'
import { ACTIVITY_LIMITS } from '@cloud/contract/activity/labels'
import { recordSheets } from '@cloud/domain/activity-record'
import { ActionButton } from '../../../../components/action-button'
import { useSession } from '../../../../hooks/useSession'
import { ariaRole, heading } from '../../../../lib/a11y'
import { CAN_PRINT, printPage, saveBase64File } from '../../../../lib/document'
import { call, toCloudError } from '../../../../services/cloud'
import './index.scss'

/**
 * 活动记录 (`?id=`): generated from the data (time, place, organiser, counts, participant
 * list) plus what staff fill in (content, outcome, awards). Printable as it stands (the
 * buttons and edit boxes are hidden in print), and exportable as `.xlsx`.
 */
export default function ActivityRecordPage() {
  useSession()
  const { params } = useRouter()
  const id = params.id ?? ''
  const [record, setRecord] = useState<ActivityRecord | null>(null)
  const [draft, setDraft] = useState({ content: '', outcome: '', awards: '' })
  const [editing, setEditing] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  const load = useCallback(() => {
    setError('')
    call('activity.record', { id })
      .then((r) => {
        setRecord(r)
        setDraft({ content: r.content, outcome: r.outcome, awards: r.awards })
        setEditing(!r.content && !r.outcome && !r.awards)
      })
      .catch((thrown: unknown) => setError(toCloudError(thrown).message))
  }, [id])
  useDidShow(load)

  async function save(): Promise<void> {
    setBusy(true)
    setError('')
    try {
      await call('activity.saveRecord', { id, ...draft })
      void Taro.showToast({ title: '已保存', icon: 'success' })
      load()
    } catch (thrown) {
      setError(toCloudError(thrown).message)
    } finally {
      setBusy(false)
    }
  }

  async function exportXlsx(): Promise<void> {
    setBusy(true)
    setError('')
    try {
      const file = await call('activity.exportRecord', { id })
      await saveBase64File(file.filename, file.mimeType, file.base64)
    } catch (thrown) {
      setError(thrown instanceof Error && !('reason' in thrown) ? thrown.message : toCloudError(thrown).message)
    } finally {
      setBusy(false)
    }
  }

  if (!record) {
    return (
      <View className='page'>
        <Text className={error ? 'error-text' : 'muted'} {...ariaRole(error ? 'alert' : 'status')}>
          {error || '正在加载…'}
        </Text>
      </View>
    )
  }
  const sheets = recordSheets(record)
  const filled = new Set(['活动内容', '活动成效', '表彰奖励'])
  return (
    <View className='page record'>
      <Text className='record__title' {...heading()}>
        {sheets.title}
      </Text>
      <View className='record__table' {...ariaRole('table')} aria-label='活动记录'>
        {sheets.summary
          .filter(([k]) => !(editing && filled.has(k)))
          .map(([k, v]) => (
            <View key={k} className='record__row' {...ariaRole('row')}>
              <Text className='record__key' {...ariaRole('cell')}>
                {k}
              </Text>
              <Text className='record__value' {...ariaRole('cell')}>
                {v || '—'}
              </Text>
            </View>
          ))}
      </View>

      {editing ? (
        <View className='record__edit no-print'>
          <Text className='record__label'>活动内容</Text>
          <TextArea placeholder='开展了哪些项目、流程' value={draft.content} maxLength={ACTIVITY_LIMITS.recordText} onChange={(v) => setDraft({ ...draft, content: v })} />
          <Text className='record__label'>活动成效</Text>
          <TextArea placeholder='取得了什么效果、职工反响' value={draft.outcome} maxLength={ACTIVITY_LIMITS.recordText} onChange={(v) => setDraft({ ...draft, outcome: v })} />
          <Text className='record__label'>表彰奖励</Text>
          <TextArea placeholder='获奖名单、奖品（没有可不填）' value={draft.awards} maxLength={ACTIVITY_LIMITS.recordText} onChange={(v) => setDraft({ ...draft, awards: v })} />
          <ActionButton type='primary' block loading={busy} onClick={() => void save()}>
            保存活动记录
          </ActionButton>
        </View>
      ) : (
        <View className='no-print record__buttons'>
          <ActionButton block onClick={() => setEditing(true)}>
            修改活动内容、成效与表彰
          </ActionButton>
        </View>
      )}

      <Text className='record__section'>参加人员（{record.participants.length} 人）</Text>
      <View className='record__people' {...ariaRole('table')} aria-label='参加人员'>
        <View className='record__person record__person--head' {...ariaRole('row')}>
          <Text className='record__n' {...ariaRole('columnheader')}>序号</Text>
          <Text className='record__who' {...ariaRole('columnheader')}>姓名 / 单位</Text>
          <Text className='record__when' {...ariaRole('columnheader')}>签到</Text>
        </View>
        {sheets.people.rows.map((r) => (
          <View key={String(r[0])} className='record__person' {...ariaRole('row')}>
            <Text className='record__n' {...ariaRole('cell')}>{r[0]}</Text>
            <Text className='record__who' {...ariaRole('cell')}>
              {r[1]}（{r[2]}）{r[3] ? ` ${r[3]}` : ''}
            </Text>
            <Text className='record__when' {...ariaRole('cell')}>
              {r[6]}
              {r[8] ? ` ${r[8]}` : ''}
            </Text>
          </View>
        ))}
      </View>

      {error && (
        <Text className='error-text record__error no-print' {...ariaRole('alert')}>
          {error}
        </Text>
      )}
      <View className='record__buttons no-print'>
        <ActionButton type='primary' block loading={busy} onClick={() => void exportXlsx()}>
          导出 Excel
        </ActionButton>
        {CAN_PRINT && (
          <ActionButton block onClick={printPage}>
            打印
          </ActionButton>
        )}
      </View>
    </View>
  )
}
