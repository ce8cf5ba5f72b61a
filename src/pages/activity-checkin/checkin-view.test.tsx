import { fireEvent, render, screen } from '@testing-library/react'
import { CheckInView, type CheckInViewProps } from './checkin-view'

function renderCheckIn(overrides: Partial<CheckInViewProps> = {}) {
  const props: CheckInViewProps = {
    code: '',
    onCode: jest.fn(),
    onSubmit: jest.fn(),
    busy: false,
    result: null,
    canRetry: false,
    onRetry: jest.fn(),
    canScan: false,
    scanning: false,
    inlinePreview: true,
    onScan: jest.fn(),
    onStopScan: jest.fn(),
    ...overrides,
  }
  render(<CheckInView {...props} />)
  return props
}

describe('活动签到', () => {
  it('takes a typed code when there is no camera', () => {
    const props = renderCheckIn({ code: '123456' })
    expect(screen.queryByRole('button', { name: '扫码签到' })).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: '提交签到' }))
    expect(props.onSubmit).toHaveBeenCalled()
  })

  it('offers the camera where there is one', () => {
    const props = renderCheckIn({ canScan: true })
    fireEvent.click(screen.getByRole('button', { name: '扫码签到' }))
    expect(props.onScan).toHaveBeenCalled()
  })

  it('shows success as a status and a refusal as an alert', () => {
    renderCheckIn({ result: { tone: 'success', title: '签到成功', detail: '运动会 · 5月1日（周五）09:05' } })
    expect(screen.getByRole('status').textContent).toContain('签到成功')
  })

  it('offers 重试 when the attempt did not reach the server', () => {
    const props = renderCheckIn({ result: { tone: 'error', title: '网络不通', detail: '…' }, canRetry: true })
    expect(screen.getByRole('alert').textContent).toContain('网络不通')
    fireEvent.click(screen.getByRole('button', { name: '重试' }))
    expect(props.onRetry).toHaveBeenCalled()
  })
})
