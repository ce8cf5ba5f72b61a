/** Membership figures (会员人数与入会率). */
import { z } from 'zod';
import { defineContract } from '../define';
import { id } from '../common';
import type { UnionKind } from '../labels';

export interface UnitStats {
  id: string;
  name: string;
  unionId: string | null;
  unionName: string;
  employees: number;
  members: number;
  /** 入会率 in percent (one decimal), null without an employee count. */
  rate: number | null;
}

export interface UnionStats {
  union: { id: string; name: string; kind: UnionKind };
  totals: { employees: number; members: number; rate: number | null; pending: number };
  /** For the industry union: each base union, plus one line for the industry union's own (direct) members. */
  baseUnions: { id: string; name: string; employees: number; members: number; rate: number | null; pending: number }[];
  units: UnitStats[];
  /** Members whose employer was typed in (not one of the listed units). */
  otherUnitMembers: number;
}

export const stats = defineContract<UnionStats>()(
  'membership.stats',
  z.strictObject({
    /** The union to count (the industry union counts every base union). */
    unionId: id,
  }),
  '会员人数与入会率（按基层工会和会员单位）',
);
