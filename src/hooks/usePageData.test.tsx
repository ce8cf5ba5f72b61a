import { act, renderHook, waitFor } from '@testing-library/react'
import { CloudError } from '../services/cloud-error'
import { clearSessionToken, setSessionToken } from '../services/session'
import { usePageData } from './usePageData'

describe('usePageData', () => {
  beforeEach(() => clearSessionToken())

  it('loads when the page shows and keeps the data', async () => {
    setSessionToken('token')
    const load = jest.fn(() => Promise.resolve({ items: [1, 2] }))
    const { result } = renderHook(() => usePageData(load))
    await waitFor(() => expect(result.current.data).toEqual({ items: [1, 2] }))
    expect(load).toHaveBeenCalledTimes(1)
    expect(result.current.error).toBeNull()
  })

  it('loads nothing without a session or without anything to load', () => {
    const load = jest.fn(() => Promise.resolve(1))
    renderHook(() => usePageData(load))
    expect(load).not.toHaveBeenCalled()
    setSessionToken('token')
    const { result } = renderHook(() => usePageData<number>(undefined))
    act(() => result.current.reload())
    expect(result.current.data).toBeNull()
    expect(result.current.error).toBeNull()
  })

  it('reports a failed load and clears it when reloading with the newest load', async () => {
    setSessionToken('token')
    const refused = new CloudError('forbidden', '无权查看')
    const { result, rerender } = renderHook(({ load }) => usePageData(load), {
      initialProps: { load: () => Promise.reject<number>(refused) },
    })
    await waitFor(() => expect(result.current.error).toBe(refused))
    rerender({ load: () => Promise.resolve(7) })
    act(() => result.current.reload())
    expect(result.current.error).toBeNull()
    await waitFor(() => expect(result.current.data).toBe(7))
  })
})
