import { fireEvent, render, screen } from '@testing-library/react'
import type { ActivityDetail } from '@cloud/contract'
import { buildDetail } from '../../../tests/ui/activity-factories'
import { ActivityDetailView } from './activity-detail-view'

function renderDetail(activity: ActivityDetail, extra: { notice?: string; error?: string } = {}) {
  const handlers = { onSignUp: jest.fn(), onCancelSignUp: jest.fn(), onCheckIn: jest.fn(), onManage: jest.fn() }
  render(<ActivityDetailView activity={activity} busy={false} {...extra} {...handlers} />)
  return handlers
}

describe('活动详情', () => {
  it('shows the facts and offers 报名 while sign-up is open', () => {
    const h = renderDetail(buildDetail())
    expect(screen.getByRole('heading', { name: '春季职工趣味运动会' })).toBeTruthy()
    expect(screen.getByText('县体育馆')).toBeTruthy()
    expect(screen.getByText('本工会会员')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: '报名' }))
    expect(h.onSignUp).toHaveBeenCalled()
    expect(screen.queryByRole('button', { name: '取消报名' })).toBeNull()
    expect(screen.queryByRole('button', { name: '管理活动' })).toBeNull()
  })

  it('offers the waiting list when full, and 取消报名 once signed up or waiting', () => {
    renderDetail(buildDetail({ signedUp: 30, quota: 30 }))
    expect(screen.getByRole('button', { name: '报名（候补）' })).toBeTruthy()
  })

  it('shows my waiting position and lets me cancel', () => {
    const h = renderDetail(buildDetail({ mySignUp: { status: 'waitlisted', position: 3 }, mine: 'waitlisted' }))
    expect(screen.getByText('我的状态：候补第 3 位')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: '取消报名' }))
    expect(h.onCancelSignUp).toHaveBeenCalled()
  })

  it('offers 去签到 inside the check-in window to those signed up (or anyone when walk-ins are allowed)', () => {
    const h = renderDetail(buildDetail({ checkInOpen: true, signUpOpen: false, phase: 'ongoing', mySignUp: { status: 'signed_up' } }))
    fireEvent.click(screen.getByRole('button', { name: '去签到' }))
    expect(h.onCheckIn).toHaveBeenCalled()
  })

  it('says 签到中, not 未开始, when check-in has opened before the start (issue 18 item 6)', () => {
    renderDetail(buildDetail({ checkInOpen: true, signUpOpen: false, phase: 'upcoming', mySignUp: { status: 'signed_up' } }))
    expect(screen.getByText('签到中')).toBeTruthy()
    expect(screen.queryByText('未开始')).toBeNull()
  })

  it('hides 去签到 once checked in and for those not signed up', () => {
    renderDetail(buildDetail({ checkInOpen: true, mySignUp: { status: 'signed_up', checkedInAt: '2026-05-01T01:05:00.000Z' } }))
    expect(screen.queryByRole('button', { name: '去签到' })).toBeNull()
    expect(screen.getByText('我的状态：已签到 5月1日（周五）09:05')).toBeTruthy()
  })

  it('says a cancelled activity is cancelled, with the reason, and offers nothing', () => {
    renderDetail(buildDetail({ status: 'cancelled', cancelReason: '场地维修', signUpOpen: false }))
    expect(screen.getByRole('alert').textContent).toBe('活动已取消：场地维修')
    expect(screen.queryByRole('button', { name: '报名' })).toBeNull()
  })

  it('offers 管理活动 to its staff', () => {
    const h = renderDetail(buildDetail({ canManage: true }))
    fireEvent.click(screen.getByRole('button', { name: '管理活动' }))
    expect(h.onManage).toHaveBeenCalled()
  })
})
