/**
 * The shared rate limiter's token buckets (019, `rate_buckets`): one row per key, refilled evenly
 * over the window. A take is one upsert: it refills from the time since the last take, takes a token
 * when there is one, and answers whether it did — atomic however many instances take at once (the
 * upsert holds the row; PostgreSQL computes from the row as the one before left it). Portable SQL
 * (CASE rather than LEAST/GREATEST, which SQLite lacks), so the same statement is tested on both.
 */
import { sql } from 'kysely';
import type { Q } from './schema';

export interface TakenToken {
  allowed: boolean;
  /** Tokens left after this take (below 1: refused until refilled). */
  tokens: number;
}

const num = (v: number) => sql<number>`cast(${v} as double precision)`;

export async function takeRateToken(db: Q, key: string, limit: number, windowMs: number, nowMs: number): Promise<TakenToken> {
  const now = num(nowMs);
  const elapsed = sql<number>`(case when ${now} > rate_buckets.at_ms then ${now} - rate_buckets.at_ms else 0 end)`;
  const raw = sql<number>`(rate_buckets.tokens + ${elapsed} * ${num(limit / windowMs)})`;
  const refilled = sql<number>`(case when ${raw} > ${num(limit)} then ${num(limit)} else ${raw} end)`;
  const row = await db
    .insertInto('rate_buckets')
    .values({ key, tokens: limit - 1, at_ms: nowMs, allowed: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        tokens: sql<number>`(case when ${refilled} >= 1 then ${refilled} - 1 else ${refilled} end)`,
        at_ms: sql<number>`(case when ${now} > rate_buckets.at_ms then ${now} else rate_buckets.at_ms end)`,
        allowed: sql<number>`(case when ${refilled} >= 1 then 1 else 0 end)`,
      }),
    )
    .returning(['tokens', 'allowed'])
    .executeTakeFirstOrThrow();
  return { allowed: Number(row.allowed) === 1, tokens: Number(row.tokens) };
}

/** Forgets buckets untouched for a window (a full bucket is the same as none). */
export async function sweepRateBuckets(db: Q, olderThanMs: number): Promise<number> {
  const r = await db.deleteFrom('rate_buckets').where('at_ms', '<', olderThanMs).executeTakeFirst();
  return Number(r.numDeletedRows);
}
