/**
 * Precompiled queries for the hottest paths (the check-in, the session lookup, the audit row).
 * Kysely builds an operation tree and compiles it to SQL on every call (≈ 15 % of the CPU of a
 * check-in); a query whose shape never changes is built once per dialect with placeholder
 * values and then executed with the real values in their places.
 *
 *   const byToken = precompile((db, p) => db.selectFrom('sessions').selectAll().where('token_hash', '=', p(0)));
 *   const rows = await byToken.execute(db, [tokenHash]);
 *
 * `p(i)` stands for the i-th value; only values may be placeholders (not table or column names,
 * not lists for `in`). The compiled SQL is checked to hold every placeholder exactly where
 * Kysely put a parameter, so a query that would need the value while compiling fails loudly.
 */
import { CompiledQuery, type Compilable, type QueryResult } from 'kysely';
import type { Q } from './schema';

const MARK = '\u0000precompiled-slot:';

export interface Precompiled<R> {
  execute(db: Q, values: readonly unknown[]): Promise<R[]>;
  executeTakeFirst(db: Q, values: readonly unknown[]): Promise<R | undefined>;
}

export function precompile<R>(build: (db: Q, p: (i: number) => never) => Compilable<R>): Precompiled<R> {
  // One compiled form per dialect (SQLite `?` vs PostgreSQL `$1`), keyed by the adapter's class.
  const byAdapter = new Map<unknown, { compiled: CompiledQuery<R>; slots: number[] }>();
  const compiledFor = (db: Q) => {
    const adapter = db.getExecutor().adapter.constructor;
    let c = byAdapter.get(adapter);
    if (!c) {
      const asked = new Set<number>();
      const compiled = build(db, (i) => {
        asked.add(i);
        return `${MARK}${i}` as never;
      }).compile();
      const slots = compiled.parameters.map((v) => (typeof v === 'string' && v.startsWith(MARK) ? Number(v.slice(MARK.length)) : -1));
      const placed = new Set(slots);
      if ([...asked].some((i) => !placed.has(i)) || compiled.sql.includes(MARK)) throw new Error(`precompile: a placeholder is not a plain parameter in ${compiled.sql}`);
      c = { compiled, slots };
      byAdapter.set(adapter, c);
    }
    return c;
  };
  const run = async (db: Q, values: readonly unknown[]): Promise<QueryResult<R>> => {
    const { compiled, slots } = compiledFor(db);
    const parameters = compiled.parameters.map((v, k) => (slots[k] >= 0 ? values[slots[k]] : v));
    return db.executeQuery(CompiledQuery.raw(compiled.sql, parameters) as CompiledQuery<R>);
  };
  return {
    async execute(db, values) {
      return (await run(db, values)).rows;
    },
    async executeTakeFirst(db, values) {
      return (await run(db, values)).rows[0];
    },
  };
}
