/**
 * What the `fund.*` functions share: who reads and who records a union's books, the refusals
 * of a fund write, the period a key names, and where an entry, receipt, notice or question
 * lives (for the `objectRoles` policies).
 *
 * Who does what: staff (工会干部) record and publish; the chair (主席) approves spending and may
 * record; the reviewer (经审) reads the ledger, comments and signs off, and writes nothing else;
 * members read their own union's published notices and ask questions on them; the industry
 * union sees which base unions published on time and the sum of their figures.
 */
import { AppError } from '../../contract/errors';
import type { EntryStatus } from '../../contract/fund/labels';
import type { Role } from '../../contract/labels';
import { entryStatus } from '../../domain/fund-ledger';
import { parsePeriod, type Period } from '../../domain/fund-period';
import { chinaDate } from '../../domain/time';
import { triggerRefusal, unionOfFundObject, type EntryRow } from '../../storage/fund.repository';
import type { Q } from '../../storage/schema';
import { displayNames } from '../../storage/users.repository';
import { findUnion, type UnionRef } from '../../storage/unions.repository';
import type { FnContext, ObjectScope, Writer } from '../registry';

/** Readers of a union's books: its staff, chair and reviewer. */
export const BOOK_READERS: readonly Role[] = ['staff', 'chair', 'reviewer'];
/** Those who record and publish. */
export const RECORDERS: readonly Role[] = ['staff', 'chair'];
/** Who reads a union's published notices besides its members: its staff, chair and reviewer, and the industry admin above it. */
export const NOTICE_READERS: readonly Role[] = [...BOOK_READERS, 'industryAdmin'];

/** The policy of a function on the books of the union named by `unionId`: the caller holds one of `roles` there. */
export function onBooksOf(roles: readonly Role[]) {
  return { kind: 'unionRoles', roles, unionOf: (i: { unionId: string }) => i.unionId } as const;
}

/** The union named by the input (the policy has already found it). */
export async function theUnion(db: Q, unionId: string): Promise<UnionRef> {
  const union = await findUnion(db, unionId);
  if (!union) throw new AppError('not_found', '找不到该工会');
  return union;
}

/** `locate` for an `objectRoles` policy: the union owning the entry, receipt, notice or question. */
export function inUnionOf<I>(table: Parameters<typeof unionOfFundObject>[1], idOf: (input: I) => string) {
  return async (input: I, db: Q): Promise<ObjectScope | undefined> => {
    const union = await unionOfFundObject(db, table, idOf(input));
    return union && { union };
  };
}

export function today(ctx: FnContext): string {
  return chinaDate(ctx.now);
}

export function field(path: string, message: string): AppError {
  return new AppError('validation_error', undefined, [{ path, message }]);
}

/** Parses a period key and checks it is the kind this union publishes by. */
export function periodFor(key: string, kind: 'quarter' | 'month'): Period {
  const p = parsePeriod(key);
  if (!p) throw field('quarter', '期间格式不正确');
  if (p.kind !== kind) throw field('quarter', kind === 'quarter' ? '本工会按季度公示，请填写 2026-Q3 这样的季度' : '本工会按月公示，请填写 2026-M07 这样的月份');
  return p;
}

/** Runs a fund write; the database triggers' refusals become the stable reasons. */
export async function write<T>(ctx: FnContext, body: (w: Writer) => Promise<T>): Promise<T> {
  try {
    return await ctx.transaction(body);
  } catch (err) {
    const refusal = triggerRefusal(err);
    if (refusal) throw new AppError(refusal);
    throw err;
  }
}

export function statusOf(e: Pick<EntryRow, 'needs_approval' | 'decision'>): EntryStatus {
  return entryStatus(e.needs_approval === 1, e.decision);
}

/** The caller's display name, as signed under a comment, a sign-off or an answer. */
export async function displayNameOf(db: Q, userId: string): Promise<string> {
  return (await displayNames(db, [userId])).get(userId) ?? '';
}
