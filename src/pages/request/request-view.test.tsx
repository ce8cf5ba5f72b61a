import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { RequestDetail } from '@cloud/contract'
import { buildRequestItem } from '../../../tests/ui/factories'
import { RequestView } from './request-view'

function buildRequest(over: Partial<RequestDetail> = {}): RequestDetail {
  return {
    ...buildRequestItem({ newReplies: 1 }),
    text: '洗碗间地面很滑，建议铺防滑垫。',
    viewer: 'owner',
    thread: [{ id: 'm1', author: 'staff', kind: 'reply', authorName: '李干部', body: '本周内更换。', at: '2026-11-21T02:00:00.000Z' }],
    firstReplyAt: '2026-11-21T02:00:00.000Z',
    closedAt: null,
    rating: null,
    ratingComment: null,
    canReply: true,
    canClose: false,
    canRate: false,
    canEscalate: false,
    ...over,
  }
}

function renderView(request: RequestDetail) {
  const handlers = {
    onLoadPhoto: jest.fn(() => Promise.resolve()),
    onReply: jest.fn(() => Promise.resolve()),
    onClose: jest.fn(() => Promise.resolve()),
    onRate: jest.fn(() => Promise.resolve()),
  }
  render(<RequestView request={request} photoUrl={null} {...handlers} />)
  return handlers
}

describe('诉求详情', () => {
  it('the member sees the union\'s answer and may follow up', async () => {
    const h = renderView(buildRequest())
    expect(screen.getByText('本周内更换。')).toBeTruthy()
    expect(screen.getByText(/工会答复 · 李干部/)).toBeTruthy()
    expect(screen.queryByLabelText('提交人')).toBeNull()
    expect(screen.queryByLabelText('办结说明')).toBeNull()
    fireEvent.change(screen.getByLabelText('追问'), { target: { value: '谢谢' } })
    fireEvent.click(screen.getByRole('button', { name: '发送' }))
    await waitFor(() => expect(h.onReply).toHaveBeenCalledWith('谢谢'))
  })

  it('staff see 匿名会员 on an anonymous request, answer and close it', async () => {
    const h = renderView(buildRequest({ viewer: 'handler', anonymous: true, person: null, canClose: true, status: 'pending', thread: [] }))
    expect(screen.getByLabelText('提交人').textContent).toBe('提交人：匿名会员')
    expect(screen.getByText('工会尚未答复')).toBeTruthy()
    fireEvent.change(screen.getByLabelText('答复'), { target: { value: '已收到' } })
    fireEvent.click(screen.getByRole('button', { name: '发送答复' }))
    await waitFor(() => expect(h.onReply).toHaveBeenCalledWith('已收到'))
    fireEvent.change(screen.getByLabelText('办结说明'), { target: { value: '已解决' } })
    fireEvent.click(screen.getByRole('button', { name: '办结' }))
    await waitFor(() => expect(h.onClose).toHaveBeenCalledWith('已解决'))
  })

  it('the member rates a closed request', async () => {
    const h = renderView(buildRequest({ status: 'closed', canReply: false, canRate: true }))
    expect(screen.queryByLabelText('追问')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: '满意' }))
    await waitFor(() => expect(h.onRate).toHaveBeenCalledWith(true))
  })
})
