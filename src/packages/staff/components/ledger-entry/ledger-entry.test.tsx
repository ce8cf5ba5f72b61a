import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { buildLedgerItem, CAN_ALL, CAN_REVIEWER, CAN_STAFF } from '../../../../../tests/ui/fund-factories'
import { LedgerEntry } from '.'

describe('a ledger entry', () => {
  it('lets the chair approve spending someone else recorded', async () => {
    const onAction = jest.fn(() => Promise.resolve())
    render(<LedgerEntry item={buildLedgerItem()} can={CAN_ALL} onAction={onAction} />)
    expect(screen.getByText('待主席审批')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: '批准' }))
    await waitFor(() => expect(onAction).toHaveBeenCalledWith(expect.objectContaining({ id: 'fe-1' }), { kind: 'approve', acknowledgeFlags: false }))
  })

  it('asks the chair to confirm a flag before approving', async () => {
    const onAction = jest.fn(() => Promise.resolve())
    render(<LedgerEntry item={buildLedgerItem({ flags: [{ code: 'gift_cap_exceeded', message: '节日慰问每人全年累计 1,900.00 元，超过本工会标准 1,500.00 元' }] })} can={CAN_ALL} onAction={onAction} />)
    expect(screen.getByRole('alert').textContent).toContain('超过本工会标准')
    fireEvent.click(screen.getByRole('button', { name: '确认提示并批准' }))
    await waitFor(() => expect(onAction).toHaveBeenCalledWith(expect.anything(), { kind: 'approve', acknowledgeFlags: true }))
  })

  it('never offers approval of one\'s own entry, nor to staff or the reviewer', () => {
    const { rerender } = render(<LedgerEntry item={buildLedgerItem({ mine: true })} can={CAN_ALL} onAction={jest.fn()} />)
    expect(screen.queryByRole('button', { name: '批准' })).toBeNull()
    rerender(<LedgerEntry item={buildLedgerItem()} can={CAN_STAFF} onAction={jest.fn()} />)
    expect(screen.queryByRole('button', { name: '批准' })).toBeNull()
    rerender(<LedgerEntry item={buildLedgerItem()} can={CAN_REVIEWER} onAction={jest.fn()} />)
    expect(screen.queryByRole('button', { name: '批准' })).toBeNull()
    expect(screen.getByRole('button', { name: '提出意见' })).toBeTruthy()
  })

  it('asks for a reason to reverse a posted entry; reviewers cannot reverse', async () => {
    const onAction = jest.fn(() => Promise.resolve())
    const posted = buildLedgerItem({ status: 'posted', approval: { decision: 'approve', byName: '王主席', at: '2026-08-21T03:00:00.000Z', note: null } })
    const { rerender } = render(<LedgerEntry item={posted} can={CAN_STAFF} onAction={onAction} />)
    fireEvent.click(screen.getByRole('button', { name: '冲正' }))
    fireEvent.click(screen.getByRole('button', { name: '确认冲正' }))
    expect(screen.getByRole('alert').textContent).toBe('请填写内容')
    fireEvent.change(screen.getByLabelText('冲正原因'), { target: { value: '金额录错' } })
    fireEvent.click(screen.getByRole('button', { name: '确认冲正' }))
    await waitFor(() => expect(onAction).toHaveBeenCalledWith(expect.anything(), { kind: 'reverse', reason: '金额录错' }))
    rerender(<LedgerEntry item={posted} can={CAN_REVIEWER} onAction={onAction} />)
    expect(screen.queryByRole('button', { name: '冲正' })).toBeNull()
    rerender(<LedgerEntry item={{ ...posted, reversedById: 'fe-2' }} can={CAN_STAFF} onAction={onAction} />)
    expect(screen.queryByRole('button', { name: '冲正' })).toBeNull()
    expect(screen.getByText('已冲正')).toBeTruthy()
  })

  it('shows a refusal from the server under the entry', async () => {
    const onAction = jest.fn(() => Promise.reject(new Error('记账人不能审批自己录入的支出')))
    render(<LedgerEntry item={buildLedgerItem()} can={CAN_ALL} onAction={onAction} />)
    fireEvent.click(screen.getByRole('button', { name: '批准' }))
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('记账人不能审批自己录入的支出'))
  })

  it('shows dues with the member for staff, and only a count otherwise', () => {
    const { rerender } = render(<LedgerEntry item={buildLedgerItem({ direction: 'income', category: '会费收入', status: 'posted', dues: { memberCount: 1, memberName: '张三', memberNo: 'CY01-000001' } })} can={CAN_STAFF} onAction={jest.fn()} />)
    expect(screen.getByText('会费 · 张三（CY01-000001）')).toBeTruthy()
    rerender(<LedgerEntry item={buildLedgerItem({ direction: 'income', category: '会费收入', status: 'posted', dues: { memberCount: 1 } })} can={CAN_REVIEWER} onAction={jest.fn()} />)
    expect(screen.getByText('会费 · 1 人')).toBeTruthy()
  })
})
