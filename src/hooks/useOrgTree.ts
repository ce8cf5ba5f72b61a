import { useCallback, useEffect, useState } from 'react'
import type { OrgTree } from '@cloud/contract'
import { call, CloudError, toCloudError } from '../services/cloud'

// One request per app run is enough: the organisation changes rarely.
let cached: Promise<OrgTree> | null = null

function loadTree(): Promise<OrgTree> {
  if (!cached) {
    cached = call('org.tree', {}, { anonymous: true }).catch((thrown: unknown) => {
      cached = null
      throw thrown
    })
  }
  return cached
}

export interface OrgTreeState {
  tree: OrgTree | null
  error: CloudError | null
  reload: () => void
}

/** The organisation tree (org.tree, callable without login). */
export function useOrgTree(): OrgTreeState {
  const [tree, setTree] = useState<OrgTree | null>(null)
  const [error, setError] = useState<CloudError | null>(null)
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    let live = true
    setError(null)
    loadTree()
      .then((t) => live && setTree(t))
      .catch((thrown: unknown) => live && setError(toCloudError(thrown)))
    return () => {
      live = false
    }
  }, [attempt])

  const reload = useCallback(() => setAttempt((n) => n + 1), [])
  return { tree, error, reload }
}
