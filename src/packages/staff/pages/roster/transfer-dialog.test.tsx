import { fireEvent, render, screen } from '@testing-library/react'
import { transferTargets } from '../../../../lib/transfer-targets'
import { buildOrgTree } from '../../../../../tests/ui/factories'
import { TransferDialog } from './transfer-dialog'

describe('转出 dialog (roster)', () => {
  it('asks for the receiving union, the unit where there is a choice, and a reason', () => {
    const onConfirm = jest.fn()
    render(<TransferDialog memberName='张晓梅' targets={transferTargets(buildOrgTree(), 'u-base-2')} onConfirm={onConfirm} onCancel={jest.fn()} />)
    expect(screen.getByRole('dialog', { name: '为 张晓梅 办理转出' })).toBeTruthy()
    expect(screen.queryByRole('radio', { name: '老街面馆工会' })).toBeNull()
    fireEvent.click(screen.getByText('提交转出'))
    expect(screen.getByRole('alert').textContent).toBe('请选择转入工会')
    fireEvent.click(screen.getByRole('radio', { name: '青山饭店联合工会' }))
    fireEvent.change(screen.getByLabelText('转出原因'), { target: { value: '调到新单位工作' } })
    fireEvent.click(screen.getByText('提交转出'))
    expect(screen.getByRole('alert').textContent).toBe('请选择新的工作单位')
    fireEvent.click(screen.getByRole('radio', { name: '青山饭店' }))
    fireEvent.click(screen.getByText('提交转出'))
    expect(onConfirm).toHaveBeenCalledWith({ toUnionId: 'u-base-1', toUnitId: 'unit-1', reason: '调到新单位工作' })
  })
})
