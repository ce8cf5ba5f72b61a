import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { EntryForm } from './entry-form'

function renderForm(onSubmit = jest.fn(() => Promise.resolve())) {
  render(<EntryForm unionId='u-1' today='2026-11-25' settings={null} requestId='entry-test-0001' receipts={[]} onSubmit={onSubmit} />)
  return { onSubmit }
}

function choose(group: string, option: RegExp | string) {
  fireEvent.click(within(screen.getByRole('radiogroup', { name: group })).getByRole('radio', { name: option }))
}

describe('记一笔 form', () => {
  it('sends an income in fen with its funding route', async () => {
    const { onSubmit } = renderForm()
    choose('科目', /^拨缴经费收入/)
    fireEvent.change(screen.getByLabelText('金额（元）'), { target: { value: '1,200.5' } })
    fireEvent.change(screen.getByLabelText('用途'), { target: { value: '拨缴经费' } })
    fireEvent.click(screen.getByRole('button', { name: '提交' }))
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({
        unionId: 'u-1',
        date: '2026-11-25',
        direction: 'income',
        category: '拨缴经费收入',
        amountFen: 120_050,
        purpose: '拨缴经费',
        requestId: 'entry-test-0001',
        fundingRoute: 'employer',
      }),
    )
  })

  it('marks the fields the server would refuse before sending', () => {
    const { onSubmit } = renderForm()
    fireEvent.change(screen.getByLabelText('日期'), { target: { value: '2026-02-30' } })
    fireEvent.change(screen.getByLabelText('金额（元）'), { target: { value: '12.345' } })
    fireEvent.click(screen.getByRole('button', { name: '提交' }))
    expect(onSubmit).not.toHaveBeenCalled()
    expect(screen.getByText('请选择科目')).toBeTruthy()
    expect(screen.getByText('请填写金额，如 1200 或 1200.50')).toBeTruthy()
    expect(screen.getByText('日期不存在')).toBeTruthy()
    expect(screen.getByText('请填写用途')).toBeTruthy()
  })

  it('records a holiday gift with its recipients, and warns about the rules', async () => {
    const { onSubmit } = renderForm()
    choose('收支', '支出')
    choose('科目', /^职工活动支出/)
    choose('明细项目', '会员活动')
    fireEvent.change(screen.getByLabelText('金额（元）'), { target: { value: '1200' } })
    fireEvent.change(screen.getByLabelText('用途'), { target: { value: '中秋慰问品' } })
    choose('是否为慰问品、福利', '是')
    expect(screen.getByText(/不得发放现金、购物卡、代金券/)).toBeTruthy()
    fireEvent.change(screen.getByLabelText('受惠人数'), { target: { value: '6' } })
    fireEvent.click(screen.getByRole('button', { name: '提交' }))
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ direction: 'expense', subCategory: '会员活动', amountFen: 120_000, gift: { kind: 'holiday', form: 'goods', recipients: 'members', recipientCount: 6 } })),
    )
  })

  it('shows the server\'s field problems next to the fields', async () => {
    const onSubmit = jest.fn(() => Promise.reject(Object.assign(new Error('慰问品不得发放现金、购物卡或代金券'), { fields: [{ path: 'gift.form', message: '慰问品不得发放现金、购物卡或代金券' }] })))
    renderForm(onSubmit)
    choose('收支', '支出')
    choose('科目', /^职工活动支出/)
    fireEvent.change(screen.getByLabelText('金额（元）'), { target: { value: '100' } })
    fireEvent.change(screen.getByLabelText('用途'), { target: { value: '慰问' } })
    choose('是否为慰问品、福利', '是')
    choose('发放形式', '现金')
    fireEvent.change(screen.getByLabelText('受惠人数'), { target: { value: '1' } })
    fireEvent.click(screen.getByRole('button', { name: '提交' }))
    await waitFor(() => expect(screen.getAllByText('慰问品不得发放现金、购物卡或代金券').length).toBeGreaterThanOrEqual(2))
  })
})
