import { fireEvent, render, screen } from '@testing-library/react'
import { CloudError } from '../../services/cloud-error'
import { LoadStatus } from '.'

describe('加载状态', () => {
  it('says 正在加载… while nothing went wrong', () => {
    render(<LoadStatus problemClassName='notice__problem' error={null} onRetry={jest.fn()} />)
    expect(screen.getByRole('status').textContent).toBe('正在加载…')
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('shows a failed load with 重试 in the page\'s problem block', () => {
    const onRetry = jest.fn()
    const { container } = render(<LoadStatus problemClassName='notices__problem' error={new CloudError('network_error', '网络不通')} onRetry={onRetry} />)
    expect(screen.getByRole('alert').textContent).toBe('网络不通')
    expect(container.querySelector('.notices__problem')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: '重试' }))
    expect(onRetry).toHaveBeenCalledTimes(1)
  })

  it('says what is missing without 重试, which cannot help', () => {
    render(<LoadStatus problemClassName='notice__problem' error={null} missing='没有指定要查看的公示' onRetry={jest.fn()} />)
    expect(screen.getByRole('alert').textContent).toBe('没有指定要查看的公示')
    expect(screen.queryByRole('button')).toBeNull()
    expect(screen.queryByRole('status')).toBeNull()
  })
})
