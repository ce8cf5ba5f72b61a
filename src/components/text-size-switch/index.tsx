import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { TEXT_SIZE_LABELS, TEXT_SIZES, type TextSizeChoice } from '../../lib/text-scale'
import { chooseTextSize, TEXT_SIZE_CHOOSABLE, textSizeChoice } from '../../lib/text-size'
import { ChoiceChips } from '../choice-chips'
import './index.scss'

const CHOICES: readonly TextSizeChoice[] = ['auto', ...TEXT_SIZES]
const label = (c: TextSizeChoice) => (c === 'auto' ? '跟随系统' : TEXT_SIZE_LABELS[c])

export interface TextSizeSwitchProps {
  /** Where the choice is kept and applied (the platform's text-size module unless a test passes its own). */
  choosable?: boolean
  initial?: TextSizeChoice
  onChoose?: (choice: TextSizeChoice) => void
}

/**
 * 字体大小 in 我的 (H5): follow the phone's setting, or 标准 / 大 / 特大. The mini-program follows
 * WeChat's own font size setting and shows nothing here.
 */
export function TextSizeSwitch({ choosable = TEXT_SIZE_CHOOSABLE, initial, onChoose = chooseTextSize }: TextSizeSwitchProps) {
  const [choice, setChoice] = useState<TextSizeChoice>(() => initial ?? textSizeChoice())
  if (!choosable) return null
  return (
    <View className='text-size-switch'>
      <Text className='text-size-switch__label'>字体大小</Text>
      <ChoiceChips
        label='字体大小'
        options={CHOICES}
        display={label}
        value={choice}
        onChange={(c) => {
          setChoice(c)
          onChoose(c)
        }}
      />
    </View>
  )
}
