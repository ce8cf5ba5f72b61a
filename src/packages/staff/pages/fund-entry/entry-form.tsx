import { useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { FundSettings, InputOf } from '@cloud/contract'
import { addEntry } from '@cloud/contract/fund/entries'
import {
  categoryByName,
  DUES_CATEGORY,
  FUND_CATEGORIES,
  FUNDING_ROUTE_LABELS,
  FUNDING_ROUTES,
  GIFT_FORM_LABELS,
  GIFT_FORMS,
  GIFT_KIND_LABELS,
  GIFT_KINDS,
  GIFT_RECIPIENT_LABELS,
  GIFT_RECIPIENTS,
  MEMBER_ACTIVITY_CATEGORY,
  type Direction,
  type FundingRoute,
  type GiftForm,
  type GiftKind,
  type GiftRecipients,
} from '@cloud/contract/fund/labels'
import { parseYuan } from '@cloud/domain/money'
import { ActionButton } from '../../../../components/action-button'
import { ariaRole } from '../../../../lib/a11y'
import { ChoiceGroup } from '../../components/choice-group'
import { TextField } from '../../components/text-field'

export type EntryInput = InputOf<'fund.addEntry'>

export interface UploadedReceipt {
  attachmentId: string
  fileName: string
}

export interface EntryFormProps {
  unionId: string
  today: string
  settings: FundSettings | null
  /** A fresh id per entry: a retry of the same entry is recognised by the server. */
  requestId: string
  receipts: UploadedReceipt[]
  onAddReceipt?: () => void
  uploading?: boolean
  onSubmit: (input: EntryInput) => Promise<void>
}

type Errors = Record<string, string>

/**
 * 记一笔: the ledger entry form. Validates with the same zod schema the server uses, so a field
 * the server would refuse is marked before sending.
 */
export function EntryForm({ unionId, today, settings, requestId, receipts, onAddReceipt, uploading = false, onSubmit }: EntryFormProps) {
  const [date, setDate] = useState(today)
  const [direction, setDirection] = useState<Direction>('income')
  const [category, setCategory] = useState('')
  const [subCategory, setSubCategory] = useState('')
  const [amount, setAmount] = useState('')
  const [counterparty, setCounterparty] = useState('')
  const [purpose, setPurpose] = useState('')
  const [route, setRoute] = useState<FundingRoute | ''>('')
  const [isGift, setIsGift] = useState<'no' | 'yes'>('no')
  const [giftKind, setGiftKind] = useState<GiftKind>('holiday')
  const [giftForm, setGiftForm] = useState<GiftForm>('goods')
  const [giftRecipients, setGiftRecipients] = useState<GiftRecipients>('members')
  const [giftCount, setGiftCount] = useState('')
  const [duesCount, setDuesCount] = useState('')
  const [errors, setErrors] = useState<Errors>({})
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState('')

  const categories = FUND_CATEGORIES.filter((c) => c.direction === direction)
  const subCategories = useMemo(() => {
    if (!category) return []
    return [...(categoryByName(category)?.subCategories ?? []), ...(settings?.subCategories[category] ?? [])]
  }, [category, settings])
  const defaultRoute = categoryByName(category)?.defaultRoute ?? 'other'
  const giftPossible = direction === 'expense' && category === MEMBER_ACTIVITY_CATEGORY

  function build(): EntryInput {
    const fen = parseYuan(amount)
    const input: EntryInput = {
      unionId,
      date: date.trim(),
      direction,
      category,
      amountFen: fen ?? Number.NaN,
      purpose: purpose.trim(),
      requestId,
    }
    if (counterparty.trim()) input.counterparty = counterparty.trim()
    if (subCategory) input.subCategory = subCategory
    if (direction === 'income') input.fundingRoute = route || defaultRoute
    if (giftPossible && isGift === 'yes') input.gift = { kind: giftKind, form: giftForm, recipients: giftRecipients, recipientCount: Number(giftCount) }
    if (category === DUES_CATEGORY && duesCount.trim()) input.dues = { memberCount: Number(duesCount) }
    if (receipts.length) input.attachmentIds = receipts.map((r) => r.attachmentId)
    return input
  }

  async function submit(): Promise<void> {
    setProblem('')
    const input = build()
    const found: Errors = {}
    if (!category) found.category = '请选择科目'
    if (parseYuan(amount) === null) found.amountFen = '请填写金额，如 1200 或 1200.50'
    if (input.date > today) found.date = '日期不能晚于今天'
    const parsed = addEntry.input.safeParse(input)
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path.map(String).join('.')
        if (!found[path]) found[path] = issue.message
      }
    }
    setErrors(found)
    if (Object.keys(found).length) {
      setProblem('请检查标红的项目')
      return
    }
    setBusy(true)
    try {
      await onSubmit(input)
    } catch (thrown) {
      const err = thrown as { message?: string; fields?: { path: string; message: string }[] }
      if (err.fields) setErrors(Object.fromEntries(err.fields.map((f) => [f.path, f.message])))
      setProblem(err.message ?? '提交未成功，请稍后再试')
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='entry-form'>
      <TextField label='日期' value={date} onChange={setDate} placeholder='2026-07-15' maxLength={10} error={errors.date} />
      <ChoiceGroup
        label='收支'
        compact
        options={[
          { value: 'income', label: '收入' },
          { value: 'expense', label: '支出' },
        ]}
        value={direction}
        onChange={(d) => {
          setDirection(d)
          setCategory('')
          setSubCategory('')
          setIsGift('no')
        }}
      />
      <ChoiceGroup
        label='科目'
        options={categories.map((c) => ({ value: c.name, label: c.name, hint: c.hint }))}
        value={category}
        onChange={(c) => {
          setCategory(c)
          setSubCategory('')
          setRoute('')
          setIsGift('no')
        }}
      />
      {errors.category && <Text className='error-text entry-form__error'>{errors.category}</Text>}
      {subCategories.length > 0 && (
        <ChoiceGroup label='明细项目' compact options={[{ value: '', label: '不细分' }, ...subCategories.map((s) => ({ value: s, label: s }))] as { value: string; label: string }[]} value={subCategory} onChange={setSubCategory} />
      )}
      <TextField label='金额（元）' value={amount} onChange={setAmount} placeholder='如 1200.50' type='digit' maxLength={16} error={errors.amountFen} />
      <TextField label='对方单位' value={counterparty} onChange={setCounterparty} placeholder={direction === 'income' ? '付款方，如 某某餐饮有限公司' : '收款方，如 某某商店'} maxLength={100} error={errors.counterparty} />
      <TextField label='用途' value={purpose} onChange={setPurpose} placeholder='如 职工运动会奖品' maxLength={200} error={errors.purpose} />
      {direction === 'income' && category && (
        <ChoiceGroup label='经费来源' compact options={FUNDING_ROUTES.map((r) => ({ value: r, label: FUNDING_ROUTE_LABELS[r] }))} value={route || defaultRoute} onChange={setRoute} />
      )}
      {category === DUES_CATEGORY && <TextField label='缴费人数（批量登记时填写）' value={duesCount} onChange={setDuesCount} type='number' maxLength={6} error={errors['dues.memberCount'] ?? errors.dues} />}
      {giftPossible && (
        <>
          <ChoiceGroup
            label='是否为慰问品、福利'
            compact
            options={[
              { value: 'no', label: '否' },
              { value: 'yes', label: '是' },
            ]}
            value={isGift}
            onChange={setIsGift}
          />
          {isGift === 'yes' && (
            <View className='entry-form__gift'>
              <ChoiceGroup label='慰问类别' compact options={GIFT_KINDS.map((k) => ({ value: k, label: GIFT_KIND_LABELS[k] }))} value={giftKind} onChange={setGiftKind} />
              <ChoiceGroup label='发放形式' compact options={GIFT_FORMS.map((k) => ({ value: k, label: GIFT_FORM_LABELS[k] }))} value={giftForm} onChange={setGiftForm} />
              {errors['gift.form'] && <Text className='error-text entry-form__error'>{errors['gift.form']}</Text>}
              <ChoiceGroup label='发放对象' compact options={GIFT_RECIPIENTS.map((k) => ({ value: k, label: GIFT_RECIPIENT_LABELS[k] }))} value={giftRecipients} onChange={setGiftRecipients} />
              {errors['gift.recipients'] && <Text className='error-text entry-form__error'>{errors['gift.recipients']}</Text>}
              <TextField label='受惠人数' value={giftCount} onChange={setGiftCount} type='number' maxLength={6} error={errors['gift.recipientCount']} />
              <Text className='entry-form__note muted'>
                慰问品只能发给会员，不得发放现金、购物卡、代金券；每人每年节日慰问标准 {settings ? settings.holidayCapFen / 100 : 1500} 元、生日慰问 {settings ? settings.birthdayCapFen / 100 : 300} 元，超过的会提示主席和经审。
              </Text>
            </View>
          )}
        </>
      )}
      <View className='entry-form__receipts'>
        <Text className='text-field__label'>票据</Text>
        {receipts.map((r) => (
          <Text key={r.attachmentId} className='entry-form__receipt'>
            📎 {r.fileName}
          </Text>
        ))}
        {onAddReceipt && (
          <ActionButton size='small' loading={uploading} onClick={onAddReceipt}>
            添加票据照片
          </ActionButton>
        )}
      </View>
      {direction === 'expense' && <Text className='entry-form__note muted'>支出提交后需经工会主席审批才记账。</Text>}
      {problem && (
        <Text className='error-text entry-form__problem' {...ariaRole('alert')}>
          {problem}
        </Text>
      )}
      <View className='entry-form__actions'>
        <ActionButton type='primary' block loading={busy} onClick={() => void submit()}>
          提交
        </ActionButton>
      </View>
    </View>
  )
}
