import { useState } from 'react'
import { ScrollView, Text, View } from '@tarojs/components'
import { ariaRole } from '../../lib/a11y'
import './index.scss'

export interface SelectOption {
  value: string
  label: string
  /** A second line, e.g. the union that workers of a unit join. */
  hint?: string
}

export interface SelectSheetProps {
  /** The field's name (民族, 工作单位): the trigger's accessible name and the sheet's title. */
  label: string
  options: SelectOption[]
  value: string
  onChange: (value: string) => void
  placeholder?: string
  invalid?: boolean
}

/**
 * A field whose value is picked from a longer list (民族, 工作单位): tapping it opens a sheet with
 * the list; tapping an entry chooses it and closes the sheet. Plain views, so it costs the light
 * join page almost nothing and behaves the same in H5 and the mini-program.
 */
export function SelectSheet({ label, options, value, onChange, placeholder = '请选择', invalid }: SelectSheetProps) {
  const [open, setOpen] = useState(false)
  const current = options.find((o) => o.value === value)
  return (
    <>
      <View
        {...ariaRole('button')}
        aria-label={label}
        aria-haspopup='listbox'
        aria-invalid={invalid ? 'true' : undefined}
        className={`select-sheet__trigger${invalid ? ' select-sheet__trigger--invalid' : ''}`}
        onClick={() => setOpen(true)}
      >
        <Text className={current ? 'select-sheet__value' : 'select-sheet__placeholder'}>{current ? current.label : placeholder}</Text>
        <Text className='select-sheet__arrow'>›</Text>
      </View>
      {open && (
        <View className='select-sheet__mask' onClick={() => setOpen(false)}>
          <View role='dialog' aria-label={label} className='select-sheet__panel' onClick={(e) => e.stopPropagation()}>
            <View className='select-sheet__head'>
              <Text className='select-sheet__title'>{label}</Text>
              <View {...ariaRole('button')} aria-label='关闭' className='select-sheet__close' onClick={() => setOpen(false)}>
                <Text>关闭</Text>
              </View>
            </View>
            <ScrollView scrollY className='select-sheet__list'>
              <View {...ariaRole('radiogroup')} aria-label={label}>
                {options.map((o) => {
                  const checked = o.value === value
                  return (
                    <View
                      key={o.value}
                      {...ariaRole('radio')}
                      aria-checked={checked ? 'true' : 'false'}
                      className={`select-sheet__option${checked ? ' select-sheet__option--checked' : ''}`}
                      onClick={() => {
                        onChange(o.value)
                        setOpen(false)
                      }}
                    >
                      <Text className='select-sheet__option-label'>{o.label}</Text>
                      {o.hint && <Text className='select-sheet__option-hint'>{o.hint}</Text>}
                    </View>
                  )
                })}
              </View>
            </ScrollView>
          </View>
        </View>
      )}
    </>
  )
}
