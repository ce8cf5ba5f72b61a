/**
 * 导入会员名册 (`membership.importRoster`, .xlsx in the export's layout): preview every row, then
 * confirm the valid ones of the same file.
 */
import { createHash } from 'node:crypto';
import * as c from '../../contract/membership/import';
import { AppError } from '../../contract/errors';
import { IMPORT_MAX_BODY_BYTES, IMPORT_MAX_FILE_BYTES, IMPORT_MAX_FILE_LABEL, IMPORT_MAX_ROWS } from '../../contract/membership/labels';
import { blindIndex, newId, type Keys } from '../../domain/crypto';
import { maskIdNumber } from '../../contract/fields/id-number';
import { maskPhone } from '../../contract/fields/phone';
import { readRosterXlsx, type ImportRow } from '../../domain/roster-xlsx';
import { chinaDate } from '../../domain/time';
import { isUniqueViolation } from '../../storage/db';
import { insertMembers } from '../../storage/members.repository';
import { identityHolders } from '../../storage/membership.repository';
import { recordRosterImport, rosterImportResult, unitsUnder } from '../../storage/roster.repository';
import type { Q } from '../../storage/schema';
import { findUnion } from '../../storage/unions.repository';
import { defineFunction } from '../registry';
import { PII_ROLES } from './roles';

interface CheckedImport {
  valid: (ImportRow & { unitId: string | null; unitNameOther: string | null })[];
  problems: c.ImportProblem[];
  totalRows: number;
}

/** The file's own checks, then the database's: unit of this union, not already a member or applicant. */
async function checkImport(db: Q, keys: Keys, union: { id: string; kind: 'industry' | 'base' }, file: Buffer, today: string): Promise<CheckedImport> {
  const read = await readRosterXlsx(file, { today, maxRows: IMPORT_MAX_ROWS });
  const units = await unitsUnder(db, union);
  const byName = new Map(units.map((u) => [u.name, u]));
  const problems: c.ImportProblem[] = [...read.problems];
  const valid: CheckedImport['valid'] = [];
  const candidates: CheckedImport['valid'] = [];
  for (const r of read.rows) {
    const unit = byName.get(r.unitName);
    let unitId: string | null = null;
    let unitNameOther: string | null = null;
    if (union.kind === 'base') {
      if (!unit) {
        problems.push({ row: r.row, field: '工作单位', problem: `不是本工会的会员单位（应为：${units.map((u) => u.name).join('、')}）` });
        continue;
      }
      unitId = unit.id;
    } else if (unit?.base_union_id) {
      problems.push({ row: r.row, field: '工作单位', problem: '该单位已建立基层工会，请由该基层工会导入' });
      continue;
    } else if (unit) unitId = unit.id;
    else unitNameOther = r.unitName;
    candidates.push({ ...r, unitId, unitNameOther });
  }
  // Already a member or an applicant anywhere: looked up 500 ID numbers at a time (10,000 rows = 20 + 20 queries).
  const holders = await identityHolders(
    db,
    candidates.map((r) => blindIndex(keys.blindIndex, r.idNumber)),
  );
  candidates.forEach((r, i) => {
    const holder = holders[i];
    if (holder) problems.push({ row: r.row, field: '身份证号', problem: holder === 'member' ? '该身份证号已登记为在册会员' : '该身份证号已有待审核的入会申请' });
    else valid.push(r);
  });
  problems.sort((a, b) => a.row - b.row);
  return { valid, problems, totalRows: read.totalRows };
}

/**
 * 导入会员名册 (.xlsx, same layout as the export), in two steps:
 * - `preview`: checks every row and answers a report `{row, field, problem}` (no personal numbers,
 *   a masked sample of valid rows); nothing is written;
 * - `confirm` with the preview's `fileHash`: checks again and writes only the valid rows (member
 *   numbers assigned in file order). The same file confirmed again writes nothing (`duplicate`).
 * Staff and chairs of that union only. The file travels base64 in the request body (limit 6 MB
 * for this function): at most 4 MB and 10,000 rows (docs/roster-xlsx.md).
 */
export const importRoster = defineFunction({
  contract: c.importRoster,
  policy: { kind: 'unionRoles', roles: PII_ROLES, unionOf: (i) => i.unionId, denyAs: 'not_found' },
  kind: 'mutation',
  maxBodyBytes: IMPORT_MAX_BODY_BYTES,
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const union = await findUnion(ctx.db, input.unionId);
    if (!union) throw new AppError('not_found', '找不到该工会');
    const file = Buffer.from(input.fileBase64, 'base64');
    if (file.length > IMPORT_MAX_FILE_BYTES) throw new AppError('validation_error', undefined, [{ path: 'fileBase64', message: `文件过大（上限 ${IMPORT_MAX_FILE_LABEL}）` }]);
    const fileHash = createHash('sha256').update(file).digest('hex');
    const today = chinaDate(ctx.now);

    if (input.mode === 'preview') {
      const checked = await checkImport(ctx.db, ctx.services.keys, union, file, today);
      return {
        mode: 'preview' as const,
        fileHash,
        totalRows: checked.totalRows,
        validRows: checked.valid.length,
        problems: checked.problems,
        sample: checked.valid.slice(0, 10).map((r) => ({
          row: r.row,
          name: r.name,
          idNumberMasked: maskIdNumber(r.idNumber),
          phoneMasked: maskPhone(r.phone),
          unitName: r.unitName,
        })),
        maxRows: IMPORT_MAX_ROWS,
      };
    }

    if (input.previewHash !== fileHash) throw new AppError('validation_error', undefined, [{ path: 'previewHash', message: '文件与预览时的不同，请重新预览' }]);
    const earlier = async () => {
      const result = await rosterImportResult(ctx.db, union.id, fileHash);
      return result ? { ...(JSON.parse(result) as Omit<c.ImportConfirmed, 'duplicate'>), duplicate: true } : undefined;
    };
    const before = await earlier();
    if (before) return before;
    try {
      return await ctx.transaction(async (w) => {
        const checked = await checkImport(w.db, ctx.services.keys, union, file, today);
        const importId = newId('imp');
        await insertMembers(
          w.db,
          ctx.services.keys,
          union.id,
          checked.valid.map((r) => ({
            userId: null,
            unionId: union.id,
            unitId: r.unitId,
            unitName: r.unitNameOther,
            data: r,
            now: ctx.now,
            today,
            joinedAt: r.joinedDate ? new Date(`${r.joinedDate}T00:00:00+08:00`).toISOString() : undefined,
          })),
        );
        const result: Omit<c.ImportConfirmed, 'duplicate'> = { mode: 'confirm', importId, imported: checked.valid.length, skipped: checked.problems };
        await recordRosterImport(w.db, { id: importId, unionId: union.id, fileHash, fileName: input.fileName ?? null, createdBy: p.userId, createdAt: ctx.now.toISOString(), result });
        await w.audit({
          objectType: 'roster_import',
          objectId: importId,
          unionId: union.id,
          detail: { fileName: input.fileName ?? null, fileHash, imported: result.imported, skipped: result.skipped.length },
        });
        return { ...result, duplicate: false };
      });
    } catch (err) {
      // Two confirms of the same file at once: the second finds the first's result.
      if (isUniqueViolation(err)) {
        const after = await earlier();
        if (after) return after;
        throw new AppError('duplicate_identity', '导入期间名册发生了变化，请重新预览后再确认');
      }
      throw err;
    }
  },
});
