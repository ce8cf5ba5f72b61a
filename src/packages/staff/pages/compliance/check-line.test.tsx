import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { CheckLine, type Item } from './check-line'

function buildItem(overrides: Partial<Item> = {}): Item {
  return { key: 'term', label: '按期换届', status: 'fail', detail: '工会委员会任期已于 2026-09-30 届满', nextStep: '组织换届选举', manual: false, ...overrides }
}

describe('a checklist line (规范化建设)', () => {
  it('shows a failing item with what the data says and what to do next', () => {
    render(<CheckLine item={buildItem()} onTick={jest.fn()} />)
    const line = screen.getByRole('listitem', { name: '按期换届' })
    expect(line.textContent).toContain('未达标')
    expect(line.textContent).toContain('2026-09-30 届满')
    expect(line.textContent).toContain('下一步：组织换届选举')
    expect(within(line).queryByRole('button')).toBeNull()
  })

  it('an item without data says 数据待接入 and has no next step', () => {
    render(<CheckLine item={buildItem({ key: 'fund_notice', label: '每季度公开经费收支', status: 'unscored', detail: '数据待接入', nextStep: null })} onTick={jest.fn()} />)
    const line = screen.getByRole('listitem', { name: '每季度公开经费收支' })
    expect(line.textContent).toContain('数据待接入')
    expect(line.textContent).not.toContain('下一步')
  })

  it('a manual item is confirmed with a note, and a confirmed one can be withdrawn', async () => {
    const onTick = jest.fn().mockResolvedValue(undefined)
    const { unmount } = render(<CheckLine item={buildItem({ key: 'office', label: '有固定办公场所', manual: true, nextStep: '落实办公场所' })} onTick={onTick} />)
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '确认已落实' }))
    })
    expect(onTick).toHaveBeenCalledWith(true, '')
    unmount()
    render(<CheckLine item={buildItem({ key: 'office', label: '有固定办公场所', manual: true, status: 'pass', detail: '已确认：二楼', nextStep: null, note: '二楼' })} onTick={onTick} />)
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '撤销确认' }))
    })
    expect(onTick).toHaveBeenLastCalledWith(false, '二楼')
  })
})
