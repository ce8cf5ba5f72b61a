/**
 * Committees (委员会), terms and elections, and the standardisation checklist (规范化建设).
 * Everything is scoped to one union: its staff and chair, or the industry admin above it;
 * anyone else is answered `not_found`, as if the union had nothing to show.
 */
import * as c from '../contract/org.contract';
import type { CommitteeInfo, ComplianceResult, ReelectionItem, SeatInfo, TermApprovalFileInfo } from '../contract/org.contract';
import { COMMITTEE_KINDS, COMMITTEE_LABELS, DEFAULT_MEMBERSHIP_RATE_TARGET, EVIDENCE_BODY_BYTES, EVIDENCE_PHOTO_MAX_BYTES, type CommitteeKindName } from '../contract/org.labels';
import { AppError } from '../contract/errors';
import { newId, openBytes, sealBytes } from '../domain/crypto';
import {
  MANUAL_ITEMS,
  approvalDocumentNeeded,
  chairReportCheck,
  complianceScore,
  membershipRatePercent,
  previousQuarters,
  reelectionState,
  requiredForm,
  sizeProblem,
  termProblem,
  type CheckItem,
} from '../domain/organisation';
import { mustParsePeriod, noticeDueDate } from '../domain/fund-period';
import { chinaDate } from '../domain/time';
import { loadSettings } from '../storage/fund.repository';
import { newFileKey } from '../storage/file-store';
import { MEMBER_ATTACH_BODY_BYTES, MEMBER_ATTACHMENT_MAX_BYTES } from '../contract/membership/member-file.labels';
import { checkUpload, storedFileName } from '../domain/member-file';
import { writeComplianceXlsx } from '../domain/compliance-xlsx';
import { DEMO_APPROVAL_FILE_ID, demoPng } from '../seed/files-demo';
import type { CommitteeApprovalFilesTable, CommitteesTable, Q } from '../storage/schema';

/** A 1×1 PNG, for the sample input. */
const SAMPLE_PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
import { defineFunction, type FnContext } from './registry';

const ORG_ROLES = ['staff', 'chair', 'industryAdmin'] as const;
const scoped = (unionOf: (i: { unionId: string }) => string) => ({ kind: 'unionRoles' as const, roles: ORG_ROLES, unionOf, denyAs: 'not_found' as const });

/** The notices table of the funds module (issue 5), scored once it is there. */

async function loadUnion(db: Q, unionId: string) {
  const u = await db.selectFrom('unions').select(['id', 'name', 'kind', 'parent_id']).where('id', '=', unionId).executeTakeFirst();
  if (!u) throw new AppError('not_found', '找不到该工会');
  return u;
}

/** Active members and active women members of a union, live from the roster. */
async function rosterCounts(db: Q, unionId: string): Promise<{ members: number; women: number }> {
  const rows = await db
    .selectFrom('members')
    .select(['gender', (eb) => eb.fn.countAll<number>().as('n')])
    .where('union_id', '=', unionId)
    .where('status', '=', 'active')
    .groupBy('gender')
    .execute();
  const members = rows.reduce((s, r) => s + Number(r.n), 0);
  const women = Number(rows.find((r) => r.gender === 'female')?.n ?? 0);
  return { members, women };
}

async function committeeInfos(db: Q, union: { id: string; kind: 'industry' | 'base' }, counts: { members: number; women: number }, today: string): Promise<CommitteeInfo[]> {
  const rows = await db.selectFrom('committees').selectAll().where('union_id', '=', union.id).execute();
  const seats = rows.length
    ? await db
        .selectFrom('committee_seats')
        .select(['id', 'committee_id', 'role', 'member_id', 'person_name', 'since'])
        .where('committee_id', 'in', rows.map((r) => r.id))
        .where('ended_on', 'is', null)
        .orderBy('since')
        .orderBy('id')
        .execute()
    : [];
  const fileIds = rows.map((r) => r.upper_approval_file_id).filter((x): x is string => !!x);
  const files = fileIds.length ? await db.selectFrom('committee_approval_files').selectAll().where('id', 'in', fileIds).execute() : [];
  const order = { chair: 0, vice_chair: 1, member: 2 } as const;
  return COMMITTEE_KINDS.map((kind) => {
    const row = rows.find((r) => r.kind === kind);
    const required = requiredForm(kind, counts);
    const form = row?.form ?? null;
    const label = COMMITTEE_LABELS[kind][form ?? required];
    const mine: SeatInfo[] = seats
      .filter((s) => s.committee_id === row?.id)
      .map((s) => ({ id: s.id, role: s.role, memberId: s.member_id, name: s.person_name, since: s.since }))
      .sort((a, b) => order[a.role] - order[b.role]);
    const problems: string[] = [];
    const vacancies: string[] = [];
    if (!row) {
      problems.push(`尚未建立${COMMITTEE_LABELS[kind][required]}`);
    } else {
      if (required === 'committee' && row.form === 'single') {
        problems.push(kind === 'audit' ? `会员已达 ${counts.members} 人（25 人起），应设经费审查委员会` : `女会员已达 ${counts.women} 人（10 人起），应设女职工委员会`);
      }
      const size = sizeProblem(union.kind, kind, row.form, mine.length);
      if (size) problems.push(size);
      const termEnd = termProblem(row.term_start, row.term_end);
      if (termEnd) problems.push(termEnd);
      if (row.term_end < today) problems.push(`任期已于 ${row.term_end} 届满`);
      if (row.form === 'committee' && !mine.some((s) => s.role === 'chair')) vacancies.push(kind === 'union' ? '主席空缺' : '主任空缺');
      if (row.form === 'single' && mine.length === 0) vacancies.push(`${COMMITTEE_LABELS[kind].single}空缺`);
    }
    return {
      kind,
      form,
      requiredForm: required,
      label,
      exists: !!row,
      termStart: row?.term_start ?? null,
      termEnd: row?.term_end ?? null,
      reelection: row ? reelectionState(row.term_end, today) : null,
      upperApprovalNote: row?.upper_approval_note ?? null,
      upperApprovalFile: approvalFileInfo(files.find((f) => f.id === row?.upper_approval_file_id)),
      electionStatus: row?.election_status ?? 'none',
      electionApprovalRef: row?.election_approval_ref ?? null,
      electionApprovedOn: row?.election_approved_on ?? null,
      seats: mine,
      vacancies,
      problems,
    };
  });
}

/** Due and overdue re-elections of the given unions, overdue first, then by date. */
async function reelections(db: Q, unionIds: string[], today: string): Promise<ReelectionItem[]> {
  if (unionIds.length === 0) return [];
  const rows = await db
    .selectFrom('committees')
    .innerJoin('unions', 'unions.id', 'committees.union_id')
    .select(['committees.union_id', 'unions.name', 'committees.kind', 'committees.form', 'committees.term_end'])
    .where('committees.union_id', 'in', unionIds)
    .orderBy('committees.term_end')
    .execute();
  return rows.flatMap((r) => {
    const state = reelectionState(r.term_end, today);
    if (state === 'ok') return [];
    return [{ unionId: r.union_id, unionName: r.name, kind: r.kind, label: COMMITTEE_LABELS[r.kind][r.form], termEnd: r.term_end, state }];
  }).sort((a, b) => (a.state === b.state ? 0 : a.state === 'overdue' ? -1 : 1));
}

/** 委员会: the three committees with seats, terms, approval, vacancies and the rules checked live. */
export const committees = defineFunction({
  contract: c.committees,
  policy: scoped((i) => i.unionId),
  kind: 'query',
  sample: (f) => ({ unionId: f.baseUnionId }),
  async handler(input, ctx) {
    const union = await loadUnion(ctx.db, input.unionId);
    const today = chinaDate(ctx.now);
    const counts = await rosterCounts(ctx.db, union.id);
    const ids = [union.id];
    if (union.kind === 'industry') {
      const bases = await ctx.db.selectFrom('unions').select('id').where('parent_id', '=', union.id).execute();
      ids.push(...bases.map((b) => b.id));
    }
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

function approvalFileInfo(f: CommitteeApprovalFilesTable | undefined): TermApprovalFileInfo | null {
  return f ? { id: f.id, fileName: f.file_name, mimeType: f.mime_type, sizeBytes: Number(f.size_bytes), timing: f.timing, termStart: f.term_start, uploadedAt: f.created_at } : null;
}

async function committeeRow(db: Q, unionId: string, kind: CommitteeKindName): Promise<CommitteesTable | undefined> {
  return db.selectFrom('committees').selectAll().where('union_id', '=', unionId).where('kind', '=', kind).executeTakeFirst();
}

/** The committee for seats and elections: it exists once its term is set (`org.setTerm`). */
async function existingCommittee(db: Q, unionId: string, kind: CommitteeKindName): Promise<CommitteesTable> {
  const committee = await committeeRow(db, unionId, kind);
  if (!committee) throw new AppError('validation_error', undefined, [{ path: 'kind', message: '请先设置该委员会的任期' }]);
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
  policy: scoped((i) => i.unionId),
  kind: 'mutation',
  maxBodyBytes: MEMBER_ATTACH_BODY_BYTES,
  sample: (f) => ({ unionId: f.baseUnionId, kind: 'women' as const, form: 'single' as const, termStart: '2025-01-01', termEnd: '2029-12-31', upperApprovalNote: '青餐工〔2025〕3号 同意提前换届', upperApprovalFile: { fileName: '上级批复.png', base64: SAMPLE_PNG_BASE64 } }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const problem = termProblem(input.termStart, input.termEnd);
    if (problem) throw new AppError('validation_error', undefined, [{ path: 'termEnd', message: problem }]);
    if (input.kind === 'union' && input.form === 'single') throw new AppError('validation_error', undefined, [{ path: 'form', message: '工会委员会不能由一人担任' }]);
    const existing = await committeeRow(ctx.db, input.unionId, input.kind);
    const needed = approvalDocumentNeeded(existing ? { termStart: existing.term_start, termEnd: existing.term_end } : null, input.termStart);
    if (needed && !input.upperApprovalFile) {
      throw new AppError('validation_error', undefined, [{ path: 'upperApprovalFile', message: needed === 'late' ? '延期换届须上传上级工会的书面批复（图片或 PDF）' : '提前换届须上传上级工会的书面批复（图片或 PDF）' }]);
    }
    let upload: CommitteeApprovalFilesTable | null = null;
    let bytes: Buffer | null = null;
    if (input.upperApprovalFile) {
      const check = checkUpload(input.upperApprovalFile.base64, { maxBytes: MEMBER_ATTACHMENT_MAX_BYTES });
      if (!check.ok) {
        if (check.reason === 'validation_error') throw new AppError('validation_error', undefined, [{ path: 'upperApprovalFile.base64', message: check.message }]);
        throw new AppError(check.reason, check.message);
      }
      bytes = check.bytes;
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
      await ctx.services.files.put(upload.file_key, sealBytes(ctx.services.keys.field, bytes, upload.file_key));
    }
    const at = ctx.now.toISOString();
    // A new term start drops the old term's document; the same term keeps it unless a new one is given.
    const fileId = upload?.id ?? (existing && existing.term_start === input.termStart ? existing.upper_approval_file_id : null);
    try {
      await ctx.transaction(async (w) => {
        const fields = { form: input.form, term_start: input.termStart, term_end: input.termEnd, upper_approval_note: input.upperApprovalNote ?? null, upper_approval_file_id: fileId, updated_by: p.userId, updated_at: at };
        let id = existing?.id;
        if (existing) {
          await w.db.updateTable('committees').set(fields).where('id', '=', existing.id).execute();
        } else {
          id = newId('cmt');
          await w.db.insertInto('committees').values({ id, union_id: input.unionId, kind: input.kind, election_status: 'none', election_approval_ref: null, election_approved_on: null, ...fields }).execute();
        }
        if (upload) await w.db.insertInto('committee_approval_files').values({ ...upload, committee_id: id! }).execute();
        await w.audit({
          objectType: 'committee',
          objectId: id!,
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
    const file = fileId ? (upload ?? (await ctx.db.selectFrom('committee_approval_files').selectAll().where('id', '=', fileId).executeTakeFirst())) : undefined;
    return { kind: input.kind, form: input.form, termStart: input.termStart, termEnd: input.termEnd, upperApprovalFile: approvalFileInfo(file ?? undefined) };
  },
});

/** 下载换届批复文件: the document as base64, for the union's staff, chair and the industry admin above; every download is audited. */
export const approvalFile = defineFunction({
  contract: c.approvalFile,
  policy: scoped((i) => i.unionId),
  kind: 'mutation',
  sample: (f) => ({ unionId: f.baseUnionId, fileId: DEMO_APPROVAL_FILE_ID }),
  async handler(input, ctx) {
    const row = await ctx.db.selectFrom('committee_approval_files').selectAll().where('id', '=', input.fileId).where('union_id', '=', input.unionId).executeTakeFirst();
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
  policy: scoped((i) => i.unionId),
  kind: 'mutation',
  sample: (f) => ({ unionId: f.baseUnionId, kind: 'union' as const, role: 'member' as const, personName: '王丽' }),
  async handler(input, ctx) {
    const committee = await existingCommittee(ctx.db, input.unionId, input.kind);
    const on = input.since ?? chinaDate(ctx.now);
    if (input.endSeatId) {
      const seat = await ctx.db.selectFrom('committee_seats').select(['id', 'ended_on']).where('id', '=', input.endSeatId).where('committee_id', '=', committee.id).executeTakeFirst();
      if (!seat) throw new AppError('not_found', '找不到该席位');
      if (seat.ended_on) return { seat: null, ended: seat.id };
      await ctx.transaction(async (w) => {
        await w.db.updateTable('committee_seats').set({ ended_on: on }).where('id', '=', seat.id).where('ended_on', 'is', null).execute();
        await w.audit({ objectType: 'committee_seat', objectId: seat.id, unionId: input.unionId, detail: { ended: on } });
      });
      return { seat: null, ended: seat.id };
    }
    if (!!input.memberId === !!input.personName) throw new AppError('validation_error', undefined, [{ path: 'memberId', message: '请选择一名会员或填写姓名（二选一）' }]);
    let name = input.personName ?? '';
    if (input.memberId) {
      const m = await ctx.db.selectFrom('members').select(['name', 'status']).where('id', '=', input.memberId).where('union_id', '=', input.unionId).executeTakeFirst();
      if (!m || m.status !== 'active') throw new AppError('validation_error', undefined, [{ path: 'memberId', message: '该会员不在本工会在册会员中' }]);
      name = m.name;
    }
    if (committee.form === 'single' && input.role !== 'member') throw new AppError('validation_error', undefined, [{ path: 'role', message: '一人担任的职务请选择“委员”' }]);
    const active = await ctx.db.selectFrom('committee_seats').select(['id', 'role', 'member_id', 'person_name', 'since']).where('committee_id', '=', committee.id).where('ended_on', 'is', null).execute();
    // The same holder in the same seat again (a retried tap): the seat as it is.
    const same = active.find((s) => (input.memberId ? s.member_id === input.memberId : !s.member_id && s.person_name === name) && s.role === input.role);
    if (same) return { seat: { id: same.id, role: same.role, memberId: same.member_id, name: same.person_name, since: same.since }, ended: null };
    const replaced = active.filter((s) => committee.form === 'single' || (input.role === 'chair' && s.role === 'chair')).map((s) => s.id);
    const seat: SeatInfo = { id: newId('seat'), role: input.role, memberId: input.memberId ?? null, name, since: on };
    await ctx.transaction(async (w) => {
      if (replaced.length) await w.db.updateTable('committee_seats').set({ ended_on: on }).where('id', 'in', replaced).where('ended_on', 'is', null).execute();
      await w.db.insertInto('committee_seats').values({ id: seat.id, committee_id: committee.id, role: seat.role, member_id: seat.memberId, person_name: name, since: on, ended_on: null, created_at: ctx.now.toISOString() }).execute();
      if (input.role !== 'member' && committee.form === 'committee') {
        await w.db.updateTable('committees').set({ election_status: 'pending', election_approval_ref: null, election_approved_on: null }).where('id', '=', committee.id).execute();
      }
      await w.audit({ objectType: 'committee_seat', objectId: seat.id, unionId: input.unionId, detail: { kind: input.kind, role: input.role, memberId: seat.memberId, replaced } });
    });
    return { seat, ended: replaced[0] ?? null };
  },
});

/** 选举结果报批: 待批准 when reported to the upper union, 已批准 with its approval reference and date. */
export const recordElection = defineFunction({
  contract: c.recordElection,
  policy: scoped((i) => i.unionId),
  kind: 'mutation',
  sample: (f) => ({ unionId: f.baseUnionId, kind: 'union' as const, status: 'approved' as const, approvalRef: '青餐工〔2026〕1号' }),
  async handler(input, ctx) {
    const committee = await existingCommittee(ctx.db, input.unionId, input.kind);
    if (input.status === 'approved' && !input.approvalRef) throw new AppError('validation_error', undefined, [{ path: 'approvalRef', message: '已批准须填写上级工会批复文号' }]);
    const ref = input.approvalRef ?? null;
    const on = input.status === 'approved' ? (input.approvedOn ?? chinaDate(ctx.now)) : null;
    await ctx.transaction(async (w) => {
      await w.db.updateTable('committees').set({ election_status: input.status, election_approval_ref: ref, election_approved_on: on, updated_at: ctx.now.toISOString() }).where('id', '=', committee.id).execute();
      await w.audit({ objectType: 'committee', objectId: committee.id, unionId: input.unionId, detail: { election: input.status, approvalRef: ref, approvedOn: on } });
    });
    return { kind: input.kind, electionStatus: input.status, electionApprovalRef: ref, electionApprovedOn: on };
  },
});

async function rateTarget(db: Q, industryId: string | null): Promise<number> {
  if (!industryId) return DEFAULT_MEMBERSHIP_RATE_TARGET;
  const row = await db.selectFrom('compliance_settings').select('membership_rate_target').where('union_id', '=', industryId).executeTakeFirst();
  return row?.membership_rate_target ?? DEFAULT_MEMBERSHIP_RATE_TARGET;
}

/** Computes one base union's checklist from the data (see docs/api.md for each item). */
export async function computeCompliance(ctx: FnContext, union: { id: string; name: string; kind: 'industry' | 'base'; parent_id: string | null }): Promise<ComplianceResult> {
  const db = ctx.db;
  const today = chinaDate(ctx.now);
  const counts = await rosterCounts(db, union.id);
  const infos = await committeeInfos(db, union, counts, today);
  const target = await rateTarget(db, union.parent_id);
  const items: (CheckItem & { note?: string | null; photo?: ComplianceResult['items'][number]['photo'] })[] = [];

  for (const info of infos) {
    const name = COMMITTEE_LABELS[info.kind][info.requiredForm];
    const ok = info.exists && info.problems.filter((p) => !p.startsWith('任期已于')).length === 0 && info.vacancies.length === 0;
    const detail = info.exists ? `${info.label} ${info.seats.length} 人${info.problems.length || info.vacancies.length ? `：${[...info.problems, ...info.vacancies].join('；')}` : ''}` : `尚未建立（会员 ${counts.members} 人，女会员 ${counts.women} 人）`;
    items.push({
      key: `committee_${info.kind}`,
      label: `${name}`,
      status: ok ? 'pass' : 'fail',
      detail,
      nextStep: ok ? null : info.exists ? `在“委员会”中调整${info.label}的人选，使其符合要求` : `选举产生${name}，在“委员会”中设置任期和人选`,
      manual: false,
    });
  }

  const existing = infos.filter((i) => i.exists);
  const expired = existing.filter((i) => i.reelection === 'overdue');
  const due = existing.filter((i) => i.reelection === 'due');
  items.push({
    key: 'term',
    label: '按期换届',
    status: existing.length > 0 && expired.length === 0 ? 'pass' : 'fail',
    detail: existing.length === 0 ? '尚无任期记录' : expired.length ? expired.map((i) => `${i.label}任期已于 ${i.termEnd} 届满`).join('；') : due.length ? due.map((i) => `${i.label} ${i.termEnd} 届满，6个月内应换届`).join('；') : '各委员会均在任期内',
    nextStep: existing.length === 0 ? '在“委员会”中设置本届任期' : expired.length ? '组织换届选举，报上级工会批准后在“委员会”中设置新一届任期' : null,
    manual: false,
  });

  const unionCommittee = infos.find((i) => i.kind === 'union')!;
  const hasChair = unionCommittee.seats.some((s) => s.role === 'chair');
  const approved = hasChair && unionCommittee.electionStatus === 'approved';
  items.push({
    key: 'chair_approved',
    label: '主席选举经上级批准',
    status: approved ? 'pass' : 'fail',
    detail: !hasChair ? '主席空缺' : approved ? `已批准（${unionCommittee.electionApprovalRef ?? ''}）` : unionCommittee.electionStatus === 'pending' ? '待批准' : '未报批',
    nextStep: approved ? null : !hasChair ? '选举产生主席，在“委员会”中登记' : '将选举结果报上级工会，取得批复后记录“已批准”和批复文号',
    manual: false,
  });

  const units = await db.selectFrom('units').select(['id', 'name', 'employees']).where('base_union_id', '=', union.id).orderBy('name').execute();
  const perUnit = await db
    .selectFrom('members')
    .select(['unit_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('union_id', '=', union.id)
    .where('status', '=', 'active')
    .groupBy('unit_id')
    .execute();
  const rates = units.map((u) => ({ name: u.name, rate: membershipRatePercent(Number(perUnit.find((r) => r.unit_id === u.id)?.n ?? 0), u.employees) }));
  const low = rates.filter((r) => r.rate === null || r.rate < target);
  items.push({
    key: 'membership_rate',
    label: `入会率达到 ${target}%`,
    status: units.length > 0 && low.length === 0 ? 'pass' : 'fail',
    detail: units.length === 0 ? '没有会员单位' : rates.map((r) => `${r.name} ${r.rate === null ? '无职工人数' : `${r.rate}%`}`).join('；'),
    nextStep: low.length || units.length === 0 ? `在${low.map((r) => r.name).join('、') || '各单位'}张贴入会二维码，发展会员至入会率 ${target}% 以上` : null,
    manual: false,
  });

  const quarters = previousQuarters(today, 4);
  const oldest = quarters[quarters.length - 1];
  const records = await db
    .selectFrom('activities')
    .innerJoin('activity_records', 'activity_records.activity_id', 'activities.id')
    .select(['activities.end_at'])
    .where('activities.union_id', '=', union.id)
    .where('activities.status', '=', 'finished')
    .where('activities.end_at', '>=', new Date(`${oldest.from}T00:00:00+08:00`).toISOString())
    .execute();
  const recordDays = records.map((r) => chinaDate(new Date(r.end_at)));
  const missing = quarters.filter((q) => !recordDays.some((d) => d >= q.from && d <= q.to));
  items.push({
    key: 'activity_quarterly',
    label: '每季度至少一次活动记录',
    status: missing.length === 0 ? 'pass' : 'fail',
    detail: missing.length === 0 ? `近四个季度（${oldest.label}起）均有活动记录` : `缺少：${missing.map((q) => q.label).join('、')}`,
    nextStep: missing.length === 0 ? null : '组织活动，结束后在“活动管理”中填写活动记录（内容、成效）',
    manual: false,
  });

  // 会员档案齐全 (memberFileComplete): an application on file, or for a roster-imported member at least one attachment.
  const fileRows = await db
    .selectFrom('members')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.or([eb('application_id', 'is not', null), eb.exists(eb.selectFrom('applications').select('applications.id').whereRef('applications.member_id', '=', 'members.id'))]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('applied'),
    ])
    .where('union_id', '=', union.id)
    .where('status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb('application_id', 'is not', null),
        eb.exists(eb.selectFrom('applications').select('applications.id').whereRef('applications.member_id', '=', 'members.id')),
        eb.exists(eb.selectFrom('member_attachments').select('member_attachments.id').whereRef('member_attachments.member_id', '=', 'members.id').where('member_attachments.removed_at', 'is', null)),
      ]),
    )
    .executeTakeFirstOrThrow();
  const filed = Number(fileRows.n);
  const applied = Number(fileRows.applied ?? 0);
  const share = counts.members ? Math.floor((filed * 100) / counts.members) : 0;
  const complete = counts.members > 0 && filed === counts.members;
  items.push({
    key: 'member_files',
    label: '会员档案齐全（入会申请或档案材料）',
    status: complete ? 'pass' : 'fail',
    detail: counts.members === 0 ? '没有在册会员' : `${filed}/${counts.members} 名会员档案齐全（${share}%）：${applied} 人有入会申请，${filed - applied} 名导入会员有档案材料`,
    nextStep: complete ? null : '花名册导入、没有入会申请的会员：请其扫码补填入会申请，或在“会员档案”中上传入会登记表等材料',
    manual: false,
  });

  // 每季度公开经费收支: each of the last four completed quarters has a notice (a quarterly one, or one for
  // every month of it) whose first version was published on time: within the industry union's
  // `dueDays` after the period ends (the same rule as fund.overview).
  const { dueDays } = await loadSettings(db, union.parent_id ?? union.id);
  const notices = await db.selectFrom('fund_notices').select(['period_key', 'published_at']).where('union_id', '=', union.id).where('version', '=', 1).execute();
  const publishedOnTime = (key: string) => {
    const n = notices.find((x) => x.period_key === key);
    return n !== undefined && chinaDate(new Date(n.published_at)) <= noticeDueDate(mustParsePeriod(key), dueDays);
  };
  const noticeMissing = quarters.filter((q) => {
    const year = q.from.slice(0, 4);
    const firstMonth = Number(q.from.slice(5, 7));
    const monthKeys = [0, 1, 2].map((i) => `${year}-M${String(firstMonth + i).padStart(2, '0')}`);
    return !publishedOnTime(`${year}-Q${(firstMonth - 1) / 3 + 1}`) && !monthKeys.every(publishedOnTime);
  });
  items.push({
    key: 'fund_notice',
    label: '每季度按时公开经费收支',
    status: noticeMissing.length === 0 ? 'pass' : 'fail',
    detail: noticeMissing.length === 0 ? `近四个季度（${oldest.label}起）均按时公示` : `未按时公示（期满后 ${dueDays} 天内）：${noticeMissing.map((q) => q.label).join('、')}`,
    nextStep: noticeMissing.length === 0 ? null : '在“经费”中为这些季度结账、经审签署后发布经费公示',
    manual: false,
  });

  const reports = await db.selectFrom('chair_reports').select(['year', 'reported_on', 'note']).where('union_id', '=', union.id).orderBy('year', 'desc').execute();
  const report = chairReportCheck(reports.map((r) => Number(r.year)), today);
  items.push({ key: 'chair_report', label: '主席每年向会员（代表）大会述职', ...report, manual: false });

  const ticks = await db.selectFrom('compliance_ticks').selectAll().where('union_id', '=', union.id).execute();
  for (const m of MANUAL_ITEMS) {
    const t = ticks.find((x) => x.item === m.key);
    const done = t?.done === 1;
    const photo = done && t?.photo_key ? { mimeType: t.photo_mime ?? 'image/jpeg', sizeBytes: Number(t.photo_size ?? 0), at: t.photo_at ?? t.updated_at } : null;
    const detail = done ? `已确认${t?.note ? `：${t.note}` : ''}${photo ? '（有照片佐证）' : '（无照片佐证）'}` : '未确认';
    items.push({ key: m.key, label: m.label, status: done ? 'pass' : 'fail', detail, nextStep: done ? null : m.nextStep, manual: true, note: t?.note ?? null, photo });
  }

  const scored = items.filter((i) => i.status !== 'unscored');
  return {
    unionId: union.id,
    unionName: union.name,
    score: complianceScore(items),
    passed: scored.filter((i) => i.status === 'pass').length,
    scored: scored.length,
    membershipRateTarget: target,
    items,
    chairReports: reports.map((r) => ({ year: Number(r.year), reportedOn: r.reported_on, note: r.note })),
  };
}

/** Does the funds module's notices table exist yet (checked at run time, on either backend)? */

/** 规范化建设: the checklist of one base union, with a score. */
export const compliance = defineFunction({
  contract: c.compliance,
  policy: scoped((i) => i.unionId),
  kind: 'query',
  sample: (f) => ({ unionId: f.baseUnionId }),
  async handler(input, ctx) {
    return computeCompliance(ctx, await baseUnion(ctx.db, input.unionId));
  },
});

/** 规范化建设总览: every base union of the industry union, lowest score first. */
export const complianceOverview = defineFunction({
  contract: c.complianceOverview,
  policy: scoped((i) => i.unionId),
  kind: 'query',
  sample: (f) => ({ unionId: f.industryUnionId }),
  async handler(input, ctx) {
    const union = await overviewUnion(ctx.db, input.unionId);
    return { membershipRateTarget: await rateTarget(ctx.db, union.id), items: (await overviewRows(ctx, union.id)).map(({ unionId, unionName, score, failing }) => ({ unionId, unionName, score, failing: failing.map(({ key, label }) => ({ key, label })) })) };
  },
});

/** Every base union of an industry union with its checklist, lowest score first. */
async function overviewRows(ctx: FnContext, industryId: string) {
  const bases = await ctx.db.selectFrom('unions').select(['id', 'name', 'kind', 'parent_id']).where('parent_id', '=', industryId).orderBy('code').execute();
  const rows = [];
  for (const b of bases) {
    const r = await computeCompliance(ctx, b);
    rows.push({ unionId: b.id, unionName: b.name, score: r.score, passed: r.passed, scored: r.scored, failing: r.items.filter((i) => i.status === 'fail').map((i) => ({ key: i.key, label: i.label, detail: i.detail, nextStep: i.nextStep })) });
  }
  return rows.sort((a, b) => a.score - b.score);
}

async function baseUnion(db: Q, unionId: string) {
  const union = await loadUnion(db, unionId);
  if (union.kind !== 'base') throw new AppError('validation_error', undefined, [{ path: 'unionId', message: '规范化建设检查针对基层工会' }]);
  return union;
}

/** The industry union whose base unions an overview (on screen or exported) lists. */
async function overviewUnion(db: Q, unionId: string) {
  const union = await loadUnion(db, unionId);
  if (union.kind !== 'industry') throw new AppError('validation_error', undefined, [{ path: 'unionId', message: '总览针对行业工会' }]);
  return union;
}

/**
 * 勾选: staff confirm (or withdraw) an item the data cannot show. Confirming needs a photo as
 * evidence (JPG, PNG or WebP, at most 2 MB: `evidence_required`, `unsupported_file_type`,
 * `file_too_large`) unless the item is already confirmed with one; a new photo replaces the old,
 * withdrawing removes it. The photo's bytes go to the file store, its key and hash to the tick.
 */
export const tickItem = defineFunction({
  contract: c.tickItem,
  policy: scoped((i) => i.unionId),
  kind: 'mutation',
  maxBodyBytes: EVIDENCE_BODY_BYTES,
  sample: (f) => ({ unionId: f.baseUnionId, item: 'sign' as const, done: true, note: '挂在二楼办公室门口', photoBase64: SAMPLE_PHOTO_BASE64 }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    await baseUnion(ctx.db, input.unionId);
    const existing = await ctx.db.selectFrom('compliance_ticks').selectAll().where('union_id', '=', input.unionId).where('item', '=', input.item).executeTakeFirst();
    let photo: { key: string; mime: string; size: number; sha256: string; at: string } | null = null;
    if (input.done && input.photoBase64) {
      const check = checkUpload(input.photoBase64, { allowed: ['image/jpeg', 'image/png', 'image/webp'], maxBytes: EVIDENCE_PHOTO_MAX_BYTES });
      if (!check.ok) {
        if (check.reason === 'validation_error') throw new AppError('validation_error', undefined, [{ path: 'photoBase64', message: check.message }]);
        throw new AppError(check.reason, check.message);
      }
      photo = { key: newFileKey('evidence', ctx.now), mime: check.mimeType, size: check.bytes.length, sha256: check.sha256, at: ctx.now.toISOString() };
      await ctx.services.files.put(photo.key, check.bytes);
    } else if (input.done && existing?.done === 1 && existing.photo_key) {
      photo = { key: existing.photo_key, mime: existing.photo_mime ?? 'image/jpeg', size: Number(existing.photo_size ?? 0), sha256: existing.photo_sha256 ?? '', at: existing.photo_at ?? existing.updated_at };
    } else if (input.done) {
      throw new AppError('evidence_required', '勾选此项须上传一张照片作为佐证（如牌子、印章或办公场所的照片）');
    }
    const row = {
      done: input.done ? 1 : 0,
      note: input.note ?? null,
      updated_by: p.userId,
      updated_at: ctx.now.toISOString(),
      photo_key: photo?.key ?? null,
      photo_mime: photo?.mime ?? null,
      photo_size: photo?.size ?? null,
      photo_sha256: photo?.sha256 ?? null,
      photo_at: photo?.at ?? null,
    };
    try {
      await ctx.transaction(async (w) => {
        await w.db.insertInto('compliance_ticks').values({ union_id: input.unionId, item: input.item, ...row }).onConflict((oc) => oc.columns(['union_id', 'item']).doUpdateSet(row)).execute();
        await w.audit({ objectType: 'compliance_item', objectId: `${input.unionId}:${input.item}`, unionId: input.unionId, detail: { item: input.item, done: input.done, note: row.note, photoSha256: row.photo_sha256, photoSize: row.photo_size } });
      });
    } catch (err) {
      if (photo && photo.key !== existing?.photo_key) await ctx.services.files.delete(photo.key);
      throw err;
    }
    // The replaced (or withdrawn) photo goes once the new state is committed.
    if (existing?.photo_key && existing.photo_key !== row.photo_key) await ctx.services.files.delete(existing.photo_key);
    return { item: input.item, done: input.done, note: row.note, photo: photo ? { mimeType: photo.mime, sizeBytes: photo.size, at: photo.at } : null };
  },
});

/** A small PNG, for the sample input. */
const SAMPLE_PHOTO_BASE64 = demoPng(8, 8, [200, 60, 60]).toString('base64');

/** 佐证照片: the evidence photo of a confirmed item, for the union's staff and chair and the industry admin. */
export const tickPhoto = defineFunction({
  contract: c.tickPhoto,
  policy: scoped((i) => i.unionId),
  kind: 'query',
  sample: (f) => ({ unionId: f.baseUnionId, item: 'seal' as const }),
  async handler(input, ctx) {
    const t = await ctx.db.selectFrom('compliance_ticks').selectAll().where('union_id', '=', input.unionId).where('item', '=', input.item).executeTakeFirst();
    if (!t?.photo_key || t.done !== 1) throw new AppError('not_found', '该项没有佐证照片');
    const bytes = await ctx.services.files.get(t.photo_key);
    if (!bytes) throw new AppError('not_found', '照片文件缺失，请重新上传');
    const label = MANUAL_ITEMS.find((m) => m.key === input.item)?.label ?? input.item;
    const ext = { 'image/png': 'png', 'image/webp': 'webp' }[t.photo_mime ?? ''] ?? 'jpg';
    return { fileName: `${label}.${ext}`, mimeType: t.photo_mime ?? 'image/jpeg', base64: bytes.toString('base64'), at: t.photo_at ?? t.updated_at };
  },
});

/**
 * 记录主席述职: the chair reported on `year` to the members' (representatives') congress on
 * `reportedOn`. One record per year; recording the same year again updates date and note.
 */
export const recordChairReport = defineFunction({
  contract: c.recordChairReport,
  policy: scoped((i) => i.unionId),
  kind: 'mutation',
  sample: (f) => ({ unionId: f.baseUnionId, year: 2025, reportedOn: '2026-01-20', note: '第一届会员大会第二次会议' }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    await baseUnion(ctx.db, input.unionId);
    const today = chinaDate(ctx.now);
    if (input.reportedOn > today) throw new AppError('validation_error', undefined, [{ path: 'reportedOn', message: '述职日期不能晚于今天' }]);
    const existing = await ctx.db.selectFrom('chair_reports').selectAll().where('union_id', '=', input.unionId).where('year', '=', input.year).executeTakeFirst();
    const note = input.note ?? null;
    if (existing && existing.reported_on === input.reportedOn && existing.note === note) return { year: input.year, reportedOn: input.reportedOn, note, duplicate: true };
    await ctx.transaction(async (w) => {
      const id = existing?.id ?? newId('chr');
      if (existing) await w.db.updateTable('chair_reports').set({ reported_on: input.reportedOn, note, recorded_by: p.userId, recorded_at: ctx.now.toISOString() }).where('id', '=', id).execute();
      else await w.db.insertInto('chair_reports').values({ id, union_id: input.unionId, year: input.year, reported_on: input.reportedOn, note, recorded_by: p.userId, recorded_at: ctx.now.toISOString() }).execute();
      await w.audit({ objectType: 'chair_report', objectId: id, unionId: input.unionId, detail: { year: input.year, reportedOn: input.reportedOn, note, previous: existing ? { reportedOn: existing.reported_on, note: existing.note } : null } });
    });
    return { year: input.year, reportedOn: input.reportedOn, note, duplicate: false };
  },
});

/** 导出总览: every base union's score and failing items (with what to do next) as .xlsx. */
export const exportComplianceOverview = defineFunction({
  contract: c.exportComplianceOverview,
  policy: scoped((i) => i.unionId),
  kind: 'query',
  sample: (f) => ({ unionId: f.industryUnionId }),
  async handler(input, ctx) {
    const union = await overviewUnion(ctx.db, input.unionId);
    const rows = await overviewRows(ctx, union.id);
    const file = await writeComplianceXlsx(rows, { unionName: union.name, exportedAt: ctx.now, membershipRateTarget: await rateTarget(ctx.db, union.id) });
    return {
      fileName: `规范化建设总览-${union.name}-${chinaDate(ctx.now)}.xlsx`,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      base64: file.toString('base64'),
      rows: rows.length,
    };
  },
});

/** 入会率目标: set by the industry union (its admin) for all its base unions' units. */
export const setComplianceTarget = defineFunction({
  contract: c.setComplianceTarget,
  policy: { kind: 'unionRoles', roles: ['industryAdmin'], unionOf: (i) => i.unionId, denyAs: 'not_found' },
  kind: 'mutation',
  sample: (f) => ({ unionId: f.industryUnionId, membershipRateTarget: 80 }),
  async handler(input, ctx) {
    const union = await loadUnion(ctx.db, input.unionId);
    if (union.kind !== 'industry') throw new AppError('validation_error', undefined, [{ path: 'unionId', message: '入会率目标由行业工会设置' }]);
    const row = { membership_rate_target: input.membershipRateTarget, updated_at: ctx.now.toISOString() };
    await ctx.transaction(async (w) => {
      await w.db.insertInto('compliance_settings').values({ union_id: input.unionId, ...row }).onConflict((oc) => oc.column('union_id').doUpdateSet(row)).execute();
      await w.audit({ objectType: 'compliance_settings', objectId: input.unionId, unionId: input.unionId, detail: { membershipRateTarget: input.membershipRateTarget } });
    });
    return { membershipRateTarget: input.membershipRateTarget };
  },
});
