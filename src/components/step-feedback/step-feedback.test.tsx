import { render, screen } from '@testing-library/react'
import { StepFeedback } from '.'

describe('一步操作的结果', () => {
  it('announces the message politely in the page\'s class and the refusal at once', () => {
    const { container } = render(<StepFeedback message='已上传' messageClassName='page__line' problem='文件太大' />)
    expect(screen.getByRole('status').textContent).toBe('已上传')
    expect(container.querySelector('.page__line')).toBe(screen.getByRole('status'))
    expect(screen.getByRole('alert').textContent).toBe('文件太大')
  })

  it('shows nothing without a message or a refusal', () => {
    const { container } = render(<StepFeedback message={null} messageClassName='page__line' problem={undefined} />)
    expect(container.innerHTML).toBe('')
  })
})
