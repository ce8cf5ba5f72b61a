import type { PropsWithChildren } from 'react'
import { Text, View } from '@tarojs/components'
import { ariaRole } from '../../lib/a11y'
import './index.scss'

export interface FormFieldProps {
  label: string
  /** The problem to show under the field (from the shared schema, or the server's `fields`). */
  error?: string
  /** A quiet line under the field (e.g. gender and birth date read from the ID number). */
  hint?: string
  /** Marks the field for scrolling to the first problem. */
  id?: string
}

/** One labelled field of a form with its error line. */
export function FormField({ label, error, hint, id, children }: PropsWithChildren<FormFieldProps>) {
  return (
    <View className={`form-field${error ? ' form-field--invalid' : ''}`} id={id}>
      <Text className='form-field__label'>{label}</Text>
      {children}
      {hint && !error && <Text className='form-field__hint'>{hint}</Text>}
      {error && (
        <Text className='form-field__error' {...ariaRole('alert')} aria-label={`${label}：${error}`}>
          {error}
        </Text>
      )}
    </View>
  )
}
