/**
 * Committees (委员会), terms and elections of one union: its staff and chair, or the industry admin
 * above it (`orgPolicy`); anyone else is answered `not_found`.
 */
import * as c from '../../contract/org/committees';
import type { SeatInfo } from '../../contract/org/committees';
import type { CommitteeKindName } from '../../contract/org/labels';
import { AppError } from '../../contract/errors';
import { MEMBER_ATTACH_BODY_BYTES, MEMBER_ATTACHMENT_MAX_BYTES } from '../../contract/membership/member-file.labels';
import { newId, openBytes, sealBytes } from '../../domain/crypto';
import { checkUpload, storedFileName } from '../../domain/member-file';
import { approvalDocumentNeeded, termProblem } from '../../domain/organisation';
import { chinaDate } from '../../domain/time';
import {
  activeMemberCounts,
  activeSeatsOf,
  approvalFilesByIds,
  endSeats,
  findApprovalFile,
  findCommittee,
  findSeat,
  insertApprovalFile,
  insertCommittee,
  insertSeat,
  rosterMember,
  updateCommittee,
} from '../../storage/committees.repository';
import { newFileKey } from '../../storage/file-store';
import type { CommitteeApprovalFilesTable, CommitteesTable, Q } from '../../storage/schema';
import { baseUnionsOf } from '../../storage/unions.repository';
import { defineFunction } from '../registry';
import { approvalFileInfo, committeeInfos, reelections } from './committee-view';
import { orgPolicy, scopedUnion } from './scope';

const field = (path: string, message: string) => new AppError('validation_error', undefined, [{ path, message }]);

/** 委员会: the three committees with seats, terms, approval, vacancies and the rules checked live. */
export const committees = defineFunction({
  contract: c.committees,
  policy: orgPolicy,
  kind: 'query',
  async handler(input, ctx) {
    const union = await scopedUnion(ctx.db, input.unionId);
    const today = chinaDate(ctx.now);
    const counts = await activeMemberCounts(ctx.db, union.id);
    const ids = [union.id, ...(union.kind === 'industry' ? (await baseUnionsOf(ctx.db, union.id)).map((b) => b.id) : [])];
    return {
      unionId: union.id,
      unionName: union.name,
      unionKind: union.kind,
      ...counts,
      committees: await committeeInfos(ctx.db, union, counts, today),
      reelections: await reelections(ctx.db, ids, today),
    };
  },
});

/** The committee for seats and elections: it exists once its term is set (`org.setTerm`). */
async function existingCommittee(db: Q, unionId: string, kind: CommitteeKindName): Promise<CommitteesTable> {
  const committee = await findCommittee(db, unionId, kind);
  if (!committee) throw field('kind', '请先设置该委员会的任期');
  return committee;
}

/**
 * 设置任期 / 换届: creates the committee, or records a new term. The term must be 3–5 years; a new
 * term starting after the old one ended, or more than 6 months early, needs the upper union's
 * written approval as a document (`upperApprovalFile`, image or PDF ≤ 5 MB; `upperApprovalNote`
 * holds its reference number). The document is sealed with the data key into the file store before
 * the row commits (deleted again if the commit fails). Seats carry over (change them with `org.setSeat`).
 */
export const setTerm = defineFunction({
  contract: c.setTerm,
  policy: orgPolicy,
  kind: 'mutation',
  maxBodyBytes: MEMBER_ATTACH_BODY_BYTES,
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const problem = termProblem(input.termStart, input.termEnd);
    if (problem) throw field('termEnd', problem);
    if (input.kind === 'union' && input.form === 'single') throw field('form', '工会委员会不能由一人担任');
    const existing = await findCommittee(ctx.db, input.unionId, input.kind);
    const needed = approvalDocumentNeeded(existing ? { termStart: existing.term_start, termEnd: existing.term_end } : null, input.termStart);
    if (needed && !input.upperApprovalFile) {
      throw field('upperApprovalFile', needed === 'late' ? '延期换届须上传上级工会的书面批复（图片或 PDF）' : '提前换届须上传上级工会的书面批复（图片或 PDF）');
    }
    let upload: CommitteeApprovalFilesTable | null = null;
    if (input.upperApprovalFile) {
      const check = checkUpload(input.upperApprovalFile.base64, { maxBytes: MEMBER_ATTACHMENT_MAX_BYTES });
      if (!check.ok) {
        if (check.reason === 'validation_error') throw field('upperApprovalFile.base64', check.message);
        throw new AppError(check.reason, check.message);
      }
      upload = {
        id: newId('apf'),
        union_id: input.unionId,
        committee_id: existing?.id ?? '',
        term_start: input.termStart,
        timing: needed ?? 'on_time',
        file_name: storedFileName(input.upperApprovalFile.fileName, check.extension, '上级批复'),
        mime_type: check.mimeType,
        size_bytes: check.bytes.length,
        sha256: check.sha256,
        file_key: newFileKey('approvals', ctx.now),
        uploaded_by: p.userId,
        created_at: ctx.now.toISOString(),
      };
      // Sealed with the data key like the member-file attachments.
      await ctx.services.files.put(upload.file_key, sealBytes(ctx.services.keys.field, check.bytes, upload.file_key));
    }
    const at = ctx.now.toISOString();
    // A new term start drops the old term's document; the same term keeps it unless a new one is given.
    const fileId = upload?.id ?? (existing && existing.term_start === input.termStart ? existing.upper_approval_file_id : null);
    try {
      await ctx.transaction(async (w) => {
        const fields = { form: input.form, term_start: input.termStart, term_end: input.termEnd, upper_approval_note: input.upperApprovalNote ?? null, upper_approval_file_id: fileId, updated_by: p.userId, updated_at: at };
        const id = existing?.id ?? newId('cmt');
        if (existing) await updateCommittee(w.db, id, fields);
        else await insertCommittee(w.db, { id, union_id: input.unionId, kind: input.kind, ...fields });
        if (upload) await insertApprovalFile(w.db, { ...upload, committee_id: id });
        await w.audit({
          objectType: 'committee',
          objectId: id,
          unionId: input.unionId,
          detail: {
            kind: input.kind,
            form: input.form,
            termStart: input.termStart,
            termEnd: input.termEnd,
            timing: needed ?? 'on_time',
            upperApprovalNote: input.upperApprovalNote ?? null,
            upperApprovalFile: upload ? { id: upload.id, sha256: upload.sha256, sizeBytes: upload.size_bytes, mimeType: upload.mime_type } : null,
            previous: existing ? { termStart: existing.term_start, termEnd: existing.term_end } : null,
          },
        });
      });
    } catch (err) {
      if (upload) await ctx.services.files.delete(upload.file_key);
      throw err;
    }
    const file = fileId ? (upload ?? (await approvalFilesByIds(ctx.db, [fileId]))[0]) : undefined;
    return { kind: input.kind, form: input.form, termStart: input.termStart, termEnd: input.termEnd, upperApprovalFile: approvalFileInfo(file ?? undefined) };
  },
});

/** 下载换届批复文件: the document as base64, for the union's staff, chair and the industry admin above; every download is audited. */
export const approvalFile = defineFunction({
  contract: c.approvalFile,
  policy: orgPolicy,
  kind: 'mutation',
  async handler(input, ctx) {
    const row = await findApprovalFile(ctx.db, input.fileId, input.unionId);
    if (!row) throw new AppError('not_found', '找不到该批复文件');
    const sealed = await ctx.services.files.get(row.file_key);
    if (!sealed) throw new AppError('not_found', '批复文件缺失，请重新上传');
    const bytes = openBytes(ctx.services.keys.field, sealed, row.file_key);
    await ctx.transaction(async (w) => {
      await w.audit({ objectType: 'committee_approval_file', objectId: row.id, unionId: row.union_id, detail: { committeeId: row.committee_id, termStart: row.term_start, sha256: row.sha256 } });
    });
    return { id: row.id, fileName: row.file_name, mimeType: row.mime_type, sizeBytes: bytes.length, sha256: row.sha256, base64: bytes.toString('base64') };
  },
});

/**
 * 任职 / 免职. With `endSeatId`: that seat ends today (or `since`). Otherwise a holder (a member of
 * this union, or a named person) takes the seat; a new chair replaces the old one, and a single
 * office (经审员 / 女职工委员) has one holder. A new chair or vice-chair sets the election to 待批准.
 */
export const setSeat = defineFunction({
  contract: c.setSeat,
  policy: orgPolicy,
  kind: 'mutation',
  async handler(input, ctx) {
    const committee = await existingCommittee(ctx.db, input.unionId, input.kind);
    const on = input.since ?? chinaDate(ctx.now);
    if (input.endSeatId) {
      const seat = await findSeat(ctx.db, input.endSeatId, committee.id);
      if (!seat) throw new AppError('not_found', '找不到该席位');
      if (seat.ended_on) return { seat: null, ended: seat.id };
      await ctx.transaction(async (w) => {
        await endSeats(w.db, [seat.id], on);
        await w.audit({ objectType: 'committee_seat', objectId: seat.id, unionId: input.unionId, detail: { ended: on } });
      });
      return { seat: null, ended: seat.id };
    }
    if (!!input.memberId === !!input.personName) throw field('memberId', '请选择一名会员或填写姓名（二选一）');
    let name = input.personName ?? '';
    if (input.memberId) {
      const m = await rosterMember(ctx.db, input.memberId, input.unionId);
      if (!m || m.status !== 'active') throw field('memberId', '该会员不在本工会在册会员中');
      name = m.name;
    }
    if (committee.form === 'single' && input.role !== 'member') throw field('role', '一人担任的职务请选择“委员”');
    const active = await activeSeatsOf(ctx.db, [committee.id]);
    // The same holder in the same seat again (a retried tap): the seat as it is.
    const same = active.find((s) => (input.memberId ? s.member_id === input.memberId : !s.member_id && s.person_name === name) && s.role === input.role);
    if (same) return { seat: { id: same.id, role: same.role, memberId: same.member_id, name: same.person_name, since: same.since }, ended: null };
    const replaced = active.filter((s) => committee.form === 'single' || (input.role === 'chair' && s.role === 'chair')).map((s) => s.id);
    const seat: SeatInfo = { id: newId('seat'), role: input.role, memberId: input.memberId ?? null, name, since: on };
    await ctx.transaction(async (w) => {
      await endSeats(w.db, replaced, on);
      await insertSeat(w.db, { id: seat.id, committee_id: committee.id, role: seat.role, member_id: seat.memberId, person_name: name, since: on, created_at: ctx.now.toISOString() });
      if (input.role !== 'member' && committee.form === 'committee') {
        await updateCommittee(w.db, committee.id, { election_status: 'pending', election_approval_ref: null, election_approved_on: null });
      }
      await w.audit({ objectType: 'committee_seat', objectId: seat.id, unionId: input.unionId, detail: { kind: input.kind, role: input.role, memberId: seat.memberId, replaced } });
    });
    return { seat, ended: replaced[0] ?? null };
  },
});

/** 选举结果报批: 待批准 when reported to the upper union, 已批准 with its approval reference and date. */
export const recordElection = defineFunction({
  contract: c.recordElection,
  policy: orgPolicy,
  kind: 'mutation',
  async handler(input, ctx) {
    const committee = await existingCommittee(ctx.db, input.unionId, input.kind);
    if (input.status === 'approved' && !input.approvalRef) throw field('approvalRef', '已批准须填写上级工会批复文号');
    const ref = input.approvalRef ?? null;
    const on = input.status === 'approved' ? (input.approvedOn ?? chinaDate(ctx.now)) : null;
    await ctx.transaction(async (w) => {
      await updateCommittee(w.db, committee.id, { election_status: input.status, election_approval_ref: ref, election_approved_on: on, updated_at: ctx.now.toISOString() });
      await w.audit({ objectType: 'committee', objectId: committee.id, unionId: input.unionId, detail: { election: input.status, approvalRef: ref, approvedOn: on } });
    });
    return { kind: input.kind, electionStatus: input.status, electionApprovalRef: ref, electionApprovedOn: on };
  },
});
