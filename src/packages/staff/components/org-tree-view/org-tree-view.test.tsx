import { render, screen } from '@testing-library/react'
import { buildOrgTree } from '../../../../../tests/ui/factories'
import { OrgTreeView } from '.'

describe('organisation tree (组织架构)', () => {
  it('shows base unions with their units and employee counts, and the direct units', () => {
    render(<OrgTreeView tree={buildOrgTree()} />)
    expect(screen.getByText('青山县餐饮行业工会联合会')).toBeTruthy()
    expect(screen.getByText('上级工会：青山县总工会')).toBeTruthy()
    expect(screen.getByText('基层工会 2 个 · 会员单位 4 家 · 职工 175 人')).toBeTruthy()
    expect(screen.getByText('青山饭店联合工会')).toBeTruthy()
    expect(screen.getByText('2 家单位 · 职工 138 人')).toBeTruthy()
    expect(screen.getByText('湖畔小馆')).toBeTruthy()
    expect(screen.getByText('职工 18 人')).toBeTruthy()
    expect(screen.getByText('直属会员单位')).toBeTruthy()
    expect(screen.getByText('山路快餐店')).toBeTruthy()
  })

  it('says so when there are no direct units', () => {
    render(<OrgTreeView tree={buildOrgTree({ directUnits: [] })} />)
    expect(screen.getByText('暂无会员单位')).toBeTruthy()
  })
})
