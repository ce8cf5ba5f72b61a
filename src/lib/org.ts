import type { OrgTree, SessionUser } from '@cloud/contract'
import { ROLE_LABELS, type Role } from '@cloud/contract/labels'

/** Roles that open the staff workbench (工作台). Every role is a staff role today. */
export const STAFF_ROLES: readonly Role[] = ['staff', 'chair', 'reviewer', 'industryAdmin']

export function isStaff(user: Pick<SessionUser, 'roles'>): boolean {
  return user.roles.some((grant) => STAFF_ROLES.includes(grant.role))
}

/** The unions a user can pick on the demo login: the industry union first, then its base unions. */
export interface UnionOption {
  id: string
  name: string
  kind: 'industry' | 'base'
}

export function unionOptions(tree: OrgTree): UnionOption[] {
  return [
    { id: tree.id, name: tree.name, kind: 'industry' },
    ...tree.baseUnions.map((u) => ({ id: u.id, name: u.name, kind: 'base' as const })),
  ]
}

/** union id → union name, for showing role grants. */
export function unionNames(tree: OrgTree | null | undefined): Record<string, string> {
  if (!tree) return {}
  return Object.fromEntries(unionOptions(tree).map((u) => [u.id, u.name]))
}

/** One line per role grant: "工会主席 · 某某基层工会". */
export interface RoleLine {
  key: string
  label: string
  unionName: string
}

export function roleLines(user: Pick<SessionUser, 'roles'>, names: Record<string, string>): RoleLine[] {
  return user.roles.map((grant) => ({
    key: `${grant.role}:${grant.unionId}`,
    label: ROLE_LABELS[grant.role] ?? grant.role,
    unionName: names[grant.unionId] ?? '',
  }))
}

/** Employees (职工人数) summed over the given units. */
export function employeeCount(units: { employees: number }[]): number {
  return units.reduce((sum, unit) => sum + unit.employees, 0)
}
