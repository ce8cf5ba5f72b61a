/** What the organisation functions share: who may act on a union's organisation, and loading that union. */
import { AppError } from '../../contract/errors';
import { findUnion, type UnionRef } from '../../storage/unions.repository';
import type { Q } from '../../storage/schema';
import type { Policy } from '../registry';

/** A union's committees and checklist: its staff and chair, and the industry admin above it. */
export const ORG_ROLES = ['staff', 'chair', 'industryAdmin'] as const;

/** ORG_ROLES on the union named by `unionId`; anyone else is answered `not_found`, as if the union had nothing to show. */
export const orgPolicy: Policy<{ unionId: string }> = { kind: 'unionRoles', roles: ORG_ROLES, unionOf: (i) => i.unionId, denyAs: 'not_found' };

/**
 * The union the policy let through; with `kind`, one of that kind, else a validation error on
 * `unionId` saying `message` (the checklist is a base union's, the overview an industry union's).
 */
export async function scopedUnion(db: Q, unionId: string, want?: { kind: 'industry' | 'base'; message: string }): Promise<UnionRef> {
  const union = await findUnion(db, unionId);
  if (!union) throw new AppError('not_found', '找不到该工会');
  if (want && union.kind !== want.kind) throw new AppError('validation_error', undefined, [{ path: 'unionId', message: want.message }]);
  return union;
}
