import { fireEvent, render, screen } from '@testing-library/react'
import type { MyStatus } from '@cloud/contract'
import { unionNames } from '../../lib/org'
import { buildMember, buildOrgTree, buildUser } from '../../../tests/ui/factories'
import { MineView } from './mine-view'

const names = unionNames(buildOrgTree())

function renderMine(user = buildUser(), membership: MyStatus | null = null, newReplies = 0) {
  const onOpenWorkbench = jest.fn()
  const onLogout = jest.fn()
  const onOpenCard = jest.fn()
  const onOpenRequests = jest.fn()
  render(<MineView user={user} unionNames={names} onOpenWorkbench={onOpenWorkbench} onLogout={onLogout} membership={membership} onOpenCard={onOpenCard} onOpenRequests={onOpenRequests} newReplies={newReplies} />)
  return { onOpenWorkbench, onLogout, onOpenCard, onOpenRequests }
}

describe('我的 page', () => {
  it('says which page it is and who is logged in', () => {
    renderMine(buildUser({ displayName: '李建国' }))
    expect(screen.getByRole('heading', { name: '我的' })).toBeTruthy()
    expect(screen.getByText('李建国')).toBeTruthy()
  })

  it('shows a member their union and member number', () => {
    renderMine(buildMember())
    expect(screen.getByText('会员 · 青山饭店联合工会')).toBeTruthy()
    expect(screen.getByText('会员编号：QS-2025-000123')).toBeTruthy()
    expect(screen.queryByText('尚未入会')).toBeNull()
  })

  it('says a worker has not joined yet', () => {
    renderMine(buildUser())
    expect(screen.getByText('尚未入会')).toBeTruthy()
  })

  it('names each role in Chinese with the union it is held in', () => {
    renderMine(
      buildUser({
        roles: [
          { role: 'chair', unionId: 'u-base-2' },
          { role: 'industryAdmin', unionId: 'u-industry' },
        ],
      }),
    )
    expect(screen.getByText('工会主席')).toBeTruthy()
    expect(screen.getByText('老街面馆工会')).toBeTruthy()
    expect(screen.getByText('行业工会管理员')).toBeTruthy()
    expect(screen.getByText('青山县餐饮行业工会联合会')).toBeTruthy()
  })

  it('offers the 工作台 only to staff', () => {
    renderMine(buildMember())
    expect(screen.queryByRole('button', { name: new RegExp('^工作台') })).toBeNull()
    expect(screen.queryByText('工作台')).toBeNull()
  })

  it.each(['staff', 'chair', 'reviewer', 'industryAdmin'] as const)('opens the 工作台 for %s', (role) => {
    const { onOpenWorkbench } = renderMine(buildUser({ roles: [{ role, unionId: 'u-base-1' }] }))
    fireEvent.click(screen.getByRole('button', { name: new RegExp('^工作台') }))
    expect(onOpenWorkbench).toHaveBeenCalledTimes(1)
  })

  it('logs out from the 退出登录 button', () => {
    const { onLogout } = renderMine()
    fireEvent.click(screen.getByRole('button', { name: '退出登录' }))
    expect(onLogout).toHaveBeenCalledTimes(1)
  })

  it('leads a member to the electronic member card', () => {
    const { onOpenCard } = renderMine(buildMember(), { status: 'member', memberNo: 'QS-2025-000123' })
    fireEvent.click(screen.getByRole('button', { name: new RegExp('^电子会员卡') }))
    expect(onOpenCard).toHaveBeenCalledTimes(1)
  })

  it('shows an applicant the status and leads to 入会进度', () => {
    renderMine(buildUser(), { status: 'rejected', reason: '非本单位职工' })
    expect(screen.getByText('入会状态：未通过（非本单位职工）')).toBeTruthy()
    expect(screen.getByRole('button', { name: new RegExp('^入会进度') })).toBeTruthy()
  })

  it('shows no membership entry to someone who never applied', () => {
    renderMine(buildUser(), { status: 'none' })
    expect(screen.queryByRole('button', { name: new RegExp('^入会进度') })).toBeNull()
    expect(screen.queryByRole('button', { name: new RegExp('^电子会员卡') })).toBeNull()
  })

  it('leads a member to 诉求与建议', () => {
    const { onOpenRequests } = renderMine(buildMember(), { status: 'member', memberNo: 'QS-2025-000123' })
    fireEvent.click(screen.getByRole('button', { name: new RegExp('^诉求与建议') }))
    expect(onOpenRequests).toHaveBeenCalledTimes(1)
  })

  it('tells a member the union has answered: N 条新回复', () => {
    renderMine(buildMember(), { status: 'member', memberNo: 'QS-2025-000123' }, 2)
    expect(screen.getByText('工会有 2 条新回复，点开查看')).toBeTruthy()
  })

  it('offers 诉求与建议 only to members', () => {
    renderMine(buildUser(), { status: 'none' })
    expect(screen.queryByRole('button', { name: new RegExp('^诉求与建议') })).toBeNull()
  })
})
