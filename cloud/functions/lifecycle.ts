/**
 * Member lifecycle (动态管理): `membership.transfer`, `confirmTransfer`, `cancelTransfer`,
 * `listTransfers` (会籍转接); the member's own data: `myData` (下载我的数据), `requestCorrection`,
 * `requestDeletion`, `myRequests`; staff: `listDataRequests`, `handleDataRequest`; and the
 * retention job `purgeExpired` (also run by the host every day). `membership.leave` is in
 * membership.ts.
 *
 * Who may do what (besides the declared policies):
 * - a transfer: the member themself, or staff/chair of the member's union or the industry admin
 *   (REVIEW_ROLES); deciding it: REVIEW_ROLES on the receiving union; withdrawing it: the member or
 *   REVIEW_ROLES on the sending union; others `not_found`;
 * - data requests hold personal numbers: staff and chairs of the member's union only (PII_ROLES).
 */
import { AppError } from '../contract/errors';
import * as c from '../contract/lifecycle.contract';
import { CORRECTION_FIELD_LABELS, RETENTION_YEARS, type CorrectionField } from '../contract/lifecycle.labels';
import { EDUCATION_LEVELS, ETHNICITIES, HOUSEHOLD_TYPES, POLITICAL_STATUSES } from '../contract/membership/labels';
import type { Role } from '../contract/labels';
import { blindIndex, decryptField, encryptField, newId, type Keys } from '../domain/crypto';
import { maskIdNumber, parseIdNumber } from '../domain/id-number';
import { retentionExpired, retentionQueryBound, transferTarget } from '../domain/lifecycle';
import { parsePersonName } from '../domain/person-name';
import { maskPhone, parsePhone } from '../domain/phone';
import { chinaDate } from '../domain/time';
import { DEMO_DATA_REQUEST_ID, DEMO_TRANSFER_ID, DEMO_TRANSFER_OUT_ID } from '../seed/lifecycle-demo';
import { isUniqueViolation } from '../storage/db';
import { anonymiseMemberRecord, anonymisePerson, moveMember } from '../storage/lifecycle.repository';
import type { FileStore } from '../storage/file-store';
import { holdLimit, limitKey } from '../storage/limits.repository';
import type { Db, MembersTable, Q } from '../storage/schema';
import { defineFunction, holdsRoleOn, type FnContext, type Principal, type Writer } from './registry';

const REVIEW_ROLES = ['staff', 'chair', 'industryAdmin'] as const satisfies readonly Role[];
const PII_ROLES = ['staff', 'chair'] as const satisfies readonly Role[];

async function unionRef(db: Q, unionId: string) {
  return db.selectFrom('unions').select(['id', 'name', 'kind', 'parent_id']).where('id', '=', unionId).executeTakeFirst();
}

async function holds(ctx: FnContext, p: Principal, roles: readonly Role[], unionId: string): Promise<boolean> {
  const union = await unionRef(ctx.db, unionId);
  return Boolean(union && holdsRoleOn(p.roles, roles, union));
}

/** The caller's active member record, or `not_member`. */
async function myActiveMember(db: Q, userId: string): Promise<MembersTable> {
  const m = await db.selectFrom('members').selectAll().where('user_id', '=', userId).where('status', '=', 'active').executeTakeFirst();
  if (!m) throw new AppError('not_member', '你目前不是在册会员');
  return m;
}

/** The caller's current record: the active one, else the latest that left and is not anonymised. */
async function myLatestMember(db: Q, userId: string): Promise<MembersTable | undefined> {
  const rows = await db.selectFrom('members').selectAll().where('user_id', '=', userId).where('anonymised_at', 'is', null).execute();
  return rows.find((r) => r.status === 'active') ?? rows.sort((a, b) => (b.left_at ?? '').localeCompare(a.left_at ?? ''))[0];
}

// ---------------------------------------------------------------------------------------------
// Transfers (会籍转接)

type TransferRow = Awaited<ReturnType<typeof transferRows>>[number];

function transferQuery(db: Q) {
  return db
    .selectFrom('member_transfers as t')
    .innerJoin('members as m', 'm.id', 't.member_id')
    .innerJoin('unions as fu', 'fu.id', 't.from_union_id')
    .innerJoin('unions as tu', 'tu.id', 't.to_union_id')
    .leftJoin('units as un', 'un.id', 't.to_unit_id')
    .selectAll('t')
    .select(['m.name as member_name', 'm.gender', 'm.id_number_masked', 'm.phone_masked', 'm.job', 'm.user_id as member_user_id', 'fu.name as from_union_name', 'tu.name as to_union_name', 'un.name as listed_unit_name']);
}

async function transferRows(db: Q, where: (q: ReturnType<typeof transferQuery>) => ReturnType<typeof transferQuery>) {
  return where(transferQuery(db)).orderBy('t.created_at', 'desc').orderBy('t.id', 'desc').execute();
}

function transferItem(r: TransferRow): c.TransferItem {
  return {
    id: r.id,
    status: r.status,
    memberId: r.member_id,
    memberName: r.member_name,
    gender: r.gender as 'male' | 'female',
    idNumberMasked: r.id_number_masked,
    phoneMasked: r.phone_masked,
    job: r.job,
    fromUnionId: r.from_union_id,
    fromUnionName: r.from_union_name,
    fromMemberNo: r.from_member_no,
    toUnionId: r.to_union_id,
    toUnionName: r.to_union_name,
    toUnitId: r.to_unit_id,
    toUnitName: r.listed_unit_name ?? r.to_unit_name ?? '',
    reason: r.reason,
    initiatedAs: r.initiated_as,
    createdAt: r.created_at,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
    newMemberNo: r.new_member_no,
  };
}

async function loadTransfer(db: Q, id: string): Promise<TransferRow | undefined> {
  return (await transferRows(db, (q) => q.where('t.id', '=', id)))[0];
}

/** Units a worker of `union` may name: a base union's own, or the industry union's units without a base union. */
async function unitsOfUnion(db: Q, union: { id: string; kind: 'industry' | 'base' }) {
  const q = db.selectFrom('units').select(['id', 'name']).orderBy('name');
  return union.kind === 'base' ? q.where('base_union_id', '=', union.id).execute() : q.where('industry_union_id', '=', union.id).where('base_union_id', 'is', null).execute();
}

/**
 * 申请会籍转接: the member (changing employer) or the staff of the member's union ask another union
 * of the system to take the member. The receiving union confirms (`confirmTransfer`). One pending
 * transfer per member (`transfer_pending`); the same target again while pending answers it (`duplicate`).
 */
export const transfer = defineFunction({
  contract: c.transfer,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  sample: () => ({ toUnionId: 'bu-cy02', toUnitId: 'unit-zjmg', reason: '更换工作单位' }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    let m: MembersTable;
    let initiatedAs: 'member' | 'staff' = 'member';
    if (input.memberId) {
      const row = await ctx.db.selectFrom('members').selectAll().where('id', '=', input.memberId).executeTakeFirst();
      const own = row && row.user_id === p.userId;
      if (!row || (!own && !(await holds(ctx, p, REVIEW_ROLES, row.union_id)))) throw new AppError('not_found', '找不到该会员');
      if (!own) initiatedAs = 'staff';
      if (row.status !== 'active') throw new AppError('not_member', '该会员已退会，不能转会');
      m = row;
    } else {
      m = await myActiveMember(ctx.db, p.userId);
    }
    const union = await unionRef(ctx.db, input.toUnionId);
    const units = union ? await unitsOfUnion(ctx.db, union) : [];
    const target = transferTarget({ fromUnionId: m.union_id, union, units, unitId: input.toUnitId, unitName: input.toUnitName });
    if (!target.ok) throw new AppError(target.reason, target.message, target.field && target.reason !== 'same_union' ? [{ path: target.field, message: target.message }] : undefined);

    const pending = await transferRows(ctx.db, (q) => q.where('t.member_id', '=', m.id).where('t.status', '=', 'pending'));
    const same = (r: TransferRow) => r.to_union_id === target.unionId && r.to_unit_id === target.unitId && r.to_unit_name === target.unitName;
    if (pending[0]) {
      if (same(pending[0])) return { ...transferItem(pending[0]), duplicate: true };
      throw new AppError('transfer_pending', `已有转往“${pending[0].to_union_name}”的转会申请待接收，请等待处理或先撤回`);
    }
    const id = newId('trf');
    try {
      await ctx.transaction(async (w) => {
        await w.db
          .insertInto('member_transfers')
          .values({
            id,
            member_id: m.id,
            from_union_id: m.union_id,
            from_member_no: m.member_no,
            to_union_id: target.unionId,
            to_unit_id: target.unitId,
            to_unit_name: target.unitName,
            status: 'pending',
            reason: input.reason,
            initiated_by: p.userId,
            initiated_as: initiatedAs,
            created_at: ctx.now.toISOString(),
          })
          .execute();
        await w.audit({ objectType: 'member_transfer', objectId: id, unionId: m.union_id, detail: { memberId: m.id, toUnionId: target.unionId, toUnitId: target.unitId, initiatedAs } });
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const raced = await transferRows(ctx.db, (q) => q.where('t.member_id', '=', m.id).where('t.status', '=', 'pending'));
      if (raced[0] && same(raced[0])) return { ...transferItem(raced[0]), duplicate: true };
      throw new AppError('transfer_pending');
    }
    return { ...transferItem((await loadTransfer(ctx.db, id))!), duplicate: false };
  },
});

/**
 * 接收会籍转接: staff/chair of the receiving union (or the industry admin) confirm or reject. On
 * confirmation the old record becomes 已退会 (转会至…) and a new record with the receiving union's
 * next member number is created; the transfer row keeps the history. A repeated or racing
 * confirmation answers the first one (`duplicate: true`); a different decision afterwards:
 * `transfer_not_pending`.
 */
export const confirmTransfer = defineFunction({
  contract: c.confirmTransfer,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  sample: () => ({ transferId: DEMO_TRANSFER_ID, decision: 'confirm' as const }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const t = await loadTransfer(ctx.db, input.transferId);
    if (!t || !(await holds(ctx, p, REVIEW_ROLES, t.to_union_id))) throw new AppError('not_found', '找不到该转会申请');
    const want: 'confirmed' | 'rejected' = input.decision === 'confirm' ? 'confirmed' : 'rejected';
    const settled = (row: TransferRow) => {
      if (row.status === want) return { id: row.id, status: want, newMemberNo: row.new_member_no, duplicate: true };
      throw new AppError('transfer_not_pending', `该转会申请${row.status === 'cancelled' ? '已撤回' : '已处理'}`);
    };
    if (t.status !== 'pending') return settled(t);
    // A decision that lost the race to another (the row was no longer pending) rolls back and answers that one.
    const lost = new AppError('transfer_not_pending');
    const outcome = await ctx.transaction(async (w) => {
      const at = ctx.now.toISOString();
      // Claim the row: only one decision flips it from pending (PostgreSQL re-checks after a concurrent commit).
      const claimed = await w.db
        .updateTable('member_transfers')
        .set({ status: want, decided_by: p.userId, decided_at: at, decision_note: input.reason ?? null })
        .where('id', '=', t.id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) throw lost;
      let moved: { id: string; memberNo: string; attachmentsMoved: number } | null = null;
      if (want === 'confirmed') {
        const old = await w.db.selectFrom('members').selectAll().where('id', '=', t.member_id).executeTakeFirstOrThrow();
        if (old.status !== 'active') throw new AppError('not_member', '该会员已退会，不能转入');
        moved = await moveMember(w.db, old, { unionId: t.to_union_id, unionName: t.to_union_name, unitId: t.to_unit_id, unitName: t.to_unit_id ? null : t.to_unit_name }, ctx.now);
        await w.db.updateTable('member_transfers').set({ new_member_id: moved.id, new_member_no: moved.memberNo }).where('id', '=', t.id).execute();
      }
      await w.audit({
        objectType: 'member_transfer',
        objectId: t.id,
        unionId: t.to_union_id,
        detail: {
          decision: input.decision,
          memberId: t.member_id,
          fromUnionId: t.from_union_id,
          newMemberId: moved?.id ?? null,
          newMemberNo: moved?.memberNo ?? null,
          attachmentsMoved: moved?.attachmentsMoved ?? 0,
        },
      });
      return { id: t.id, status: want, newMemberNo: moved?.memberNo ?? null, duplicate: false };
    }).catch((err: unknown) => {
      if (err === lost) return null;
      throw err;
    });
    return outcome ?? settled((await loadTransfer(ctx.db, t.id))!);
  },
});

/** 撤回转会: the member, or staff of the sending union, withdraw a pending transfer. Repeating it changes nothing. */
export const cancelTransfer = defineFunction({
  contract: c.cancelTransfer,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  sample: () => ({ transferId: DEMO_TRANSFER_OUT_ID }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const t = await loadTransfer(ctx.db, input.transferId);
    if (!t || (t.member_user_id !== p.userId && !(await holds(ctx, p, REVIEW_ROLES, t.from_union_id)))) throw new AppError('not_found', '找不到该转会申请');
    if (t.status === 'cancelled') return { id: t.id, status: 'cancelled' as const, duplicate: true };
    if (t.status !== 'pending') throw new AppError('transfer_not_pending');
    const lost = new AppError('transfer_not_pending');
    try {
      await ctx.transaction(async (w) => {
        const r = await w.db
          .updateTable('member_transfers')
          .set({ status: 'cancelled', decided_by: p.userId, decided_at: ctx.now.toISOString() })
          .where('id', '=', t.id)
          .where('status', '=', 'pending')
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) throw lost;
        await w.audit({ objectType: 'member_transfer', objectId: t.id, unionId: t.from_union_id, detail: { memberId: t.member_id } });
      });
    } catch (err) {
      if (err !== lost) throw err;
      const now = await loadTransfer(ctx.db, t.id);
      if (now?.status === 'cancelled') return { id: t.id, status: 'cancelled' as const, duplicate: true };
      throw err;
    }
    return { id: t.id, status: 'cancelled' as const, duplicate: false };
  },
});

/** 会籍转接列表: transfers into this union (default, pending first for confirmation), out of it, or both. */
export const listTransfers = defineFunction({
  contract: c.listTransfers,
  policy: { kind: 'unionRoles', roles: REVIEW_ROLES, unionOf: (i) => i.unionId, denyAs: 'not_found' },
  kind: 'query',
  sample: (f) => ({ unionId: f.baseUnionId }),
  async handler(input, ctx) {
    const direction = input.direction ?? 'in';
    const status = input.status ?? 'pending';
    const rows = await transferRows(ctx.db, (q) => {
      let r = q.where((eb) =>
        direction === 'in' ? eb('t.to_union_id', '=', input.unionId) : direction === 'out' ? eb('t.from_union_id', '=', input.unionId) : eb.or([eb('t.to_union_id', '=', input.unionId), eb('t.from_union_id', '=', input.unionId)]),
      );
      if (status !== 'all') r = r.where('t.status', '=', status);
      return r.limit(200);
    });
    return { items: rows.map(transferItem) };
  },
});

// ---------------------------------------------------------------------------------------------
// The member's own data (个人信息: 查阅、更正、删除)

/** Checks a corrected value like the join form does; answers the value to store and a display. */
function checkCorrection(field: CorrectionField, raw: string, today: string): { value: string; masked: string } {
  const bad = (message: string): never => {
    throw new AppError(field === 'idNumber' ? 'invalid_id_number' : field === 'phone' ? 'invalid_phone' : 'validation_error', message, [{ path: 'value', message }]);
  };
  switch (field) {
    case 'name': {
      const r = parsePersonName(raw);
      return r.ok ? { value: r.value, masked: r.value } : bad(r.message);
    }
    case 'phone': {
      const r = parsePhone(raw);
      return r.ok ? { value: r.value, masked: maskPhone(r.value) } : bad(r.message);
    }
    case 'idNumber': {
      const r = parseIdNumber(raw, today);
      return r.ok ? { value: r.value, masked: maskIdNumber(r.value) } : bad(r.message);
    }
    case 'ethnicity':
      return (ETHNICITIES as readonly string[]).includes(raw) ? { value: raw, masked: raw } : bad('请选择民族');
    case 'education':
      return (EDUCATION_LEVELS as readonly string[]).includes(raw) ? { value: raw, masked: raw } : bad(`学历只能是：${EDUCATION_LEVELS.join('、')}`);
    case 'politicalStatus':
      return (POLITICAL_STATUSES as readonly string[]).includes(raw) ? { value: raw, masked: raw } : bad(`政治面貌只能是：${POLITICAL_STATUSES.join('、')}`);
    case 'householdType':
      return (HOUSEHOLD_TYPES as readonly string[]).includes(raw) ? { value: raw, masked: raw } : bad(`户籍类型只能是：${HOUSEHOLD_TYPES.join('、')}`);
    case 'job': {
      const v = raw.trim();
      return v.length >= 1 && v.length <= 30 ? { value: v, masked: v } : bad('岗位最多 30 个字');
    }
  }
}

/** The current value of a field on the record, masked for numbers. */
function currentValue(m: MembersTable, field: CorrectionField): string {
  const map: Record<CorrectionField, string> = {
    name: m.name,
    phone: m.phone_masked,
    idNumber: m.id_number_masked,
    ethnicity: m.ethnicity,
    education: m.education,
    politicalStatus: m.political_status,
    job: m.job,
    householdType: m.household_type,
  };
  return map[field];
}

type RequestRow = Awaited<ReturnType<typeof requestRows>>[number];

function requestRows(db: Q, where: (q: ReturnType<typeof requestQuery>) => ReturnType<typeof requestQuery>) {
  return where(requestQuery(db)).orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(200).execute();
}

function requestQuery(db: Q) {
  return db.selectFrom('member_data_requests as r').innerJoin('members as m', 'm.id', 'r.member_id').selectAll('r').select(['m.name as member_name', 'm.member_no']);
}

function requestItem(r: RequestRow, member: MembersTable | undefined): c.DataRequestItem {
  const field = r.field as CorrectionField | null;
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    memberId: r.member_id,
    memberName: r.member_name,
    memberNo: r.member_no,
    field,
    currentValue: field && member ? currentValue(member, field) : null,
    requestedValue: r.value_masked,
    note: r.note,
    createdAt: r.created_at,
    handledAt: r.handled_at,
    response: r.response,
  };
}

/** The member's pending data request of one kind (and, for a correction, one field). */
function pendingDataRequest(db: Q, memberId: string, kind: 'correction' | 'deletion', field: CorrectionField | null) {
  let q = db.selectFrom('member_data_requests').select(['id', 'value_enc']).where('member_id', '=', memberId).where('kind', '=', kind).where('status', '=', 'pending');
  if (field !== null) q = q.where('field', '=', field);
  return q.executeTakeFirst();
}

/** Thrown inside the transaction when a parallel request of the same item got there first. */
class AlreadyPending extends Error {
  constructor(readonly pending: { id: string; value_enc: string | null }) {
    super('a data request is already pending');
  }
}

/**
 * 申请更正: the member says which item of their record is wrong and what is right (checked like on
 * the join form); staff of their union apply or reject it. One pending request per item (`data_request_pending`;
 * the same value again answers the pending one, `duplicate`).
 */
export const requestCorrection = defineFunction({
  contract: c.requestCorrection,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  sample: () => ({ field: 'job' as const, value: '面点师', note: '岗位已变' }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const m = await myActiveMember(ctx.db, p.userId);
    const checked = checkCorrection(input.field, input.value, chinaDate(ctx.now));
    const pendingOf = (db: Q) => pendingDataRequest(db, m.id, 'correction', input.field);
    const answerPending = (pending: { id: string; value_enc: string | null }) => {
      if (pending.value_enc && decryptField(ctx.services.keys.field, pending.value_enc) === checked.value) return { requestId: pending.id, status: 'pending' as const, duplicate: true };
      throw new AppError('data_request_pending', `你对“${CORRECTION_FIELD_LABELS[input.field]}”的更正申请正在处理中`);
    };
    const pending = await pendingOf(ctx.db);
    if (pending) return answerPending(pending);
    const id = newId('dreq');
    try {
      await ctx.transaction(async (w) => {
        // Looked for again under the member's guard row (limits.repository.ts): parallel requests take turns.
        await holdLimit(w.db, limitKey.dataRequests(m.id), ctx.now);
        const raced = await pendingOf(w.db);
        if (raced) throw new AlreadyPending(raced);
        await w.db
          .insertInto('member_data_requests')
          .values({
            id,
            member_id: m.id,
            union_id: m.union_id,
            kind: 'correction',
            field: input.field,
            value_enc: encryptField(ctx.services.keys.field, checked.value),
            value_masked: checked.masked,
            note: input.note ?? null,
            status: 'pending',
            requested_by: p.userId,
            created_at: ctx.now.toISOString(),
          })
          .execute();
        await w.audit({ objectType: 'member_data_request', objectId: id, unionId: m.union_id, detail: { kind: 'correction', field: input.field, memberId: m.id } });
      });
    } catch (err) {
      if (err instanceof AlreadyPending) return answerPending(err.pending);
      throw err;
    }
    return { requestId: id, status: 'pending' as const, duplicate: false };
  },
});

/**
 * 申请注销删除: the member (or a former member whose record is not yet anonymised) asks for their
 * personal data to be deleted; staff of the union carry it out promptly (`handleDataRequest`:
 * leaving if still a member, then anonymising). A second request while one is pending answers it.
 */
export const requestDeletion = defineFunction({
  contract: c.requestDeletion,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  sample: () => ({ note: '不再需要' }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const m = await myLatestMember(ctx.db, p.userId);
    if (!m) throw new AppError('not_member', '没有你的会员记录');
    const pending = await pendingDataRequest(ctx.db, m.id, 'deletion', null);
    if (pending) return { requestId: pending.id, status: 'pending' as const, duplicate: true };
    const id = newId('dreq');
    try {
      await ctx.transaction(async (w) => {
        // Looked for again under the member's guard row (limits.repository.ts): parallel requests take turns.
        await holdLimit(w.db, limitKey.dataRequests(m.id), ctx.now);
        const raced = await pendingDataRequest(w.db, m.id, 'deletion', null);
        if (raced) throw new AlreadyPending(raced);
        await w.db
          .insertInto('member_data_requests')
          .values({ id, member_id: m.id, union_id: m.union_id, kind: 'deletion', field: null, value_enc: null, value_masked: null, note: input.note ?? null, status: 'pending', requested_by: p.userId, created_at: ctx.now.toISOString() })
          .execute();
        await w.audit({ objectType: 'member_data_request', objectId: id, unionId: m.union_id, detail: { kind: 'deletion', memberId: m.id } });
      });
    } catch (err) {
      if (err instanceof AlreadyPending) return { requestId: err.pending.id, status: 'pending' as const, duplicate: true };
      throw err;
    }
    return { requestId: id, status: 'pending' as const, duplicate: false };
  },
});

/** 我的转会与请求: the caller's record, transfers and data requests with their state. */
export const myRequests = defineFunction({
  contract: c.myRequests,
  policy: { kind: 'signedIn' },
  kind: 'query',
  sample: () => ({}),
  async handler(_input, ctx) {
    const p = ctx.requirePrincipal();
    const records = await ctx.db.selectFrom('members').selectAll().where('user_id', '=', p.userId).execute();
    const ids = records.map((r) => r.id);
    const latest = await myLatestMember(ctx.db, p.userId);
    const transfers = ids.length ? await transferRows(ctx.db, (q) => q.where('t.member_id', 'in', ids)) : [];
    const requests = ids.length ? await requestRows(ctx.db, (q) => q.where('r.member_id', 'in', ids)) : [];
    return {
      member: latest ? { id: latest.id, unionId: latest.union_id, unionName: (await unionRef(ctx.db, latest.union_id))?.name ?? '', memberNo: latest.member_no, status: latest.status } : null,
      transfers: transfers.map(transferItem),
      requests: requests.map((r) => requestItem(r, records.find((m) => m.id === r.member_id))),
      retentionYears: RETENTION_YEARS,
    };
  },
});

/** Everything held about a login, in full (their own numbers decrypted), for `myData`. */
async function collectMyData(db: Q, keys: Keys, userId: string) {
  const dec = (s: string) => {
    try {
      return decryptField(keys.field, s);
    } catch {
      return '';
    }
  };
  const user = await db.selectFrom('users').select(['id', 'display_name', 'created_at']).where('id', '=', userId).executeTakeFirstOrThrow();
  const members = await db.selectFrom('members').leftJoin('unions', 'unions.id', 'members.union_id').leftJoin('units', 'units.id', 'members.unit_id').selectAll('members').select(['unions.name as union_name', 'units.name as listed_unit_name']).where('members.user_id', '=', userId).orderBy('members.created_at').execute();
  const ids = members.map((m) => m.id);
  const none = ['-'];
  const applications = await db.selectFrom('applications').leftJoin('unions', 'unions.id', 'applications.union_id').selectAll('applications').select('unions.name as union_name').where('applications.user_id', '=', userId).orderBy('applications.created_at').execute();
  const signups = await db.selectFrom('activity_signups as s').innerJoin('activities as a', 'a.id', 's.activity_id').select(['a.id as activity_id', 'a.title', 'a.start_at', 'a.place', 's.status', 's.signed_up_at', 's.cancelled_at']).where('s.member_id', 'in', ids.length ? ids : none).orderBy('s.signed_up_at').execute();
  const checkins = await db.selectFrom('activity_checkins as k').innerJoin('activities as a', 'a.id', 'k.activity_id').select(['a.id as activity_id', 'a.title', 'k.checked_in_at', 'k.method', 'k.walk_in']).where('k.member_id', 'in', ids.length ? ids : none).orderBy('k.checked_in_at').execute();
  const dues = await db.selectFrom('fund_entries').select(['id', 'union_id', 'date', 'category', 'amount_fen', 'kind', 'purpose']).where('dues_member_id', 'in', ids.length ? ids : none).orderBy('date').execute();
  const transfers = ids.length ? await transferRows(db, (q) => q.where('t.member_id', 'in', ids)) : [];
  const requests = await db.selectFrom('member_data_requests').selectAll().where('member_id', 'in', ids.length ? ids : none).orderBy('created_at').execute();
  // 一人一档: what is in the member's file (metadata; the files themselves: membership.myAttachment).
  const attachments = await db
    .selectFrom('member_attachments')
    .select(['id', 'member_id', 'kind', 'file_name', 'mime_type', 'size_bytes', 'uploaded_as', 'created_at', 'removed_at'])
    .where('member_id', 'in', ids.length ? ids : none)
    .orderBy('created_at')
    .execute();
  // 诉求/建议 they submitted (anonymous ones too: they are the submitter), each with its thread.
  const submitted = await db
    .selectFrom('requests')
    .innerJoin('unions', 'unions.id', 'requests.union_id')
    .select(['requests.id', 'unions.name as union_name', 'category', 'text', 'anonymous', 'status', 'photo_key', 'submitted_at', 'closed_at', 'rating', 'rating_comment'])
    .where('requests.user_id', '=', userId)
    .orderBy('submitted_at')
    .execute();
  const thread = submitted.length
    ? await db.selectFrom('request_messages').select(['request_id', 'author', 'kind', 'author_name', 'body', 'created_at']).where('request_id', 'in', submitted.map((r) => r.id)).orderBy('created_at').execute()
    : [];
  return {
    account: { id: user.id, displayName: user.display_name, createdAt: user.created_at },
    memberships: members.map((m) => ({
      memberId: m.id,
      union: m.union_name,
      memberNo: m.member_no,
      status: m.status,
      name: m.name,
      gender: m.gender,
      birthDate: m.birth_date,
      idNumber: dec(m.id_number_enc),
      phone: dec(m.phone_enc),
      ethnicity: m.ethnicity,
      education: m.education,
      politicalStatus: m.political_status,
      job: m.job,
      householdType: m.household_type,
      unit: m.listed_unit_name ?? m.unit_name,
      joinedAt: m.joined_at,
      leftAt: m.left_at,
      leftReason: m.left_reason,
    })),
    applications: applications.map((a) => ({
      applicationId: a.id,
      union: a.union_name,
      status: a.status,
      name: a.name,
      idNumber: dec(a.id_number_enc),
      phone: dec(a.phone_enc),
      ethnicity: a.ethnicity,
      education: a.education,
      politicalStatus: a.political_status,
      job: a.job,
      householdType: a.household_type,
      unitName: a.unit_name,
      consentVersion: a.consent_version,
      consentedAt: a.consented_at,
      submittedAt: a.created_at,
      reviewedAt: a.reviewed_at,
      rejectReason: a.reject_reason,
    })),
    activitySignUps: signups.map((s) => ({ activityId: s.activity_id, title: s.title, startAt: s.start_at, place: s.place, status: s.status, signedUpAt: s.signed_up_at, cancelledAt: s.cancelled_at })),
    activityCheckIns: checkins.map((k) => ({ activityId: k.activity_id, title: k.title, checkedInAt: k.checked_in_at, method: k.method, walkIn: k.walk_in === 1 })),
    duesPaid: dues.map((d) => ({ entryId: d.id, date: d.date, category: d.category, amountFen: Number(d.amount_fen), kind: d.kind, purpose: d.purpose })),
    transfers: transfers.map(transferItem).map(({ idNumberMasked: _i, phoneMasked: _p, ...t }) => t),
    fileAttachments: attachments.map((a) => ({
      attachmentId: a.id,
      memberId: a.member_id,
      kind: a.kind,
      fileName: a.file_name,
      mimeType: a.mime_type,
      sizeBytes: Number(a.size_bytes),
      uploadedBy: a.uploaded_as,
      uploadedAt: a.created_at,
      removedAt: a.removed_at,
    })),
    requests: submitted.map((r) => ({
      requestId: r.id,
      union: r.union_name,
      category: r.category,
      text: r.text,
      anonymous: Number(r.anonymous) === 1,
      withPhoto: r.photo_key !== null,
      status: r.status,
      submittedAt: r.submitted_at,
      closedAt: r.closed_at,
      rating: r.rating,
      ratingComment: r.rating_comment,
      messages: thread.filter((m) => m.request_id === r.id).map((m) => ({ author: m.author, kind: m.kind, authorName: m.author_name, body: m.body, at: m.created_at })),
    })),
    dataRequests: requests.map((r) => ({
      id: r.id,
      kind: r.kind,
      field: r.field,
      requestedValue: r.value_enc ? dec(r.value_enc) : null,
      note: r.note,
      status: r.status,
      createdAt: r.created_at,
      handledAt: r.handled_at,
      response: r.response,
    })),
  };
}

/**
 * 下载我的数据: everything held about the caller as a JSON file (their own full ID number and
 * phone included: an audited reveal to themselves), whether a member, applicant or former member.
 */
export const myData = defineFunction({
  contract: c.myData,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  sample: () => ({}),
  async handler(_input, ctx) {
    const p = ctx.requirePrincipal();
    const data = await collectMyData(ctx.db, ctx.services.keys, p.userId);
    const records =
      data.memberships.length + data.applications.length + data.activitySignUps.length + data.activityCheckIns.length + data.duesPaid.length +
      data.transfers.length + data.fileAttachments.length + data.requests.length + data.dataRequests.length;
    const file = { exportedAt: ctx.now.toISOString(), retentionYears: RETENTION_YEARS, ...data };
    await ctx.transaction(async (w) => {
      await w.audit({ objectType: 'user', objectId: p.userId, unionId: null, detail: { records, fullNumbers: data.memberships.length + data.applications.length > 0 } });
    });
    return {
      fileName: `我的数据-${chinaDate(ctx.now)}.json`,
      mimeType: 'application/json',
      base64: Buffer.from(JSON.stringify(file, null, 2), 'utf8').toString('base64'),
      records,
    };
  },
});

/** 个人信息请求列表 of a union's members: staff and chairs of that union only (they hold personal numbers). */
export const listDataRequests = defineFunction({
  contract: c.listDataRequests,
  policy: { kind: 'unionRoles', roles: PII_ROLES, unionOf: (i) => i.unionId, denyAs: 'not_found' },
  kind: 'query',
  sample: (f) => ({ unionId: f.baseUnionId }),
  async handler(input, ctx) {
    const status = input.status ?? 'pending';
    const rows = await requestRows(ctx.db, (q) => {
      const r = q.where('r.union_id', '=', input.unionId);
      return status === 'all' ? r : r.where('r.status', '=', status);
    });
    const ids = [...new Set(rows.map((r) => r.member_id))];
    const members = ids.length ? await ctx.db.selectFrom('members').selectAll().where('id', 'in', ids).execute() : [];
    return { items: rows.map((r) => requestItem(r, members.find((m) => m.id === r.member_id))) };
  },
});

/** The member columns a correction writes. */
function correctionSet(field: CorrectionField, value: string, keys: Keys, today: string): Partial<MembersTable> {
  switch (field) {
    case 'name':
      return { name: value };
    case 'phone':
      return { phone_enc: encryptField(keys.field, value), phone_bidx: blindIndex(keys.blindIndex, value), phone_masked: maskPhone(value), phone_tail: value.slice(-4) };
    case 'idNumber': {
      const id = parseIdNumber(value, today);
      if (!id.ok) throw new AppError('invalid_id_number', id.message);
      return { id_number_enc: encryptField(keys.field, id.value), id_number_bidx: blindIndex(keys.blindIndex, id.value), id_number_masked: maskIdNumber(id.value), gender: id.gender, birth_date: id.birthDate };
    }
    case 'ethnicity':
      return { ethnicity: value };
    case 'education':
      return { education: value };
    case 'politicalStatus':
      return { political_status: value };
    case 'job':
      return { job: value };
    case 'householdType':
      return { household_type: value };
  }
}

/**
 * 办理个人信息请求 (staff and chairs of the member's union):
 * - correction `apply`: the member record takes the requested value (an ID number held by another
 *   active member: `duplicate_identity`);
 * - deletion `apply`: the person leaves (if still a member) and every record of them is anonymised
 *   at once; fund entries keep their amounts under the pseudonym;
 * - `reject` with a reply. A repeated identical decision answers the first (`duplicate`).
 */
export const handleDataRequest = defineFunction({
  contract: c.handleDataRequest,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  sample: () => ({ requestId: DEMO_DATA_REQUEST_ID, decision: 'apply' as const }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const r = await ctx.db.selectFrom('member_data_requests').selectAll().where('id', '=', input.requestId).executeTakeFirst();
    if (!r || !(await holds(ctx, p, PII_ROLES, r.union_id))) throw new AppError('not_found', '找不到该申请');
    const want: 'done' | 'rejected' = input.decision === 'apply' ? 'done' : 'rejected';
    if (r.status !== 'pending') {
      if (r.status === want) return { id: r.id, status: want, duplicate: true };
      throw new AppError('data_request_not_pending');
    }
    const keys = ctx.services.keys;
    const droppedFiles: string[] = [];
    try {
      await ctx.transaction(async (w) => {
        const claimed = await w.db
          .updateTable('member_data_requests')
          .set({ status: want, handled_by: p.userId, handled_at: ctx.now.toISOString(), response: input.response ?? null })
          .where('id', '=', r.id)
          .where('status', '=', 'pending')
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) === 0) throw new AppError('data_request_not_pending');
        const detail: Record<string, unknown> = { kind: r.kind, decision: input.decision, memberId: r.member_id };
        if (want === 'done' && r.kind === 'correction' && r.field && r.value_enc) {
          const value = decryptField(keys.field, r.value_enc);
          await w.db.updateTable('members').set(correctionSet(r.field as CorrectionField, value, keys, chinaDate(ctx.now))).where('id', '=', r.member_id).execute();
          detail.field = r.field;
        }
        if (want === 'done' && r.kind === 'deletion') {
          const m = await w.db.selectFrom('members').select(['user_id']).where('id', '=', r.member_id).executeTakeFirstOrThrow();
          detail.anonymised = await anonymisePerson(w.db, keys, { userId: m.user_id, memberId: r.member_id, now: ctx.now, droppedFiles });
        }
        await w.audit({ objectType: 'member_data_request', objectId: r.id, unionId: r.union_id, detail });
        // Every record of the person, with the notice the audit row keeps (never the values).
        if (Array.isArray(detail.anonymised)) {
          for (const id of detail.anonymised as string[]) await w.audit({ action: 'membership.anonymise', objectType: 'member', objectId: id, unionId: r.union_id, detail: { cause: 'deletion_request', requestId: r.id } });
        }
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('duplicate_identity', '该身份证号已登记为其他在册会员，请核实后再更正');
      if (err instanceof AppError && err.reason === 'data_request_not_pending') {
        const now = await ctx.db.selectFrom('member_data_requests').select('status').where('id', '=', r.id).executeTakeFirst();
        if (now?.status === want) return { id: r.id, status: want, duplicate: true };
      }
      throw err;
    }
    await deleteFiles(ctx.services.files, droppedFiles);
    return { id: r.id, status: want, duplicate: false };
  },
});

/** Anonymises every record of `unionIds` whose retention period is over; one audit row per record. */
/** Deletes attachment bytes of anonymised records after the commit; a failure leaves an orphan file, never a broken row. */
async function deleteFiles(files: FileStore | undefined, fileKeys: string[]): Promise<void> {
  for (const key of fileKeys) {
    try {
      await files?.delete(key);
    } catch {
      // The row is already marked removed; an orphan file is found by the next backup check, not by members.
    }
  }
}

export async function purgeExpiredRecords(w: Writer, keys: Keys, unionIds: string[] | null, now: Date, droppedFiles: string[] = []): Promise<string[]> {
  let q = w.db.selectFrom('members').select(['id', 'union_id', 'left_at']).where('status', '=', 'left').where('anonymised_at', 'is', null).where('left_at', '<=', retentionQueryBound(now));
  if (unionIds) q = q.where('union_id', 'in', unionIds);
  const due = (await q.execute()).filter((m) => m.left_at && retentionExpired(m.left_at, now));
  const done: string[] = [];
  for (const m of due) {
    if (await anonymiseMemberRecord(w.db, keys, m.id, now, droppedFiles)) {
      done.push(m.id);
      await w.audit({ action: 'membership.anonymise', objectType: 'member', objectId: m.id, unionId: m.union_id, detail: { cause: 'retention', leftAt: m.left_at, retentionYears: RETENTION_YEARS } });
    }
  }
  return done;
}

/** Records whose retention is over (for a dry run). */
async function countExpired(db: Q, unionIds: string[], now: Date): Promise<number> {
  const rows = await db.selectFrom('members').select(['left_at']).where('status', '=', 'left').where('anonymised_at', 'is', null).where('left_at', '<=', retentionQueryBound(now)).where('union_id', 'in', unionIds).execute();
  return rows.filter((m) => m.left_at && retentionExpired(m.left_at, now)).length;
}

/**
 * 保存期限到期匿名化: anonymises the records of members of this union (the industry admin on the
 * industry union: and of its base unions) who left at least RETENTION_YEARS ago. The host runs the same job every day.
 */
export const purgeExpired = defineFunction({
  contract: c.purgeExpired,
  policy: { kind: 'unionRoles', roles: REVIEW_ROLES, unionOf: (i) => i.unionId, denyAs: 'not_found' },
  kind: 'mutation',
  sample: (f) => ({ unionId: f.baseUnionId, dryRun: true }),
  async handler(input, ctx) {
    const union = await unionRef(ctx.db, input.unionId);
    if (!union) throw new AppError('not_found', '找不到该工会');
    // The industry union's admin covers its base unions; its other staff only its own (direct) members.
    const p = ctx.requirePrincipal();
    const wide = union.kind === 'industry' && holdsRoleOn(p.roles, ['industryAdmin'], union);
    const unionIds = wide ? [union.id, ...(await ctx.db.selectFrom('unions').select('id').where('parent_id', '=', union.id).execute()).map((u) => u.id)] : [union.id];
    if (input.dryRun) return { anonymised: await countExpired(ctx.db, unionIds, ctx.now), retentionYears: RETENTION_YEARS, dryRun: true };
    const droppedFiles: string[] = [];
    const done = await ctx.transaction(async (w) => {
      const ids = await purgeExpiredRecords(w, ctx.services.keys, unionIds, ctx.now, droppedFiles);
      await w.audit({ objectType: 'union', objectId: union.id, unionId: union.id, detail: { anonymised: ids.length, retentionYears: RETENTION_YEARS } });
      return ids;
    });
    await deleteFiles(ctx.services.files, droppedFiles);
    return { anonymised: done.length, retentionYears: RETENTION_YEARS, dryRun: false };
  },
});

/**
 * The host's daily retention run (system actor): anonymises every expired record of every union,
 * each with its audit row. Returns how many.
 */
export async function runRetentionJob(db: Db, keys: Keys, now: Date, files?: FileStore): Promise<number> {
  const droppedFiles: string[] = [];
  const n = await db.transaction().execute(async (trx) => {
    const writer: Writer = {
      db: trx,
      async audit(e) {
        await trx
          .insertInto('audit_events')
          .values({ id: newId('evt'), at: now.toISOString(), actor_user_id: null, action: e.action ?? 'membership.purgeExpired', object_type: e.objectType, object_id: e.objectId, union_id: e.unionId ?? null, detail: JSON.stringify(e.detail ?? {}) })
          .execute();
      },
    };
    return (await purgeExpiredRecords(writer, keys, null, now, droppedFiles)).length;
  });
  await deleteFiles(files, droppedFiles);
  return n;
}
