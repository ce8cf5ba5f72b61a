import { z } from 'zod';
import { defineContract } from './define';
import { id } from './common';

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

/** A join invitation (入会邀请码). */
export const invite = defineContract<{ token: string; url: string; expiresAt: string | null }>()(
  'org.invite',
  z.strictObject({
    /** The union the worker joins (base union or the industry union). */
    unionId: id,
    /** Pre-fills the employer (工作单位) on the join page. */
    unitId: id.optional(),
    /** Days until the code stops working; none: valid until revoked. */
    expiresInDays: z.number().int('须为整数').min(1, '至少 1 天').max(3650, '最多 3650 天').optional(),
  }),
  '生成入会邀请码（二维码内容）',
);
