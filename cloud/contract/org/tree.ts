/** Organisation tree (组织架构): industry union → base unions → member units. Public. */
import { z } from 'zod';
import { defineContract } from '../define';

/** A member unit (会员单位 / 企业) with its employee count (职工人数). */
export interface UnitNode {
  id: string;
  name: string;
  employees: number;
}

/** The organisation tree (组织架构): industry union → base unions → units. */
export interface OrgTree {
  id: string;
  name: string;
  /** Named only: the upper-level union outside the system (上级工会). */
  upperUnionName: string | null;
  baseUnions: { id: string; name: string; units: UnitNode[] }[];
  /** Member units with no base union of their own: their workers join the industry union directly. */
  directUnits: UnitNode[];
}

export const tree = defineContract<OrgTree>()('org.tree', z.strictObject({}), '组织架构：行业工会、基层工会、会员单位');
