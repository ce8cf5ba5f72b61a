import { Text, View } from '@tarojs/components'
import { ariaRole } from '../../../../lib/a11y'
import './index.scss'

export interface ChoiceOption<V extends string> {
  value: V
  label: string
  hint?: string
}

export interface ChoiceGroupProps<V extends string> {
  /** Visible legend and the group's accessible name. */
  label: string
  options: readonly ChoiceOption<V>[]
  value: V | ''
  onChange: (value: V) => void
  /** Chips in a wrapping row instead of a full-width list. */
  compact?: boolean
}

/** A single choice as a radio group (H5 gets real ARIA radios; WeChat ignores the roles). */
export function ChoiceGroup<V extends string>({ label, options, value, onChange, compact = false }: ChoiceGroupProps<V>) {
  return (
    <View className='choice-group'>
      <Text className='choice-group__legend'>{label}</Text>
      <View {...ariaRole('radiogroup')} aria-label={label} className={`choice-group__list${compact ? ' choice-group__list--compact' : ''}`}>
        {options.map((o) => (
          <View
            key={o.value}
            {...ariaRole('radio')}
            aria-checked={o.value === value ? 'true' : 'false'}
            className={`choice-group__item${o.value === value ? ' choice-group__item--checked' : ''}`}
            onClick={() => onChange(o.value)}
          >
            <Text className='choice-group__label'>{o.label}</Text>
            {o.hint && !compact && <Text className='choice-group__hint'>{o.hint}</Text>}
          </View>
        ))}
      </View>
    </View>
  )
}
