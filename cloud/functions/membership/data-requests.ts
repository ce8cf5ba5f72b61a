/**
 * 个人信息请求 (the member's own data: 更正、注销删除): `membership.requestCorrection`,
 * `requestDeletion`, `myRequests` (the member); `listDataRequests`, `handleDataRequest` (staff).
 * States: see `cloud/domain/lifecycle.ts`. Data requests hold personal numbers: staff and chairs
 * of the member's union only (PII_ROLES); everyone else `not_found` (the policies).
 */
import { AppError } from '../../contract/errors';
import * as c from '../../contract/membership/data-requests';
import { CORRECTION_FIELD_LABELS, RETENTION_YEARS, type CorrectionField } from '../../contract/membership/lifecycle.labels';
import type { Role } from '../../contract/labels';
import { blindIndex, decryptField, encryptField, newId, type Keys } from '../../domain/crypto';
import { maskIdNumber, parseIdNumber } from '../../contract/fields/id-number';
import { checkCorrection, currentValue, pseudonym } from '../../domain/lifecycle';
import { maskPhone } from '../../contract/fields/phone';
import { chinaDate } from '../../domain/time';
import { isUniqueViolation } from '../../storage/db';
import {
  dataRequestsOfMembers,
  dataRequestsOfUnion,
  findDataRequest,
  insertDataRequest,
  pendingDataRequest,
  settleDataRequest,
  type DataRequestRow,
} from '../../storage/data-requests.repository';
import { anonymisePerson, liveRecordsOfUser, memberRecord, memberRecords, memberRecordsOfUser, updateMemberRecord } from '../../storage/lifecycle.repository';
import { holdLimit, limitKey } from '../../storage/limits.repository';
import { activeMemberOfUser } from '../../storage/membership.repository';
import type { MembersTable, Q } from '../../storage/schema';
import { transfersOfMembers } from '../../storage/transfers.repository';
import { findUnion } from '../../storage/unions.repository';
import { defineFunction, type FnContext } from '../registry';
import { deleteDroppedFiles } from './purge';
import { transferItem } from './transfer';

const PII_ROLES = ['staff', 'chair'] as const satisfies readonly Role[];

/** The caller's current record: the active one, else the latest that left and is not anonymised. */
export async function latestRecordOfUser(db: Q, userId: string): Promise<MembersTable | undefined> {
  const rows = await liveRecordsOfUser(db, userId);
  return rows.find((r) => r.status === 'active') ?? rows.sort((a, b) => (b.left_at ?? '').localeCompare(a.left_at ?? ''))[0];
}

function requestItem(r: DataRequestRow, member: MembersTable | undefined): c.DataRequestItem {
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

/** Thrown inside the transaction when a parallel request of the same item got there first. */
class AlreadyPending extends Error {
  constructor(readonly pending: { id: string; value_enc: string | null }) {
    super('a data request is already pending');
  }
}

type Filed = { requestId: string; status: 'pending'; duplicate: boolean };

/**
 * Files one data request of the member, or answers the pending one of the same item
 * (`answerPending`: a duplicate, or a refusal). Looked for again inside the transaction under the
 * member's guard row (limits.repository.ts): parallel requests take turns.
 */
async function fileDataRequest(
  ctx: FnContext,
  m: { id: string; union_id: string },
  req: { kind: 'correction' | 'deletion'; field: CorrectionField | null; valueEnc: string | null; valueMasked: string | null; note: string | null },
  answerPending: (pending: { id: string; value_enc: string | null }) => Filed,
): Promise<Filed> {
  const pending = await pendingDataRequest(ctx.db, m.id, req.kind, req.field);
  if (pending) return answerPending(pending);
  const id = newId('dreq');
  try {
    await ctx.transaction(async (w) => {
      await holdLimit(w.db, limitKey.dataRequests(m.id), ctx.now);
      const raced = await pendingDataRequest(w.db, m.id, req.kind, req.field);
      if (raced) throw new AlreadyPending(raced);
      await insertDataRequest(w.db, {
        id,
        member_id: m.id,
        union_id: m.union_id,
        kind: req.kind,
        field: req.field,
        value_enc: req.valueEnc,
        value_masked: req.valueMasked,
        note: req.note,
        status: 'pending',
        requested_by: ctx.requirePrincipal().userId,
        created_at: ctx.now.toISOString(),
      });
      await w.audit({ objectType: 'member_data_request', objectId: id, unionId: m.union_id, detail: { kind: req.kind, ...(req.field ? { field: req.field } : {}), memberId: m.id } });
    });
  } catch (err) {
    if (err instanceof AlreadyPending) return answerPending(err.pending);
    throw err;
  }
  return { requestId: id, status: 'pending', duplicate: false };
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
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const m = await activeMemberOfUser(ctx.db, p.userId);
    if (!m) throw new AppError('not_member', '你目前不是在册会员');
    const checked = checkCorrection(input.field, input.value, chinaDate(ctx.now));
    if (!checked.ok) throw new AppError(checked.reason, checked.message, [{ path: 'value', message: checked.message }]);
    const valueEnc = encryptField(ctx.services.keys.field, checked.value);
    return fileDataRequest(ctx, m, { kind: 'correction', field: input.field, valueEnc, valueMasked: checked.masked, note: input.note ?? null }, (pending) => {
      if (pending.value_enc && decryptField(ctx.services.keys.field, pending.value_enc) === checked.value) return { requestId: pending.id, status: 'pending', duplicate: true };
      throw new AppError('data_request_pending', `你对“${CORRECTION_FIELD_LABELS[input.field]}”的更正申请正在处理中`);
    });
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
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const m = await latestRecordOfUser(ctx.db, p.userId);
    if (!m) throw new AppError('not_member', '没有你的会员记录');
    return fileDataRequest(ctx, m, { kind: 'deletion', field: null, valueEnc: null, valueMasked: null, note: input.note ?? null }, (pending) => ({ requestId: pending.id, status: 'pending', duplicate: true }));
  },
});

/** 我的转会与请求: the caller's record, transfers and data requests with their state. */
export const myRequests = defineFunction({
  contract: c.myRequests,
  policy: { kind: 'signedIn' },
  kind: 'query',
  async handler(_input, ctx) {
    const p = ctx.requirePrincipal();
    const records = await memberRecordsOfUser(ctx.db, p.userId);
    const ids = records.map((r) => r.id);
    const latest = await latestRecordOfUser(ctx.db, p.userId);
    const [transfers, requests] = [await transfersOfMembers(ctx.db, ids), await dataRequestsOfMembers(ctx.db, ids)];
    return {
      member: latest ? { id: latest.id, unionId: latest.union_id, unionName: (await findUnion(ctx.db, latest.union_id))?.name ?? '', memberNo: latest.member_no, status: latest.status } : null,
      transfers: transfers.map(transferItem),
      requests: requests.map((r) => requestItem(r, records.find((m) => m.id === r.member_id))),
      retentionYears: RETENTION_YEARS,
    };
  },
});

/** 个人信息请求列表 of a union's members: staff and chairs of that union only (they hold personal numbers). */
export const listDataRequests = defineFunction({
  contract: c.listDataRequests,
  policy: { kind: 'unionRoles', roles: PII_ROLES, unionOf: (i) => i.unionId, denyAs: 'not_found' },
  kind: 'query',
  async handler(input, ctx) {
    const rows = await dataRequestsOfUnion(ctx.db, input.unionId, input.status ?? 'pending');
    const members = await memberRecords(ctx.db, [...new Set(rows.map((r) => r.member_id))]);
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
  policy: {
    kind: 'objectRoles',
    what: '申请',
    roles: PII_ROLES,
    locate: async (i, db) => {
      const r = await findDataRequest(db, i.requestId);
      const union = r && (await findUnion(db, r.union_id));
      return union && { union };
    },
  },
  kind: 'mutation',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const r = (await findDataRequest(ctx.db, input.requestId))!;
    const want: 'done' | 'rejected' = input.decision === 'apply' ? 'done' : 'rejected';
    if (r.status !== 'pending') {
      if (r.status === want) return { id: r.id, status: want, duplicate: true };
      throw new AppError('data_request_not_pending');
    }
    const keys = ctx.services.keys;
    const droppedFiles: string[] = [];
    try {
      await ctx.transaction(async (w) => {
        if (!(await settleDataRequest(w.db, r.id, { status: want, handledBy: p.userId, handledAt: ctx.now.toISOString(), response: input.response ?? null }))) throw new AppError('data_request_not_pending');
        const detail: Record<string, unknown> = { kind: r.kind, decision: input.decision, memberId: r.member_id };
        if (want === 'done' && r.kind === 'correction' && r.field && r.value_enc) {
          const value = decryptField(keys.field, r.value_enc);
          await updateMemberRecord(w.db, r.member_id, correctionSet(r.field as CorrectionField, value, keys, chinaDate(ctx.now)));
          detail.field = r.field;
        }
        if (want === 'done' && r.kind === 'deletion') {
          const m = (await memberRecord(w.db, r.member_id))!;
          detail.anonymised = await anonymisePerson(w.db, keys, { userId: m.user_id, memberId: r.member_id, aliasOf: pseudonym, now: ctx.now, droppedFiles });
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
        const now = await findDataRequest(ctx.db, r.id);
        if (now?.status === want) return { id: r.id, status: want, duplicate: true };
      }
      throw err;
    }
    await deleteDroppedFiles(ctx.services.files, droppedFiles);
    return { id: r.id, status: want, duplicate: false };
  },
});
