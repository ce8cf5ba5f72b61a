import { fireEvent, render, screen } from '@testing-library/react'
import { buildRequestItem } from '../../../tests/ui/factories'
import { RequestItem } from '.'

describe('诉求卡片', () => {
  it('shows the union\'s unread answers as 新回复 and opens the request', () => {
    const onOpen = jest.fn()
    render(<RequestItem item={buildRequestItem({ messages: 3, newReplies: 2 })} onOpen={onOpen} />)
    expect(screen.getByText('2 条新回复')).toBeTruthy()
    const card = screen.getByRole('link')
    expect(card.textContent).toContain('2 条新回复')
    fireEvent.click(card)
    expect(onOpen).toHaveBeenCalledWith('req-1')
  })

  it('marks a follow-up the union has not answered yet', () => {
    render(<RequestItem item={buildRequestItem({ messages: 2, followUpPending: true })} onOpen={jest.fn()} showPerson />)
    expect(screen.getByText('追问待答复')).toBeTruthy()
    expect(screen.getByRole('link').textContent).toContain('追问待答复')
  })

  it('shows no 新回复 tag once they are read', () => {
    render(<RequestItem item={buildRequestItem({ messages: 3, newReplies: 0 })} onOpen={jest.fn()} />)
    expect(screen.queryByText(/新回复/)).toBeNull()
    expect(screen.getByText(/3 条回复/)).toBeTruthy()
  })

  it('marks an escalated request with its base union and where it went', () => {
    render(<RequestItem item={buildRequestItem({ escalatedTo: { unionId: 'ind-cy', unionName: '青山县餐饮行业工会', at: '2026-11-22T02:00:00.000Z' } })} onOpen={jest.fn()} showPerson />)
    expect(screen.getByText('已转交')).toBeTruthy()
    expect(screen.getByText('味香园餐饮有限公司工会 已转交 青山县餐饮行业工会')).toBeTruthy()
    expect(screen.getByRole('link').textContent).toContain('已转交')
  })

  it('no 已转交 mark on a request the base union keeps', () => {
    render(<RequestItem item={buildRequestItem()} onOpen={jest.fn()} />)
    expect(screen.queryByText(/已转交/)).toBeNull()
  })
})
