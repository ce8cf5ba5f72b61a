/**
 * 会员名册: `membership.roster` (one union's members, numbers masked) and `membership.reveal`
 * (查看完整: one member's full ID number or phone, with a reason, audited and limited).
 */
import * as c from '../../contract/membership/roster';
import { AppError } from '../../contract/errors';
import { ROSTER_PAGE_SIZE_DEFAULT } from '../../contract/membership/labels';
import { blindIndex, decryptField, type Keys } from '../../domain/crypto';
import { classifyRosterQuery, prefixUpperBound, REVEAL_LIMIT_PER_HOUR } from '../../domain/membership';
import { chinaClock, chinaDate } from '../../domain/time';
import { holdLimit, limitKey } from '../../storage/limits.repository';
import { findMember, memberScope } from '../../storage/members.repository';
import { revealTimesSince } from '../../storage/membership.repository';
import { rosterPage, type RosterFilter } from '../../storage/roster.repository';
import { findUnion } from '../../storage/unions.repository';
import type { Q } from '../../storage/schema';
import { defineFunction } from '../registry';
import { PII_ROLES, REVIEW_ROLES } from './roles';

/** The window of the reveal limit (REVEAL_LIMIT_PER_HOUR). */
const REVEAL_WINDOW_MS = 3600 * 1000;

/**
 * The stored values a roster search looks for: a full ID number or phone by blind index, a phone's
 * last 4 digits, a member number (a bare sequence number completed with the union's code), or a
 * prefix of a member number or a name as a range.
 */
async function rosterFilter(db: Q, keys: Keys, input: { unionId: string; query?: string; unitId?: string; status?: RosterFilter['status'] }, today: string): Promise<RosterFilter> {
  const q = classifyRosterQuery(input.query, today);
  const f: RosterFilter = { unionId: input.unionId, status: input.status ?? 'active', unitId: input.unitId };
  if (q.kind === 'idNumber') f.idNumberBidx = blindIndex(keys.blindIndex, q.value);
  if (q.kind === 'phone') f.phoneBidx = blindIndex(keys.blindIndex, q.value);
  if (q.kind === 'phoneTail') f.phoneTail = q.value;
  if (q.kind === 'memberNo') f.memberNo = q.value.includes('-') ? q.value : `${(await findUnion(db, input.unionId))?.code}-${q.value.padStart(6, '0')}`;
  if (q.kind === 'memberNoPrefix') f.memberNoRange = [q.value, prefixUpperBound(q.value)];
  if (q.kind === 'text') f.nameRange = [q.value, prefixUpperBound(q.value)];
  return f;
}

/**
 * 会员名册 of one union, masked: search by name or member number (part), full phone or ID number
 * (exact, by blind index) or a phone's last 4 digits; filter by unit and status; paginated by
 * member number. Another union's roster answers `not_found`.
 */
export const roster = defineFunction({
  contract: c.roster,
  policy: { kind: 'unionRoles', roles: REVIEW_ROLES, unionOf: (i) => i.unionId, denyAs: 'not_found' },
  kind: 'query',
  async handler(input, ctx) {
    const filter = await rosterFilter(ctx.db, ctx.services.keys, input, chinaDate(ctx.now));
    const pageSize = input.pageSize ?? ROSTER_PAGE_SIZE_DEFAULT;
    const page = input.page ?? 1;
    const { total, rows } = await rosterPage(ctx.db, filter, { limit: pageSize, offset: (page - 1) * pageSize });
    return {
      items: rows.map((r) => ({
        memberId: r.id,
        name: r.name,
        memberNo: r.member_no,
        unitName: r.listed_unit_name ?? r.unit_name ?? '',
        idNumberMasked: r.id_number_masked,
        phoneMasked: r.phone_masked,
        status: r.status,
        gender: r.gender,
        job: r.job,
        joinedAt: r.joined_at,
        leftAt: r.left_at,
      })),
      total,
      page,
      pageSize,
    };
  },
});

/**
 * 查看完整: the full ID number or phone of one member, for staff and chairs of that member's union
 * only, with a reason; written to the audit log (the reason, never the value). At most
 * 30 reveals per staffer per hour (`rate_limited`).
 */
export const reveal = defineFunction({
  contract: c.reveal,
  policy: { kind: 'objectRoles', what: '会员', roles: PII_ROLES, locate: (i, db) => memberScope(db, i.memberId) },
  kind: 'mutation',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const m = await findMember(ctx.db, input.memberId);
    if (!m) throw new AppError('not_found', '找不到该会员');
    if (m.anonymised_at) throw new AppError('not_found', '该会员的个人信息已按规定删除');
    // Counted inside the transaction that records the reveal, under the staffer's guard row
    // (limits.repository.ts): parallel reveals take turns, so the 31st of the hour is refused.
    await ctx.transaction(async (w) => {
      await holdLimit(w.db, limitKey.reveal(p.userId), ctx.now);
      const recent = await revealTimesSince(w.db, p.userId, new Date(ctx.now.getTime() - REVEAL_WINDOW_MS), REVEAL_LIMIT_PER_HOUR);
      if (recent.length >= REVEAL_LIMIT_PER_HOUR) {
        const free = new Date(Date.parse(recent[REVEAL_LIMIT_PER_HOUR - 1]!) + REVEAL_WINDOW_MS);
        throw new AppError('rate_limited', `一小时内最多查看 ${REVEAL_LIMIT_PER_HOUR} 次完整号码，请于 ${chinaClock(free, ctx.now)} 后再试`);
      }
      await w.audit({ objectType: 'member', objectId: m.id, unionId: m.union_id, detail: { field: input.field, reason: input.reason } });
    });
    return { value: decryptField(ctx.services.keys.field, input.field === 'idNumber' ? m.id_number_enc : m.phone_enc) };
  },
});
