/**
 * The function registry (云函数注册表). Every cloud function is declared once:
 * its contract (name + zod input schema + result type), a policy, its kind and its
 * handler. There is no way to register a handler without a policy, and a mutation
 * cannot commit without writing at least one audit event in the same transaction.
 */
import type { z } from 'zod';
import type { Transaction } from 'kysely';
import { AppError, REASONS, type Reason } from '../contract/errors';
import type { AnyContract, InputOfContract, OutputOfContract, ParsedInputOfContract } from '../contract/define';
import type { Role, RoleGrant } from '../contract/labels';
import type { Database, Db, Q } from '../storage/schema';
import type { Services } from './services';
import { groupCommitOf } from '../storage/group-commit';
import { runTransaction } from '../storage/transaction';
import { appendAudit, type AuditRow } from '../storage/audit.repository';
import { findUnion } from '../storage/unions.repository';
import { isActiveMemberOf } from '../storage/members.repository';

/** The caller, resolved from `X-LC-Session`. */
export interface Principal {
  userId: string;
  roles: RoleGrant[];
  sessionTokenHash: string;
}

/** One audit event (审计记录): who did what to which object. */
export interface AuditInput {
  action?: string;
  objectType: string;
  objectId: string;
  unionId?: string | null;
  detail?: Record<string, unknown>;
}

/** What a transaction body gets: the transaction and the audit writer. */
export interface Writer {
  db: Transaction<Database>;
  audit(event: AuditInput): Promise<void>;
}

export interface FnContext {
  /** For reads. Writes go through `transaction`. */
  db: Db;
  principal: Principal | null;
  /** The request time (controlled in tests). */
  now: Date;
  services: Services;
  /** Opens a transaction; it commits only if the body wrote at least one audit event. */
  transaction<T>(body: (w: Writer) => Promise<T>): Promise<T>;
  /** The principal, or `unauthenticated`. */
  requirePrincipal(): Principal;
  /**
   * The row `w.audit(event)` stores, for a repository write that stores its event itself in the
   * same statement as its change (the check-in's one-statement path on PostgreSQL): built here,
   * by the same code as every other mutation's event.
   */
  auditRow(event: AuditInput): AuditRow;
}

/** A union as an access rule needs it: itself and its parent (the industry union's admin reaches down). */
export interface UnionScope {
  id: string;
  parent_id: string | null;
}

/**
 * Where an object named by the input lives, for an `objectRoles` policy: the union that owns it,
 * other unions whose role holders may act on it too (a 诉求 handed up to the industry union), and
 * the user it belongs to (a member's own file), when its owner may act on it.
 */
export interface ObjectScope {
  union: UnionScope;
  also?: readonly UnionScope[];
  ownerUserId?: string | null;
}

/**
 * Who may call a function (deny by default):
 * - `public`: anyone, even without a session (login, reading the organisation tree);
 * - `signedIn`: any logged-in user; the handler only ever touches the caller's own data;
 * - `unionRoles`: the caller holds one of `roles` on the union named by the input
 *   (an industryAdmin grant on the industry union also covers its base unions);
 * - `objectRoles`: the input names an object (an activity, an application, a ledger entry…);
 *   `locate` finds the union it belongs to, and the caller holds one of `roles` there (or on an
 *   `also` union, or is its owner when `owner` is set). Everyone else, and a missing object,
 *   gets the same `not_found` (找不到该{what}), so ids of other unions' objects tell nothing.
 */
export type Policy<I> =
  | { kind: 'public' }
  | { kind: 'signedIn' }
  | {
      kind: 'unionRoles';
      roles: readonly Role[];
      /** The union the input names; `undefined` when it names none (an optional `unionId`), see `unnamed`. */
      unionOf: (input: I) => string | undefined;
      /**
       * `own`: an input that names no union is about the caller's own (their membership, their
       * role's union) and is let through; the handler then reads only that. Without it, such an
       * input is `not_found`.
       */
      unnamed?: 'own';
      /**
       * The refusal for a caller without the role. `not_found` for functions that list personal
       * data (applications, the roster), so another union's lists look like nothing at all.
       */
      denyAs?: 'forbidden' | 'not_found';
      /** The union's active members (在册会员) may call too (reading their union's notices). */
      members?: boolean;
    }
  | {
      kind: 'objectRoles';
      /** The object in the refusal: `找不到该${what}`. */
      what: string;
      roles: readonly Role[];
      /**
       * Where the named object lives. `'own'`: this input names no object, and the handler acts
       * on the caller's own record only (`membership.leave` without `memberId`).
       */
      locate: (input: I, db: Q) => Promise<ObjectScope | 'own' | null | undefined>;
      /** The object's owner (`ownerUserId`) may call too. */
      owner?: boolean;
      /** Active members (在册会员) of the object's union may call too. */
      members?: boolean;
      /**
       * Callers who may see the object but not do this (the reviewer asked to approve an entry,
       * staff asked to ask a member's question): `forbidden` with `message`, rather than
       * `not_found`, since the object is no secret to them.
       */
      seenBy?: { roles: readonly Role[]; members?: boolean; message?: string };
    };

export interface SampleFixture {
  industryUnionId: string;
  baseUnionId: string;
  unitId: string;
}

export interface FunctionDef<C extends AnyContract> {
  contract: C;
  policy: Policy<ParsedInputOfContract<C>>;
  /** `query` reads only; `mutation` writes inside `ctx.transaction`. */
  kind: 'query' | 'mutation';
  /**
   * Request body limit in bytes for functions that take a file as base64 (default 1 MB,
   * `MAX_BODY_BYTES` in host/app.ts). Keep it as small as the use allows.
   */
  maxBodyBytes?: number;
  /**
   * A valid input, for the policy matrix test and the fuzzer. Being moved to
   * `tests/support/samples/` (test fixtures do not belong in production definitions).
   */
  sample?(f: SampleFixture): InputOfContract<C>;
  handler(input: ParsedInputOfContract<C>, ctx: FnContext): Promise<OutputOfContract<C>>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyFunctionDef = FunctionDef<any>;

export function defineFunction<C extends AnyContract>(def: FunctionDef<C>): FunctionDef<C> {
  return def;
}

export class Registry {
  private readonly fns = new Map<string, AnyFunctionDef>();

  register(def: AnyFunctionDef): this {
    const name = def?.contract?.name;
    if (!name) throw new Error('registry: function without a contract');
    const policy = def.policy as { kind?: string } | undefined;
    if (!policy || !['public', 'signedIn', 'unionRoles', 'objectRoles'].includes(policy.kind ?? '')) {
      throw new Error(`registry: ${name} has no policy; every function must declare who may call it`);
    }
    if (this.fns.has(name)) throw new Error(`registry: ${name} registered twice`);
    this.fns.set(name, def);
    return this;
  }

  get(name: string): AnyFunctionDef | undefined {
    return this.fns.get(name);
  }

  list(): AnyFunctionDef[] {
    return [...this.fns.values()];
  }
}

/**
 * Turns zod issues into `validation_error` with `fields: [{path, message}]`. A refinement may
 * name a more precise stable reason in `params.reason` (the ID-number rule says
 * `invalid_id_number`): when every problem names the same reason, the refusal carries it.
 */
export function validationError(error: z.core.$ZodError): AppError {
  const reasons = new Set<string>();
  const fields = error.issues.flatMap((i) => {
    const base = i.path.map(String);
    const named = i.code === 'custom' ? (i.params as { reason?: unknown } | undefined)?.reason : undefined;
    reasons.add(typeof named === 'string' && named in REASONS ? named : 'validation_error');
    // One entry per unknown field, at its own path, so a form can point at it.
    if (i.code === 'unrecognized_keys') return i.keys.map((k) => ({ path: [...base, k].join('.'), message: `不允许的字段：${k}` }));
    return [{ path: base.join('.'), message: i.message }];
  });
  const [only] = reasons;
  const reason = reasons.size === 1 && only ? (only as Reason) : 'validation_error';
  return new AppError(reason, reason === 'validation_error' ? undefined : fields[0]?.message, fields);
}

/** Runs the policy. Throws `unauthenticated`, `forbidden` or `not_found`. */
export async function authorize<I>(policy: Policy<I>, input: I, principal: Principal | null, db: Q): Promise<void> {
  if (policy.kind === 'public') return;
  if (!principal) throw new AppError('unauthenticated');
  if (policy.kind === 'signedIn') return;
  if (policy.kind === 'unionRoles') {
    const unionId = policy.unionOf(input);
    if (unionId === undefined) {
      if (policy.unnamed === 'own') return;
      throw new AppError('not_found', '找不到该工会');
    }
    const union = await findUnion(db, unionId);
    if (!union) throw new AppError('not_found', '找不到该工会');
    if (!holdsRoleOn(principal.roles, policy.roles, union) && !(policy.members && (await isActiveMemberOf(db, principal.userId, [union.id])))) {
      throw policy.denyAs === 'not_found' ? new AppError('not_found', '找不到该工会') : new AppError('forbidden');
    }
    return;
  }
  if (policy.kind === 'objectRoles') {
    const scope = await policy.locate(input, db);
    if (scope === 'own') return;
    const unions = scope ? [scope.union, ...(scope.also ?? [])] : [];
    const holds = async (roles: readonly Role[], members: boolean | undefined) =>
      unions.some((u) => holdsRoleOn(principal.roles, roles, u)) || (members === true && (await isActiveMemberOf(db, principal.userId, unions.map((u) => u.id))));
    const allowed = scope && ((policy.owner && scope.ownerUserId != null && scope.ownerUserId === principal.userId) || (await holds(policy.roles, policy.members)));
    if (allowed) return;
    if (scope && policy.seenBy && (await holds(policy.seenBy.roles, policy.seenBy.members))) throw new AppError('forbidden', policy.seenBy.message);
    throw new AppError('not_found', `找不到该${policy.what}`);
  }
  throw new AppError('forbidden');
}

/** The roles `grants` give on `union` (an industryAdmin of its parent counts as industryAdmin there). */
export function rolesOn(grants: readonly RoleGrant[], union: UnionScope): Set<Role> {
  const held = new Set<Role>();
  for (const g of grants) {
    if (g.unionId === union.id) held.add(g.role);
    else if (g.role === 'industryAdmin' && union.parent_id !== null && g.unionId === union.parent_id) held.add('industryAdmin');
  }
  return held;
}

/** Does one of `grants` give one of `roles` on `union` (directly, or industryAdmin over its base unions)? */
export function holdsRoleOn(grants: readonly RoleGrant[], roles: readonly Role[], union: UnionScope): boolean {
  return grants.some(
    (g) =>
      roles.includes(g.role) &&
      (g.unionId === union.id || (g.role === 'industryAdmin' && union.parent_id !== null && g.unionId === union.parent_id)),
  );
}

/** Builds the context for one call. */
export function createContext(args: { db: Db; principal: Principal | null; now: Date; services: Services; fnName: string }): FnContext {
  const { db, principal, now, services, fnName } = args;
  const auditRow = (e: AuditInput): AuditRow => ({
    at: now.toISOString(),
    actorUserId: principal?.userId ?? null,
    action: e.action ?? fnName,
    objectType: e.objectType,
    objectId: e.objectId,
    unionId: e.unionId ?? null,
    detail: e.detail ?? {},
  });
  return {
    db,
    principal,
    now,
    services,
    requirePrincipal() {
      if (!principal) throw new AppError('unauthenticated');
      return principal;
    },
    auditRow,
    async transaction<T>(body: (w: Writer) => Promise<T>): Promise<T> {
      // SQLite: run in the next group commit (one BEGIN…COMMIT for the waiting mutations, each
      // in its own savepoint, answered after the COMMIT; cloud/storage/group-commit.ts). Else a
      // transaction of its own, run again if its connection is lost before COMMIT (transaction.ts).
      const batcher = groupCommitOf(db);
      const run = <R>(b: (trx: Transaction<Database>) => Promise<R>) => (batcher ? batcher.run(b) : runTransaction(db, b));
      return run(async (trx) => {
        let audited = 0;
        const writer: Writer = {
          db: trx,
          async audit(e) {
            audited++;
            await appendAudit(trx, auditRow(e));
          },
        };
        const result = await body(writer);
        if (audited === 0) throw new Error(`${fnName}: a transaction must write an audit event`);
        return result;
      });
    },
  };
}
