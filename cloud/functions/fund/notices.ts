/**
 * The notice members read (经费公示): `fund.previewNotice`, `fund.publishNotice`,
 * `fund.listNotices`, `fund.getNotice`, `fund.verifyNotice`. The notice is composed by the
 * domain (`noticeFromLedger`, domain/fund-notice.ts) from what the repository reads.
 */
import * as c from '../../contract/fund/notices';
import { AppError } from '../../contract/errors';
import { FUNDING_ROUTE_LABELS } from '../../contract/fund/labels';
import { newId } from '../../domain/crypto';
import { canonicalJson, jsonEqual, noticeFromLedger, noticeHash, type NoticeContent, type NoticeMeta } from '../../domain/fund-notice';
import { mustParsePeriod, periodLabel, type Period } from '../../domain/fund-period';
import { toFen } from '../../domain/money';
import { isActiveMemberOf } from '../../storage/members.repository';
import { activeMemberOfUser } from '../../storage/membership.repository';
import { lastSeq, loadSettings, loadSignOff, lockBooks, periodClosedAt, readNoticeLedger } from '../../storage/fund.repository';
import {
  findNotice,
  hasOpened,
  insertNotice,
  latestNotice,
  noticeActivity,
  noticeList,
  openedCount,
  periodVersions,
  questionThread,
  recordOpened,
  type NoticeRow,
} from '../../storage/fund-notices.repository';
import type { Q } from '../../storage/schema';
import type { UnionRef } from '../../storage/unions.repository';
import { displayNames } from '../../storage/users.repository';
import { defineFunction, rolesOn, type FnContext, type Principal } from '../registry';
import { BOOK_READERS, inUnionOf, NOTICE_READERS, onBooksOf, periodFor, RECORDERS, theUnion, write } from './shared';
import { notifyNoticePublished } from '../notify/producers';

/** A notice built from the ledger as it stands now. */
async function buildNotice(db: Q, meta: NoticeMeta): Promise<NoticeContent> {
  return noticeFromLedger(await readNoticeLedger(db, meta.unionId, meta.period, meta), meta);
}

/**
 * Would publishing `next` change anything against `prior`? (Version and ledger position aside.)
 * Compared structurally: serialising a notice of 100,000 entries once more would cost more.
 */
function sameContent(next: NoticeContent, prior: NoticeContent): boolean {
  // A notice published in format 1 with nothing changed since is still the same notice.
  return jsonEqual({ ...next, version: prior.version, asOfSeq: prior.asOfSeq, format: prior.format }, prior);
}

function figures(content: NoticeContent, hash: string): c.NoticeFigures {
  return {
    quarter: content.quarter,
    title: `${periodLabel(content.quarter)}经费公示`,
    from: content.from,
    to: content.to,
    version: content.version,
    hash,
    openingFen: content.openingFen,
    incomeFen: content.incomeFen,
    expenseFen: content.expenseFen,
    closingFen: content.closingFen,
    byCategory: content.byCategory,
    bySubCategory: content.bySubCategory,
    byFundingRoute: content.byFundingRoute.map((r) => ({ ...r, label: FUNDING_ROUTE_LABELS[r.route] })),
    dues: content.dues,
    itemThresholdFen: content.itemThresholdFen,
    items: content.items,
    entryCount: content.entryCount,
    corrections: content.corrections,
    signOff: content.signOff.signedAt ? content.signOff : null,
    explanation: content.explanation,
  };
}

/** What publishing now would produce: the content, whether it differs from the latest version, and why it cannot be published yet. */
async function draftNotice(db: Q, union: UnionRef, period: Period, explanation: string | undefined) {
  const settings = await loadSettings(db, union.id);
  const latest = await latestNotice(db, union.id, period.key);
  const prior = latest ? (JSON.parse(latest.content) as NoticeContent) : null;
  const closed = await periodClosedAt(db, union.id, period.key);
  const signOff = await loadSignOff(db, union.id, period.key);
  const content = await buildNotice(db, {
    unionId: union.id,
    unionName: union.name,
    period,
    version: (latest?.version ?? 0) + 1,
    explanation: explanation ?? prior?.explanation ?? '',
    itemThresholdFen: prior?.itemThresholdFen ?? settings.itemThresholdFen,
    signOff,
    asOfSeq: await lastSeq(db, union.id),
  });
  const unchanged = prior !== null && sameContent(content, prior);
  const blocker = !closed ? `${periodLabel(period.key)}尚未结账` : !signOff ? '经费审查委员会尚未签署' : null;
  return { content, latest, prior, unchanged, closed: Boolean(closed), signOff, blocker };
}

/**
 * 预览公示: the figures as they stand (before closing too, to check them), whether the period
 * is closed and signed off, and whether publishing would create a new version.
 */
export const previewNotice = defineFunction({
  contract: c.previewNotice,
  policy: onBooksOf(BOOK_READERS),
  kind: 'query',
  async handler(input, ctx) {
    const union = await theUnion(ctx.db, input.unionId);
    const settings = await loadSettings(ctx.db, union.id);
    const period = periodFor(input.quarter, settings.noticePeriod);
    const d = await draftNotice(ctx.db, union, period, input.explanation);
    const shown = d.unchanged && d.prior && d.latest ? d.prior : d.content;
    const hash = d.unchanged && d.latest ? d.latest.hash : noticeHash(d.content);
    return {
      ...figures(shown, hash),
      unionId: union.id,
      unionName: union.name,
      closed: d.closed,
      signedOff: Boolean(d.signOff),
      publishable: d.blocker === null && !d.unchanged,
      blocker: d.blocker,
      latestNotice: d.latest ? { noticeId: d.latest.id, version: d.latest.version, hash: d.latest.hash } : null,
      unchanged: d.unchanged,
    };
  },
});

/**
 * 发布公示. Needs a closed (`quarter_open`) and signed-off (`not_signed_off`) period. The
 * notice is sealed with a SHA-256 over its canonical JSON and never changes. Publishing a
 * period again with something changed (a later correction of one of its entries, a new
 * explanation) creates the next version; the earlier stays readable, marked 已更正. With
 * nothing changed it answers the current version with `duplicate: true`.
 */
export const publishNotice = defineFunction({
  contract: c.publishNotice,
  policy: onBooksOf(RECORDERS),
  kind: 'mutation',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const union = await theUnion(ctx.db, input.unionId);
    const settings = await loadSettings(ctx.db, union.id);
    const period = periodFor(input.quarter, settings.noticePeriod);
    return write(ctx, async (w) => {
      await lockBooks(w.db, union.id);
      const d = await draftNotice(w.db, union, period, input.explanation);
      if (!d.closed) throw new AppError('quarter_open', `${periodLabel(period.key)}尚未结账，结账并经审签署后才能公示`);
      if (!d.signOff) throw new AppError('not_signed_off');
      if (d.unchanged && d.latest) {
        await w.audit({ action: 'fund.publishNotice.duplicate', objectType: 'fund_notice', objectId: d.latest.id, unionId: union.id });
        return { noticeId: d.latest.id, version: d.latest.version, hash: d.latest.hash, duplicate: true };
      }
      const hash = noticeHash(d.content);
      const id = newId('ntc');
      await insertNotice(w.db, {
        id,
        union_id: union.id,
        period_key: period.key,
        version: d.content.version,
        hash,
        content: canonicalJson(d.content),
        opening_fen: d.content.openingFen,
        income_fen: d.content.incomeFen,
        expense_fen: d.content.expenseFen,
        closing_fen: d.content.closingFen,
        published_by: p.userId,
        published_at: ctx.now.toISOString(),
      });
      await notifyNoticePublished(w.db, { noticeId: id, unionId: union.id, quarter: period.key, at: ctx.now });
      await w.audit({ objectType: 'fund_notice', objectId: id, unionId: union.id, detail: { quarter: period.key, version: d.content.version, hash, supersedes: d.latest?.id ?? null } });
      return { noticeId: id, version: d.content.version, hash, duplicate: false };
    });
  },
});

/** How the caller sees a union's notices (the policy has let them in): as a member (asks, is counted), as staff or chair (answers, sees counts and askers). */
async function noticeView(db: Q, p: Principal, union: UnionRef): Promise<{ member: boolean; staff: boolean }> {
  const held = rolesOn(p.roles, union);
  return { member: await isActiveMemberOf(db, p.userId, [union.id]), staff: RECORDERS.some((r) => held.has(r)) };
}

/**
 * 经费公示列表, newest period first, each version listed (older versions `superseded`). Members
 * see their own union's; staff, chair and reviewer their union's; the industry admin any of its
 * base unions'. Another union's list is `not_found`. Staff and chair also get how many people
 * opened each notice and how many questions wait for an answer. Without `unionId`: the caller's
 * own union (their membership, else the union of their first role), which they may always read.
 */
export const listNotices = defineFunction({
  contract: c.listNotices,
  policy: { kind: 'unionRoles', roles: NOTICE_READERS, members: true, denyAs: 'not_found', unionOf: (i) => i.unionId, unnamed: 'own' },
  kind: 'query',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const unionId = input.unionId ?? (await activeMemberOfUser(ctx.db, p.userId))?.union_id ?? p.roles[0]?.unionId ?? null;
    if (!unionId) return { unionId: null, unionName: null, items: [] };
    const union = await theUnion(ctx.db, unionId);
    const { staff } = await noticeView(ctx.db, p, union);
    const rows = await noticeList(ctx.db, union.id);
    const newest = new Map<string, number>();
    for (const r of rows) newest.set(r.period_key, Math.max(newest.get(r.period_key) ?? 0, r.version));
    const { views, questions } = staff ? await noticeActivity(ctx.db, rows.map((r) => r.id)) : { views: [], questions: [] };
    const items: c.NoticeListItem[] = rows.map((r) => {
      const item: c.NoticeListItem = {
        noticeId: r.id,
        quarter: r.period_key,
        title: `${periodLabel(r.period_key)}经费公示`,
        version: r.version,
        publishedAt: r.published_at,
        superseded: r.version < (newest.get(r.period_key) ?? r.version),
        incomeFen: toFen(r.income_fen),
        expenseFen: toFen(r.expense_fen),
        closingFen: toFen(r.closing_fen),
      };
      if (staff) {
        const qs = questions.filter((q) => q.notice_id === r.id);
        item.openedCount = views.find((v) => v.noticeId === r.id)?.opened ?? 0;
        item.questionCount = new Set(qs.map((q) => q.id)).size;
        item.unansweredCount = new Set(qs.filter((q) => !q.answerId).map((q) => q.id)).size;
      }
      return item;
    });
    return { unionId: union.id, unionName: union.name, items };
  },
});

/** The notice named by the input (the policy has already found it) and its union. */
async function theNotice(db: Q, noticeId: string): Promise<{ row: NoticeRow; union: UnionRef }> {
  const row = await findNotice(db, noticeId);
  if (!row) throw new AppError('not_found', '找不到该公示');
  return { row, union: await theUnion(db, row.union_id) };
}

/** Who may read a notice: the union's active members, its staff, chair and reviewer, the industry admin above it. */
const noticePolicy = { kind: 'objectRoles', what: '公示', roles: NOTICE_READERS, members: true, locate: inUnionOf('fund_notices', (i: { noticeId: string }) => i.noticeId) } as const;

/**
 * A notice that no longer matches (its stored content against its hash, or the ledger against
 * both): an error line for the operators and an audit event of its own, which stays when the
 * call is refused.
 */
async function reportAlteredNotice(ctx: FnContext, row: NoticeRow, detail: { check: 'content' | 'ledger'; contentHash: string; recomputedHash?: string }): Promise<void> {
  const meta = { noticeId: row.id, unionId: row.union_id, quarter: row.period_key, version: row.version, hash: row.hash, ...detail };
  if (ctx.services.log) ctx.services.log.error('fund notice does not match its hash', meta);
  else process.stderr.write(`${JSON.stringify({ level: 'error', at: ctx.now.toISOString(), message: 'fund notice does not match its hash', ...meta })}\n`);
  await write(ctx, async (w) => {
    await w.audit({ action: 'fund.noticeAltered', objectType: 'fund_notice', objectId: row.id, unionId: row.union_id, detail: { hash: row.hash, ...detail } });
  });
}

/**
 * 一期经费公示. The first time a member of the union opens it, that is counted (staff see the
 * count). Includes every version of the period, the questions and the union's answers: members
 * see questions without names, staff and chair see who asked. Before serving, the stored
 * content is hashed again: content that no longer gives the notice's hash is refused
 * (`notice_altered`), logged as an error and audited (`fund.noticeAltered`).
 */
export const getNotice = defineFunction({
  contract: c.getNotice,
  policy: noticePolicy,
  kind: 'mutation',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const { row, union } = await theNotice(ctx.db, input.noticeId);
    const view = await noticeView(ctx.db, p, union);
    const content = JSON.parse(row.content) as NoticeContent;
    const contentHash = noticeHash(content);
    if (contentHash !== row.hash) {
      await reportAlteredNotice(ctx, row, { check: 'content', contentHash });
      throw new AppError('notice_altered');
    }
    if (view.member && !(await hasOpened(ctx.db, row.id, p.userId))) {
      await write(ctx, async (w) => {
        const first = await recordOpened(w.db, row.id, p.userId, ctx.now.toISOString());
        await w.audit({ action: 'fund.noticeOpened', objectType: 'fund_notice', objectId: row.id, unionId: union.id, detail: { first } });
      });
    }
    const versions = await periodVersions(ctx.db, union.id, row.period_key);
    const latest = versions[versions.length - 1];
    const { questions, answers } = await questionThread(ctx.db, row.id);
    const askers = view.staff ? await displayNames(ctx.db, questions.map((q) => q.asked_by)) : new Map<string, string>();
    const detail: c.NoticeDetail = {
      ...figures(content, row.hash),
      noticeId: row.id,
      unionId: union.id,
      unionName: union.name,
      publishedAt: row.published_at,
      superseded: latest.version > row.version,
      latestNoticeId: latest.id,
      versions: versions.map((v) => ({ noticeId: v.id, version: v.version, publishedAt: v.published_at })),
      questions: questions.map((q) => ({
        id: q.id,
        body: q.body,
        askedAt: q.asked_at,
        mine: q.asked_by === p.userId,
        ...(view.staff ? { askedByName: askers.get(q.asked_by) ?? '' } : {}),
        answers: answers.filter((a) => a.question_id === q.id).map((a) => ({ id: a.id, body: a.body, answererName: a.answerer_name, answeredAt: a.answered_at })),
      })),
      canAsk: view.member,
      canAnswer: view.staff,
    };
    if (view.staff) detail.openedCount = await openedCount(ctx.db, row.id);
    return detail;
  },
});

/**
 * 核验: the notice rebuilt from the ledger now (same period, item threshold, ledger position and
 * format; the sign-off from its table, the explanation and version as published) and hashed,
 * against the hash it was published with. `matches` only when the ledger and the stored content
 * both give that hash; otherwise the mismatch is logged and audited like in `fund.getNotice`.
 * Who may: as `fund.getNotice` (members of the union, its staff, chair and reviewer, the
 * industry admin; others `not_found`).
 */
export const verifyNotice = defineFunction({
  contract: c.verifyNotice,
  policy: noticePolicy,
  kind: 'query',
  async handler(input, ctx) {
    const { row, union } = await theNotice(ctx.db, input.noticeId);
    const stored = JSON.parse(row.content) as NoticeContent;
    const contentHash = noticeHash(stored);
    const rebuilt = await buildNotice(ctx.db, {
      unionId: union.id,
      unionName: stored.unionName,
      period: mustParsePeriod(row.period_key),
      version: row.version,
      explanation: stored.explanation,
      itemThresholdFen: stored.itemThresholdFen,
      signOff: await loadSignOff(ctx.db, union.id, row.period_key),
      asOfSeq: stored.asOfSeq,
      format: stored.format,
    });
    const recomputedHash = noticeHash(rebuilt);
    const matches = recomputedHash === row.hash && contentHash === row.hash;
    if (!matches) await reportAlteredNotice(ctx, row, { check: 'ledger', contentHash, recomputedHash });
    return { matches, hash: row.hash, recomputedHash, contentHash };
  },
});
