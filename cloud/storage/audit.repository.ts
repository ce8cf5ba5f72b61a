/** Audit events (审计记录) as stored: append-only, one row per mutation's event. */
import type { Transaction } from 'kysely';
import { newId } from '../domain/crypto';
import { precompile } from './precompiled';
import type { Database } from './schema';

export interface AuditRow {
  at: string;
  actorUserId: string | null;
  action: string;
  objectType: string;
  objectId: string;
  unionId: string | null;
  detail: Record<string, unknown>;
}

// Precompiled: every mutation writes one, so the query is built once.
const insertAudit = precompile((db, p) =>
  db.insertInto('audit_events').values({ id: p(0), at: p(1), actor_user_id: p(2), action: p(3), object_type: p(4), object_id: p(5), union_id: p(6), detail: p(7) }),
);

/**
 * An event's stored columns, with a new id: the one mapping from an event to its row, for
 * `appendAudit` and for a write that must store its event in the same statement as its change
 * (the check-in's one-statement path on PostgreSQL, activity-checkins.repository.ts).
 */
export type AuditColumns = ReturnType<typeof auditColumns>;

export function auditColumns(e: AuditRow) {
  return { id: newId('evt'), at: e.at, actor_user_id: e.actorUserId, action: e.action, object_type: e.objectType, object_id: e.objectId, union_id: e.unionId, detail: JSON.stringify(e.detail) };
}

export async function appendAudit(trx: Transaction<Database>, e: AuditRow): Promise<void> {
  const r = auditColumns(e);
  await insertAudit.execute(trx, [r.id, r.at, r.actor_user_id, r.action, r.object_type, r.object_id, r.union_id, r.detail]);
}
