import { act, fireEvent, render, screen, within } from '@testing-library/react'
import type { RosterItem } from '@cloud/contract'
import { HolderPicker, type Holder } from './holder-picker'

// The search is injected; the real client (leancloud-storage) is not loaded in jsdom.
jest.mock('../../../../services/cloud', () => ({ call: jest.fn(), toCloudError: (e: unknown) => e }))

function member(name: string, memberId: string): RosterItem {
  return { memberId, name, memberNo: `CY01-00000${memberId.slice(-1)}`, unitName: '味香园', idNumberMasked: '110***********1234', phoneMasked: '138****5678', status: 'active', gender: 'female', job: '厨师', joinedAt: '2026-01-01T00:00:00Z', leftAt: null } as RosterItem
}

function typeInto(label: string, value: string) {
  fireEvent.input(screen.getByLabelText(label), { target: { value } })
  fireEvent.change(screen.getByLabelText(label), { target: { value } })
}

describe('picking a seat holder (委员会任职)', () => {
  it('searches the roster and picks a member by id', async () => {
    const search = jest.fn().mockResolvedValue([member('王芳', 'mbr_1'), member('王丽', 'mbr_2')])
    const onChange = jest.fn<void, [Holder]>()
    render(<HolderPicker unionId='bu-cy01' label='工会委员会' value={null} onChange={onChange} search={search} />)
    typeInto('工会委员会新任人员姓名', '王')
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '从名册查找' }))
    })
    expect(search).toHaveBeenCalledWith('bu-cy01', '王')
    const list = screen.getByRole('list', { name: '工会委员会名册查找结果' })
    fireEvent.click(within(list).getByRole('button', { name: '选择 王丽' }))
    expect(onChange).toHaveBeenCalledWith({ memberId: 'mbr_2', name: '王丽' })
  })

  it('says when nobody is found, and keeps a typed name for a non-member', async () => {
    const onChange = jest.fn<void, [Holder]>()
    render(<HolderPicker unionId='bu-cy01' label='工会委员会' value={null} onChange={onChange} search={jest.fn().mockResolvedValue([])} />)
    typeInto('工会委员会新任人员姓名', '周经理')
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '从名册查找' }))
    })
    expect(screen.getByText(/名册中没有找到/)).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: '非会员，按姓名登记' }))
    expect(onChange).toHaveBeenCalledWith({ personName: '周经理' })
  })

  it('shows the chosen holder with a way to choose again', () => {
    const onChange = jest.fn<void, [Holder]>()
    render(<HolderPicker unionId='bu-cy01' label='工会委员会' value={{ memberId: 'mbr_2', name: '王丽' }} onChange={onChange} />)
    expect(screen.getByText('王丽（会员）')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: '重新选择' }))
    expect(onChange).toHaveBeenCalledWith(null)
  })
})
