import { buildOrgTree } from '../../../../tests/ui/factories'
import { membershipUnions, unitsOf } from './membership-unions'

const tree = buildOrgTree()

describe('membershipUnions', () => {
  it('gives staff and chairs their own unions, with full numbers', () => {
    expect(membershipUnions({ roles: [{ role: 'chair', unionId: 'u-base-2' }] }, tree)).toEqual([{ id: 'u-base-2', name: '老街面馆工会', kind: 'base', fullNumbers: true, fullExport: true }])
  })

  it('gives the industry admin every union, with full numbers nowhere', () => {
    const unions = membershipUnions({ roles: [{ role: 'industryAdmin', unionId: 'u-industry' }] }, tree)
    expect(unions.map((u) => u.id)).toEqual(['u-industry', 'u-base-1', 'u-base-2'])
    expect(unions.every((u) => !u.fullNumbers)).toBe(true)
  })

  it('gives a fund reviewer nothing', () => {
    expect(membershipUnions({ roles: [{ role: 'reviewer', unionId: 'u-base-1' }] }, tree)).toEqual([])
  })

  it('lists a union\'s units, and the industry union\'s direct units', () => {
    expect(unitsOf(tree, 'u-base-1').map((u) => u.name)).toEqual(['青山饭店', '湖畔小馆'])
    expect(unitsOf(tree, 'u-industry').map((u) => u.name)).toEqual(['山路快餐店'])
  })
})
