/** Join invitations (入会邀请码) as stored. */
import type { InvitationsTable, Q } from './schema';

export type InvitationRow = Pick<InvitationsTable, 'id' | 'union_id' | 'unit_id' | 'label' | 'created_at' | 'expires_at' | 'revoked_at'>;

/** An invitation with its union (and the union's parent, for access) and its unit's name. */
export interface InvitationWithNames extends InvitationRow {
  union_name: string;
  parent_id: string | null;
  unit_name: string | null;
}

export async function findInvitation(db: Q, invitationId: string): Promise<InvitationWithNames | undefined> {
  return db
    .selectFrom('invitations')
    .innerJoin('unions', 'unions.id', 'invitations.union_id')
    .leftJoin('units', 'units.id', 'invitations.unit_id')
    .select([
      'invitations.id',
      'invitations.union_id',
      'invitations.unit_id',
      'invitations.label',
      'invitations.created_at',
      'invitations.expires_at',
      'invitations.revoked_at',
      'unions.name as union_name',
      'unions.parent_id',
      'units.name as unit_name',
    ])
    .where('invitations.id', '=', invitationId)
    .executeTakeFirst();
}

/** A union's invitations, newest first, with their unit's name. */
export async function listInvitations(db: Q, unionId: string): Promise<(InvitationRow & { unit_name: string | null })[]> {
  return db
    .selectFrom('invitations')
    .leftJoin('units', 'units.id', 'invitations.unit_id')
    .select(['invitations.id', 'invitations.union_id', 'invitations.unit_id', 'invitations.label', 'invitations.created_at', 'invitations.expires_at', 'invitations.revoked_at', 'units.name as unit_name'])
    .where('invitations.union_id', '=', unionId)
    .orderBy('invitations.created_at', 'desc')
    .orderBy('invitations.id')
    .execute();
}

/** How many applications were made with each of the invitations (absent: none). */
export async function applicationCounts(db: Q, invitationIds: readonly string[]): Promise<Map<string | null, number>> {
  if (invitationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('applications')
    .select(['invitation_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('invitation_id', 'in', invitationIds)
    .groupBy('invitation_id')
    .execute();
  return new Map(rows.map((r) => [r.invitation_id, Number(r.n)]));
}

export async function insertInvitation(db: Q, row: InvitationRow & { created_by: string }): Promise<void> {
  await db.insertInto('invitations').values(row).execute();
}

/** Revokes an invitation that is not revoked yet (a repeat changes nothing). */
export async function revokeInvitation(db: Q, invitationId: string, revokedAt: string): Promise<void> {
  await db.updateTable('invitations').set({ revoked_at: revokedAt }).where('id', '=', invitationId).where('revoked_at', 'is', null).execute();
}
