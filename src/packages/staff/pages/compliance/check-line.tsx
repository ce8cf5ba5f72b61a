import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import type { ComplianceResult } from '@cloud/contract'
import { ActionButton } from '../../../../components/action-button'
import { ariaRole } from '../../../../lib/a11y'

export type Item = ComplianceResult['items'][number]

const STATUS_TEXT: Record<Item['status'], string> = { pass: '达标', fail: '未达标', unscored: '数据待接入' }

/** One line of the checklist; hand-ticked items can be confirmed with a note or withdrawn. */
export function CheckLine({ item, onTick }: { item: Item; onTick: (done: boolean, note: string) => Promise<void> }) {
  const [note, setNote] = useState(item.note ?? '')
  const [busy, setBusy] = useState(false)
  const tick = async (done: boolean) => {
    setBusy(true)
    try {
      await onTick(done, note)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View {...ariaRole('listitem')} aria-label={item.label} className={`compliance__item compliance__item--${item.status}`}>
      <View className='compliance__item-head'>
        <Text className='compliance__item-label'>{item.label}</Text>
        <Text className={`compliance__badge compliance__badge--${item.status}`}>{STATUS_TEXT[item.status]}</Text>
      </View>
      <Text className='compliance__detail'>{item.detail}</Text>
      {item.nextStep && <Text className='compliance__next'>下一步：{item.nextStep}</Text>}
      {item.manual && (
        <View className='compliance__tick'>
          {item.status !== 'pass' && (
            <Input className='compliance__input' nativeProps={{ 'aria-label': `${item.label}说明` }} placeholder='佐证说明（选填）' value={note} maxLength={200} onChange={setNote} />
          )}
          <ActionButton size='small' fill={item.status === 'pass' ? 'none' : 'solid'} disabled={busy} onClick={() => void tick(item.status !== 'pass')}>
            {item.status === 'pass' ? '撤销确认' : '确认已落实'}
          </ActionButton>
        </View>
      )}
    </View>
  )
}

