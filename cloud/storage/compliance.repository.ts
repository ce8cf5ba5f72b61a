/**
 * What the standardisation checklist (规范化建设) reads and writes: the industry union's target,
 * the roster per unit, activity records, member files, fund notices, chair reports and the
 * items staff tick by hand.
 */
import type { ChairReportsTable, ComplianceTicksTable, Q } from './schema';

/** The industry union's membership-rate target (per cent), or null when it set none. */
export async function membershipRateTarget(db: Q, industryUnionId: string): Promise<number | null> {
  const row = await db.selectFrom('compliance_settings').select('membership_rate_target').where('union_id', '=', industryUnionId).executeTakeFirst();
  return row?.membership_rate_target ?? null;
}

export async function saveMembershipRateTarget(db: Q, industryUnionId: string, target: number, at: string): Promise<void> {
  const row = { membership_rate_target: target, updated_at: at };
  await db.insertInto('compliance_settings').values({ union_id: industryUnionId, ...row }).onConflict((oc) => oc.column('union_id').doUpdateSet(row)).execute();
}

/** Active members of a union per unit (unit id → count; members without a listed unit under null). */
export async function activeMembersPerUnit(db: Q, unionId: string): Promise<Map<string | null, number>> {
  const rows = await db
    .selectFrom('members')
    .select(['unit_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('union_id', '=', unionId)
    .where('status', '=', 'active')
    .groupBy('unit_id')
    .execute();
  return new Map(rows.map((r) => [r.unit_id, Number(r.n)]));
}

/** End times of the union's finished activities with a record (活动记录) that ended at or after `sinceIso`. */
export async function recordedActivityEnds(db: Q, unionId: string, sinceIso: string): Promise<string[]> {
  const rows = await db
    .selectFrom('activities')
    .innerJoin('activity_records', 'activity_records.activity_id', 'activities.id')
    .select(['activities.end_at'])
    .where('activities.union_id', '=', unionId)
    .where('activities.status', '=', 'finished')
    .where('activities.end_at', '>=', sinceIso)
    .execute();
  return rows.map((r) => r.end_at);
}

/**
 * 会员档案齐全 counts of a union's active members: `filed`, those with an application on file or
 * (roster-imported) at least one attachment; `applied`, those with an application.
 */
export async function memberFileCounts(db: Q, unionId: string): Promise<{ filed: number; applied: number }> {
  const row = await db
    .selectFrom('members')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.or([eb('application_id', 'is not', null), eb.exists(eb.selectFrom('applications').select('applications.id').whereRef('applications.member_id', '=', 'members.id'))]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('applied'),
    ])
    .where('union_id', '=', unionId)
    .where('status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb('application_id', 'is not', null),
        eb.exists(eb.selectFrom('applications').select('applications.id').whereRef('applications.member_id', '=', 'members.id')),
        eb.exists(eb.selectFrom('member_attachments').select('member_attachments.id').whereRef('member_attachments.member_id', '=', 'members.id').where('member_attachments.removed_at', 'is', null)),
      ]),
    )
    .executeTakeFirstOrThrow();
  return { filed: Number(row.n), applied: Number(row.applied ?? 0) };
}

/** When each of the union's fund notices was first published (version 1), by period key. */
export async function firstNoticePublications(db: Q, unionId: string): Promise<{ period_key: string; published_at: string }[]> {
  return db.selectFrom('fund_notices').select(['period_key', 'published_at']).where('union_id', '=', unionId).where('version', '=', 1).execute();
}

/** The union's chair reports, newest year first. */
export async function chairReportsOf(db: Q, unionId: string): Promise<Pick<ChairReportsTable, 'year' | 'reported_on' | 'note'>[]> {
  return db.selectFrom('chair_reports').select(['year', 'reported_on', 'note']).where('union_id', '=', unionId).orderBy('year', 'desc').execute();
}

export async function findChairReport(db: Q, unionId: string, year: number): Promise<ChairReportsTable | undefined> {
  return db.selectFrom('chair_reports').selectAll().where('union_id', '=', unionId).where('year', '=', year).executeTakeFirst();
}

export async function insertChairReport(db: Q, row: ChairReportsTable): Promise<void> {
  await db.insertInto('chair_reports').values(row).execute();
}

export async function updateChairReport(db: Q, id: string, fields: Pick<ChairReportsTable, 'reported_on' | 'note' | 'recorded_by' | 'recorded_at'>): Promise<void> {
  await db.updateTable('chair_reports').set(fields).where('id', '=', id).execute();
}

export async function ticksOf(db: Q, unionId: string): Promise<ComplianceTicksTable[]> {
  return db.selectFrom('compliance_ticks').selectAll().where('union_id', '=', unionId).execute();
}

export async function findTick(db: Q, unionId: string, item: string): Promise<ComplianceTicksTable | undefined> {
  return db.selectFrom('compliance_ticks').selectAll().where('union_id', '=', unionId).where('item', '=', item).executeTakeFirst();
}

export async function saveTick(db: Q, unionId: string, item: string, row: Omit<ComplianceTicksTable, 'union_id' | 'item'>): Promise<void> {
  await db.insertInto('compliance_ticks').values({ union_id: unionId, item, ...row }).onConflict((oc) => oc.columns(['union_id', 'item']).doUpdateSet(row)).execute();
}
