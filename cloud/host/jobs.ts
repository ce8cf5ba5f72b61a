/**
 * Periodic jobs (定时任务), run by one host instance at a time however many share the database.
 *
 * Each job has a period (the China calendar day for the retention purge) and a row in `job_runs`.
 * Every instance looks at start and then every `UNION_JOB_TICK_MS` (default an hour); a job whose
 * current period is not done yet is run by the instance that takes its lease (one conditional UPDATE,
 * jobs.repository.ts), and recorded as done for the period when it completes. The others see the
 * lease, or the period done, and do nothing. The lease lasts LEASE_MS and is renewed while the job
 * runs; a holder that dies lets it lapse, and the next tick of any instance runs the job again. A
 * failed run lets the lease go at once and is tried again at the next tick.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../storage/schema';
import { createJobRow, finishJob, releaseJobLease, renewJobLease, takeJobLease } from '../storage/jobs.repository';
import type { Logger } from './app';

export interface PeriodicJob {
  /** The row's name in `job_runs`, e.g. `retention`. */
  name: string;
  /** The period `now` falls in; the job runs once per period. */
  period(now: Date): string;
  run(now: Date): Promise<void>;
}

/** How long a lease holds without renewal; renewed every third of it while the job runs. */
export const JOB_LEASE_MS = 10 * 60_000;

/** The China calendar day (UTC+8, no daylight saving) of `now`, `YYYY-MM-DD`. */
export function chinaDay(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export interface JobRunnerOptions {
  db: Db;
  jobs: PeriodicJob[];
  clock: () => Date;
  log: Logger;
  tickMs: number;
  leaseMs?: number;
}

export class JobRunner {
  readonly holder = `inst_${randomBytes(8).toString('hex')}`;
  /** Jobs this instance ran to completion (for tests and operators). */
  readonly completed: string[] = [];
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  readonly #o: JobRunnerOptions;

  constructor(o: JobRunnerOptions) {
    this.#o = o;
  }

  /** One look at every job; concurrent calls share one. */
  tick(): Promise<void> {
    return (this.#running ??= this.#tick().finally(() => (this.#running = null)));
  }

  start(): void {
    this.#timer = setInterval(() => void this.tick(), this.#o.tickMs);
    this.#timer.unref();
  }

  /** No new ticks; waits for a job that is running. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  async #tick(): Promise<void> {
    for (const job of this.#o.jobs) {
      try {
        await this.#runIfDue(job);
      } catch (err) {
        this.#o.log.error(`${job.name} job failed`, { error: String(err) });
      }
    }
  }

  async #runIfDue(job: PeriodicJob): Promise<void> {
    const { db, clock } = this.#o;
    const leaseMs = this.#o.leaseMs ?? JOB_LEASE_MS;
    const now = clock();
    const period = job.period(now);
    await createJobRow(db, job.name);
    if (!(await takeJobLease(db, job.name, period, this.holder, now.toISOString(), new Date(now.getTime() + leaseMs).toISOString()))) return;
    const renew = setInterval(() => void renewJobLease(db, job.name, this.holder, new Date(clock().getTime() + leaseMs).toISOString()).catch(() => undefined), leaseMs / 3);
    renew.unref();
    try {
      await job.run(now);
    } catch (err) {
      clearInterval(renew);
      await releaseJobLease(db, job.name, this.holder).catch(() => undefined);
      throw err;
    }
    clearInterval(renew);
    await finishJob(db, job.name, this.holder, period, clock().toISOString());
    this.completed.push(`${job.name}:${period}`);
  }
}
