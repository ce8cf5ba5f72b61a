import type { OrgTree, SessionUser } from '@cloud/contract'
import type { Role } from '@cloud/contract/labels'

/** Roles that run a union's activities (the same as the host's rule). */
export const ACTIVITY_ROLES: readonly Role[] = ['staff', 'chair', 'industryAdmin']

export function runsActivities(user: Pick<SessionUser, 'roles'>): boolean {
  return user.roles.some((g) => ACTIVITY_ROLES.includes(g.role))
}

/**
 * The unions whose activities this user runs: where they are staff or chair, and for
 * the industry admin the industry union and all its base unions. Industry union first.
 */
export function activityUnions(user: Pick<SessionUser, 'roles'>, tree: OrgTree | null): { id: string; name: string }[] {
  const names: Record<string, string> = tree ? Object.fromEntries([[tree.id, tree.name], ...tree.baseUnions.map((b) => [b.id, b.name])]) : {}
  const ids: string[] = []
  for (const g of user.roles) {
    if (!ACTIVITY_ROLES.includes(g.role)) continue
    ids.push(g.unionId)
    if (g.role === 'industryAdmin' && tree && g.unionId === tree.id) ids.push(...tree.baseUnions.map((b) => b.id))
  }
  const unique = [...new Set(ids)]
  const order = tree ? [tree.id, ...tree.baseUnions.map((b) => b.id)] : []
  unique.sort((a, b) => (order.indexOf(a) + 1 || 999) - (order.indexOf(b) + 1 || 999))
  return unique.map((id) => ({ id, name: names[id] ?? id }))
}
