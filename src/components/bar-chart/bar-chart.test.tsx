import { render, screen, within } from '@testing-library/react'
import { BarChart, sharesOf } from '.'

describe('BarChart', () => {
  it('names the chart and scales each bar to the largest value, with its amount and share as text', () => {
    render(
      <BarChart
        title='支出构成图'
        bars={[
          { label: '职工活动支出', valueFen: 300_000 },
          { label: '职工服务支出', valueFen: 150_000 },
          { label: '维权支出', valueFen: 0 },
        ]}
      />,
    )
    const chart = screen.getByRole('figure', { name: '支出构成图' })
    const rows = within(chart).getAllByTestId('bar')
    expect(rows).toHaveLength(3)
    const pct = rows.map((r) => r.querySelector('[data-pct]')!.getAttribute('data-pct'))
    expect(pct).toEqual(['100.0', '50.0', '0.0'])
    expect(within(chart).getByText('¥3,000.00（66.7%）')).toBeTruthy()
    expect(within(chart).getByText('¥0.00')).toBeTruthy()
  })

  it('keeps a tiny non-zero bar visible', () => {
    render(<BarChart title='t' bars={[{ label: 'a', valueFen: 1_000_000 }, { label: 'b', valueFen: 1 }]} />)
    expect(screen.getAllByTestId('bar')[1].querySelector('[data-pct]')!.getAttribute('data-pct')).toBe('1.5')
  })

  it('says so when there is nothing to draw', () => {
    render(<BarChart title='t' bars={[{ label: 'a', valueFen: 0 }]} emptyText='本期没有支出' />)
    expect(screen.getByText('本期没有支出')).toBeTruthy()
    expect(screen.queryAllByTestId('bar')).toHaveLength(0)
  })

  it('draws no bar for a negative category, says what it is, and the other shares add up to 100 %', () => {
    render(
      <BarChart
        title='支出构成图'
        bars={[
          { label: '职工活动支出', valueFen: 420_000 },
          { label: '维权支出', valueFen: 60_000 },
          { label: '业务支出', valueFen: -20_000 },
          { label: '资本性支出', valueFen: 450_000 },
        ]}
      />,
    )
    const rows = screen.getAllByTestId('bar')
    expect(rows[2].querySelector('[data-pct]')).toBeNull()
    expect(within(rows[2]).getByText('-¥200.00')).toBeTruthy()
    expect(within(rows[2]).getByText(/^冲减：/)).toBeTruthy()
    const shares = rows.map((r) => /（([\d.]+)%）/.exec(r.textContent ?? '')?.[1]).filter(Boolean).map(Number)
    expect(shares).toEqual([45.2, 6.4, 48.4])
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 5)
  })
})

describe('sharesOf', () => {
  it('rounds so the shares add up to exactly 100.0', () => {
    expect(sharesOf([1, 1, 1])).toEqual([33.4, 33.3, 33.3])
    expect(sharesOf([420_000, 60_000, -20_000, 450_000])).toEqual([45.2, 6.4, null, 48.4])
    expect(sharesOf([0, -5])).toEqual([null, null])
  })
})
