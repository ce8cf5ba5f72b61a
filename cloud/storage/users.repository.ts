/** Users, their roles, their sessions and what the app shows of them. */
import type { RoleGrant } from '../contract/labels';
import type { SessionUser } from '../contract/auth/session';
import { hashSessionToken, newSessionToken } from '../domain/crypto';
import { needsTouch, sessionLifetime, sessionState, type SessionState } from '../domain/session';
import { sql } from 'kysely';
import { Coalescer, coalescible, perHandle } from './coalesce';
import type { Q, RoleGrantsTable, StaffCredentialsTable, UsersTable } from './schema';
import { cacheSession, forgetSession, getCachedSession } from './session-cache';
import { precompile } from './precompiled';

const rolesQuery = precompile((db, p) => db.selectFrom('role_grants').select(['role', 'union_id']).where('user_id', '=', p(0)).orderBy('union_id').orderBy('role'));
/**
 * The session with its user's role grants in one read (one row per grant; one row with null
 * role for a user without any): one round trip instead of two on PostgreSQL, where every
 * member's first call of a door rush resolves its session.
 */
const sessionQuery = precompile((db, p) =>
  db
    .selectFrom('sessions as s')
    .leftJoin('role_grants as g', 'g.user_id', 's.user_id')
    .select(['s.user_id', 's.last_seen_at', 's.idle_seconds', 's.absolute_expires_at', 's.revoked_at', 'g.role', 'g.union_id'])
    .where('s.token_hash', '=', p(0))
    .orderBy('g.union_id')
    .orderBy('g.role'),
);

type SessionRow = Awaited<ReturnType<typeof sessionQuery.execute>>[number];

/**
 * PostgreSQL: the session lookups of one turn of the event loop in one statement (coalesce.ts):
 * at a door rush every member's first call misses the session cache.
 */
const sessionsPg = perHandle(
  'sessions',
  (db: Q) =>
    new Coalescer<string, SessionRow[]>(async (hashes) => {
      const { rows } = await sql<SessionRow & { token_hash: string }>`
        select s.token_hash, s.user_id, s.last_seen_at, s.idle_seconds, s.absolute_expires_at, s.revoked_at, g.role, g.union_id
        from sessions s left join role_grants g on g.user_id = s.user_id
        where s.token_hash = any(${[...new Set(hashes)]}::text[])
        order by s.token_hash, g.union_id, g.role`.execute(db);
      const byHash = new Map<string, SessionRow[]>();
      for (const r of rows) {
        const list = byHash.get(r.token_hash);
        if (list) list.push(r);
        else byHash.set(r.token_hash, [r]);
      }
      return hashes.map((h) => ({ ok: true, value: byHash.get(h) ?? [] }));
    }),
);

export async function rolesOf(db: Q, userId: string): Promise<RoleGrant[]> {
  const rows = await rolesQuery.execute(db, [userId]);
  return rows.map((r) => ({ role: r.role, unionId: r.union_id }));
}

export async function loadSessionUser(db: Q, userId: string): Promise<SessionUser | undefined> {
  const user = await db.selectFrom('users').select(['id', 'display_name']).where('id', '=', userId).executeTakeFirst();
  if (!user) return undefined;
  const roles = await rolesOf(db, userId);
  const member = await db
    .selectFrom('members')
    .innerJoin('unions', 'unions.id', 'members.union_id')
    .select(['members.id as memberId', 'members.member_no', 'members.name', 'unions.id as unionId', 'unions.name as unionName', 'unions.kind'])
    .where('members.user_id', '=', userId)
    .where('members.status', '=', 'active')
    .executeTakeFirst();
  const result: SessionUser = { id: user.id, displayName: member?.name ?? user.display_name, roles };
  if (member) {
    result.memberOf = {
      unionId: member.unionId,
      unionName: member.unionName,
      unionKind: member.kind,
      memberNo: member.member_no,
      memberId: member.memberId,
    };
  }
  return result;
}

/** Creates a session and returns its token (shown once; only its hash is stored). */
export async function createSession(db: Q, userId: string, roles: readonly RoleGrant[], now: Date): Promise<string> {
  const token = newSessionToken();
  const life = sessionLifetime(roles);
  await db
    .insertInto('sessions')
    .values({
      token_hash: hashSessionToken(token),
      user_id: userId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      idle_seconds: life.idleSeconds,
      absolute_expires_at: new Date(now.getTime() + life.absoluteSeconds * 1000).toISOString(),
      revoked_at: null,
    })
    .execute();
  return token;
}

export type ResolvedSession =
  | { state: 'active'; userId: string; tokenHash: string; roles: RoleGrant[] }
  | { state: Exclude<SessionState, 'active'> | 'unknown' };

/**
 * Looks a token up, checks its expiry and refreshes `last_seen_at` at most once a minute.
 * An active session is kept a few seconds in the in-process cache (session-cache.ts).
 */
export async function resolveSession(db: Q, token: string, now: Date): Promise<ResolvedSession> {
  const tokenHash = hashSessionToken(token);
  const nowMs = now.getTime();
  const hit = getCachedSession(tokenHash, nowMs);
  if (hit && sessionState(hit.times, now) === 'active') {
    if (needsTouch(hit.times, now)) {
      await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('token_hash', '=', tokenHash).execute();
      hit.times = { ...hit.times, lastSeenAt: now.toISOString() };
    }
    return { state: 'active', userId: hit.userId, tokenHash, roles: hit.roles };
  }
  const rows = coalescible(db) ? await sessionsPg(db).load(tokenHash) : await sessionQuery.execute(db, [tokenHash]);
  const row = rows[0];
  if (!row) return { state: 'unknown' };
  const times = {
    lastSeenAt: row.last_seen_at,
    idleSeconds: row.idle_seconds,
    absoluteExpiresAt: row.absolute_expires_at,
    revokedAt: row.revoked_at,
  };
  const state = sessionState(times, now);
  if (state !== 'active') return { state };
  if (needsTouch(times, now)) {
    await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('token_hash', '=', tokenHash).execute();
    times.lastSeenAt = now.toISOString();
  }
  const roles: RoleGrant[] = [];
  for (const r of rows) if (r.role !== null && r.union_id !== null) roles.push({ role: r.role, unionId: r.union_id });
  cacheSession(tokenHash, { userId: row.user_id, roles, times }, nowMs);
  return { state: 'active', userId: row.user_id, tokenHash, roles };
}

export async function revokeSession(db: Q, tokenHash: string, now: Date): Promise<void> {
  forgetSession(tokenHash, now.getTime());
  await db.updateTable('sessions').set({ revoked_at: now.toISOString() }).where('token_hash', '=', tokenHash).execute();
}

/**
 * One wrong staff password, counted in ONE statement that also locks and checks the lock: the
 * count is `failed_attempts + 1` of the row as it is when this statement holds it (PostgreSQL
 * re-reads a row a concurrent statement changed; SQLite has one writer), so parallel guesses
 * cannot all read the same count. At `max` failures in a row the count goes back to 0 and the
 * account is locked until `lockedUntil`. A locked account is left alone: `undefined`.
 */
export async function recordFailedLogin(db: Q, userId: string, a: { now: Date; max: number; lockedUntil: Date }): Promise<{ failed: number; locked: boolean } | undefined> {
  const now = a.now.toISOString();
  const row = await db
    .updateTable('staff_credentials')
    .set({
      failed_attempts: sql<number>`case when failed_attempts + 1 >= ${a.max} then 0 else failed_attempts + 1 end`,
      locked_until: sql<string | null>`case when failed_attempts + 1 >= ${a.max} then ${a.lockedUntil.toISOString()} else null end`,
      updated_at: now,
    })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returning(['failed_attempts', 'locked_until'])
    .executeTakeFirst();
  if (!row) return undefined;
  const locked = row.locked_until !== null;
  return { failed: locked ? a.max : Number(row.failed_attempts), locked };
}

/**
 * A right password: the failure count goes back to 0, unless the account is locked (a lock set by
 * parallel wrong passwords after this login's first look): then `false` and nothing changes.
 */
export async function clearFailedLogins(db: Q, userId: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('staff_credentials')
    .set({ failed_attempts: 0, locked_until: null, updated_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now.toISOString())]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** When the account's lock ends (null: not locked at `now`). */
export async function loginLockedUntil(db: Q, userId: string, now: Date): Promise<string | null> {
  const r = await db.selectFrom('staff_credentials').select('locked_until').where('user_id', '=', userId).executeTakeFirst();
  return r?.locked_until && r.locked_until > now.toISOString() ? r.locked_until : null;
}

/** A user's display name (the account's, not a member's real name), if the user exists. */
export async function displayNameOf(db: Q, userId: string): Promise<string | undefined> {
  const u = await db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
  return u?.display_name;
}

/** The user a demo persona key (`persona:union:key`) belongs to. */
export async function findUserIdByDevKey(db: Q, devKey: string): Promise<string | undefined> {
  return (await db.selectFrom('users').select('id').where('dev_key', '=', devKey).executeTakeFirst())?.id;
}

/** The user a WeChat openid belongs to. */
export async function findUserIdByOpenid(db: Q, openid: string): Promise<string | undefined> {
  return (await db.selectFrom('users').select('id').where('wechat_openid', '=', openid).executeTakeFirst())?.id;
}

export async function insertUser(db: Q, row: UsersTable): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

/** Keeps the user's WeChat `session_key` (sealed), replacing the one before. */
export async function saveWechatSessionKey(db: Q, userId: string, sealed: string, at: string): Promise<void> {
  await db
    .insertInto('wechat_sessions')
    .values({ user_id: userId, session_key_enc: sealed, updated_at: at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ session_key_enc: sealed, updated_at: at }))
    .execute();
}

/** A staff account (工会干部账号) by its username. */
export async function findStaffCredential(db: Q, username: string): Promise<StaffCredentialsTable | undefined> {
  return db.selectFrom('staff_credentials').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function grantRole(db: Q, g: RoleGrantsTable): Promise<void> {
  await db.insertInto('role_grants').values(g).execute();
}

/** Display names of users by id (missing ids are left out). */
export async function displayNames(db: Q, userIds: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
