/**
 * The standardisation checklist (规范化建设): one base union's checklist, the industry union's
 * overview (on screen and as .xlsx) and its membership-rate target, and what staff record by hand
 * (ticked items with a photo, the chair's yearly report). Scoped to one union (`orgPolicy`).
 */
import * as c from '../../contract/org/compliance';
import { AppError } from '../../contract/errors';
import { EVIDENCE_BODY_BYTES, EVIDENCE_PHOTO_MAX_BYTES } from '../../contract/org/labels';
import { writeComplianceXlsx } from '../../domain/compliance-xlsx';
import { newId } from '../../domain/crypto';
import { checkUpload } from '../../domain/member-file';
import { MANUAL_ITEMS } from '../../domain/organisation';
import { chinaDate } from '../../domain/time';
import { findChairReport, findTick, insertChairReport, saveMembershipRateTarget, saveTick, updateChairReport } from '../../storage/compliance.repository';
import { newFileKey } from '../../storage/file-store';
import type { Q } from '../../storage/schema';
import { baseUnionsOf } from '../../storage/unions.repository';
import { defineFunction } from '../registry';
import { computeCompliance, rateTargetOf } from './compliance-check';
import { orgPolicy, scopedUnion } from './scope';

const BASE = { kind: 'base', message: '规范化建设检查针对基层工会' } as const;
const INDUSTRY = { kind: 'industry', message: '总览针对行业工会' } as const;

/** 规范化建设: the checklist of one base union, with a score. */
export const compliance = defineFunction({
  contract: c.compliance,
  policy: orgPolicy,
  kind: 'query',
  async handler(input, ctx) {
    return computeCompliance(ctx.db, ctx.now, await scopedUnion(ctx.db, input.unionId, BASE));
  },
});

/** Every base union of an industry union with its checklist, lowest score first. */
async function overviewRows(db: Q, now: Date, industryId: string) {
  const rows = [];
  for (const b of await baseUnionsOf(db, industryId)) {
    const r = await computeCompliance(db, now, b);
    rows.push({ unionId: b.id, unionName: b.name, score: r.score, passed: r.passed, scored: r.scored, failing: r.items.filter((i) => i.status === 'fail').map((i) => ({ key: i.key, label: i.label, detail: i.detail, nextStep: i.nextStep })) });
  }
  return rows.sort((a, b) => a.score - b.score);
}

/** 规范化建设总览: every base union of the industry union, lowest score first. */
export const complianceOverview = defineFunction({
  contract: c.complianceOverview,
  policy: orgPolicy,
  kind: 'query',
  async handler(input, ctx) {
    const union = await scopedUnion(ctx.db, input.unionId, INDUSTRY);
    const rows = await overviewRows(ctx.db, ctx.now, union.id);
    return { membershipRateTarget: await rateTargetOf(ctx.db, union.id), items: rows.map(({ unionId, unionName, score, failing }) => ({ unionId, unionName, score, failing: failing.map(({ key, label }) => ({ key, label })) })) };
  },
});

/** 导出总览: every base union's score and failing items (with what to do next) as .xlsx. */
export const exportComplianceOverview = defineFunction({
  contract: c.exportComplianceOverview,
  policy: orgPolicy,
  kind: 'query',
  async handler(input, ctx) {
    const union = await scopedUnion(ctx.db, input.unionId, INDUSTRY);
    const rows = await overviewRows(ctx.db, ctx.now, union.id);
    const file = await writeComplianceXlsx(rows, { unionName: union.name, exportedAt: ctx.now, membershipRateTarget: await rateTargetOf(ctx.db, union.id) });
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
  async handler(input, ctx) {
    await scopedUnion(ctx.db, input.unionId, { kind: 'industry', message: '入会率目标由行业工会设置' });
    await ctx.transaction(async (w) => {
      await saveMembershipRateTarget(w.db, input.unionId, input.membershipRateTarget, ctx.now.toISOString());
      await w.audit({ objectType: 'compliance_settings', objectId: input.unionId, unionId: input.unionId, detail: { membershipRateTarget: input.membershipRateTarget } });
    });
    return { membershipRateTarget: input.membershipRateTarget };
  },
});

/**
 * 勾选: staff confirm (or withdraw) an item the data cannot show. Confirming needs a photo as
 * evidence (JPG, PNG or WebP, at most 2 MB: `evidence_required`, `unsupported_file_type`,
 * `file_too_large`) unless the item is already confirmed with one; a new photo replaces the old,
 * withdrawing removes it. The photo's bytes go to the file store, its key and hash to the tick.
 */
export const tickItem = defineFunction({
  contract: c.tickItem,
  policy: orgPolicy,
  kind: 'mutation',
  maxBodyBytes: EVIDENCE_BODY_BYTES,
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    await scopedUnion(ctx.db, input.unionId, BASE);
    const existing = await findTick(ctx.db, input.unionId, input.item);
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
        await saveTick(w.db, input.unionId, input.item, row);
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

/** 佐证照片: the evidence photo of a confirmed item, for the union's staff and chair and the industry admin. */
export const tickPhoto = defineFunction({
  contract: c.tickPhoto,
  policy: orgPolicy,
  kind: 'query',
  async handler(input, ctx) {
    const t = await findTick(ctx.db, input.unionId, input.item);
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
  policy: orgPolicy,
  kind: 'mutation',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    await scopedUnion(ctx.db, input.unionId, BASE);
    const today = chinaDate(ctx.now);
    if (input.reportedOn > today) throw new AppError('validation_error', undefined, [{ path: 'reportedOn', message: '述职日期不能晚于今天' }]);
    const existing = await findChairReport(ctx.db, input.unionId, input.year);
    const note = input.note ?? null;
    if (existing && existing.reported_on === input.reportedOn && existing.note === note) return { year: input.year, reportedOn: input.reportedOn, note, duplicate: true };
    await ctx.transaction(async (w) => {
      const id = existing?.id ?? newId('chr');
      const fields = { reported_on: input.reportedOn, note, recorded_by: p.userId, recorded_at: ctx.now.toISOString() };
      if (existing) await updateChairReport(w.db, id, fields);
      else await insertChairReport(w.db, { id, union_id: input.unionId, year: input.year, ...fields });
      await w.audit({ objectType: 'chair_report', objectId: id, unionId: input.unionId, detail: { year: input.year, reportedOn: input.reportedOn, note, previous: existing ? { reportedOn: existing.reported_on, note: existing.note } : null } });
    });
    return { year: input.year, reportedOn: input.reportedOn, note, duplicate: false };
  },
});
