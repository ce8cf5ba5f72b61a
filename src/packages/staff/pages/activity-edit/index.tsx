import { useEffect, useState, type ReactNode } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Picker, Switch, Text, View } from '@tarojs/components'
import { Input, TextArea } from '@nutui/nutui-react-taro'
import { ACTIVITY_LIMITS, ACTIVITY_TYPES, ACTIVITY_TYPE_LABELS, AUDIENCES, AUDIENCE_LABELS } from '@cloud/contract/activity/labels'
import { ActionButton } from '../../../../components/action-button'
import { ChoiceGroup } from '../../../../components/choice-group'
import { useSession } from '../../../../hooks/useSession'
import { ariaRole, heading } from '../../../../lib/a11y'
import { STAFF_ACTIVITY_PAGE, withQuery } from '../../../../lib/activity-routes'
import { call, toCloudError } from '../../../../services/cloud'
import { emptyForm, formFromActivity, formToInput, updateInput, type ActivityForm, type FormProblems } from '../../lib/activity-form'
import './index.scss'

/** 新建活动 (`?unionId=`) or 修改活动 (`?id=`): the form checks the same rules as the host before sending. */
export default function ActivityEditPage() {
  useSession()
  const { params } = useRouter()
  const editingId = params.id
  const [unionId, setUnionId] = useState(params.unionId ?? '')
  const [form, setForm] = useState<ActivityForm | null>(editingId ? null : emptyForm(new Date()))
  const [published, setPublished] = useState(false)
  const [problems, setProblems] = useState<FormProblems>({})
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (!editingId) return
    call('activity.get', { id: editingId })
      .then((a) => {
        setForm(formFromActivity(a))
        setUnionId(a.unionId)
        setPublished(a.status !== 'draft')
      })
      .catch((thrown: unknown) => setError(toCloudError(thrown).message))
  }, [editingId])

  if (!form) {
    return (
      <View className='page'>
        <Text className={error ? 'error-text' : 'muted'} {...ariaRole(error ? 'alert' : 'status')}>
          {error || '正在加载…'}
        </Text>
      </View>
    )
  }

  const set = <K extends keyof ActivityForm>(key: K) => (value: ActivityForm[K]) => setForm({ ...form, [key]: value })

  async function save(): Promise<void> {
    if (!form) return
    const checked = formToInput(form, unionId)
    if (!checked.ok) {
      setProblems(checked.problems)
      setError('请按提示修改后再保存')
      return
    }
    setProblems({})
    setError('')
    setBusy(true)
    try {
      const id = editingId ? (await call('activity.update', updateInput(editingId, checked.input, form))).id : (await call('activity.create', checked.input)).id
      void Taro.redirectTo({ url: withQuery(STAFF_ACTIVITY_PAGE, { id }) })
    } catch (thrown) {
      setError(toCloudError(thrown).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='page activity-edit'>
      <Text className='page-title' {...heading()}>
        {editingId ? '修改活动' : '新建活动'}
      </Text>
      {published && <Text className='activity-edit__note'>活动已发布：修改会保留操作记录，面向对象不能再改。</Text>}

      <Field label='活动类型' problem={problems.type}>
        <ChoiceGroup label='活动类型' inline options={ACTIVITY_TYPES.map((t) => ({ value: t, label: ACTIVITY_TYPE_LABELS[t] }))} value={form.type} onChange={set('type')} />
      </Field>
      <Field label='活动名称' problem={problems.title}>
        <Input name='title' placeholder='如：春季职工趣味运动会' nativeProps={{ 'aria-label': '活动名称' }} value={form.title} maxLength={ACTIVITY_LIMITS.title} onChange={set('title')} />
      </Field>
      <Field label='活动地点' problem={problems.place}>
        <Input name='place' placeholder='如：县体育馆' nativeProps={{ 'aria-label': '活动地点' }} value={form.place} maxLength={ACTIVITY_LIMITS.place} onChange={set('place')} />
      </Field>
      <Field label='主办单位（可不填，默认本工会）' problem={problems.organizer}>
        <Input name='organizer' placeholder='默认为本工会名称' nativeProps={{ 'aria-label': '主办单位' }} value={form.organizer} maxLength={ACTIVITY_LIMITS.organizer} onChange={set('organizer')} />
      </Field>
      <Field label='开始时间' problem={problems.start}>
        <DateTime label='开始' date={form.startDate} time={form.startTime} onDate={set('startDate')} onTime={set('startTime')} />
      </Field>
      <Field label='结束时间' problem={problems.end}>
        <DateTime label='结束' date={form.endDate} time={form.endTime} onDate={set('endDate')} onTime={set('endTime')} />
      </Field>
      <Field label='报名截止' problem={problems.deadline}>
        <DateTime label='报名截止' date={form.deadlineDate} time={form.deadlineTime} onDate={set('deadlineDate')} onTime={set('deadlineTime')} />
      </Field>
      <Field label='名额（留空为不限）' problem={problems.quota}>
        <Input name='quota' type='digit' placeholder='不限' nativeProps={{ 'aria-label': '名额', inputMode: 'numeric' }} value={form.quota} maxLength={6} onChange={set('quota')} />
      </Field>
      <Field label='面向对象' problem={problems.audience}>
        {published ? (
          <Text className='activity-edit__fixed'>{AUDIENCE_LABELS[form.audience]}</Text>
        ) : (
          <ChoiceGroup label='面向对象' options={AUDIENCES.map((a) => ({ value: a, label: AUDIENCE_LABELS[a] }))} value={form.audience} onChange={set('audience')} />
        )}
      </Field>
      <Toggle label='允许未报名会员现场签到' checked={form.allowWalkIn} onChange={set('allowWalkIn')} />
      <Toggle label='自定签到时间（默认开始前 30 分钟至结束）' checked={form.customWindow} onChange={set('customWindow')} />
      {form.customWindow && (
        <>
          <Field label='签到开始' problem={problems.from}>
            <DateTime label='签到开始' date={form.fromDate} time={form.fromTime} onDate={set('fromDate')} onTime={set('fromTime')} />
          </Field>
          <Field label='签到结束' problem={problems.until}>
            <DateTime label='签到结束' date={form.untilDate} time={form.untilTime} onDate={set('untilDate')} onTime={set('untilTime')} />
          </Field>
        </>
      )}
      <Field label='活动内容与安排' problem={problems.description}>
        <TextArea placeholder='会员报名前会看到这段说明' value={form.description} maxLength={ACTIVITY_LIMITS.description} onChange={set('description')} />
      </Field>

      {error && (
        <Text className='error-text activity-edit__error' {...ariaRole('alert')}>
          {error}
        </Text>
      )}
      <ActionButton type='primary' block loading={busy} onClick={() => void save()}>
        {editingId ? '保存修改' : '保存为草稿'}
      </ActionButton>
    </View>
  )
}

function Field({ label, problem, children }: { label: string; problem?: string; children: ReactNode }) {
  return (
    <View className='activity-edit__field'>
      <Text className='activity-edit__label'>{label}</Text>
      {children}
      {problem && <Text className='error-text activity-edit__problem'>{problem}</Text>}
    </View>
  )
}

function DateTime(props: { label: string; date: string; time: string; onDate: (v: string) => void; onTime: (v: string) => void }) {
  return (
    <View className='activity-edit__datetime'>
      <Picker mode='date' value={props.date} onChange={(e) => props.onDate(String(e.detail.value))}>
        <View {...ariaRole('button')} aria-label={`${props.label}日期`} className='activity-edit__picker'>
          {props.date}
        </View>
      </Picker>
      <Picker mode='time' value={props.time} onChange={(e) => props.onTime(String(e.detail.value))}>
        <View {...ariaRole('button')} aria-label={`${props.label}时刻`} className='activity-edit__picker'>
          {props.time}
        </View>
      </Picker>
    </View>
  )
}

function Toggle({ label, checked, onChange }: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <View className='activity-edit__toggle'>
      <Text className='activity-edit__toggle-label'>{label}</Text>
      <Switch checked={checked} color='#c8102e' aria-label={label} onChange={(e) => onChange(Boolean(e.detail.value))} />
    </View>
  )
}
