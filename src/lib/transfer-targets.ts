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

/** How a receiving-union choice reads: the union's name. */
export function unionChoiceName(targets: TransferTargetOption[], unionId: string): string {
  return targets.find((t) => t.unionId === unionId)?.unionName ?? unionId
}

/** The employer choice 其他单位: one that is not listed, its name typed in (industry union only). */
export const OTHER_UNIT = '__other__'

/** Whether the new employer has to be picked: more than one is listed, or one may be typed in. */
export function choosesUnit(target: TransferTargetOption): boolean {
  return target.units.length > 1 || target.allowOther
}

/** The employer choices of a target: its units, then 其他单位 where one may be typed in. */
export function unitChoices(target: TransferTargetOption): string[] {
  return [...target.units.map((u) => u.id), ...(target.allowOther ? [OTHER_UNIT] : [])]
}

/** How an employer choice reads: the unit's name, or 其他单位. */
export function unitChoiceName(target: TransferTargetOption, id: string): string {
  return id === OTHER_UNIT ? '其他单位' : target.units.find((u) => u.id === id)?.name ?? id
}

/** What membership.transfer is asked for (the member is the caller, or given by the staff page). */
export interface TransferInput {
  toUnionId: string
  toUnitId?: string
  toUnitName?: string
  reason: string
}

/** The first thing a transfer form still lacks, in the order it asks; each page words it. */
export type TransferGap = 'union' | 'unit' | 'unit_name' | 'reason'

/**
 * A transfer form's choices as the input to send, or what is still missing: the receiving union,
 * the employer where there is a choice, a typed name (2+ characters) for 其他单位, a reason (2+).
 */
export function transferInput(
  target: TransferTargetOption | undefined,
  form: { toUnitId: string; toUnitName: string; reason: string },
): { ok: true; input: TransferInput } | { ok: false; gap: TransferGap } {
  if (!target) return { ok: false, gap: 'union' }
  if (choosesUnit(target) && !form.toUnitId) return { ok: false, gap: 'unit' }
  if (form.toUnitId === OTHER_UNIT && form.toUnitName.trim().length < 2) return { ok: false, gap: 'unit_name' }
  if (form.reason.trim().length < 2) return { ok: false, gap: 'reason' }
  return {
    ok: true,
    input: {
      toUnionId: target.unionId,
      ...(form.toUnitId && form.toUnitId !== OTHER_UNIT ? { toUnitId: form.toUnitId } : {}),
      ...(form.toUnitId === OTHER_UNIT ? { toUnitName: form.toUnitName.trim() } : {}),
      reason: form.reason.trim(),
    },
  }
}
