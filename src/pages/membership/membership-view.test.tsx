import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { MyRequests, TransferItem } from '@cloud/contract'
import { transferTargets } from '../../lib/transfer-targets'
import { buildOrgTree } from '../../../tests/ui/factories'
import { lifecycleLine } from '../mine/mine-view'
import { DELETE_CONSEQUENCE, LEAVE_CONSEQUENCE, MembershipView, type MembershipViewProps } from './membership-view'

function buildData(overrides: Partial<MyRequests> = {}): MyRequests {
  return {
    member: { id: 'm-1', unionId: 'u-base-2', unionName: '老街面馆工会', memberNo: 'LJ-000007', status: 'active' },
    transfers: [],
    requests: [],
    retentionYears: 3,
    ...overrides,
  }
}

function buildTransfer(overrides: Partial<TransferItem> = {}): TransferItem {
  return {
    id: 't-1',
    status: 'pending',
    memberId: 'm-1',
    memberName: '张晓梅',
    gender: 'female',
    idNumberMasked: '110***********1234',
    phoneMasked: '138****0000',
    job: '厨师',
    fromUnionId: 'u-base-2',
    fromUnionName: '老街面馆工会',
    fromMemberNo: 'LJ-000007',
    toUnionId: 'u-base-1',
    toUnionName: '青山饭店联合工会',
    toUnitId: 'unit-2',
    toUnitName: '湖畔小馆',
    reason: '更换工作单位',
    initiatedAs: 'member',
    createdAt: '2026-11-25T02:00:00.000Z',
    decidedAt: null,
    decisionNote: null,
    newMemberNo: null,
    ...overrides,
  }
}

function renderView(props: Partial<MembershipViewProps> = {}) {
  const handlers = {
    onTransfer: jest.fn(),
    onCancelTransfer: jest.fn(),
    onLeave: jest.fn(),
    onDownload: jest.fn(),
    onCorrect: jest.fn(),
    onDelete: jest.fn(),
    confirm: jest.fn(async () => true),
  }
  render(<MembershipView data={buildData()} targets={transferTargets(buildOrgTree(), 'u-base-2')} {...handlers} {...props} />)
  return handlers
}

describe('会籍与个人信息', () => {
  it('offers the other unions of the tree as transfer targets, the industry union with a typed employer', () => {
    const targets = transferTargets(buildOrgTree(), 'u-base-2')
    expect(targets.map((t) => t.unionId)).toEqual(['u-base-1', 'u-industry'])
    expect(targets[1]).toMatchObject({ allowOther: true, units: [{ id: 'unit-4', name: '山路快餐店' }] })
  })

  it('asks for a transfer with a union, a unit and a reason', () => {
    const { onTransfer } = renderView()
    fireEvent.click(screen.getByText('转会'))
    fireEvent.click(screen.getByText('提交转会申请'))
    expect(screen.getByRole('alert').textContent).toBe('请选择要转入的工会')
    fireEvent.click(screen.getByRole('radio', { name: '青山饭店联合工会' }))
    fireEvent.click(screen.getByText('提交转会申请'))
    expect(screen.getByRole('alert').textContent).toBe('请选择新的工作单位')
    fireEvent.click(screen.getByRole('radio', { name: '湖畔小馆' }))
    fireEvent.change(screen.getByLabelText('转会原因'), { target: { value: '更换工作单位' } })
    fireEvent.click(screen.getByText('提交转会申请'))
    expect(onTransfer).toHaveBeenCalledWith({ toUnionId: 'u-base-1', toUnitId: 'unit-2', reason: '更换工作单位' })
  })

  it('takes an unlisted employer for the industry union', () => {
    const { onTransfer } = renderView()
    fireEvent.click(screen.getByText('转会'))
    fireEvent.click(screen.getByRole('radio', { name: '青山县餐饮行业工会联合会（直接入会）' }))
    fireEvent.click(screen.getByRole('radio', { name: '其他单位' }))
    fireEvent.change(screen.getByLabelText('单位名称'), { target: { value: '新开的面馆' } })
    fireEvent.change(screen.getByLabelText('转会原因'), { target: { value: '单位关停' } })
    fireEvent.click(screen.getByText('提交转会申请'))
    expect(onTransfer).toHaveBeenCalledWith({ toUnionId: 'u-industry', toUnitName: '新开的面馆', reason: '单位关停' })
  })

  it('shows a pending transfer with 撤回 instead of a new transfer', () => {
    const { onCancelTransfer } = renderView({ data: buildData({ transfers: [buildTransfer()] }) })
    expect(screen.getByText('转往“青山饭店联合工会”（湖畔小馆）：待接收')).toBeTruthy()
    expect(screen.queryByText('转会')).toBeNull()
    fireEvent.click(screen.getByText('撤回转会'))
    expect(onCancelTransfer).toHaveBeenCalledWith('t-1')
  })

  it('leaves only after a reason and a modal that names the consequence', async () => {
    const { onLeave, confirm } = renderView()
    fireEvent.click(screen.getByText('退会'))
    expect(screen.getByRole('dialog', { name: '确认退会' })).toBeTruthy()
    fireEvent.click(screen.getByText('确定退会'))
    expect(confirm).not.toHaveBeenCalled()
    fireEvent.change(screen.getByLabelText('退会原因'), { target: { value: '离开本行业' } })
    fireEvent.click(screen.getByText('确定退会'))
    await waitFor(() => expect(onLeave).toHaveBeenCalledWith('离开本行业'))
    expect(confirm).toHaveBeenCalledWith({ title: '确定退会？', content: LEAVE_CONSEQUENCE, confirmText: '确定退会' })
  })

  it('does nothing when the modal is cancelled; 退会 and 注销删除 look destructive', async () => {
    const confirm = jest.fn(async () => false)
    const { onLeave, onDelete } = renderView({ confirm })
    for (const label of ['退会', '申请注销删除']) expect(screen.getByText(label).closest('.nut-button')?.className).toMatch(/nut-button-danger/)
    fireEvent.click(screen.getByText('申请注销删除'))
    expect(screen.getByText('确定申请').closest('.nut-button')?.className).toMatch(/nut-button-danger/)
    fireEvent.click(screen.getByText('确定申请'))
    await waitFor(() => expect(confirm).toHaveBeenCalledWith(expect.objectContaining({ content: DELETE_CONSEQUENCE })))
    expect(onDelete).not.toHaveBeenCalled()
    expect(onLeave).not.toHaveBeenCalled()
  })

  it('asks for a correction and for deletion; downloads my data', async () => {
    const { onCorrect, onDelete, onDownload } = renderView()
    fireEvent.click(screen.getByText('申请更正'))
    fireEvent.click(screen.getByRole('radio', { name: '岗位' }))
    fireEvent.change(screen.getByLabelText('正确的内容'), { target: { value: '厨师长' } })
    fireEvent.click(screen.getByText('提交更正申请'))
    expect(onCorrect).toHaveBeenCalledWith({ field: 'job', value: '厨师长' })
    fireEvent.click(screen.getByText('申请注销删除'))
    fireEvent.click(screen.getByText('确定申请'))
    await waitFor(() => expect(onDelete).toHaveBeenCalledWith(undefined))
    fireEvent.click(screen.getByText('下载我的数据'))
    expect(onDownload).toHaveBeenCalled()
  })

  it('a former member can still download and ask for deletion, not transfer or leave', () => {
    renderView({ data: buildData({ member: { id: 'm-1', unionId: 'u-base-2', unionName: '老街面馆工会', memberNo: 'LJ-000007', status: 'left' } }) })
    expect(screen.getByText('下载我的数据')).toBeTruthy()
    expect(screen.getByText('申请注销删除')).toBeTruthy()
    expect(screen.queryByText('转会')).toBeNull()
    expect(screen.queryByText('退会')).toBeNull()
  })

  it('the 我的 entry says what is pending', () => {
    expect(lifecycleLine(null)).toBe('转会、退会、下载我的数据、申请更正或注销')
    expect(lifecycleLine(buildData({ transfers: [buildTransfer()] }))).toBe('转会待接收：转往“青山饭店联合工会”')
    const request = { id: 'r', kind: 'deletion' as const, status: 'pending' as const, memberId: 'm-1', memberName: '张晓梅', memberNo: 'x', field: null, currentValue: null, requestedValue: null, note: null, createdAt: '', handledAt: null, response: null }
    expect(lifecycleLine(buildData({ requests: [request] }))).toBe('注销申请待工会处理')
  })
})

it('closes the form once the step succeeded', () => {
  const handlers = { onTransfer: jest.fn(), onCancelTransfer: jest.fn(), onLeave: jest.fn(), onDownload: jest.fn(), onCorrect: jest.fn(), onDelete: jest.fn() }
  const targets = transferTargets(buildOrgTree(), 'u-base-2')
  const { rerender } = render(<MembershipView data={buildData()} targets={targets} {...handlers} />)
  fireEvent.click(screen.getByText('申请更正'))
  expect(screen.getByRole('form', { name: '申请更正' })).toBeTruthy()
  rerender(<MembershipView data={buildData()} targets={targets} message='已提交更正申请，工会核实后更正' {...handlers} />)
  expect(screen.queryByRole('form', { name: '申请更正' })).toBeNull()
})
