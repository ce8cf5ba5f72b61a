import { useRef, useState } from 'react'
import { toCloudError } from '../services/cloud-error'

export interface StepsState {
  /** The key of the step running now (its button shows busy); '' when none. */
  busy: string
  setBusy: (key: string) => void
  /** The success line of the last step, e.g. 已撤回转会申请. */
  message: string
  setMessage: (message: string) => void
  /** The refusal of the last step or load, in Chinese. */
  problem: string
  setProblem: (problem: string) => void
  /**
   * Runs one step: marks `key` busy and clears the last lines; on success shows the line the
   * action returns and refreshes the page, on refusal shows the reason.
   */
  run: (key: string, action: () => Promise<string>) => Promise<void>
}

/**
 * The steps a page takes on the data it shows (转会, 撤回, 接收, 办理…), one at a time.
 * `refresh` reloads the page after a step; the newest one is used, so it may close over state
 * the page declares after this hook.
 */
export function useSteps(refresh: () => Promise<void>): StepsState {
  const [busy, setBusy] = useState('')
  const [message, setMessage] = useState('')
  const [problem, setProblem] = useState('')
  const refreshRef = useRef(refresh)
  refreshRef.current = refresh

  async function run(key: string, action: () => Promise<string>): Promise<void> {
    setBusy(key)
    setMessage('')
    setProblem('')
    try {
      setMessage(await action())
      await refreshRef.current()
    } catch (thrown) {
      setProblem(toCloudError(thrown).message)
    } finally {
      setBusy('')
    }
  }

  return { busy, setBusy, message, setMessage, problem, setProblem, run }
}
