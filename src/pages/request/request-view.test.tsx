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
    onEscalate: jest.fn(() => Promise.resolve()),
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

  it('staff hand a request to the industry union with a reason; the button waits for 5 characters', async () => {
    const h = renderView(buildRequest({ viewer: 'handler', canClose: true, canEscalate: true }))
    expect(screen.queryByLabelText('转交理由')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: '转交行业工会' }))
    fireEvent.change(screen.getByLabelText('转交理由'), { target: { value: '涉及' } })
    const confirm = screen.getByRole('button', { name: '确认转交' })
    fireEvent.click(confirm)
    expect(h.onEscalate).not.toHaveBeenCalled()
    fireEvent.change(screen.getByLabelText('转交理由'), { target: { value: ' 涉及与企业管理层的争议 ' } })
    fireEvent.click(screen.getByRole('button', { name: '确认转交' }))
    await waitFor(() => expect(h.onEscalate).toHaveBeenCalledWith('涉及与企业管理层的争议'))
    await waitFor(() => expect(screen.queryByLabelText('转交理由')).toBeNull())
  })

  it('no 转交 action when it is not allowed (the member, the industry union, an escalated or closed request)', () => {
    renderView(buildRequest({ viewer: 'handler', canClose: true, canEscalate: false }))
    expect(screen.queryByRole('button', { name: '转交行业工会' })).toBeNull()
  })

  it('the member reads where the request went and why', () => {
    renderView(
      buildRequest({
        escalatedTo: { unionId: 'ind-cy', unionName: '青山县餐饮行业工会', at: '2026-11-22T02:00:00.000Z' },
        thread: [{ id: 'm2', author: 'staff', kind: 'escalation', authorName: '李干部', body: '涉及与企业管理层的争议', at: '2026-11-22T02:00:00.000Z' }],
      }),
    )
    expect(screen.getByText('已转交 青山县餐饮行业工会：涉及与企业管理层的争议')).toBeTruthy()
    expect(screen.getByText(/转交行业工会 · 李干部/)).toBeTruthy()
    expect(screen.getByText('已转交')).toBeTruthy()
  })
})
