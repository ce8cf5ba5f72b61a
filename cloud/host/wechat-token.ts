/**
 * The mini-program's access token (接口调用凭证), one for all host instances on a database.
 *
 * Fetched with WeChat's stable token (`POST /cgi-bin/stable_token`, normal mode), not the classic
 * `GET /cgi-bin/token`: every classic fetch replaces the app's token (the old one dies within five
 * minutes), so anything else holding the same AppID — a second deployment, a script, a test
 * environment — would knock us out and we them; the stable token is the same for every caller
 * while valid, is renewed by WeChat itself in its last five minutes, and the secret travels in a
 * POST body instead of a URL that proxies log. Force mode (20 a day) is never used.
 *
 * Where it is kept: in this process's memory, and in the database (`wechat_tokens`, sealed with the
 * data key) so that every instance uses the same one. Refreshing:
 * - a token with more than REFRESH_MARGIN_MS (4 minutes) left is used as is;
 * - otherwise one instance takes the database lease (one conditional UPDATE) and fetches; the
 *   others keep using the old token while it is still valid, or wait for the new one (polling the
 *   row) when there is none; within a process, concurrent callers share one attempt;
 * - a call WeChat answers with 40001/40014/42001 (invalid or expired token) drops that token and
 *   is retried once with a fresh one (wechat.ts).
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '../contract/errors';
import { decryptField, encryptField } from '../domain/crypto';
import type { Db } from '../storage/schema';
import { createWechatTokenRow, readWechatToken, releaseWechatTokenLease, saveWechatToken, takeWechatTokenLease } from '../storage/wechat.repository';

/**
 * Renew this long before expiry. WeChat's stable token changes only in its last five minutes (before
 * that, normal mode answers the same token again), so renewing at four minutes left always gets a new
 * one, with time to spare; at five or more, every caller in that minute would fetch the old one again.
 */
export const REFRESH_MARGIN_MS = 4 * 60_000;
/** How often a waiting instance looks for the token another one is fetching. */
const POLL_MS = 50;

export interface TokenFetch {
  accessToken: string;
  expiresInSec: number;
}

export interface AccessTokenDeps {
  appId: string;
  db: Db;
  /** Key that seals the token at rest (the personal-data field key). */
  sealKey: Buffer;
  /** Asks WeChat for the token (throws an AppError when it cannot). */
  fetchToken(): Promise<TokenFetch>;
  /** The longest a fetch may take; the lease lasts twice that. */
  timeoutMs: number;
  now?: () => number;
}

export class AccessTokenSource {
  readonly #deps: AccessTokenDeps;
  readonly #holder = `inst_${randomBytes(8).toString('hex')}`;
  #memory: { token: string; expiresAt: number } | null = null;
  #inflight: Promise<string> | null = null;
  /** Tokens fetched from WeChat by this instance (for tests and operators). */
  fetched = 0;

  constructor(deps: AccessTokenDeps) {
    this.#deps = deps;
  }

  #now(): number {
    return this.#deps.now ? this.#deps.now() : Date.now();
  }

  /** A token with time left; `rejected`: the one WeChat just refused, never to be handed out again. */
  async get(rejected?: string): Promise<string> {
    const m = this.#memory;
    if (m && m.token !== rejected && m.expiresAt - this.#now() > REFRESH_MARGIN_MS) return m.token;
    if (rejected && m?.token === rejected) this.#memory = null;
    for (;;) {
      // Concurrent callers in this process share one attempt (one database round, at most one fetch).
      const shared = (this.#inflight ??= this.#obtain(rejected).finally(() => (this.#inflight = null)));
      const token = await shared;
      if (token !== rejected) return token;
      // The shared attempt was for another caller and returned the token this one saw refused.
      if (!this.#inflight) return this.#obtain(rejected);
    }
  }

  async #obtain(rejected: string | undefined): Promise<string> {
    const { db, appId, timeoutMs } = this.#deps;
    const leaseMs = timeoutMs * 2;
    const giveUpAt = this.#now() + leaseMs + timeoutMs;
    for (;;) {
      const now = this.#now();
      const row = await readWechatToken(db, appId);
      if (!row) await createWechatTokenRow(db, appId);
      const current = this.#open(row, rejected);
      if (current && current.expiresAt - now > REFRESH_MARGIN_MS) return this.#remember(current);
      if (await takeWechatTokenLease(db, appId, this.#holder, new Date(now).toISOString(), new Date(now + leaseMs).toISOString())) {
        try {
          // Another instance may have stored a new token between our read and our lease.
          const again = this.#open(await readWechatToken(db, appId), rejected);
          if (again && again.expiresAt - this.#now() > REFRESH_MARGIN_MS) {
            await releaseWechatTokenLease(db, appId, this.#holder);
            return this.#remember(again);
          }
          const fetched = await this.#deps.fetchToken();
          this.fetched++;
          const got = { token: fetched.accessToken, expiresAt: this.#now() + fetched.expiresInSec * 1000 };
          await saveWechatToken(db, appId, encryptField(this.#deps.sealKey, got.token), new Date(got.expiresAt).toISOString(), new Date(this.#now()).toISOString());
          return this.#remember(got);
        } catch (err) {
          await releaseWechatTokenLease(db, appId, this.#holder).catch(() => undefined);
          throw err;
        }
      }
      // Another instance is fetching: meanwhile the old token serves while it lasts.
      if (current && current.expiresAt > now) return this.#remember(current);
      if (now > giveUpAt) throw new AppError('wechat_unavailable', '微信接口凭证暂时无法获取，请稍后再试');
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  #open(row: Awaited<ReturnType<typeof readWechatToken>>, rejected: string | undefined): { token: string; expiresAt: number } | null {
    if (!row?.sealedToken || !row.expiresAt) return null;
    let token: string;
    try {
      token = decryptField(this.#deps.sealKey, row.sealedToken);
    } catch {
      return null; // sealed with another data key: fetch a new one
    }
    if (token === rejected) return null;
    return { token, expiresAt: Date.parse(row.expiresAt) };
  }

  #remember(t: { token: string; expiresAt: number }): string {
    this.#memory = t;
    return t.token;
  }
}
