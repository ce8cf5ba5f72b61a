/**
 * WeChat state kept in the database (015): the shared access token with its refresh lease, and
 * what WeChat made for each invitation (mini-program code, URL Link). Plain rows in and out; the
 * token arrives here already sealed (cloud/host/wechat-token.ts encrypts it).
 */
import type { Q } from './schema';

export interface StoredWechatToken {
  /** Sealed access token, or null before the first fetch. */
  sealedToken: string | null;
  expiresAt: string | null;
  leaseHolder: string | null;
  leaseUntil: string | null;
}

export async function readWechatToken(db: Q, appId: string): Promise<StoredWechatToken | null> {
  const row = await db
    .selectFrom('wechat_tokens')
    .select(['access_token', 'expires_at', 'lease_holder', 'lease_until'])
    .where('app_id', '=', appId)
    .executeTakeFirst();
  return row ? { sealedToken: row.access_token, expiresAt: row.expires_at, leaseHolder: row.lease_holder, leaseUntil: row.lease_until } : null;
}

/** The app's row, before its first token ever (several instances may ask at once: the first wins). */
export async function createWechatTokenRow(db: Q, appId: string): Promise<void> {
  await db
    .insertInto('wechat_tokens')
    .values({ app_id: appId, access_token: null, expires_at: null, lease_holder: null, lease_until: null, refreshed_at: null, refreshes: 0 })
    .onConflict((oc) => oc.column('app_id').doNothing())
    .execute();
}

/**
 * Takes the refresh lease when it is free or lapsed: one conditional UPDATE, so of many instances
 * asking at once exactly one gets it (SQLite has one writer; PostgreSQL re-checks the WHERE on the
 * row it waited for). The row must exist (`createWechatTokenRow`).
 */
export async function takeWechatTokenLease(db: Q, appId: string, holder: string, nowIso: string, untilIso: string): Promise<boolean> {
  const r = await db
    .updateTable('wechat_tokens')
    .set({ lease_holder: holder, lease_until: untilIso })
    .where('app_id', '=', appId)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', nowIso)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Stores the new token and lets the lease go. Written also when the holder's lease lapsed meanwhile:
 * the token is as good as the one a later holder fetches (WeChat's stable token stays the same while valid).
 */
export async function saveWechatToken(db: Q, appId: string, sealedToken: string, expiresAtIso: string, nowIso: string): Promise<void> {
  await db
    .updateTable('wechat_tokens')
    .set((eb) => ({
      access_token: sealedToken,
      expires_at: expiresAtIso,
      refreshed_at: nowIso,
      refreshes: eb('refreshes', '+', 1),
      lease_holder: null,
      lease_until: null,
    }))
    .where('app_id', '=', appId)
    .execute();
}

/** Gives the lease back without a new token (the fetch failed): the next caller tries again at once. */
export async function releaseWechatTokenLease(db: Q, appId: string, holder: string): Promise<void> {
  await db.updateTable('wechat_tokens').set({ lease_holder: null, lease_until: null }).where('app_id', '=', appId).where('lease_holder', '=', holder).execute();
}

export interface InvitationWechatRow {
  appId: string;
  miniProgramCode: string | null;
  urlLink: string | null;
  urlLinkExpiresAt: string | null;
}

export async function readInvitationWechat(db: Q, invitationId: string): Promise<InvitationWechatRow | null> {
  const row = await db
    .selectFrom('invitation_wechat')
    .select(['app_id', 'mini_program_code', 'url_link', 'url_link_expires_at'])
    .where('invitation_id', '=', invitationId)
    .executeTakeFirst();
  return row ? { appId: row.app_id, miniProgramCode: row.mini_program_code, urlLink: row.url_link, urlLinkExpiresAt: row.url_link_expires_at } : null;
}

/**
 * Keeps what WeChat made for an invitation. Only the parts given are written; a row of another
 * app id is replaced whole (its code and link open another mini-program).
 */
export async function saveInvitationWechat(
  db: Q,
  invitationId: string,
  appId: string,
  parts: { miniProgramCode?: string; urlLink?: { url: string; expiresAt: string } },
  nowIso: string,
): Promise<void> {
  const existing = await readInvitationWechat(db, invitationId);
  const keep = existing && existing.appId === appId ? existing : null;
  const values = {
    app_id: appId,
    mini_program_code: parts.miniProgramCode ?? keep?.miniProgramCode ?? null,
    url_link: parts.urlLink?.url ?? keep?.urlLink ?? null,
    url_link_expires_at: parts.urlLink?.expiresAt ?? keep?.urlLinkExpiresAt ?? null,
    updated_at: nowIso,
  };
  await db
    .insertInto('invitation_wechat')
    .values({ invitation_id: invitationId, ...values })
    .onConflict((oc) => oc.column('invitation_id').doUpdateSet(values))
    .execute();
}
