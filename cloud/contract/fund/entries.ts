/**
 * Ledger entries (账本条目): record (`fund.addEntry`), the chair's approval (主席一支笔审批),
 * reversal (冲正) and comments (审查意见). Money is integer fen (分) everywhere.
 */
import { z } from 'zod';
import { defineContract } from '../define';
import { id } from '../common';
import { chinaDay, fen, text, type EntryFlag } from './fields';
import {
  DUES_CATEGORY,
  EXPENSE_CATEGORIES,
  FUNDING_ROUTES,
  GIFT_FORMS,
  GIFT_KINDS,
  GIFT_RECIPIENTS,
  INCOME_CATEGORIES,
  MAX_ATTACHMENTS_PER_ENTRY,
  MAX_ENTRY_FEN,
  type EntryStatus,
} from './labels';

export const addEntry = defineContract<{ id: string; status: EntryStatus; seq: number; flags: EntryFlag[]; duplicate: boolean }>()(
  'fund.addEntry',
  z
    .strictObject({
      /** The union whose books this is (基层工会 or the industry union). */
      unionId: id,
      /** The day the money moved (China date). Not in the future, not in a closed period. */
      date: chinaDay,
      /** 收入 or 支出. */
      direction: z.enum(['income', 'expense'], { error: '请选择收入或支出' }),
      /** Top-level category's Chinese name, e.g. `会费收入`, `职工活动支出` (see labels.ts). */
      category: z.string().trim().min(1, '请选择科目'),
      /** Amount in fen (分), > 0, at most 1,000 万元. */
      amountFen: fen.min(1, '金额须大于 0').max(MAX_ENTRY_FEN, '单笔金额不能超过 1000 万元'),
      /** Who paid or was paid (付款方 / 收款方). */
      counterparty: z.string().trim().max(100, '对方单位最多 100 字').optional(),
      /** What the money was for (用途 / 摘要). */
      purpose: text(200, '用途'),
      /** A client-made id: sending the same entry again returns the first one (`duplicate: true`). */
      requestId: z.string().trim().min(8, 'requestId 至少 8 位').max(64),
      /** A sub-item (明细项目): a standard one (e.g. 文体活动) or one the union added. */
      subCategory: z.string().trim().min(1).max(30, '明细项目最多 30 字').optional(),
      /** Income only: which of the four funding routes (四个一点); defaults from the category. */
      fundingRoute: z.enum(FUNDING_ROUTES).optional(),
      /** Spending only: a gift or welfare handed out (慰问品、福利), checked against the spending rules. */
      gift: z
        .strictObject({
          /** 节日 / 生日 / 其他慰问. */
          kind: z.enum(GIFT_KINDS),
          /** 实物、服务; 现金、购物卡、代金券 are refused. */
          form: z.enum(GIFT_FORMS),
          /** Who receives it: members only is allowed. */
          recipients: z.enum(GIFT_RECIPIENTS),
          /** How many people receive it (for the per-member yearly cap). */
          recipientCount: z.number().int('人数须为整数').min(1, '人数至少 1').max(100000),
        })
        .optional(),
      /** 会费收入 only: one member's dues (`memberId`) or a batch (`memberCount`). */
      dues: z
        .strictObject({
          /** The member who paid (per-member recording). */
          memberId: id.optional(),
          /** How many members a batch covers. */
          memberCount: z.number().int().min(1).max(100000).optional(),
        })
        .refine((d) => (d.memberId === undefined) !== (d.memberCount === undefined), { message: '请填写会员或人数（二选一）', path: ['memberId'] })
        .optional(),
      /** A replacement for an entry that was reversed (更正): the original entry's id. */
      correctsId: id.optional(),
      /** Receipts uploaded with `fund.attach`. */
      attachmentIds: z.array(id).max(MAX_ATTACHMENTS_PER_ENTRY, `最多 ${MAX_ATTACHMENTS_PER_ENTRY} 个附件`).optional(),
    })
    .superRefine((v, ctx) => {
      const list: readonly string[] = v.direction === 'income' ? INCOME_CATEGORIES : EXPENSE_CATEGORIES;
      if (!list.includes(v.category)) ctx.addIssue({ code: 'custom', path: ['category'], message: `${v.direction === 'income' ? '收入' : '支出'}科目不正确` });
      if (v.fundingRoute && v.direction !== 'income') ctx.addIssue({ code: 'custom', path: ['fundingRoute'], message: '只有收入有经费来源' });
      if (v.gift && v.direction !== 'expense') ctx.addIssue({ code: 'custom', path: ['gift'], message: '只有支出可以是慰问品' });
      if (v.dues && v.category !== DUES_CATEGORY) ctx.addIssue({ code: 'custom', path: ['dues'], message: '只有会费收入可以登记缴费会员' });
    }),
  '记一笔账（收入直接记账，支出待主席审批）',
);

export const approve = defineContract<{ id: string; status: EntryStatus; duplicate: boolean }>()(
  'fund.approve',
  z.strictObject({
    /** The spending entry waiting for the chair. */
    id,
    /** 批准 (default) or 不批准. */
    decision: z.enum(['approve', 'reject']).optional(),
    /** The chair's note (审批意见); required when not approving. */
    note: z.string().trim().max(200, '审批意见最多 200 字').optional(),
    /** The chair has read the entry's rule flags (e.g. over the gift cap); required to approve a flagged entry. */
    acknowledgeFlags: z.boolean().optional(),
  }),
  '主席审批一笔支出（批准后记账）',
);

export const reverse = defineContract<{ id: string; duplicate: boolean }>()(
  'fund.reverse',
  z.strictObject({
    /** The posted entry to correct. */
    id,
    /** Why (冲正原因), shown in the ledger and the notice. */
    reason: text(200, '冲正原因'),
  }),
  '冲正一笔已记账的条目（生成反向条目，原条目不变）',
);

export const comment = defineContract<{ id: string }>()(
  'fund.comment',
  z.strictObject({
    /** The entry the comment is on. */
    entryId: id,
    /** The comment (审查意见 or reply). */
    body: text(500, '意见'),
  }),
  '对账本条目提出意见（经审）或答复（工会）',
);
