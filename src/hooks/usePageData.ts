import { useCallback, useRef, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { toCloudError, type CloudError } from '../services/cloud-error'
import { getSessionToken } from '../services/session'

export interface PageDataState<T> {
  /** The last data loaded (kept while reloading and after a failed reload). */
  data: T | null
  /** Why the last load failed; cleared when a new load starts. */
  error: CloudError | null
  reload: () => void
}

/**
 * A page's data, loaded each time the page shows so it is fresh after coming back from a page
 * that changed it. Nothing is loaded without a session token (`useSession` sends people to the
 * login page then) or without `load` (a detail page opened without its id).
 */
export function usePageData<T>(load: (() => Promise<T>) | undefined): PageDataState<T> {
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState<CloudError | null>(null)
  // The newest `load` behind one stable `reload`, the way Taro's own page hooks keep theirs.
  const loadRef = useRef(load)
  loadRef.current = load

  const reload = useCallback(() => {
    const current = loadRef.current
    if (!getSessionToken() || !current) return
    setError(null)
    current()
      .then(setData)
      .catch((thrown: unknown) => setError(toCloudError(thrown)))
  }, [])
  useDidShow(reload)

  return { data, error, reload }
}
