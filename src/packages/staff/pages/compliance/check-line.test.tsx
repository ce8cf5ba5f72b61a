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

  it('a manual item is confirmed with a photo and a note, and a confirmed one can be withdrawn', async () => {
    const onTick = jest.fn().mockResolvedValue(undefined)
    const pickPhoto = jest.fn().mockResolvedValue({ name: 'a.jpg', base64: '/9j/AAAA', size: 6 })
    const { unmount } = render(<CheckLine item={buildItem({ key: 'office', label: '有固定办公场所', manual: true, nextStep: '落实办公场所' })} onTick={onTick} pickPhoto={pickPhoto} />)
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '拍照确认' }))
    })
    expect(pickPhoto).toHaveBeenCalled()
    expect(onTick).toHaveBeenCalledWith(true, '', '/9j/AAAA')
    unmount()
    render(<CheckLine item={buildItem({ key: 'office', label: '有固定办公场所', manual: true, status: 'pass', detail: '已确认：二楼', nextStep: null, note: '二楼', photo: { mimeType: 'image/jpeg', sizeBytes: 6, at: '2026-11-25T00:00:00Z' } })} onTick={onTick} />)
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '撤销确认' }))
    })
    expect(onTick).toHaveBeenLastCalledWith(false, '二楼')
  })

  it('a cancelled picker sends nothing; a photo over 2 MB is refused before sending', async () => {
    const onTick = jest.fn().mockResolvedValue(undefined)
    const pickPhoto = jest.fn().mockResolvedValueOnce(null).mockResolvedValueOnce({ name: 'big.jpg', base64: 'AAAA', size: 2 * 1024 * 1024 + 1 })
    render(<CheckLine item={buildItem({ key: 'sign', label: '工会牌子已挂', manual: true })} onTick={onTick} pickPhoto={pickPhoto} />)
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '拍照确认' }))
    })
    expect(onTick).not.toHaveBeenCalled()
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '拍照确认' }))
    })
    expect(onTick).not.toHaveBeenCalled()
    expect(screen.getByRole('alert').textContent).toContain('2 MB')
  })

  it('a confirmed item shows its evidence photo on request, and a refusal from the server next to the item', async () => {
    const loadPhoto = jest.fn().mockResolvedValue('data:image/png;base64,iVBORw0KGgo=')
    const onTick = jest.fn().mockRejectedValue(new Error('勾选此项须上传一张照片作为佐证'))
    render(<CheckLine item={buildItem({ key: 'seal', label: '工会印章已刻制', manual: true, status: 'pass', detail: '已确认（有照片佐证）', nextStep: null, photo: { mimeType: 'image/png', sizeBytes: 8, at: '2026-11-25T00:00:00Z' } })} onTick={onTick} loadPhoto={loadPhoto} pickPhoto={async () => ({ name: 'x.png', base64: 'iVBO', size: 4 })} />)
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '查看照片' }))
    })
    expect(screen.getByLabelText('工会印章已刻制佐证照片').getAttribute('src')).toBe('data:image/png;base64,iVBORw0KGgo=')
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '更换照片' }))
    })
    expect(screen.getByRole('alert').textContent).toContain('佐证')
  })
})
