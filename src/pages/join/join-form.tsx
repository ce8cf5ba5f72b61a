import { useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import type { InviteInfo } from '@cloud/contract'
import { checkApplyForm, type ApplyField } from '@cloud/contract/membership/apply-form'
import { EDUCATION_LEVELS, ETHNICITIES, HOUSEHOLD_TYPES, POLITICAL_STATUSES } from '@cloud/contract/membership/labels'
import type { EducationLevel, Ethnicity, HouseholdType, PoliticalStatus } from '@cloud/contract/membership/labels'
import { parseIdNumber } from '@cloud/contract/fields/id-number'
import { ActionButton } from '../../components/action-button'
import { ChoiceChips } from '../../components/choice-chips'
import { FormField } from '../../components/form-field'
import { SelectSheet } from '../../components/select-sheet'
import { ariaRole } from '../../lib/a11y'

const IS_WEAPP = process.env.TARO_ENV === 'weapp'
/** The choice "my employer is not listed" (industry-union codes only). */
export const OTHER_UNIT = '__other__'

/** What the form sends (the page adds the invitation token and the consent version). */
export interface JoinFormValues {
  name: string
  idNumber: string
  phone: string
  ethnicity: Ethnicity
  education: EducationLevel
  politicalStatus: PoliticalStatus
  job: string
  householdType: HouseholdType
  unitId?: string
  unitName?: string
}

export type JoinFormErrors = Partial<Record<ApplyField, string>>

export interface JoinFormProps {
  invite: InviteInfo
  /** The phone's date, `YYYY-MM-DD` (China time), for the birth-date check. */
  today: string
  busy: boolean
  /** Problems the server found, by field (its `fields`). */
  serverErrors: JoinFormErrors
  /** A problem not tied to one field (e.g. 该身份信息已登记). */
  formError: string
  onSubmit: (values: JoinFormValues) => void
}

const GENDER = { male: '男', female: '女' } as const

/** The order of fields on the page, for scrolling to the first problem. */
const FIELD_ORDER: ApplyField[] = ['unitId', 'unitName', 'name', 'idNumber', 'phone', 'ethnicity', 'education', 'politicalStatus', 'householdType', 'job']

/**
 * The real-name join form (入会申请表): checked field by field with the same schema the host uses
 * (`cloud/contract/membership/apply-form.ts`) before anything is sent. Gender and birth date are read
 * from the ID number, never asked.
 */
export function JoinForm({ invite, today, busy, serverErrors, formError, onSubmit }: JoinFormProps) {
  const singleUnit = !invite.unit && invite.units.length === 1 && !invite.allowOtherUnit ? invite.units[0].id : ''
  const [unitChoice, setUnitChoice] = useState<string>(invite.unit ? invite.unit.id : singleUnit)
  const [otherUnitName, setOtherUnitName] = useState('')
  const [name, setName] = useState('')
  const [idNumber, setIdNumber] = useState('')
  const [phone, setPhone] = useState('')
  const [ethnicity, setEthnicity] = useState<Ethnicity>('汉族')
  const [education, setEducation] = useState<EducationLevel | ''>('')
  const [politicalStatus, setPoliticalStatus] = useState<PoliticalStatus | ''>('')
  const [householdType, setHouseholdType] = useState<HouseholdType | ''>('')
  const [job, setJob] = useState('')
  const [clientErrors, setClientErrors] = useState<JoinFormErrors>({})
  // A field's server error stands until the field is edited.
  const [edited, setEdited] = useState<Partial<Record<ApplyField, boolean>>>({})

  const touch = (field: ApplyField) => {
    setEdited((e) => ({ ...e, [field]: true }))
    setClientErrors((e) => ({ ...e, [field]: undefined }))
  }
  /** A change handler that also clears the field's shown problem. */
  const edit =
    <T,>(set: (value: T) => void, field: ApplyField) =>
    (value: T) => {
      set(value)
      touch(field)
    }
  const errorOf = (field: ApplyField) => clientErrors[field] ?? (edited[field] ? undefined : serverErrors[field])

  const derived = useMemo(() => {
    const r = parseIdNumber(idNumber, today)
    return r.ok ? `性别：${GENDER[r.gender]}　出生日期：${r.birthDate}` : ''
  }, [idNumber, today])

  const unitOptions = useMemo(() => {
    const listed = invite.units.map((u) => ({
      value: u.id,
      label: u.name,
      hint: u.unionId === invite.union.id ? undefined : `已建工会：${u.unionName}`,
    }))
    return invite.allowOtherUnit ? [...listed, { value: OTHER_UNIT, label: '其他单位（不在列表中）', hint: `直接加入${invite.union.name}` }] : listed
  }, [invite])
  const chosenUnit = invite.units.find((u) => u.id === unitChoice)
  const routedElsewhere = chosenUnit && chosenUnit.unionId !== invite.union.id

  function values(): JoinFormValues & Record<string, unknown> {
    const unit =
      unitChoice === OTHER_UNIT ? { unitName: otherUnitName } : invite.unit ? {} : unitChoice ? { unitId: unitChoice } : {}
    return {
      name,
      idNumber,
      phone,
      ethnicity,
      education: education as EducationLevel,
      politicalStatus: politicalStatus as PoliticalStatus,
      job,
      householdType: householdType as HouseholdType,
      ...unit,
    }
  }

  function submit(): void {
    const v = values()
    const problems = checkApplyForm(v, today)
    if (!invite.unit && !unitChoice) problems.unitId = '请选择工作单位'
    setClientErrors(problems)
    setEdited({})
    const first = FIELD_ORDER.find((f) => problems[f])
    if (first) {
      void Taro.pageScrollTo({ selector: `#join-${first}`, duration: 200 }).catch(() => undefined)
      return
    }
    onSubmit(v)
  }

  const inputProps = (label: string, field: ApplyField) => ({
    className: 'form-field__input',
    nativeProps: { 'aria-label': label, 'aria-invalid': errorOf(field) ? 'true' : 'false' },
  })

  return (
    <View className='join-form'>
      <View className='join-form__section'>
        {invite.unit ? (
          <FormField label='工作单位'>
            <Text className='join-form__fixed'>{invite.unit.name}</Text>
          </FormField>
        ) : unitOptions.length <= 4 ? (
          <FormField label='工作单位' error={errorOf('unitId')} id='join-unitId'>
            <ChoiceChips
              label='工作单位'
              options={unitOptions.map((o) => o.value)}
              display={(v) => unitOptions.find((o) => o.value === v)?.label ?? v}
              value={unitChoice}
              onChange={(v) => {
                setUnitChoice(v)
                touch('unitId')
              }}
              invalid={Boolean(errorOf('unitId'))}
            />
          </FormField>
        ) : (
          <FormField label='工作单位' error={errorOf('unitId')} id='join-unitId'>
            <SelectSheet
              label='工作单位'
              options={unitOptions}
              value={unitChoice}
              placeholder='请选择你的工作单位'
              onChange={(v) => {
                setUnitChoice(v)
                touch('unitId')
              }}
              invalid={Boolean(errorOf('unitId'))}
            />
          </FormField>
        )}
        {unitChoice === OTHER_UNIT && (
          <FormField label='单位名称' error={errorOf('unitName')} id='join-unitName'>
            <Input
              {...inputProps('单位名称', 'unitName')}
              placeholder='请填写工作单位全称'
              value={otherUnitName}
              maxLength={60}
              onChange={(v) => {
                setOtherUnitName(v)
                touch('unitName')
              }}
            />
          </FormField>
        )}
        {routedElsewhere && (
          <Text className='join-form__route' {...ariaRole('status')}>
            该单位已建立工会，你的申请将交“{chosenUnit.unionName}”审核。
          </Text>
        )}
      </View>

      <View className='join-form__section'>
        <FormField label='姓名' error={errorOf('name')} id='join-name'>
          <Input {...inputProps('姓名', 'name')} placeholder='与身份证一致' value={name} maxLength={30} onChange={edit(setName, 'name')} />
        </FormField>
        <FormField label='身份证号' error={errorOf('idNumber')} hint={derived} id='join-idNumber'>
          <Input
            {...inputProps('身份证号', 'idNumber')}
            type={IS_WEAPP ? 'idcard' : 'text'}
            placeholder='18 位，末位可以是 X'
            value={idNumber}
            maxLength={18}
            onChange={edit(setIdNumber, 'idNumber')}
          />
        </FormField>
        <FormField label='手机号' error={errorOf('phone')} id='join-phone'>
          <Input
            {...inputProps('手机号', 'phone')}
            type={IS_WEAPP ? 'number' : 'tel'}
            placeholder='11 位手机号'
            value={phone}
            maxLength={16}
            onChange={edit(setPhone, 'phone')}
          />
        </FormField>
        <FormField label='民族' error={errorOf('ethnicity')} id='join-ethnicity'>
          <SelectSheet
            label='民族'
            options={ETHNICITIES.map((e) => ({ value: e, label: e }))}
            value={ethnicity}
            onChange={(v) => {
              setEthnicity(v as Ethnicity)
              touch('ethnicity')
            }}
          />
        </FormField>
      </View>

      <View className='join-form__section'>
        <FormField label='学历' error={errorOf('education')} id='join-education'>
          <ChoiceChips label='学历' options={EDUCATION_LEVELS} value={education} onChange={edit(setEducation, 'education')} invalid={Boolean(errorOf('education'))} />
        </FormField>
        <FormField label='政治面貌' error={errorOf('politicalStatus')} id='join-politicalStatus'>
          <ChoiceChips
            label='政治面貌'
            options={POLITICAL_STATUSES}
            value={politicalStatus}
            onChange={edit(setPoliticalStatus, 'politicalStatus')}
            invalid={Boolean(errorOf('politicalStatus'))}
          />
        </FormField>
        <FormField label='户籍类型' error={errorOf('householdType')} id='join-householdType'>
          <ChoiceChips
            label='户籍类型'
            options={HOUSEHOLD_TYPES}
            value={householdType}
            onChange={edit(setHouseholdType, 'householdType')}
            invalid={Boolean(errorOf('householdType'))}
          />
        </FormField>
        <FormField label='岗位' error={errorOf('job')} id='join-job'>
          <Input {...inputProps('岗位', 'job')} placeholder='如：厨师、服务员' value={job} maxLength={30} onChange={edit(setJob, 'job')} />
        </FormField>
      </View>

      {formError && (
        <Text className='join-form__error error-text' {...ariaRole('alert')}>
          {formError}
        </Text>
      )}
      <View className='join-form__actions'>
        <ActionButton type='primary' block loading={busy} onClick={submit}>
          提交入会申请
        </ActionButton>
      </View>
    </View>
  )
}
