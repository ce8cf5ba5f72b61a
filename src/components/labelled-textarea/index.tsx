import { Textarea } from '@tarojs/components'

export interface LabelledTextareaProps {
  className: string
  value: string
  onChange: (value: string) => void
  /** The accessible name (screen readers, tests find the field by it). */
  label: string
  placeholder: string
  maxLength: number
}

/**
 * A growing text field with an accessible name. Taro's own Textarea: NutUI's TextArea replaces
 * `nativeProps`, which would drop the label in H5.
 */
export function LabelledTextarea({ className, value, onChange, label, placeholder, maxLength }: LabelledTextareaProps) {
  return (
    <Textarea
      className={className}
      value={value}
      onInput={(e) => onChange(e.detail.value)}
      maxlength={maxLength}
      autoHeight
      placeholder={placeholder}
      nativeProps={{ 'aria-label': label }}
    />
  )
}
