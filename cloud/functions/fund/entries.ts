/** Ledger entries: `fund.addEntry`, `fund.approve`, `fund.reverse`, `fund.comment`. */
import * as c from '../../contract/fund/entries';
import { AppError } from '../../contract/errors';
import { categoryByName, type EntryStatus, type FundingRoute } from '../../contract/fund/labels';
import type { Role } from '../../contract/labels';
import { newId } from '../../domain/crypto';
import { checkGift, entryStatus, perHeadThisYear, type Flag } from '../../domain/fund-ledger';
import { isUniqueViolation } from '../../storage/db';
import {
  closedThrough,
  correctionTarget,
  countUnionAttachments,
  entryIdByRequest,
  findApproval,
  findEntry,
  findReversalOf,
  giftsThisYear,
  insertApproval,
  insertComment,
  insertEntry,
  isActiveMemberId,
  linkAttachment,
  loadSettings,
  lockBooks,
  nextSeq,
} from '../../storage/fund.repository';
import { defineFunction, rolesOn, type FnContext } from '../registry';
import { BOOK_READERS, displayNameOf, field, inUnionOf, onBooksOf, RECORDERS, statusOf, theUnion, today, write } from './shared';
import { notifySpendingWaiting } from '../notify/producers';

/** The entry named by the input (the policy has already found it). */
async function theEntry(ctx: FnContext, entryId: string) {
  const entry = await findEntry(ctx.db, entryId);
  if (!entry) throw new AppError('not_found', '找不到该条目');
  return { entry, union: await theUnion(ctx.db, entry.union_id) };
}

/**
 * 记一笔账. Income is posted at once; spending waits for the chair (主席一支笔). The date may
 * not be in the future nor in a closed period (`quarter_closed`: record the correction in the
 * current period instead, with `correctsId`). Gifts are checked against the spending rules:
 * non-members, cash, shopping cards and vouchers are refused (`spending_rule`); passing the
 * per-member yearly cap is flagged for the chair and the reviewer. Idempotent by `requestId`.
 */
export const addEntry = defineFunction({
  contract: c.addEntry,
  policy: onBooksOf(RECORDERS),
  kind: 'mutation',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    if (input.date > today(ctx)) throw field('date', '日期不能晚于今天');
    const settings = await loadSettings(ctx.db, input.unionId);
    if (input.subCategory) {
      const allowed = [...(categoryByName(input.category)?.subCategories ?? []), ...(settings.subCategories[input.category] ?? [])];
      if (!allowed.includes(input.subCategory)) throw field('subCategory', `“${input.category}”下没有明细项目“${input.subCategory}”`);
    }
    const route: FundingRoute | null = input.direction === 'income' ? (input.fundingRoute ?? categoryByName(input.category)?.defaultRoute ?? 'other') : null;

    const run = () =>
      write(ctx, async (w) => {
        await lockBooks(w.db, input.unionId);
        const existingId = await entryIdByRequest(w.db, input.unionId, input.requestId);
        if (existingId) {
          const e = (await findEntry(w.db, existingId))!;
          await w.audit({ action: 'fund.addEntry.duplicate', objectType: 'fund_entry', objectId: e.id, unionId: input.unionId, detail: { requestId: input.requestId } });
          return { id: e.id, status: statusOf(e), seq: e.seq, flags: JSON.parse(e.flags) as Flag[], duplicate: true };
        }
        const closed = await closedThrough(w.db, input.unionId);
        if (closed && input.date <= closed) throw new AppError('quarter_closed', `${closed} 及以前的期间已结账，更正请记入当期并注明更正的原条目`);

        if (input.dues?.memberId && !(await isActiveMemberId(w.db, input.unionId, input.dues.memberId))) throw field('dues.memberId', '本工会没有这位在册会员');
        if (input.correctsId) {
          const original = await correctionTarget(w.db, input.unionId, input.correctsId);
          if (!original || original.kind !== 'entry') throw field('correctsId', '找不到要更正的原条目');
          if (!original.reversalId) throw field('correctsId', '请先冲正原条目，再记更正后的条目');
        }
        const attachmentIds = [...new Set(input.attachmentIds ?? [])];
        if (attachmentIds.length && (await countUnionAttachments(w.db, input.unionId, attachmentIds)) !== attachmentIds.length) {
          throw field('attachmentIds', '附件不存在或不属于本工会');
        }
        let flags: Flag[] = [];
        if (input.gift) {
          const year = Number(input.date.slice(0, 4));
          const already = perHeadThisYear(await giftsThisYear(w.db, input.unionId, input.gift.kind, year));
          const outcome = checkGift(input.amountFen, input.gift, settings, already);
          if (!outcome.ok) throw new AppError('spending_rule', outcome.message, [{ path: outcome.path, message: outcome.message }]);
          flags = outcome.flags;
        }

        const id = newId('fe');
        const seq = await nextSeq(w.db, input.unionId);
        const needsApproval = input.direction === 'expense' ? 1 : 0;
        await insertEntry(w.db, {
          id,
          union_id: input.unionId,
          seq,
          date: input.date,
          direction: input.direction,
          category: input.category,
          sub_category: input.subCategory ?? null,
          funding_route: route,
          amount_fen: input.amountFen,
          kind: 'entry',
          reverses_id: null,
          corrects_id: input.correctsId ?? null,
          needs_approval: needsApproval,
          counterparty: input.counterparty || null,
          purpose: input.purpose,
          request_id: input.requestId,
          gift_kind: input.gift?.kind ?? null,
          gift_form: input.gift?.form ?? null,
          gift_recipients: input.gift?.recipients ?? null,
          gift_recipient_count: input.gift?.recipientCount ?? null,
          dues_member_id: input.dues?.memberId ?? null,
          dues_member_count: input.dues ? (input.dues.memberCount ?? 1) : null,
          flags: JSON.stringify(flags),
          recorded_by: p.userId,
          recorded_at: ctx.now.toISOString(),
        });
        for (const attachmentId of attachmentIds) {
          await linkAttachment(w.db, { entry_id: id, attachment_id: attachmentId, linked_by: p.userId, linked_at: ctx.now.toISOString() });
        }
        if (needsApproval) await notifySpendingWaiting(w.db, { entryId: id, unionId: input.unionId, purpose: input.purpose, amountFen: input.amountFen, at: ctx.now });
        await w.audit({
          objectType: 'fund_entry',
          objectId: id,
          unionId: input.unionId,
          detail: { seq, date: input.date, direction: input.direction, category: input.category, amountFen: input.amountFen, flags: flags.map((f) => f.code) },
        });
        const status: EntryStatus = needsApproval ? 'pending_approval' : 'posted';
        return { id, status, seq, flags, duplicate: false };
      });
    try {
      return await run();
    } catch (err) {
      // Two sends of one requestId at the same moment: the loser reads the winner's entry.
      if (isUniqueViolation(err)) return run();
      throw err;
    }
  },
});

/**
 * 主席审批. Only the chair; never the person who recorded the entry (`same_person`). A
 * flagged entry (e.g. over the gift cap) needs `acknowledgeFlags: true`; not approving needs
 * a note. The decision is a new row (the entry itself never changes); the same decision sent
 * again answers `duplicate: true`, a different one `already_decided`. Staff and the reviewer
 * see the entry but may not decide (`forbidden`); anyone else gets `not_found`.
 */
export const approve = defineFunction({
  contract: c.approve,
  policy: { kind: 'objectRoles', what: '条目', roles: ['chair'], locate: inUnionOf('fund_entries', (i: { id: string }) => i.id), seenBy: { roles: BOOK_READERS } },
  kind: 'mutation',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const { entry, union } = await theEntry(ctx, input.id);
    const decision = input.decision ?? 'approve';
    if (entry.needs_approval === 0) throw new AppError('already_decided', '收入和冲正条目无需审批，已记账');
    return write(ctx, async (w) => {
      await lockBooks(w.db, union.id);
      const prior = await findApproval(w.db, entry.id);
      if (prior) {
        if (prior.decision !== decision) throw new AppError('already_decided', prior.decision === 'approve' ? '该支出已批准' : '该支出已被退回');
        await w.audit({ action: 'fund.approve.duplicate', objectType: 'fund_entry', objectId: entry.id, unionId: union.id });
        return { id: entry.id, status: entryStatus(true, prior.decision), duplicate: true };
      }
      if (entry.recorded_by === p.userId) throw new AppError('same_person');
      const closed = await closedThrough(w.db, union.id);
      if (closed && entry.date <= closed) throw new AppError('quarter_closed');
      const flags = JSON.parse(entry.flags) as Flag[];
      if (decision === 'approve' && flags.length > 0 && !input.acknowledgeFlags) throw field('acknowledgeFlags', `请先确认提示：${flags.map((f) => f.message).join('；')}`);
      if (decision === 'reject' && !input.note) throw field('note', '不批准时请写明原因');
      await insertApproval(w.db, { entry_id: entry.id, decision, decided_by: p.userId, decided_at: ctx.now.toISOString(), note: input.note || null });
      await w.audit({ objectType: 'fund_entry', objectId: entry.id, unionId: union.id, detail: { decision, acknowledgedFlags: flags.map((f) => f.code) } });
      return { id: entry.id, status: entryStatus(true, decision), duplicate: false };
    });
  },
});

/**
 * 冲正. Records a reversing entry dated today (the current, open period) that takes the
 * original's amount back in the same direction and category; the original stays as it was.
 * Only posted entries can be reversed, each once (`already_reversed`; the same caller sending
 * the same reason again gets the first reversal back with `duplicate: true`). To put the right
 * figure in, record a new entry with `correctsId`. The reviewer sees the entry but may not
 * reverse it (`forbidden`).
 */
export const reverse = defineFunction({
  contract: c.reverse,
  policy: { kind: 'objectRoles', what: '条目', roles: RECORDERS, locate: inUnionOf('fund_entries', (i: { id: string }) => i.id), seenBy: { roles: BOOK_READERS } },
  kind: 'mutation',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const { entry, union } = await theEntry(ctx, input.id);
    if (entry.kind === 'reversal') throw new AppError('immutable', '冲正条目不能再冲正');
    const status = statusOf(entry);
    if (status === 'pending_approval') throw new AppError('not_approved', '该支出尚未审批，没有记账，无需冲正');
    if (status === 'rejected') throw new AppError('already_decided', '该支出未获批准，没有记账，无需冲正');
    const purpose = `冲正：${input.reason}`;
    return write(ctx, async (w) => {
      await lockBooks(w.db, union.id);
      const prior = await findReversalOf(w.db, entry.id);
      if (prior) {
        if (prior.recorded_by !== p.userId || prior.purpose !== purpose) throw new AppError('already_reversed');
        await w.audit({ action: 'fund.reverse.duplicate', objectType: 'fund_entry', objectId: prior.id, unionId: union.id });
        return { id: prior.id, duplicate: true };
      }
      const date = today(ctx);
      const closed = await closedThrough(w.db, union.id);
      if (closed && date <= closed) throw new AppError('quarter_closed');
      const id = newId('fe');
      const seq = await nextSeq(w.db, union.id);
      await insertEntry(w.db, {
        id,
        union_id: union.id,
        seq,
        date,
        direction: entry.direction,
        category: entry.category,
        sub_category: entry.sub_category,
        funding_route: entry.funding_route,
        amount_fen: entry.amount_fen,
        kind: 'reversal',
        reverses_id: entry.id,
        corrects_id: null,
        needs_approval: 0,
        counterparty: entry.counterparty,
        purpose,
        request_id: `reverse:${entry.id}`,
        gift_kind: null,
        gift_form: null,
        gift_recipients: null,
        gift_recipient_count: null,
        dues_member_id: null,
        dues_member_count: null,
        flags: '[]',
        recorded_by: p.userId,
        recorded_at: ctx.now.toISOString(),
      });
      await w.audit({ objectType: 'fund_entry', objectId: id, unionId: union.id, detail: { seq, reverses: entry.id, amountFen: entry.amount_fen, reason: input.reason } });
      return { id, duplicate: false };
    });
  },
});

const ROLE_TITLES: Partial<Record<Role, string>> = { reviewer: '经审', chair: '主席', staff: '工会干部' };

/** 审查意见 on an entry (the reviewer), or a reply (staff, chair). Comments are never edited. */
export const comment = defineFunction({
  contract: c.comment,
  policy: { kind: 'objectRoles', what: '条目', roles: BOOK_READERS, locate: inUnionOf('fund_entries', (i: { entryId: string }) => i.entryId) },
  kind: 'mutation',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const { entry, union } = await theEntry(ctx, input.entryId);
    // Signed as the role the caller holds here (the view of a policy that lets all three in).
    const held = rolesOn(p.roles, union);
    const role: Role = held.has('reviewer') ? 'reviewer' : held.has('chair') ? 'chair' : 'staff';
    const id = newId('fc');
    const name = await displayNameOf(ctx.db, p.userId);
    await write(ctx, async (w) => {
      await insertComment(w.db, { id, entry_id: entry.id, union_id: union.id, body: input.body, author_id: p.userId, author_name: name, author_role: ROLE_TITLES[role] ?? role, created_at: ctx.now.toISOString() });
      await w.audit({ objectType: 'fund_entry', objectId: entry.id, unionId: union.id, detail: { commentId: id } });
    });
    return { id };
  },
});
