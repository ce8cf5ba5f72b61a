import { fireEvent, render, screen, within } from '@testing-library/react'
import { PERSONAS, PERSONA_LABELS, type Persona } from '@cloud/contract/labels'
import { unionOptions } from '../../lib/org'
import { buildOrgTree } from '../../../tests/ui/factories'
import { PersonaPicker } from '.'

function renderPicker(persona: Persona, unions = unionOptions(buildOrgTree())) {
  const onPersonaChange = jest.fn()
  const onUnionChange = jest.fn()
  render(
    <PersonaPicker
      persona={persona}
      onPersonaChange={onPersonaChange}
      unions={unions}
      unionId='u-base-1'
      onUnionChange={onUnionChange}
    />,
  )
  return { onPersonaChange, onUnionChange }
}

describe('demo persona picker (演示身份)', () => {
  it('lists every persona by its Chinese label', () => {
    renderPicker('worker')
    const group = screen.getByRole('radiogroup', { name: '演示身份' })
    const names = within(group)
      .getAllByRole('radio')
      .map((r) => r.textContent)
    expect(names).toEqual(PERSONAS.map((p) => PERSONA_LABELS[p]))
    expect(names).toContain('职工（未入会）')
    expect(names).toContain('行业工会管理员')
  })

  it('marks the chosen persona and reports a new choice', () => {
    const { onPersonaChange } = renderPicker('worker')
    expect(screen.getByRole('radio', { name: '职工（未入会）' }).getAttribute('aria-checked')).toBe('true')
    fireEvent.click(screen.getByRole('radio', { name: '工会主席' }))
    expect(onPersonaChange).toHaveBeenCalledWith('chair')
  })

  it('asks for no union for a worker', () => {
    renderPicker('worker')
    expect(screen.queryByRole('radiogroup', { name: '所属工会' })).toBeNull()
  })

  it('asks a staff persona for the union, industry union included', () => {
    const { onUnionChange } = renderPicker('staff')
    const group = screen.getByRole('radiogroup', { name: '所属工会' })
    const unions = within(group).getAllByRole('radio')
    expect(unions.map((u) => u.textContent)).toEqual([
      '青山县餐饮行业工会联合会行业工会',
      '青山饭店联合工会基层工会',
      '老街面馆工会基层工会',
    ])
    fireEvent.click(unions[2])
    expect(onUnionChange).toHaveBeenCalledWith('u-base-2')
  })

  it('says the union list is loading until org.tree answers', () => {
    renderPicker('member', null as never)
    expect(screen.getByText('正在加载工会列表…')).toBeTruthy()
  })
})
