import { fireEvent, render, screen } from '@testing-library/react'
import type { MemberCard } from '@cloud/contract'
import { MemberCardView, StatusView } from './card-view'

function buildCard(overrides: Partial<MemberCard> = {}): MemberCard {
  return {
    name: '孙丽娟',
    unionName: '味香园餐饮有限公司工会',
    memberNo: 'CY01-000007',
    joinedAt: '2026-11-25T16:30:00.000Z',
    token: 'token',
    expiresAt: '2026-11-25T16:32:00.000Z',
    refreshAfterSeconds: 100,
    unitName: '青山县味香园餐饮有限公司',
    industryName: '青山县餐饮行业工会联合会',
    gender: 'female',
    ...overrides,
  }
}

describe('the member card', () => {
  it('shows name, union, member number, join date (China time) and the QR with its countdown', () => {
    render(<MemberCardView card={buildCard()} qrSrc='data:image/svg+xml;base64,AAAA' secondsLeft={42} />)
    expect(screen.getByRole('heading', { name: '孙丽娟' })).toBeTruthy()
    expect(screen.getByText('味香园餐饮有限公司工会')).toBeTruthy()
    expect(screen.getByText('会员编号：CY01-000007')).toBeTruthy()
    // 16:30 UTC is already the 26th in China.
    expect(screen.getByText('入会日期：2026-11-26')).toBeTruthy()
    expect(screen.getByRole('img', { name: '会员二维码' })).toBeTruthy()
    expect(screen.getByRole('status').textContent).toContain('42 秒后自动更新')
  })

  it('says the QR is being renewed when the countdown ran out', () => {
    render(<MemberCardView card={buildCard({ unitName: null })} qrSrc='' secondsLeft={0} />)
    expect(screen.getByRole('status').textContent).toBe('正在更新二维码…')
    expect(screen.queryByText(/工作单位/)).toBeNull()
  })
})

describe('the status without a card', () => {
  it('tells a pending applicant where the application is', () => {
    render(<StatusView status={{ status: 'pending', unionName: '老街美食城联合工会', submittedAt: '2026-11-25T02:00:00.000Z' }} />)
    expect(screen.getByRole('heading', { name: '入会申请审核中' })).toBeTruthy()
    expect(screen.getByText(/已交“老街美食城联合工会”审核（2026-11-25 提交）/)).toBeTruthy()
  })

  it('gives a rejected applicant the reason', () => {
    render(<StatusView status={{ status: 'rejected', reason: '非本单位职工' }} />)
    expect(screen.getByRole('alert').textContent).toBe('原因：非本单位职工')
  })

  it('offers scanning (mini-program) to someone not yet a member', () => {
    const onScan = jest.fn()
    render(<StatusView status={{ status: 'none' }} onScan={onScan} />)
    expect(screen.getByRole('heading', { name: '尚未入会' })).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: '扫码入会' }))
    expect(onScan).toHaveBeenCalledTimes(1)
  })

  it('offers no scan button without a scanner, nor to a pending applicant', () => {
    const { rerender } = render(<StatusView status={{ status: 'none' }} />)
    expect(screen.queryByRole('button', { name: '扫码入会' })).toBeNull()
    rerender(<StatusView status={{ status: 'pending' }} onScan={() => undefined} />)
    expect(screen.queryByRole('button', { name: '扫码入会' })).toBeNull()
  })
})
