import { fireEvent, render, screen, within } from '@testing-library/react'
import { buildListItem, buildMine } from '../../../tests/ui/activity-factories'
import { ActivityListView, type ActivityListViewProps } from './activity-list-view'

function renderList(overrides: Partial<ActivityListViewProps> = {}) {
  const props: ActivityListViewProps = {
    tab: 'all',
    onTab: jest.fn(),
    list: { items: [buildListItem()], member: true },
    mine: [],
    onRetry: jest.fn(),
    onOpen: jest.fn(),
    ...overrides,
  }
  render(<ActivityListView {...props} />)
  return props
}

describe('活动 tab', () => {
  it('lists activities with time, place, places taken and my status; tapping opens one', () => {
    const props = renderList({ list: { items: [buildListItem({ mine: 'signed_up' }), buildListItem({ id: 'act-2', title: '安全培训', type: 'training', quota: null, signedUp: 12 })], member: true } })
    const list = screen.getByRole('list', { name: '全部活动' })
    const card = within(list).getByRole('button', { name: /春季职工趣味运动会/ })
    expect(within(card).getByText('文体活动')).toBeTruthy()
    expect(within(card).getByText('时间：5月1日（周五）09:00–12:00')).toBeTruthy()
    expect(within(card).getByText('地点：县体育馆')).toBeTruthy()
    expect(within(card).getByText('已报名 4/30')).toBeTruthy()
    expect(within(card).getByText('已报名')).toBeTruthy()
    expect(within(list).getByText('已报名 12 人（不限名额）')).toBeTruthy()
    fireEvent.click(within(list).getByRole('button', { name: /安全培训/ }))
    expect(props.onOpen).toHaveBeenCalledWith('act-2')
  })

  it('tells a worker to join first, and an empty union that nothing is published', () => {
    renderList({ list: { items: [], member: false } })
    expect(screen.getByText('入会后可报名参加活动')).toBeTruthy()
  })

  it('shows 我的活动 with waiting position, check-in time and the union\'s cancellation reason', () => {
    renderList({
      tab: 'mine',
      mine: [
        buildMine({ signUp: 'waitlisted', position: 2 }),
        buildMine({ id: 'act-2', title: '已签到活动', checkedInAt: '2026-05-01T01:05:00.000Z', phase: 'ended' }),
        buildMine({ id: 'act-3', title: '取消的活动', status: 'cancelled', cancelReason: '场地维修' }),
      ],
    })
    const list = screen.getByRole('list', { name: '我的活动' })
    expect(within(list).getByText('候补第 2 位')).toBeTruthy()
    expect(within(list).getByText('已签到 5月1日（周五）09:05')).toBeTruthy()
    expect(within(list).getByText('活动已取消：场地维修')).toBeTruthy()
    expect(screen.getByRole('tab', { name: '我的活动' }).getAttribute('aria-selected')).toBe('true')
  })

  it('switches tabs and offers a retry after an error', () => {
    const props = renderList({ error: '无法连接服务器' })
    expect(screen.getByRole('alert').textContent).toBe('无法连接服务器')
    fireEvent.click(screen.getByRole('button', { name: '重试' }))
    expect(props.onRetry).toHaveBeenCalled()
    fireEvent.click(screen.getByRole('tab', { name: '我的活动' }))
    expect(props.onTab).toHaveBeenCalledWith('mine')
  })
})
