import { buildOrgTree } from '../../tests/ui/factories'
import { OTHER_UNIT, choosesUnit, transferInput, transferTargets, unionChoiceName, unitChoiceName, unitChoices } from './transfer-targets'

const [base1, industry] = transferTargets(buildOrgTree(), 'u-base-2')
const oneUnitBase = transferTargets(buildOrgTree(), 'u-base-1')[0]
const form = { toUnitId: '', toUnitName: '', reason: '更换工作单位' }

describe('transfer choices', () => {
  it('asks for the employer only where there is a choice', () => {
    expect(choosesUnit(base1)).toBe(true)
    expect(choosesUnit(industry)).toBe(true)
    expect(choosesUnit(oneUnitBase)).toBe(false)
  })

  it('offers 其他单位 after the listed units of the industry union only', () => {
    expect(unitChoices(base1)).toEqual(['unit-1', 'unit-2'])
    expect(unitChoices(industry)).toEqual(['unit-4', OTHER_UNIT])
    expect(unitChoiceName(industry, OTHER_UNIT)).toBe('其他单位')
    expect(unitChoiceName(base1, 'unit-2')).toBe('湖畔小馆')
    expect(unionChoiceName([base1, industry], 'u-base-1')).toBe('青山饭店联合工会')
  })
})

describe('transferInput', () => {
  it('names the first gap in the order the form asks', () => {
    expect(transferInput(undefined, form)).toEqual({ ok: false, gap: 'union' })
    expect(transferInput(base1, form)).toEqual({ ok: false, gap: 'unit' })
    expect(transferInput(industry, { ...form, toUnitId: OTHER_UNIT, toUnitName: ' 面 ' })).toEqual({ ok: false, gap: 'unit_name' })
    expect(transferInput(base1, { ...form, toUnitId: 'unit-1', reason: ' 换 ' })).toEqual({ ok: false, gap: 'reason' })
  })

  it('sends a listed unit by id, a typed one by name, trimmed', () => {
    expect(transferInput(base1, { ...form, toUnitId: 'unit-2', reason: ' 更换工作单位 ' })).toEqual({ ok: true, input: { toUnionId: 'u-base-1', toUnitId: 'unit-2', reason: '更换工作单位' } })
    expect(transferInput(industry, { ...form, toUnitId: OTHER_UNIT, toUnitName: ' 新开的面馆 ' })).toEqual({ ok: true, input: { toUnionId: 'u-industry', toUnitName: '新开的面馆', reason: '更换工作单位' } })
    expect(transferInput(oneUnitBase, form)).toEqual({ ok: true, input: { toUnionId: 'u-base-2', reason: '更换工作单位' } })
  })
})
