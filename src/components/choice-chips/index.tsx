import { Text, View } from '@tarojs/components'
import { ariaRole } from '../../lib/a11y'
import './index.scss'

export interface ChoiceChipsProps<T extends string> {
  /** Names the group for screen readers and tests (the visible label sits outside). */
  label: string
  options: readonly T[]
  value: T | ''
  onChange: (value: T) => void
  /** Shown for an option instead of its value. */
  display?: (value: T) => string
  invalid?: boolean
}

/** A short list picked with one tap (学历, 政治面貌, 户籍类型): radio buttons drawn as chips. */
export function ChoiceChips<T extends string>({ label, options, value, onChange, display, invalid }: ChoiceChipsProps<T>) {
  return (
    <View {...ariaRole('radiogroup')} aria-label={label} aria-invalid={invalid ? 'true' : undefined} className='choice-chips'>
      {options.map((option) => {
        const checked = option === value
        return (
          <View
            key={option}
            {...ariaRole('radio')}
            aria-checked={checked ? 'true' : 'false'}
            className={`choice-chips__chip${checked ? ' choice-chips__chip--checked' : ''}`}
            onClick={() => onChange(option)}
          >
            <Text>{display ? display(option) : option}</Text>
          </View>
        )
      })}
    </View>
  )
}
