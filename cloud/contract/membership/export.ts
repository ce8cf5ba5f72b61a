/** Exporting the roster (.xlsx): masked, or full numbers for 报送. */
import { z } from 'zod';
import { defineContract } from '../define';
import { id } from '../common';
import type { FileResult } from '../file';

export const exportRoster = defineContract<FileResult & { rows: number }>()(
  'membership.exportRoster',
  z.strictObject({
    /** The union whose roster to export. */
    unionId: id,
    /** active (在册, default) or all (incl. 已退会). */
    status: z.enum(['active', 'all'], { error: '状态只能是 active 或 all' }).optional(),
  }),
  '导出会员名册 .xlsx（全省实名制系统的列格式，身份证号和手机号打码，记入审计日志）',
);

export const exportRosterFull = defineContract<FileResult & { rows: number; remainingToday: number }>()(
  'membership.exportRosterFull',
  z.strictObject({
    /** The union whose roster to export. */
    unionId: id,
    /** active (在册, default) or all (incl. 已退会). */
    status: z.enum(['active', 'all'], { error: '状态只能是 active 或 all' }).optional(),
    /** Why the full numbers leave the system (kept in the audit log and the file's properties), e.g. 报送全省工会会员实名制系统. */
    reason: z.string().trim().min(2, '请填写导出事由（至少 2 个字）').max(100, '事由最多 100 个字'),
  }),
  '完整导出会员名册 .xlsx（含完整身份证号和手机号，报送全省实名制系统用；工会主席，须填事由，每会每天 3 次，记入审计日志）',
);
