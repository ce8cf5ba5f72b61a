import { act, renderHook } from '@testing-library/react'
import { CloudError } from '../services/cloud-error'
import { useSteps } from './useSteps'

describe('useSteps', () => {
  it('shows the line of a step that went through, then refreshes', async () => {
    const refresh = jest.fn(() => Promise.resolve())
    const { result } = renderHook(() => useSteps(refresh))
    let release: (line: string) => void = () => undefined
    let done: Promise<void> = Promise.resolve()
    act(() => {
      done = result.current.run('leave', () => new Promise<string>((resolve) => (release = resolve)))
    })
    expect(result.current.busy).toBe('leave')
    await act(async () => {
      release('已办理退会')
      await done
    })
    expect(result.current).toMatchObject({ busy: '', message: '已办理退会', problem: '' })
    expect(refresh).toHaveBeenCalledTimes(1)
  })

  it('shows the refusal and does not refresh', async () => {
    const refresh = jest.fn(() => Promise.resolve())
    const { result } = renderHook(() => useSteps(refresh))
    act(() => result.current.setMessage('已提交'))
    await act(() => result.current.run('transfer', () => Promise.reject(new CloudError('forbidden', '没有权限'))))
    expect(result.current).toMatchObject({ busy: '', message: '', problem: '没有权限' })
    expect(refresh).not.toHaveBeenCalled()
  })
})
