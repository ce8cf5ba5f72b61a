/**
 * The host's figures for an operator's Prometheus, in its text exposition format (version 0.0.4),
 * written here without a client library: `GET /metrics`, only when `UNION_METRICS_TOKEN` is set, and
 * only with `Authorization: Bearer <that token>` (docs/deploy.md, "Metrics").
 *
 * - `union_calls_total{fn, outcome}`: calls answered, by function and outcome (`ok`, or the refusal
 *   reason: `validation_error`, `service_unavailable`, …). A name that is not a function counts as
 *   `fn="(unknown)"`, so a scanner cannot make the label set grow.
 * - `union_call_duration_seconds{fn}`: a histogram of the time from the request's arrival to its answer.
 * - PostgreSQL: `union_db_pool_connections{state="total"|"idle"|"waiting"}` and `union_db_pool_max`.
 * - SQLite: `union_sqlite_group_commit_batch_size` (a histogram of bodies per committed transaction)
 *   and `union_sqlite_group_commit_rerun_batches_total`.
 * - `process_*` and `nodejs_heap_used_bytes` as Prometheus' own clients name them.
 */
import { GROUP_COMMIT_SIZE_BUCKETS } from '../storage/group-commit';
import type { StorageFigures } from '../storage/db';

/** Upper bounds (seconds) of the latency histogram's buckets. */
export const LATENCY_BUCKETS_SEC = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;
/** The `fn` label of a call to a name that is not a function. */
export const UNKNOWN_FN = '(unknown)';
/** The content type Prometheus expects for the text format. */
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

interface PerFunction {
  outcomes: Map<string, number>;
  /** Not cumulative: buckets[i] counts calls in (LATENCY_BUCKETS_SEC[i-1], LATENCY_BUCKETS_SEC[i]]; the last slot is above every bound. */
  buckets: number[];
  sum: number;
  count: number;
}

export class HostMetrics {
  readonly #fns = new Map<string, PerFunction>();
  readonly #figures: () => StorageFigures;
  readonly #startedSec = Math.floor(Date.now() / 1000);

  constructor(storageFigures: () => StorageFigures) {
    this.#figures = storageFigures;
  }

  /** One answered call: its function (or UNKNOWN_FN), `ok` or the refusal reason, and how long it took. */
  record(fn: string, outcome: string, seconds: number): void {
    let f = this.#fns.get(fn);
    if (!f) {
      f = { outcomes: new Map(), buckets: new Array<number>(LATENCY_BUCKETS_SEC.length + 1).fill(0), sum: 0, count: 0 };
      this.#fns.set(fn, f);
    }
    f.outcomes.set(outcome, (f.outcomes.get(outcome) ?? 0) + 1);
    let i = 0;
    while (i < LATENCY_BUCKETS_SEC.length && seconds > LATENCY_BUCKETS_SEC[i]) i++;
    f.buckets[i]++;
    f.sum += seconds;
    f.count++;
  }

  /** Everything, in the text exposition format. */
  render(): string {
    const out: string[] = [];
    const fns = [...this.#fns.keys()].sort();

    head(out, 'union_calls_total', 'counter', 'Cloud-function calls answered, by function and outcome (ok or the refusal reason).');
    for (const fn of fns) {
      const f = this.#fns.get(fn)!;
      for (const [outcome, n] of [...f.outcomes].sort(([a], [b]) => a.localeCompare(b))) out.push(`union_calls_total{fn="${esc(fn)}",outcome="${esc(outcome)}"} ${n}`);
    }

    head(out, 'union_call_duration_seconds', 'histogram', 'Time from the arrival of a cloud-function call to its answer.');
    for (const fn of fns) {
      const f = this.#fns.get(fn)!;
      histogram(out, 'union_call_duration_seconds', `fn="${esc(fn)}",`, LATENCY_BUCKETS_SEC, f.buckets, f.sum, f.count);
    }

    const s = this.#figures();
    if (s.kind === 'postgres') {
      head(out, 'union_db_pool_connections', 'gauge', 'PostgreSQL pool: connections open (total), of them idle, and calls waiting for one.');
      out.push(`union_db_pool_connections{state="total"} ${s.pool.total}`);
      out.push(`union_db_pool_connections{state="idle"} ${s.pool.idle}`);
      out.push(`union_db_pool_connections{state="waiting"} ${s.pool.waiting}`);
      head(out, 'union_db_pool_max', 'gauge', 'PostgreSQL pool: the most connections the host opens (UNION_PG_POOL).');
      out.push(`union_db_pool_max ${s.pool.max}`);
    } else if (s.groupCommit) {
      const g = s.groupCommit;
      head(out, 'union_sqlite_group_commit_batch_size', 'histogram', 'SQLite group commit: mutations committed together in one transaction.');
      histogram(out, 'union_sqlite_group_commit_batch_size', '', GROUP_COMMIT_SIZE_BUCKETS, [...g.sizes, 0], g.bodies, g.batches);
      head(out, 'union_sqlite_group_commit_rerun_batches_total', 'counter', 'SQLite group commit: batches that failed as a whole and were run again one by one.');
      out.push(`union_sqlite_group_commit_rerun_batches_total ${g.rerunBatches}`);
    }

    const mem = process.memoryUsage();
    const cpu = process.cpuUsage();
    head(out, 'process_start_time_seconds', 'gauge', 'Start time of the process since the Unix epoch, in seconds.');
    out.push(`process_start_time_seconds ${this.#startedSec}`);
    head(out, 'process_cpu_seconds_total', 'counter', 'User and system CPU time spent, in seconds.');
    out.push(`process_cpu_seconds_total ${(cpu.user + cpu.system) / 1e6}`);
    head(out, 'process_resident_memory_bytes', 'gauge', 'Resident memory size in bytes.');
    out.push(`process_resident_memory_bytes ${mem.rss}`);
    head(out, 'nodejs_heap_used_bytes', 'gauge', 'V8 heap in use, in bytes.');
    out.push(`nodejs_heap_used_bytes ${mem.heapUsed}`);
    return `${out.join('\n')}\n`;
  }
}

function head(out: string[], name: string, type: 'counter' | 'gauge' | 'histogram', help: string): void {
  out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
}

/** `counts` per bucket, not cumulative, one more than `bounds` (above every bound); written cumulative as Prometheus wants. */
function histogram(out: string[], name: string, labels: string, bounds: readonly number[], counts: readonly number[], sum: number, count: number): void {
  let running = 0;
  bounds.forEach((le, i) => {
    running += counts[i];
    out.push(`${name}_bucket{${labels}le="${le}"} ${running}`);
  });
  out.push(`${name}_bucket{${labels}le="+Inf"} ${count}`);
  const plain = labels.replace(/,$/, '');
  out.push(`${name}_sum${plain ? `{${plain}}` : ''} ${sum}`);
  out.push(`${name}_count${plain ? `{${plain}}` : ''} ${count}`);
}

/** A label value: backslash, double quote and line feed escaped. */
function esc(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
