import { render, screen, within } from '@testing-library/react'
import { BarChart } from '.'

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
})
