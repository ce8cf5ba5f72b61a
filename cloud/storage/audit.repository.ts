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

export async function appendAudit(trx: Transaction<Database>, e: AuditRow): Promise<void> {
  await insertAudit.execute(trx, [newId('evt'), e.at, e.actorUserId, e.action, e.objectType, e.objectId, e.unionId, JSON.stringify(e.detail)]);
}
