/** The ledger (经费账本): `fund.ledger`, with the state of recent periods. */
import * as c from '../../contract/fund/ledger';
import type { FundingRoute, GiftForm, GiftKind, GiftRecipients } from '../../contract/fund/labels';
import { entryStatus, signedFen, type Flag } from '../../domain/fund-ledger';
import { periodLabel, periodOf, previousPeriod } from '../../domain/fund-period';
import { duesMembers, entryDetails, ledgerCounts, ledgerPage, loadSettings, periodRecords, postedTotals } from '../../storage/fund.repository';
import { noticeVersionsOf } from '../../storage/fund-notices.repository';
import type { Q } from '../../storage/schema';
import { displayNames } from '../../storage/users.repository';
import { defineFunction, rolesOn } from '../registry';
import { BOOK_READERS, onBooksOf, periodFor, RECORDERS, theUnion, today } from './shared';

/** The periods to show: the current one and those before it back to the first entry (at most 8). */
async function periodStates(db: Q, unionId: string, kind: 'quarter' | 'month', now: string): Promise<c.PeriodState[]> {
  const [records, notices] = await Promise.all([periodRecords(db, unionId), noticeVersionsOf(db, unionId)]);
  const earliest = [records.firstDate, ...records.closed.map((r) => r.from_date)].filter((d): d is string => typeof d === 'string').sort()[0] ?? now;
  const out: c.PeriodState[] = [];
  for (let p = periodOf(now, kind); out.length < 8; p = previousPeriod(p)) {
    const closed = records.closed.find((r) => r.period_key === p.key);
    const latest = notices.find((n) => n.period_key === p.key);
    out.push({
      quarter: p.key,
      title: periodLabel(p.key),
      from: p.from,
      to: p.to,
      ended: now > p.to,
      closedAt: closed?.closed_at ?? null,
      signedOffAt: records.signed.find((s) => s.period_key === p.key)?.signed_at ?? null,
      latestNotice: latest ? { noticeId: latest.id, version: latest.version, publishedAt: latest.published_at } : null,
      pendingCount: records.pendingDates.filter((d) => d >= p.from && d <= p.to).length,
    });
    if (p.from <= earliest) break;
  }
  return out;
}

/**
 * 经费账本. Staff, chair and reviewer of the union. Newest first, with each entry's status,
 * the chair's decision, rule flags, comments and receipts. The reviewer gets no member
 * personal data: a per-member dues entry shows only that it covers one member.
 */
export const ledger = defineFunction({
  contract: c.ledger,
  policy: onBooksOf(BOOK_READERS),
  kind: 'query',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const union = await theUnion(ctx.db, input.unionId);
    // What this caller sees and may do here (the policy has let them in).
    const held = rolesOn(p.roles, union);
    const seesMembers = RECORDERS.some((r) => held.has(r));
    const settings = await loadSettings(ctx.db, union.id);
    const period = input.quarter ? periodFor(input.quarter, settings.noticePeriod) : null;
    const range = period ? { from: period.from, to: period.to } : undefined;
    const page = input.page ?? 1;
    const pageSize = input.pageSize ?? 50;

    const { total, rows } = await ledgerPage(ctx.db, union.id, { range, status: input.status, page, pageSize });
    const { reversals, comments, attachments } = await entryDetails(ctx.db, rows.map((r) => r.id));
    const names = await displayNames(ctx.db, rows.flatMap((r) => [r.recorded_by, r.decided_by]).filter((x): x is string => Boolean(x)));
    const nameOf = (id: string | null) => (id && names.get(id)) || '';
    // Member names only for staff and chair: the reviewer sees no member personal data.
    const members = seesMembers ? await duesMembers(ctx.db, rows.map((r) => r.dues_member_id).filter((x): x is string => Boolean(x))) : [];

    const items: c.LedgerItem[] = rows.map((r) => {
      const member = members.find((m) => m.id === r.dues_member_id);
      return {
        id: r.id,
        seq: r.seq,
        date: r.date,
        quarter: periodOf(r.date, settings.noticePeriod).key,
        direction: r.direction,
        category: r.category,
        subCategory: r.sub_category,
        fundingRoute: r.funding_route as FundingRoute | null,
        amountFen: r.amount_fen,
        signedFen: signedFen({ amountFen: r.amount_fen, kind: r.kind }),
        kind: r.kind,
        reversesId: r.reverses_id,
        reversedById: reversals.find((x) => x.reverses_id === r.id)?.id ?? null,
        correctsId: r.corrects_id,
        status: entryStatus(r.needs_approval === 1, r.decision),
        counterparty: r.counterparty,
        purpose: r.purpose,
        recordedByName: nameOf(r.recorded_by),
        recordedAt: r.recorded_at,
        mine: r.recorded_by === p.userId,
        approval: r.decision ? { decision: r.decision, byName: nameOf(r.decided_by), at: r.decided_at ?? '', note: r.note } : null,
        gift: r.gift_kind
          ? { kind: r.gift_kind as GiftKind, form: r.gift_form as GiftForm, recipients: r.gift_recipients as GiftRecipients, recipientCount: r.gift_recipient_count ?? 1 }
          : null,
        dues:
          r.dues_member_count !== null
            ? { memberCount: r.dues_member_count, ...(member ? { memberName: member.name, memberNo: member.member_no } : {}) }
            : null,
        flags: JSON.parse(r.flags) as Flag[],
        comments: comments
          .filter((x) => x.entry_id === r.id)
          .map((x) => ({ id: x.id, body: x.body, authorName: x.author_name, authorRole: x.author_role, createdAt: x.created_at })),
        attachments: attachments
          .filter((x) => x.entry_id === r.id)
          .map((x) => ({ id: x.id, fileName: x.file_name, mimeType: x.mime_type, sizeBytes: x.size_bytes, sha256: x.sha256 })),
      };
    });

    const totals = await postedTotals(ctx.db, union.id, range ?? {});
    const counts = await ledgerCounts(ctx.db, union.id, range);
    return {
      unionId: union.id,
      unionName: union.name,
      items,
      total,
      page,
      pageSize,
      summary: { incomeFen: totals.incomeFen, expenseFen: totals.expenseFen, ...counts },
      periods: await periodStates(ctx.db, union.id, settings.noticePeriod, today(ctx)),
      can: {
        record: seesMembers,
        approve: held.has('chair'),
        comment: BOOK_READERS.some((r) => held.has(r)),
        signOff: held.has('reviewer'),
        publish: seesMembers,
      },
    };
  },
});
