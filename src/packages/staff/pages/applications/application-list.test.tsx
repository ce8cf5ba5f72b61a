import { fireEvent, render, screen, within } from '@testing-library/react'
import type { ApplicationItem } from '@cloud/contract'
import { ApplicationList, FlaggedList } from './application-list'

function buildApplication(overrides: Partial<ApplicationItem> = {}): ApplicationItem {
  return {
    id: 'app-1',
    unionId: 'b1',
    name: '周杰',
    unitName: '张记面馆',
    createdAt: '2026-11-24T01:00:00.000Z',
    idNumberMasked: '110***********1234',
    phoneMasked: '138****5678',
    status: 'pending',
    gender: 'male',
    birthDate: '1990-01-01',
    age: 36,
    ethnicity: '汉族',
    education: '高中',
    politicalStatus: '群众',
    job: '厨师',
    householdType: '农业户口（农民工）',
    consentVersion: 'join-consent-2026-11-v2',
    consentedAt: '2026-11-24T01:00:00.000Z',
    linksImportedMember: false,
    rejectReason: null,
    reviewedAt: null,
    memberNo: null,
    ...overrides,
  }
}

describe('the review queue', () => {
  it('shows each application with masked numbers only, and approves or rejects it', () => {
    const onApprove = jest.fn()
    const onReject = jest.fn()
    const a = buildApplication()
    render(<ApplicationList items={[a]} pending selected={new Set()} onToggle={jest.fn()} onApprove={onApprove} onReject={onReject} busyId='' />)
    const item = screen.getByRole('listitem', { name: '周杰' })
    expect(item.textContent).toContain('身份证 110***********1234 · 手机 138****5678')
    expect(item.textContent).toContain('男 · 36 岁 · 汉族')
    expect(item.textContent).toContain('提交于 2026-11-24 09:00')
    fireEvent.click(within(item).getByRole('button', { name: '批准 周杰' }))
    fireEvent.click(within(item).getByRole('button', { name: '不批准 周杰' }))
    expect(onApprove).toHaveBeenCalledWith(a)
    expect(onReject).toHaveBeenCalledWith(a)
  })

  it('selects applications for bulk approval', () => {
    const onToggle = jest.fn()
    render(<ApplicationList items={[buildApplication(), buildApplication({ id: 'app-2', name: '吴用' })]} pending selected={new Set(['app-2'])} onToggle={onToggle} onApprove={jest.fn()} onReject={jest.fn()} busyId='' />)
    expect(screen.getByRole('checkbox', { name: '选择 吴用' }).getAttribute('aria-checked')).toBe('true')
    fireEvent.click(screen.getByRole('checkbox', { name: '选择 周杰' }))
    expect(onToggle).toHaveBeenCalledWith('app-1')
  })

  it('says when approval will link an imported member, and shows decisions without buttons', () => {
    render(
      <ApplicationList
        items={[buildApplication({ linksImportedMember: true }), buildApplication({ id: 'app-3', name: '钱多', status: 'rejected', rejectReason: '非本单位职工' })]}
        pending={false}
        selected={new Set()}
        onToggle={jest.fn()}
        onApprove={jest.fn()}
        onReject={jest.fn()}
        busyId=''
      />,
    )
    expect(screen.getByText(/批准后将关联原会员编号/)).toBeTruthy()
    expect(screen.getByText('未通过：非本单位职工')).toBeTruthy()
    expect(screen.queryByRole('button', { name: /批准/ })).toBeNull()
    expect(screen.queryByRole('checkbox')).toBeNull()
  })

  it('lists flagged identity attempts', () => {
    render(
      <FlaggedList
        items={[{ id: 'att-1', at: '2026-11-25T02:00:00.000Z', name: '冒名者', idNumberMasked: '110***********1234', phoneMasked: '139****0000', matched: 'member', matchedName: '周杰', attemptedUnionName: '老街美食城联合工会' }]}
      />,
    )
    expect(screen.getByText(/“冒名者”（手机 139\*\*\*\*0000）用身份证 110\*{11}1234 申请加入老街美食城联合工会，该号码已属于会员“周杰”/)).toBeTruthy()
  })
})
