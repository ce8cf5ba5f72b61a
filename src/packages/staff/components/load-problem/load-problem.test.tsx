import { fireEvent, render, screen } from '@testing-library/react'
import { LoadProblem } from '.'

it('announces the problem and retries on tap', () => {
  const onRetry = jest.fn()
  render(<LoadProblem message='网络不通，请稍后再试' onRetry={onRetry} />)
  expect(screen.getByRole('alert').textContent).toBe('网络不通，请稍后再试')
  fireEvent.click(screen.getByText('重试'))
  expect(onRetry).toHaveBeenCalledTimes(1)
})

it('takes the page class in place of its own', () => {
  const { container } = render(<LoadProblem className='roster__problem' message='网络不通' onRetry={jest.fn()} />)
  expect(container.querySelector('.roster__problem')).toBeTruthy()
  expect(container.querySelector('.load-problem')).toBeNull()
})
