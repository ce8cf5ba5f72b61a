/** Importing a roster (.xlsx) in two steps: preview, then confirm. */
import { z } from 'zod';
import { defineContract } from '../define';
import { id } from '../common';
import { IMPORT_MAX_FILE_BYTES, IMPORT_MAX_FILE_LABEL } from './labels';

/** One problem found in an import file: spreadsheet row (0: the whole file), column, what is wrong. */
export interface ImportProblem {
  row: number;
  field: string;
  problem: string;
}

export interface ImportPreview {
  mode: 'preview';
  /** SHA-256 of the file: send it back with `mode: 'confirm'`. */
  fileHash: string;
  totalRows: number;
  validRows: number;
  problems: ImportProblem[];
  /** The first valid rows, masked, for a look before confirming. */
  sample: { row: number; name: string; idNumberMasked: string; phoneMasked: string; unitName: string }[];
  maxRows: number;
}

export interface ImportConfirmed {
  mode: 'confirm';
  importId: string;
  imported: number;
  /** Rows not written, with why (including rows that became duplicates since the preview). */
  skipped: ImportProblem[];
  /** True when this file had been confirmed before: nothing new was written. */
  duplicate: boolean;
}

// base64 of IMPORT_MAX_FILE_BYTES, rounded up to whole 4-character groups.
const MAX_BASE64 = Math.ceil(IMPORT_MAX_FILE_BYTES / 3) * 4;

export const importRoster = defineContract<ImportPreview | ImportConfirmed>()(
  'membership.importRoster',
  z
    .strictObject({
      /** The union whose roster receives the rows. */
      unionId: id,
      /** preview: check every row, write nothing; confirm: write the valid rows of the same file. */
      mode: z.enum(['preview', 'confirm'], { error: 'mode 只能是 preview 或 confirm' }),
      /** The .xlsx file, base64 (at most 4 MB and 10,000 rows before encoding: see docs/roster-xlsx.md). */
      fileBase64: z
        .string()
        .max(MAX_BASE64, `文件过大（上限 ${IMPORT_MAX_FILE_LABEL}；请分成几个文件）`)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容不是 base64'),
      /** The file's name, for the audit log. */
      fileName: z.string().trim().max(120, '文件名过长').optional(),
      /** With confirm: the `fileHash` from the preview the staffer looked at. */
      previewHash: z.string().regex(/^[0-9a-f]{64}$/, '预览编号不正确').optional(),
    })
    .refine((v) => v.mode !== 'confirm' || v.previewHash !== undefined, { path: ['previewHash'], message: '请先预览再确认导入' }),
  '导入会员名册 .xlsx：先预览逐行报告，再确认写入有效行（同一文件重复确认不会重复写入）',
);
