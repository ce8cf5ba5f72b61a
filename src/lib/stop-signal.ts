/**
 * A "stop" switch for a running scan, in place of `AbortController`: WeChat's JS engine has no
 * `AbortController` (nor `EventTarget`), so shared code must not construct one. Enough of the
 * same shape for our scanners: `aborted`, and listeners told once when it stops.
 */
export interface StopSignal {
  readonly aborted: boolean
  /** Runs `listener` once when stopped (at once when already stopped); returns a remover. */
  onStop(listener: () => void): () => void
}

export interface Stopper {
  readonly signal: StopSignal
  stop(): void
}

export function createStopper(): Stopper {
  let aborted = false
  const listeners = new Set<() => void>()
  const signal: StopSignal = {
    get aborted() {
      return aborted
    },
    onStop(listener) {
      if (aborted) {
        listener()
        return () => undefined
      }
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  return {
    signal,
    stop() {
      if (aborted) return
      aborted = true
      const waiting = [...listeners]
      listeners.clear()
      for (const listener of waiting) listener()
    },
  }
}
