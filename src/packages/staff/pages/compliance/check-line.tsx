import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import type { ComplianceResult } from '@cloud/contract'
import { EVIDENCE_PHOTO_MAX_BYTES } from '@cloud/contract/org/labels'
import { ActionButton } from '../../../../components/action-button'
import { ariaRole } from '../../../../lib/a11y'
import { pickUpload, type PickedFile } from '../../lib/files'

export type Item = ComplianceResult['items'][number]

const STATUS_TEXT: Record<Item['status'], string> = { pass: '达标', fail: '未达标', unscored: '数据待接入' }

export interface CheckLineProps {
  item: Item
  /** Confirms (with a photo, required unless one is on file) or withdraws a hand-ticked item. */
  onTick: (done: boolean, note: string, photoBase64?: string) => Promise<void>
  /** The evidence photo as a `data:` URI. */
  loadPhoto?: () => Promise<string>
  /** Picks the photo (camera or album); replaced in tests. */
  pickPhoto?: () => Promise<PickedFile | null>
  /** Highlighted: the overview's tap on this failing item led here. */
  focused?: boolean
}

/**
 * One line of the checklist. A hand-ticked item (牌子、印章、办公场所、制度上墙) is confirmed with a
 * photo as evidence and an optional note; a confirmed one shows its photo, can take a new photo,
 * or be withdrawn.
 */
export function CheckLine({ item, onTick, loadPhoto, pickPhoto = () => pickUpload('photo'), focused }: CheckLineProps) {
  const [note, setNote] = useState(item.note ?? '')
  const [busy, setBusy] = useState(false)
  const [photo, setPhoto] = useState('')
  const [problem, setProblem] = useState('')

  const run = async (body: () => Promise<void>) => {
    setBusy(true)
    setProblem('')
    try {
      await body()
    } catch (thrown) {
      setProblem(thrown instanceof Error ? thrown.message : '操作未成功')
    } finally {
      setBusy(false)
    }
  }

  const confirmWithPhoto = () =>
    run(async () => {
      const picked = await pickPhoto()
      if (!picked) return
      if (picked.size > EVIDENCE_PHOTO_MAX_BYTES) throw new Error('照片不能超过 2 MB，请压缩后再上传')
      await onTick(true, note, picked.base64)
    })

  const showPhoto = () =>
    run(async () => {
      if (loadPhoto) setPhoto(await loadPhoto())
    })

  return (
    <View {...ariaRole('listitem')} aria-label={item.label} className={`compliance__item compliance__item--${item.status}${focused ? ' compliance__item--focused' : ''}`}>
      <View className='compliance__item-head'>
        <Text className='compliance__item-label'>{item.label}</Text>
        <Text className={`compliance__badge compliance__badge--${item.status}`}>{STATUS_TEXT[item.status]}</Text>
      </View>
      <Text className='compliance__detail'>{item.detail}</Text>
      {item.nextStep && <Text className='compliance__next'>下一步：{item.nextStep}</Text>}
      {item.manual && (
        <View className='compliance__tick'>
          {item.status !== 'pass' ? (
            <>
              <Input className='compliance__input' nativeProps={{ 'aria-label': `${item.label}说明` }} placeholder='佐证说明（选填）' value={note} maxLength={200} onChange={setNote} />
              <ActionButton size='small' disabled={busy} onClick={() => void confirmWithPhoto()}>
                拍照确认
              </ActionButton>
            </>
          ) : (
            <>
              {item.photo && !photo && (
                <ActionButton size='small' fill='none' disabled={busy} onClick={() => void showPhoto()}>
                  查看照片
                </ActionButton>
              )}
              <ActionButton size='small' fill='none' disabled={busy} onClick={() => void confirmWithPhoto()}>
                {item.photo ? '更换照片' : '补拍照片'}
              </ActionButton>
              <ActionButton size='small' fill='none' disabled={busy} onClick={() => void run(() => onTick(false, note))}>
                撤销确认
              </ActionButton>
            </>
          )}
        </View>
      )}
      {photo && <Image className='compliance__photo' src={photo} mode='widthFix' aria-label={`${item.label}佐证照片`} />}
      {problem && (
        <Text className='error-text' {...ariaRole('alert')}>
          {problem}
        </Text>
      )}
    </View>
  )
}
