/**
 * Periodic jobs' rows (019, `job_runs`): which period a job last completed, and the lease that lets
 * one instance at a time run it. Plain rows in and out; the schedule is cloud/host/jobs.ts.
 */
import type { Q } from './schema';

export interface JobRunRow {
  donePeriod: string | null;
  leaseHolder: string | null;
  leaseUntil: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  runs: number;
}

export async function readJobRun(db: Q, name: string): Promise<JobRunRow | null> {
  const r = await db.selectFrom('job_runs').selectAll().where('name', '=', name).executeTakeFirst();
  return r ? { donePeriod: r.done_period, leaseHolder: r.lease_holder, leaseUntil: r.lease_until, startedAt: r.started_at, finishedAt: r.finished_at, runs: Number(r.runs) } : null;
}

/** The job's row, before its first run (several instances may ask at once: the first wins). */
export async function createJobRow(db: Q, name: string): Promise<void> {
  await db
    .insertInto('job_runs')
    .values({ name, done_period: null, lease_holder: null, lease_until: null, started_at: null, finished_at: null, runs: 0 })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

/**
 * Takes the job's lease for `period` when the job has not completed it (nor a later one) and no live
 * lease is held: one conditional UPDATE, so of many instances asking at once exactly one gets it
 * (PostgreSQL re-checks the WHERE on the row it waited for; SQLite has one writer).
 */
export async function takeJobLease(db: Q, name: string, period: string, holder: string, nowIso: string, untilIso: string): Promise<boolean> {
  const r = await db
    .updateTable('job_runs')
    .set({ lease_holder: holder, lease_until: untilIso, started_at: nowIso })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('done_period', 'is', null), eb('done_period', '<', period)]))
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', nowIso)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Extends a lease its holder still has (a long run); false when it was lost. */
export async function renewJobLease(db: Q, name: string, holder: string, untilIso: string): Promise<boolean> {
  const r = await db.updateTable('job_runs').set({ lease_until: untilIso }).where('name', '=', name).where('lease_holder', '=', holder).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The run completed `period`: recorded, and the lease let go. */
export async function finishJob(db: Q, name: string, holder: string, period: string, nowIso: string): Promise<void> {
  await db
    .updateTable('job_runs')
    .set((eb) => ({ done_period: period, finished_at: nowIso, runs: eb('runs', '+', 1), lease_holder: null, lease_until: null }))
    .where('name', '=', name)
    .where('lease_holder', '=', holder)
    .execute();
}

/** The run failed: the lease is let go, the period stays due (the next tick of any instance tries again). */
export async function releaseJobLease(db: Q, name: string, holder: string): Promise<void> {
  await db.updateTable('job_runs').set({ lease_holder: null, lease_until: null }).where('name', '=', name).where('lease_holder', '=', holder).execute();
}
