import { Text, View } from '@tarojs/components'
import { PERSONAS, PERSONA_LABELS, type Persona } from '@cloud/contract/labels'
import { ariaRole } from '../../lib/a11y'
import type { UnionOption } from '../../lib/org'
import './index.scss'

/** Personas that belong to a union: the picker asks which one (auth.devLogin `unionId`). */
export const PERSONAS_WITH_UNION: readonly Persona[] = ['member', 'staff', 'chair', 'reviewer']

export function personaNeedsUnion(persona: Persona): boolean {
  return PERSONAS_WITH_UNION.includes(persona)
}

export interface PersonaPickerProps {
  persona: Persona
  onPersonaChange: (persona: Persona) => void
  /** The unions to choose from; null while org.tree is loading. */
  unions: UnionOption[] | null
  unionId: string
  onUnionChange: (unionId: string) => void
  /** Shown instead of the union list when org.tree failed. */
  unionsError?: string
}

interface ChoiceProps {
  label: string
  hint?: string
  checked: boolean
  onSelect: () => void
}

function Choice({ label, hint, checked, onSelect }: ChoiceProps) {
  return (
    <View
      {...ariaRole('radio')}
      aria-checked={checked ? 'true' : 'false'}
      className={`choice${checked ? ' choice--checked' : ''}`}
      onClick={onSelect}
    >
      <View className='choice__dot' />
      <Text className='choice__label'>{label}</Text>
      {hint && <Text className='choice__hint'>{hint}</Text>}
    </View>
  )
}

/** Demo login (演示身份): which kind of person to be, and for union roles which union. */
export function PersonaPicker(props: PersonaPickerProps) {
  const { persona, onPersonaChange, unions, unionId, onUnionChange, unionsError } = props
  return (
    <View className='persona-picker'>
      <Text className='persona-picker__legend'>演示身份</Text>
      <View {...ariaRole('radiogroup')} aria-label='演示身份' className='persona-picker__list'>
        {PERSONAS.map((p) => (
          <Choice key={p} label={PERSONA_LABELS[p]} checked={p === persona} onSelect={() => onPersonaChange(p)} />
        ))}
      </View>
      {personaNeedsUnion(persona) && (
        <>
          <Text className='persona-picker__legend'>所属工会</Text>
          {unionsError ? (
            <Text className='persona-picker__note error-text'>{unionsError}</Text>
          ) : unions === null ? (
            <Text className='persona-picker__note muted'>正在加载工会列表…</Text>
          ) : (
            <View {...ariaRole('radiogroup')} aria-label='所属工会' className='persona-picker__list'>
              {unions.map((u) => (
                <Choice
                  key={u.id}
                  label={u.name}
                  hint={u.kind === 'industry' ? '行业工会' : '基层工会'}
                  checked={u.id === unionId}
                  onSelect={() => onUnionChange(u.id)}
                />
              ))}
            </View>
          )}
        </>
      )}
    </View>
  )
}
