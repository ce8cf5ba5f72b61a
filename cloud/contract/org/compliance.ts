/** The standardisation checklist (规范化建设): one base union's, the industry union's overview, ticks and reports. */
import { z } from 'zod';
import { defineContract } from '../define';
import { id } from '../common';
import type { FileResult } from '../file';
import { chinaDay } from './committees';

/** The standardisation checklist (规范化建设) of one base union. */
export interface ComplianceResult {
  unionId: string;
  unionName: string;
  /** 0–100: share of scored items passing. */
  score: number;
  passed: number;
  scored: number;
  membershipRateTarget: number;
  items: {
    key: string;
    label: string;
    /** pass 达标 | fail 未达标 | unscored 数据待接入 (not counted). */
    status: 'pass' | 'fail' | 'unscored';
    detail: string;
    nextStep: string | null;
    /** Ticked by staff; `note` is their evidence note. */
    manual: boolean;
    note?: string | null;
    /** A hand-ticked item's evidence photo (fetch it with `org.tickPhoto`); null without one. */
    photo?: { mimeType: string; sizeBytes: number; at: string } | null;
  }[];
  /** 主席年度述职 recorded for this union, newest first. */
  chairReports: { year: number; reportedOn: string; note: string | null }[];
}

/** 规范化建设: one base union's checklist with a score and, for each failing item, what to do next. */
export const compliance = defineContract<ComplianceResult>()(
  'org.compliance',
  z.strictObject({
    /** The base union. */
    unionId: id,
  }),
  '基层工会规范化建设检查清单和得分',
);

/** 规范化建设总览: every base union of the industry union with its score and failing items. */
export const complianceOverview = defineContract<{ membershipRateTarget: number; items: { unionId: string; unionName: string; score: number; failing: { key: string; label: string }[] }[] }>()(
  'org.complianceOverview',
  z.strictObject({
    /** The industry union. */
    unionId: id,
  }),
  '行业工会：各基层工会规范化建设得分一览',
);

/** 入会率目标: the industry union sets the target every unit of its base unions is measured against. */
export const setComplianceTarget = defineContract<{ membershipRateTarget: number }>()(
  'org.setComplianceTarget',
  z.strictObject({
    /** The industry union. */
    unionId: id,
    /** 入会率目标, per cent (1–100). */
    membershipRateTarget: z.number().int('须为整数').min(1, '至少 1%').max(100, '最多 100%'),
  }),
  '设置入会率目标',
);

/** 勾选: an item the data cannot show (牌子、印章、办公场所、制度上墙), with a photo and a note as evidence. */
export const tickItem = defineContract<{ item: string; done: boolean; note: string | null; photo: { mimeType: string; sizeBytes: number; at: string } | null }>()(
  'org.tickItem',
  z.strictObject({
    /** The base union. */
    unionId: id,
    /** sign 工会牌子 | seal 印章 | office 办公场所 | rules 制度上墙. */
    item: z.enum(['sign', 'seal', 'office', 'rules'], { error: '未知的检查项' }),
    done: z.boolean({ error: '须为 true 或 false' }),
    /** 佐证说明 (e.g. 牌子挂在二楼办公室门口). */
    note: z.string().trim().min(1, '不能为空').max(200, '最多 200 个字').optional(),
    /**
     * 佐证照片 (JPG, PNG or WebP, at most 2 MB, base64): required to tick an item (done = true)
     * unless it is already ticked with a photo (then the note alone can change).
     */
    photoBase64: z.string().min(1, '请选择照片').optional(),
  }),
  '规范化建设：人工勾选项（须附照片佐证）',
);

/** 佐证照片: the photo a hand-ticked item was confirmed with. */
export const tickPhoto = defineContract<FileResult & { at: string }>()(
  'org.tickPhoto',
  z.strictObject({
    /** The base union. */
    unionId: id,
    /** sign | seal | office | rules. */
    item: z.enum(['sign', 'seal', 'office', 'rules'], { error: '未知的检查项' }),
  }),
  '规范化建设：查看人工勾选项的佐证照片',
);

/** 主席年度述职: the chair reported on a year's work to the members' (representatives') congress. */
export const recordChairReport = defineContract<{ year: number; reportedOn: string; note: string | null; duplicate: boolean }>()(
  'org.recordChairReport',
  z
    .strictObject({
      /** The base union. */
      unionId: id,
      /** The year reported on (述职年度). */
      year: z.number().int('须为整数').min(2000, '年份不正确').max(2100, '年份不正确'),
      /** The congress date (会员大会或会员代表大会召开日期), China date. */
      reportedOn: chinaDay,
      /** e.g. 第三届会员代表大会第二次会议，到会 45 人. */
      note: z.string().trim().min(1, '不能为空').max(200, '最多 200 个字').optional(),
    })
    .refine((i) => Number(i.reportedOn.slice(0, 4)) >= i.year, { path: ['reportedOn'], message: '述职日期不能早于所述年度' }),
  '规范化建设：记录主席向会员（代表）大会的年度述职',
);

/** 导出总览 (.xlsx): every base union with its score and failing items. */
export const exportComplianceOverview = defineContract<FileResult & { rows: number }>()(
  'org.exportComplianceOverview',
  z.strictObject({
    /** The industry union. */
    unionId: id,
  }),
  '规范化建设总览导出 .xlsx（各基层工会得分和未达标项）',
);
