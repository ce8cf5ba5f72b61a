import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { buildNotice } from '../../../tests/ui/fund-factories'
import { NoticeView } from './notice-view'

function renderNotice(notice = buildNotice(), onAsk = jest.fn(() => Promise.resolve())) {
  const onOpenVersion = jest.fn()
  const onAnswer = jest.fn(() => Promise.resolve())
  render(<NoticeView notice={notice} onAsk={onAsk} onOpenVersion={onOpenVersion} onAnswer={onAnswer} />)
  return { onAsk, onOpenVersion, onAnswer }
}

describe('notice page', () => {
  it('shows the totals, the spending chart, the sign-off and the hash', () => {
    renderNotice()
    expect(screen.getByRole('heading', { name: '2026年第3季度经费公示' })).toBeTruthy()
    expect(screen.getByRole('status', { name: '期初余额 ¥1,000.00' })).toBeTruthy()
    expect(screen.getByRole('status', { name: '本期收入 ¥12,000.00' })).toBeTruthy()
    expect(screen.getByRole('status', { name: '本期支出 ¥4,700.50' })).toBeTruthy()
    expect(screen.getByRole('status', { name: '期末余额 ¥8,299.50' })).toBeTruthy()
    const chart = screen.getByRole('figure', { name: '支出构成图' })
    expect(within(chart).getByText('职工活动支出')).toBeTruthy()
    expect(within(screen.getByRole('region', { name: '经费审查委员会意见' })).getByText('账目清楚，同意公示')).toBeTruthy()
    expect(screen.getByText('a'.repeat(64))).toBeTruthy()
    expect(screen.getByText('本年会费已全部用于职工活动。')).toBeTruthy()
  })

  it('shows the check against the ledger beside the hash: 已核验, or 与账目不符 as an error', () => {
    const { rerender } = render(<NoticeView notice={buildNotice()} check='matches' onAsk={jest.fn()} onOpenVersion={jest.fn()} />)
    const hash = screen.getByRole('region', { name: '校验码（SHA-256）' })
    expect(within(hash).getByRole('status', { name: '核验：已核验' })).toBeTruthy()
    expect(within(hash).getByText('已按账本重新计算，校验码与本公示一致。')).toBeTruthy()
    rerender(<NoticeView notice={buildNotice()} check='mismatch' onAsk={jest.fn()} onOpenVersion={jest.fn()} />)
    expect(within(hash).getByRole('status', { name: '核验：与账目不符' })).toBeTruthy()
    expect(within(hash).queryByText('已核验')).toBeNull()
    expect(within(hash).getByText(/不一致/).className).toContain('error-text')
    rerender(<NoticeView notice={buildNotice()} check='checking' onAsk={jest.fn()} onOpenVersion={jest.fn()} />)
    expect(within(hash).getByRole('status', { name: '核验：核验中' })).toBeTruthy()
  })

  it('marks a corrected version 已更正 and leads to the newest one', () => {
    const { onOpenVersion } = renderNotice(
      buildNotice({
        superseded: true,
        latestNoticeId: 'ntc-2',
        versions: [
          { noticeId: 'ntc-1', version: 1, publishedAt: '2026-10-10T02:00:00.000Z' },
          { noticeId: 'ntc-2', version: 2, publishedAt: '2026-11-02T02:00:00.000Z' },
        ],
      }),
    )
    expect(screen.getByText('已更正')).toBeTruthy()
    expect(screen.getByRole('alert').textContent).toContain('本公示已更正')
    fireEvent.click(screen.getByRole('button', { name: '查看最新版本' }))
    expect(onOpenVersion).toHaveBeenCalledWith('ntc-2')
  })

  it('lists later corrections and reversals', () => {
    renderNotice(
      buildNotice({
        corrections: [{ id: 'c1', date: '2026-10-12', kind: 'reversal', direction: 'expense', category: '业务支出', amountFen: 80_000, reversesId: 'x', correctsId: null, purpose: '冲正：金额录错' }],
      }),
    )
    const region = screen.getByRole('region', { name: '后续更正' })
    expect(within(region).getByText('冲正：金额录错')).toBeTruthy()
    expect(within(region).getByText('−¥800.00', { exact: false })).toBeTruthy()
  })

  it('lets a member ask, and shows the thread without names', async () => {
    const { onAsk } = renderNotice(
      buildNotice({
        questions: [{ id: 'q1', body: '书架放在哪里？', askedAt: '2026-10-12T02:00:00.000Z', mine: false, answers: [{ id: 'a1', body: '三楼职工之家', answererName: '李干部', answeredAt: '2026-10-12T03:00:00.000Z' }] }],
      }),
    )
    expect(screen.getByText('会员：书架放在哪里？')).toBeTruthy()
    expect(screen.getByText('工会答复（李干部）：三楼职工之家')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: '提问' }))
    expect(screen.getByRole('alert').textContent).toBe('请先写下你的问题')
    fireEvent.change(screen.getByLabelText('我的问题'), { target: { value: '会费怎么用的？' } })
    fireEvent.click(screen.getByRole('button', { name: '提问' }))
    await waitFor(() => expect(onAsk).toHaveBeenCalledWith('会费怎么用的？'))
  })

  it('offers no question box to someone who is not a member of the union, and an answer box to staff', () => {
    renderNotice(buildNotice({ canAsk: false, canAnswer: true, questions: [{ id: 'q1', body: '问', askedAt: '2026-10-12T02:00:00.000Z', mine: false, askedByName: '张三', answers: [] }] }))
    expect(screen.queryByLabelText('我的问题')).toBeNull()
    expect(screen.getByText('张三：问')).toBeTruthy()
    expect(screen.getByLabelText('答复')).toBeTruthy()
  })
})
