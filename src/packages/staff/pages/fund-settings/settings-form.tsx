import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { FundSettings } from '@cloud/contract'
import { FUND_CATEGORIES, type NoticePeriod } from '@cloud/contract/fund/labels'
import { formatFen, parseYuan } from '@cloud/domain/money'
import { ActionButton } from '../../../../components/action-button'
import { ariaRole } from '../../../../lib/a11y'
import { ChoiceGroup } from '../../components/choice-group'
import { TextField } from '../../components/text-field'

export type SettingsChange = Omit<FundSettings, 'unionId'>

export interface SettingsFormProps {
  settings: FundSettings
  /** Industry union: also the due days of base unions' notices. */
  isIndustry: boolean
  canEdit: boolean
  onSave: (change: SettingsChange) => Promise<void>
}

const yuan = (fen: number) => formatFen(fen).replace(/,/g, '')

/** 经费设置: gift caps (per province), the item threshold, the notice period, own sub-categories. */
export function SettingsForm({ settings, isIndustry, canEdit, onSave }: SettingsFormProps) {
  const [holiday, setHoliday] = useState(yuan(settings.holidayCapFen))
  const [birthday, setBirthday] = useState(yuan(settings.birthdayCapFen))
  const [threshold, setThreshold] = useState(yuan(settings.itemThresholdFen))
  const [period, setPeriod] = useState<NoticePeriod>(settings.noticePeriod)
  const [dueDays, setDueDays] = useState(String(settings.dueDays))
  const [subs, setSubs] = useState<Record<string, string>>(() => Object.fromEntries(FUND_CATEGORIES.filter((c) => c.direction === 'expense').map((c) => [c.name, (settings.subCategories[c.name] ?? []).join('、')])))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState('')

  async function save(): Promise<void> {
    const found: Record<string, string> = {}
    const holidayFen = parseYuan(holiday)
    const birthdayFen = parseYuan(birthday)
    const thresholdFen = parseYuan(threshold)
    const days = Number(dueDays)
    if (holidayFen === null) found.holiday = '请填写金额'
    if (birthdayFen === null) found.birthday = '请填写金额'
    if (thresholdFen === null) found.threshold = '请填写金额'
    if (!Number.isInteger(days) || days < 1 || days > 90) found.dueDays = '1 至 90 天'
    setErrors(found)
    if (Object.keys(found).length) return
    const subCategories: Record<string, string[]> = {}
    for (const [category, text] of Object.entries(subs)) {
      const names = [...new Set(text.split(/[、,，\s]+/).map((s) => s.trim()).filter(Boolean))]
      if (names.length) subCategories[category] = names
    }
    setBusy(true)
    setProblem('')
    try {
      await onSave({ holidayCapFen: holidayFen!, birthdayCapFen: birthdayFen!, itemThresholdFen: thresholdFen!, noticePeriod: period, dueDays: days, subCategories })
    } catch (thrown) {
      setProblem(thrown instanceof Error ? thrown.message : '保存未成功')
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='settings-form'>
      <Text className='settings-form__note muted'>慰问标准各省不同，请按本省工会经费收支管理实施细则填写。超过标准的慰问支出会提示主席和经审。</Text>
      <TextField label='节日慰问标准（每人每年，元）' value={holiday} onChange={setHoliday} type='digit' error={errors.holiday} />
      <TextField label='生日慰问标准（每人每年，元）' value={birthday} onChange={setBirthday} type='digit' error={errors.birthday} />
      <TextField label='逐笔公示金额（元及以上）' value={threshold} onChange={setThreshold} type='digit' error={errors.threshold} />
      <ChoiceGroup
        label='公示周期'
        compact
        options={[
          { value: 'quarter', label: '每季度' },
          { value: 'month', label: '每月' },
        ]}
        value={period}
        onChange={setPeriod}
      />
      {isIndustry && <TextField label='基层工会公示期限（季度结束后天数）' value={dueDays} onChange={setDueDays} type='number' error={errors.dueDays} />}
      <Text className='settings-form__section'>自设明细项目（用顿号分隔）</Text>
      {Object.entries(subs).map(([category, text]) => (
        <TextField key={category} label={category} value={text} onChange={(v) => setSubs((s) => ({ ...s, [category]: v }))} placeholder='如 读书会、志愿服务' />
      ))}
      {problem && (
        <Text className='error-text settings-form__problem' {...ariaRole('alert')}>
          {problem}
        </Text>
      )}
      {canEdit ? (
        <View className='settings-form__actions'>
          <ActionButton type='primary' block loading={busy} onClick={() => void save()}>
            保存设置
          </ActionButton>
        </View>
      ) : (
        <Text className='muted settings-form__note'>只有工会干部和主席可以修改设置。</Text>
      )}
    </View>
  )
}
