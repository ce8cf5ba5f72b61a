/**
 * 保存期限到期匿名化: `membership.purgeExpired` (staff, for their union) and the host's daily
 * retention job (`runRetentionJob`, every union), both through `purgeExpiredRecords`.
 */
import * as c from '../../contract/membership/purge';
import { RETENTION_YEARS } from '../../contract/membership/lifecycle.labels';
import type { Keys } from '../../domain/crypto';
import { pseudonym, retentionExpired, retentionQueryBound } from '../../domain/lifecycle';
import { appendAudit } from '../../storage/audit.repository';
import type { FileStore } from '../../storage/file-store';
import { anonymiseMemberRecord, leftRecordsBefore } from '../../storage/lifecycle.repository';
import type { Db, Q } from '../../storage/schema';
import { baseUnionsOf, findUnion } from '../../storage/unions.repository';
import { defineFunction, rolesOn, type Writer } from '../registry';
import { REVIEW_ROLES } from './transfer';

/** Deletes attachment bytes of anonymised records after the commit; a failure leaves an orphan file, never a broken row. */
export async function deleteDroppedFiles(files: FileStore | undefined, fileKeys: readonly string[]): Promise<void> {
  for (const key of fileKeys) {
    try {
      await files?.delete(key);
    } catch {
      // The row is already marked removed; an orphan file is found by the next backup check, not by members.
    }
  }
}

/** Records of `unionIds` (null: every union) whose retention period is over. */
async function expiredRecords(db: Q, unionIds: readonly string[] | null, now: Date) {
  return (await leftRecordsBefore(db, retentionQueryBound(now), unionIds)).filter((m) => m.left_at && retentionExpired(m.left_at, now));
}

/** Anonymises every record of `unionIds` whose retention period is over; one audit row per record. */
export async function purgeExpiredRecords(w: Writer, keys: Keys, unionIds: string[] | null, now: Date, droppedFiles: string[] = []): Promise<string[]> {
  const done: string[] = [];
  for (const m of await expiredRecords(w.db, unionIds, now)) {
    if (await anonymiseMemberRecord(w.db, keys, m.id, { aliasOf: pseudonym, now, droppedFiles })) {
      done.push(m.id);
      await w.audit({ action: 'membership.anonymise', objectType: 'member', objectId: m.id, unionId: m.union_id, detail: { cause: 'retention', leftAt: m.left_at, retentionYears: RETENTION_YEARS } });
    }
  }
  return done;
}

/**
 * 保存期限到期匿名化: anonymises the records of members of this union (the industry admin on the
 * industry union: and of its base unions) who left at least RETENTION_YEARS ago. The host runs the same job every day.
 */
export const purgeExpired = defineFunction({
  contract: c.purgeExpired,
  policy: { kind: 'unionRoles', roles: REVIEW_ROLES, unionOf: (i) => i.unionId, denyAs: 'not_found' },
  kind: 'mutation',
  async handler(input, ctx) {
    const union = (await findUnion(ctx.db, input.unionId))!;
    // The industry union's admin covers its base unions; its other staff only its own (direct) members.
    const wide = union.kind === 'industry' && rolesOn(ctx.requirePrincipal().roles, union).has('industryAdmin');
    const unionIds = wide ? [union.id, ...(await baseUnionsOf(ctx.db, union.id)).map((u) => u.id)] : [union.id];
    if (input.dryRun) return { anonymised: (await expiredRecords(ctx.db, unionIds, ctx.now)).length, retentionYears: RETENTION_YEARS, dryRun: true };
    const droppedFiles: string[] = [];
    const done = await ctx.transaction(async (w) => {
      const ids = await purgeExpiredRecords(w, ctx.services.keys, unionIds, ctx.now, droppedFiles);
      await w.audit({ objectType: 'union', objectId: union.id, unionId: union.id, detail: { anonymised: ids.length, retentionYears: RETENTION_YEARS } });
      return ids;
    });
    await deleteDroppedFiles(ctx.services.files, droppedFiles);
    return { anonymised: done.length, retentionYears: RETENTION_YEARS, dryRun: false };
  },
});

/**
 * The host's daily retention run (system actor): anonymises every expired record of every union,
 * each with its audit row. Returns how many.
 */
export async function runRetentionJob(db: Db, keys: Keys, now: Date, files?: FileStore): Promise<number> {
  const droppedFiles: string[] = [];
  const n = await db.transaction().execute(async (trx) => {
    const writer: Writer = {
      db: trx,
      async audit(e) {
        await appendAudit(trx, { at: now.toISOString(), actorUserId: null, action: e.action ?? 'membership.purgeExpired', objectType: e.objectType, objectId: e.objectId, unionId: e.unionId ?? null, detail: e.detail ?? {} });
      },
    };
    return (await purgeExpiredRecords(writer, keys, null, now, droppedFiles)).length;
  });
  await deleteDroppedFiles(files, droppedFiles);
  return n;
}
