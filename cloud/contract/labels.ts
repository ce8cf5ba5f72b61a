/**
 * Constants and labels the app needs at run time. Kept free of zod so that a page
 * importing them does not pull the schema library into its bundle.
 */

/** Roles a user can hold on a union (工会角色). Membership is not a role: see `memberOf`. */
export const ROLES = ['staff', 'chair', 'reviewer', 'industryAdmin'] as const;
export type Role = (typeof ROLES)[number];

/** 工会干部 / 主席 / 经审 / 行业工会管理员, for display. */
export const ROLE_LABELS: Record<Role, string> = {
  staff: '工会干部',
  chair: '工会主席',
  reviewer: '经费审查员',
  industryAdmin: '行业工会管理员',
};

export interface RoleGrant {
  role: Role;
  unionId: string;
}

/** Union kinds: the industry union (行业工会) and its base unions (基层工会). */
export type UnionKind = 'industry' | 'base';

/** Demo personas (演示身份) offered by `auth.devLogin`. */
export const PERSONAS = ['worker', 'member', 'staff', 'chair', 'reviewer', 'industryAdmin'] as const;
export type Persona = (typeof PERSONAS)[number];

export const PERSONA_LABELS: Record<Persona, string> = {
  worker: '职工（未入会）',
  member: '会员',
  staff: '工会干部',
  chair: '工会主席',
  reviewer: '经费审查员',
  industryAdmin: '行业工会管理员',
};
