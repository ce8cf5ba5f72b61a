import { createStopper } from './stop-signal'

describe('createStopper', () => {
  it('tells each listener once, and a late listener at once', () => {
    const { signal, stop } = createStopper()
    const seen: string[] = []
    signal.onStop(() => seen.push('a'))
    const remove = signal.onStop(() => seen.push('b'))
    remove()
    expect(signal.aborted).toBe(false)
    stop()
    stop()
    expect(signal.aborted).toBe(true)
    signal.onStop(() => seen.push('late'))
    expect(seen).toEqual(['a', 'late'])
  })

  it('does not need AbortController (absent in WeChat)', () => {
    const saved = globalThis.AbortController
    // @ts-expect-error: the mini-program engine has none
    delete globalThis.AbortController
    try {
      expect(() => createStopper().stop()).not.toThrow()
    } finally {
      globalThis.AbortController = saved
    }
  })
})
