import type { OrgTree } from '@cloud/contract'

/** A union a member may transfer to (会籍转接), with the employers to choose from. */
export interface TransferTargetOption {
  unionId: string
  unionName: string
  units: { id: string; name: string }[]
  /** The industry union also takes an employer that is not listed (typed in). */
  allowOther: boolean
}

/**
 * Where a member of `currentUnionId` can transfer, from the organisation tree: every other base
 * union (its own units), and the industry union for employers without a base union.
 */
export function transferTargets(tree: OrgTree, currentUnionId?: string): TransferTargetOption[] {
  const bases = tree.baseUnions.map((b) => ({ unionId: b.id, unionName: b.name, units: b.units.map((u) => ({ id: u.id, name: u.name })), allowOther: false }))
  const industry = { unionId: tree.id, unionName: `${tree.name}（直接入会）`, units: tree.directUnits.map((u) => ({ id: u.id, name: u.name })), allowOther: true }
  return [...bases, industry].filter((t) => t.unionId !== currentUnionId)
}
