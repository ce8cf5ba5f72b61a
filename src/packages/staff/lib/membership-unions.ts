import type { OrgTree, SessionUser } from '@cloud/contract'
import type { Role } from '@cloud/contract/labels'

/** A union whose membership work (入会审核, 名册, 二维码, 统计) the user may do. */
export interface MembershipUnion {
  id: string
  name: string
  kind: 'industry' | 'base'
  /** Full numbers (查看完整, 导入): staff and chairs of that union only. */
  fullNumbers: boolean
  /** The full roster export for 报送 (完整导出): the union's chair only. */
  fullExport: boolean
}

const WORK_ROLES: readonly Role[] = ['staff', 'chair', 'industryAdmin']
const FULL_NUMBER_ROLES: readonly Role[] = ['staff', 'chair']

/**
 * The unions where the user holds staff, chair or industryAdmin; the industry admin also reaches
 * every base union of the industry (masked data only). Industry union first, then base unions.
 */
export function membershipUnions(user: Pick<SessionUser, 'roles'>, tree: OrgTree): MembershipUnion[] {
  const all = [{ id: tree.id, name: tree.name, kind: 'industry' as const }, ...tree.baseUnions.map((b) => ({ id: b.id, name: b.name, kind: 'base' as const }))]
  const admin = user.roles.some((g) => g.role === 'industryAdmin' && g.unionId === tree.id)
  return all
    .filter((u) => admin || user.roles.some((g) => WORK_ROLES.includes(g.role) && g.unionId === u.id))
    .map((u) => ({
      ...u,
      fullNumbers: user.roles.some((g) => FULL_NUMBER_ROLES.includes(g.role) && g.unionId === u.id),
      fullExport: user.roles.some((g) => g.role === 'chair' && g.unionId === u.id),
    }))
}

/** The units of a union: its own units, or for the industry union the units without a base union. */
export function unitsOf(tree: OrgTree, unionId: string): { id: string; name: string; employees: number }[] {
  if (unionId === tree.id) return tree.directUnits
  return tree.baseUnions.find((b) => b.id === unionId)?.units ?? []
}
