import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { ExportTools } from './export-tools'

function renderTools(canExportFull: boolean, onExportFull = jest.fn(() => Promise.resolve())) {
  const onExport = jest.fn(() => Promise.resolve())
  render(<ExportTools canExportFull={canExportFull} onExport={onExport} onExportFull={onExportFull} onImport={jest.fn()} />)
  return { onExport, onExportFull }
}

describe('roster export tools', () => {
  it('offers staff the masked export only', async () => {
    const { onExport } = renderTools(false)
    await act(async () => {
      fireEvent.click(screen.getByText('导出名册 .xlsx（号码打码）'))
    })
    expect(onExport).toHaveBeenCalled()
    expect(screen.queryByText('报送用完整导出')).toBeNull()
  })

  it('lets the chair export the full roster for 报送 only with a reason, and shows a refusal in the dialog', async () => {
    const onExportFull = jest.fn().mockRejectedValueOnce(new Error('完整名册每个工会每天最多导出 3 次，请明天再试')).mockResolvedValueOnce(undefined)
    renderTools(true, onExportFull)
    fireEvent.click(screen.getByText('报送用完整导出'))
    const dialog = screen.getByRole('dialog', { name: '完整导出会员名册（报送全省实名制系统）' })
    expect(within(dialog).getByText(/写入文件属性并记入审计日志；每个工会每天最多导出 3 次/)).toBeTruthy()
    fireEvent.click(within(dialog).getByText('导出'))
    expect(within(dialog).getByRole('alert').textContent).toBe('请填写理由（至少 2 个字）')
    expect(onExportFull).not.toHaveBeenCalled()
    fireEvent.change(within(dialog).getByLabelText('导出事由'), { target: { value: '报送全省工会会员实名制系统' } })
    fireEvent.click(within(dialog).getByText('导出'))
    await waitFor(() => expect(within(dialog).getByRole('alert').textContent).toContain('每天最多导出 3 次'))
    expect(onExportFull).toHaveBeenCalledWith('报送全省工会会员实名制系统')
    fireEvent.click(within(dialog).getByText('导出'))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(onExportFull).toHaveBeenCalledTimes(2)
  })
})
