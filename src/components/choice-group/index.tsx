import { Text, View } from '@tarojs/components'
import { ariaRole } from '../../lib/a11y'
import './index.scss'

export interface ChoiceGroupProps<T extends string> {
  /** The group's name, read out and used to find it (`getByRole('radiogroup', {name})`). */
  label: string
  options: readonly { value: T; label: string }[]
  value: T | undefined
  onChange: (value: T) => void
  /** Lay the options out in a row (short labels). */
  inline?: boolean
}

/** A radio group drawn with plain views (works the same in H5 and the mini-program). */
export function ChoiceGroup<T extends string>({ label, options, value, onChange, inline = false }: ChoiceGroupProps<T>) {
  return (
    <View {...ariaRole('radiogroup')} aria-label={label} className={`choice-group${inline ? ' choice-group--inline' : ''}`}>
      {options.map((o) => {
        const checked = o.value === value
        return (
          <View
            key={o.value}
            {...ariaRole('radio')}
            aria-checked={checked ? 'true' : 'false'}
            className={`choice-group__item${checked ? ' choice-group__item--checked' : ''}`}
            onClick={() => onChange(o.value)}
          >
            <View className='choice-group__dot' />
            <Text className='choice-group__label'>{o.label}</Text>
          </View>
        )
      })}
    </View>
  )
}
