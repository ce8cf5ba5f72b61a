import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { REQUEST_CATEGORIES, REQUEST_CATEGORY_LABELS, REQUEST_TEXT_MAX, REQUEST_TEXT_MIN, type RequestCategory } from '@cloud/contract/request/labels'
import type { InputOf } from '@cloud/contract'
import { ActionButton } from '../../components/action-button'
import { ChoiceChips } from '../../components/choice-chips'
import { FormField } from '../../components/form-field'
import { LabelledTextarea } from '../../components/labelled-textarea'
import { ariaRole, heading } from '../../lib/a11y'
import type { CloudError } from '../../services/cloud-error'

/** A picked photo: base64 for the server, a local path to show it. */
export interface PickedPhoto {
  base64: string
  preview: string
}

export interface RequestFormProps {
  onSubmit: (input: InputOf<'request.submit'>) => Promise<void>
  /** Opens the picture picker; null when the member closed it. Throws with a message for people. */
  onPickPhoto: () => Promise<PickedPhoto | null>
  /** The client's id for this submission (a retry after a network failure is not stored twice). */
  requestId: string
}

type Signing = '署名' | '匿名'

/** The 我要反映 form: category chips, text, optional photo, named or anonymous. */
export function RequestForm({ onSubmit, onPickPhoto, requestId }: RequestFormProps) {
  const [category, setCategory] = useState<RequestCategory | ''>('')
  const [text, setText] = useState('')
  const [signing, setSigning] = useState<Signing>('署名')
  const [photo, setPhoto] = useState<PickedPhoto | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState('')

  function check(): Record<string, string> {
    const e: Record<string, string> = {}
    if (!category) e.category = '请选择类别'
    const length = text.trim().length
    if (length < REQUEST_TEXT_MIN) e.text = `请至少写 ${REQUEST_TEXT_MIN} 个字`
    else if (length > REQUEST_TEXT_MAX) e.text = `最多 ${REQUEST_TEXT_MAX} 字`
    return e
  }

  async function pick(): Promise<void> {
    setProblem('')
    try {
      const p = await onPickPhoto()
      if (p) setPhoto(p)
    } catch (thrown) {
      setProblem(thrown instanceof Error ? thrown.message : '照片未能添加')
    }
  }

  async function submit(): Promise<void> {
    const e = check()
    setErrors(e)
    setProblem('')
    if (Object.keys(e).length || !category) return
    setBusy(true)
    try {
      await onSubmit({ category, text: text.trim(), anonymous: signing === '匿名', requestId, ...(photo ? { photoBase64: photo.base64 } : {}) })
    } catch (thrown) {
      const err = thrown as CloudError
      const fields = Object.fromEntries((err.fields ?? []).map((f) => [f.path, f.message]))
      setErrors(fields)
      setProblem(err.message ?? '提交未成功')
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='request-form'>
      <Text className='page-title' {...heading()}>
        我要反映
      </Text>
      <FormField label='类别' error={errors.category}>
        <ChoiceChips label='类别' options={REQUEST_CATEGORIES} value={category} onChange={setCategory} display={(c) => REQUEST_CATEGORY_LABELS[c]} invalid={Boolean(errors.category)} />
      </FormField>
      <FormField label='内容' error={errors.text} hint={`${text.trim().length}/${REQUEST_TEXT_MAX} 字，请写清时间、地点和经过`}>
        <LabelledTextarea className='request-form__text' value={text} onChange={setText} maxLength={REQUEST_TEXT_MAX} placeholder='遇到了什么问题，或有什么建议' label='内容' />
      </FormField>
      <FormField label='照片（可不传）' error={errors.photoBase64}>
        {photo ? (
          <View className='request-form__photo'>
            <Image className='request-form__preview' src={photo.preview} mode='aspectFit' aria-label='已选照片' />
            <ActionButton size='small' onClick={() => setPhoto(null)}>
              删除照片
            </ActionButton>
          </View>
        ) : (
          <ActionButton size='small' onClick={() => void pick()}>
            添加照片
          </ActionButton>
        )}
      </FormField>
      <FormField
        label='署名方式'
        hint={signing === '匿名' ? '匿名：工会干部看不到你的姓名、会员编号和单位，答复仍会送到你这里。内容本身若能看出是谁，请自行斟酌。' : '署名：工会干部可以看到你的姓名和单位，便于联系你。'}
      >
        <ChoiceChips<Signing> label='署名方式' options={['署名', '匿名']} value={signing} onChange={setSigning} />
      </FormField>
      {problem && (
        <Text className='error-text' {...ariaRole('alert')}>
          {problem}
        </Text>
      )}
      <ActionButton type='primary' block loading={busy} onClick={() => void submit()}>
        提交
      </ActionButton>
    </View>
  )
}
