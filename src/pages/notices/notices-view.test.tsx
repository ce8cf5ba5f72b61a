import { fireEvent, render, screen } from '@testing-library/react'
import { NoticesView } from './notices-view'

const ITEMS = [
  { noticeId: 'n3', quarter: '2026-Q3', title: '2026年第3季度经费公示', version: 1, publishedAt: '2026-10-10T02:00:00.000Z', superseded: false, incomeFen: 1_200_000, expenseFen: 470_050, closingFen: 829_950 },
  { noticeId: 'n2b', quarter: '2026-Q2', title: '2026年第2季度经费公示', version: 2, publishedAt: '2026-07-20T02:00:00.000Z', superseded: false, incomeFen: 1, expenseFen: 2, closingFen: 3 },
  { noticeId: 'n2a', quarter: '2026-Q2', title: '2026年第2季度经费公示', version: 1, publishedAt: '2026-07-08T02:00:00.000Z', superseded: true, incomeFen: 1, expenseFen: 2, closingFen: 3 },
]

describe('经费公示 tab', () => {
  it('lists the union\'s notices newest first, marking corrected ones, and opens one', () => {
    const onOpen = jest.fn()
    render(<NoticesView unionName='青山饭店联合工会' items={ITEMS} onOpen={onOpen} />)
    const links = screen.getAllByRole('link')
    // Named by what they show (title first), so the name holds the visible text (axe label-content-name-mismatch).
    expect(links.map((l) => l.textContent)).toEqual([expect.stringMatching(/^2026年第3季度经费公示(?!.*第\d版)/), expect.stringMatching(/^2026年第2季度经费公示第2版/), expect.stringMatching(/^2026年第2季度经费公示第1版?已更正|^2026年第2季度经费公示已更正/)])
    expect(screen.getByText('收入 ¥12,000.00')).toBeTruthy()
    fireEvent.click(links[0])
    expect(onOpen).toHaveBeenCalledWith('n3')
  })

  it('tells a worker who is not a member yet', () => {
    render(<NoticesView unionName={null} items={[]} onOpen={jest.fn()} />)
    expect(screen.getByText('入会后可查看经费公示')).toBeTruthy()
  })

  it('says when nothing is published yet', () => {
    render(<NoticesView unionName='青山饭店联合工会' items={[]} onOpen={jest.fn()} />)
    expect(screen.getByText('暂无经费公示')).toBeTruthy()
  })

  it('shows staff how many opened each notice', () => {
    render(<NoticesView unionName='x' items={[{ ...ITEMS[0], openedCount: 12, unansweredCount: 1 }]} onOpen={jest.fn()} />)
    expect(screen.getByText(/12 人已读 · 1 个提问待答复/)).toBeTruthy()
  })
})
