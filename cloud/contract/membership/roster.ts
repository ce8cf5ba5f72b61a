/** The masked roster (会员名册) and revealing one member's full number (查看完整). */
import { z } from 'zod';
import { defineContract } from '../define';
import { id } from '../common';
import { REVEAL_FIELDS, ROSTER_PAGE_SIZE_MAX, type MemberStatus } from './labels';

export interface RosterItem {
  memberId: string;
  name: string;
  memberNo: string;
  unitName: string;
  idNumberMasked: string;
  phoneMasked: string;
  status: MemberStatus;
  gender: 'male' | 'female';
  job: string;
  joinedAt: string;
  leftAt: string | null;
}

export const roster = defineContract<{ items: RosterItem[]; total: number; page: number; pageSize: number }>()(
  'membership.roster',
  z.strictObject({
    /** The union whose roster (会员名册) to read. */
    unionId: id,
    /** Name or member number (part of it), a full phone or ID number (exact), or the last 4 digits of a phone. */
    query: z.string().trim().max(40, '最多 40 个字').optional(),
    /** Only members of this unit. */
    unitId: id.optional(),
    /** active (在册, default), left (已退会) or all. */
    status: z.enum(['active', 'left', 'all'], { error: '状态只能是 active、left 或 all' }).optional(),
    /** 1-based page number. */
    page: z.number().int('须为整数').min(1, '页码从 1 开始').max(100000).optional(),
    pageSize: z.number().int('须为整数').min(1, '至少 1').max(ROSTER_PAGE_SIZE_MAX, `最多 ${ROSTER_PAGE_SIZE_MAX}`).optional(),
  }),
  '会员名册：搜索、按单位和状态筛选、分页（号码打码）',
);

export const reveal = defineContract<{ value: string }>()(
  'membership.reveal',
  z.strictObject({
    /** The member whose number to show in full. */
    memberId: id,
    /** idNumber (身份证号) or phone (手机号). */
    field: z.enum(REVEAL_FIELDS, { error: '只能查看身份证号或手机号' }),
    /** Why (kept in the audit log), e.g. 办理困难帮扶. */
    reason: z.string().trim().min(2, '请填写查看理由（至少 2 个字）').max(100, '理由最多 100 个字'),
  }),
  '查看完整身份证号或手机号（须填理由，记入审计日志）',
);
