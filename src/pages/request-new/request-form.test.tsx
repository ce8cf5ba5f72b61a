import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { CloudError } from '../../services/cloud-error'
import { RequestForm } from './request-form'

function renderForm(onSubmit = jest.fn(() => Promise.resolve()), onPickPhoto = jest.fn(() => Promise.resolve({ base64: 'iVBORw0KGgo=', preview: 'blob:photo' }))) {
  render(<RequestForm requestId='rq-test-1' onSubmit={onSubmit} onPickPhoto={onPickPhoto} />)
  return { onSubmit, onPickPhoto }
}

describe('我要反映', () => {
  it('marks a missing category and too short a text before sending', async () => {
    const { onSubmit } = renderForm()
    fireEvent.change(screen.getByLabelText('内容'), { target: { value: '太短' } })
    fireEvent.click(screen.getByRole('button', { name: '提交' }))
    expect(await screen.findByRole('alert', { name: '类别：请选择类别' })).toBeTruthy()
    expect(screen.getByRole('alert', { name: '内容：请至少写 5 个字' })).toBeTruthy()
    expect(onSubmit).not.toHaveBeenCalled()
  })

  it('sends category, text, anonymity, the photo and the request id', async () => {
    const { onSubmit } = renderForm()
    fireEvent.click(screen.getByRole('radio', { name: '劳动报酬' }))
    fireEvent.change(screen.getByLabelText('内容'), { target: { value: '  上个月加班费没有发。 ' } })
    fireEvent.click(screen.getByRole('button', { name: '添加照片' }))
    expect(await screen.findByLabelText('已选照片')).toBeTruthy()
    fireEvent.click(screen.getByRole('radio', { name: '匿名' }))
    expect(screen.getByText(/工会干部看不到你的姓名/)).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: '提交' }))
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({ category: 'wages', text: '上个月加班费没有发。', anonymous: true, requestId: 'rq-test-1', photoBase64: 'iVBORw0KGgo=' }),
    )
  })

  it('shows the server\'s refusal (the daily limit)', async () => {
    const onSubmit = jest.fn(() => Promise.reject(new CloudError('rate_limited', '24 小时内最多提交 10 条诉求，请明天再提交', 429)))
    renderForm(onSubmit)
    fireEvent.click(screen.getByRole('radio', { name: '意见建议' }))
    fireEvent.change(screen.getByLabelText('内容'), { target: { value: '建议增加夜班热餐。' } })
    fireEvent.click(screen.getByRole('button', { name: '提交' }))
    expect((await screen.findByRole('alert')).textContent).toBe('24 小时内最多提交 10 条诉求，请明天再提交')
  })
})
