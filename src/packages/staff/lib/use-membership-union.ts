import { useEffect, useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import type { OrgTree, SessionUser } from '@cloud/contract'
import { useOrgTree } from '../../../hooks/useOrgTree'
import { useSession } from '../../../hooks/useSession'
import type { CloudError } from '../../../services/cloud'
import { membershipUnions, type MembershipUnion } from './membership-unions'

export interface MembershipUnionState {
  user: SessionUser | null
  tree: OrgTree | null
  unions: MembershipUnion[]
  /** The union this page works on (from `?unionId=`, else the first one). */
  union: MembershipUnion | null
  setUnionId: (id: string) => void
  /** True once the user and tree are known and the user has no membership work. */
  notAllowed: boolean
  error: CloudError | null
  reload: () => void
}

/** The staff pages' shared start: who is logged in, which unions they work for, which one is shown. */
export function useMembershipUnion(): MembershipUnionState {
  const { user, error, reload } = useSession({ loadUser: true })
  const { tree, error: treeError, reload: reloadTree } = useOrgTree()
  const unions = useMemo(() => (user && tree ? membershipUnions(user, tree) : []), [user, tree])
  const [unionId, setUnionId] = useState(() => Taro.getCurrentInstance().router?.params?.unionId ?? '')
  useEffect(() => {
    if (unions.length && !unions.some((u) => u.id === unionId)) setUnionId(unions[0].id)
  }, [unions, unionId])
  return {
    user,
    tree,
    unions,
    union: unions.find((u) => u.id === unionId) ?? null,
    setUnionId,
    notAllowed: Boolean(user && tree && unions.length === 0),
    error: error ?? treeError,
    reload: () => {
      reload()
      reloadTree()
    },
  }
}
