import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import { ActionButton } from '../../../../components/action-button'
import { ariaRole } from '../../../../lib/a11y'

export interface ChairReportInput {
  year: number
  reportedOn: string
  note?: string
}

/**
 * 记录主席述职: the year reported on (default last year), the congress date and a note. The
 * server checks the date again (not before the year, not after today).
 */
export function ChairReportForm({ today, reports, onSave }: { today: string; reports: { year: number; reportedOn: string; note: string | null }[]; onSave: (input: ChairReportInput) => Promise<void> }) {
  const [year, setYear] = useState(String(Number(today.slice(0, 4)) - 1))
  const [date, setDate] = useState('')
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState('')

  const save = async () => {
    setProblem('')
    const y = Number(year)
    if (!/^\d{4}$/.test(year)) return setProblem('请填写述职年度，如 2025')
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return setProblem('请填写大会日期，格式 YYYY-MM-DD')
    if (date > today) return setProblem('述职日期不能晚于今天')
    if (Number(date.slice(0, 4)) < y) return setProblem('述职日期不能早于所述年度')
    setBusy(true)
    try {
      await onSave({ year: y, reportedOn: date, ...(note.trim() ? { note: note.trim() } : {}) })
      setDate('')
      setNote('')
    } catch (thrown) {
      setProblem(thrown instanceof Error ? thrown.message : '保存未成功')
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='compliance__report' aria-label='主席述职'>
      <Text className='compliance__item-label'>主席向会员（代表）大会年度述职</Text>
      {reports.length > 0 ? (
        reports.map((r) => (
          <Text key={r.year} className='compliance__detail'>
            {r.year} 年度：{r.reportedOn} 述职{r.note ? `（${r.note}）` : ''}
          </Text>
        ))
      ) : (
        <Text className='compliance__detail'>尚无述职记录</Text>
      )}
      <Input nativeProps={{ 'aria-label': '述职年度' }} placeholder='述职年度，如 2025' value={year} maxLength={4} onChange={setYear} />
      <Input nativeProps={{ 'aria-label': '大会日期' }} placeholder='大会日期 YYYY-MM-DD' value={date} maxLength={10} onChange={setDate} />
      <Input nativeProps={{ 'aria-label': '述职说明' }} placeholder='会议名称、到会人数（选填）' value={note} maxLength={200} onChange={setNote} />
      <ActionButton size='small' disabled={busy} onClick={() => void save()}>
        记录主席述职
      </ActionButton>
      {problem && (
        <Text className='error-text' {...ariaRole('alert')}>
          {problem}
        </Text>
      )}
    </View>
  )
}
