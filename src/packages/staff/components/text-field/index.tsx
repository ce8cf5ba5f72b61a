import { Text, Textarea, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import { ariaRole } from '../../../../lib/a11y'
import './index.scss'

export interface TextFieldProps {
  /** Visible label and the input's accessible name. */
  label: string
  value: string
  onChange: (value: string) => void
  placeholder?: string
  error?: string
  maxLength?: number
  multiline?: boolean
  type?: 'text' | 'digit' | 'number'
}

/** A labelled text input with its field error underneath. */
export function TextField({ label, value, onChange, placeholder, error, maxLength, multiline = false, type = 'text' }: TextFieldProps) {
  return (
    <View className={`text-field${error ? ' text-field--error' : ''}`}>
      <Text className='text-field__label'>{label}</Text>
      {multiline ? (
        // Taro's own Textarea: NutUI's TextArea replaces `nativeProps`, which would drop the label in H5.
        <Textarea className='text-field__area' value={value} onInput={(e) => onChange(e.detail.value)} placeholder={placeholder} maxlength={maxLength ?? 1000} autoHeight nativeProps={{ 'aria-label': label }} />
      ) : (
        <Input className='text-field__input' value={value} onChange={onChange} placeholder={placeholder} maxLength={maxLength ?? 200} type={type} nativeProps={{ 'aria-label': label }} />
      )}
      {error && (
        <Text className='text-field__error error-text' {...ariaRole('alert')}>
          {error}
        </Text>
      )}
    </View>
  )
}
