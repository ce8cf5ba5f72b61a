/**
 * The join form's schema (入会申请表), shared by the host (`membership.apply`) and the join
 * page, which validates field by field before sending. Written with `zod/mini` because the join
 * page is the lightest page of the app (workers open it from a QR code, often on weak mobile
 * data): the mini build adds about 6 KB gzip where the classic build would add about 90 KB.
 */
import * as z from 'zod/mini';
import { parseIdNumber } from '../fields/id-number';
import { parsePersonName } from '../fields/person-name';
import { parsePhone } from '../fields/phone';
import { CONSENT_VERSION, EDUCATION_LEVELS, ETHNICITIES, HOUSEHOLD_TYPES, POLITICAL_STATUSES } from './labels';

/**
 * The ID-number rule without "today": the host checks a future birth date again with its own
 * clock (`invalid_id_number`), the page with the phone's date (`checkApplyForm`).
 */
const NO_FUTURE_CHECK = '9999-12-31';

const text = (required: string, max: number, tooLong: string) =>
  z.string({ error: required }).check(z.trim(), z.minLength(1, required), z.maxLength(max, tooLong));

const opaqueId = z.string({ error: '不能为空' }).check(z.trim(), z.minLength(1, '不能为空'), z.maxLength(64, '编号过长'));

/** The fields a worker fills in (a refusal names its stable reason in `params.reason`). */
export const applyFields = {
  /** 姓名: 2–30 characters; middle dot allowed. */
  name: z.string({ error: '请填写姓名' }).check(
    z.superRefine((v: string, ctx) => {
      if (v.trim() === '') return void ctx.addIssue({ code: 'custom', message: '请填写姓名', input: v });
      const r = parsePersonName(v);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message, input: v });
    }),
  ),
  /** 身份证号 (18 位, GB 11643; a lower-case x is accepted). */
  idNumber: z.string({ error: '请填写身份证号' }).check(
    z.superRefine((v: string, ctx) => {
      if (v.trim() === '') return void ctx.addIssue({ code: 'custom', message: '请填写身份证号', input: v });
      const r = parseIdNumber(v, NO_FUTURE_CHECK);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message, input: v, params: { reason: 'invalid_id_number' } });
    }),
  ),
  /** 手机号 (mainland mobile; `+86` and spaces are stripped). */
  phone: z.string({ error: '请填写手机号' }).check(
    z.superRefine((v: string, ctx) => {
      if (v.trim() === '') return void ctx.addIssue({ code: 'custom', message: '请填写手机号', input: v });
      const r = parsePhone(v);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message, input: v, params: { reason: 'invalid_phone' } });
    }),
  ),
  /** 民族 (one of ETHNICITIES). */
  ethnicity: z.enum(ETHNICITIES, { error: '请选择民族' }),
  /** 学历 (one of EDUCATION_LEVELS). */
  education: z.enum(EDUCATION_LEVELS, { error: '请选择学历' }),
  /** 政治面貌 (one of POLITICAL_STATUSES). */
  politicalStatus: z.enum(POLITICAL_STATUSES, { error: '请选择政治面貌' }),
  /** 岗位, e.g. 厨师. */
  job: text('请填写岗位', 30, '岗位最多 30 个字'),
  /** 户籍类型 / 是否农民工 (one of HOUSEHOLD_TYPES). */
  householdType: z.enum(HOUSEHOLD_TYPES, { error: '请选择户籍类型' }),
  /** 工作单位 chosen from the industry's units (`resolveInvite.units`); fixed when the code names a unit. */
  unitId: z.optional(opaqueId),
  /** 工作单位 typed in ("其他单位"), when the employer is not in the list (industry-union codes only). */
  unitName: z.optional(text('请填写工作单位名称', 60, '单位名称最多 60 个字').check(z.minLength(2, '请填写完整的单位名称'))),
};

const oneUnit = z.refine<{ unitId?: string; unitName?: string }>((v) => !(v.unitId && v.unitName), {
  path: ['unitName'],
  message: '选择了单位就不用再填写单位名称',
});

/** What the join form holds (without the invitation and the consent). */
export const applyForm = z.strictObject(applyFields).check(oneUnit);

/** `membership.apply` input: the invitation, the form, and the consent the worker gave. */
export const applyInput = z
  .strictObject({
    /** The invitation token from the QR code (`t=` of the link, or the mini-program `scene`). */
    token: z.string({ error: '缺少邀请码' }).check(z.trim(), z.minLength(1, '缺少邀请码'), z.maxLength(512, '邀请码过长')),
    ...applyFields,
    /** The consent text version the worker agreed to (CONSENT_VERSION); stored with the time. */
    consentVersion: z.literal(CONSENT_VERSION, { error: '个人信息授权说明已更新，请重新阅读并同意' }),
  })
  .check(oneUnit);

export type ApplyFormValues = z.input<typeof applyForm>;
export type ApplyField = keyof typeof applyFields;

/**
 * Field → first problem, for showing errors beside each field before sending. `today` is
 * the phone's date (`YYYY-MM-DD`), so a birth date in the future is caught here too.
 */
export function checkApplyForm(values: Record<string, unknown>, today: string): Partial<Record<ApplyField, string>> {
  const problems: Partial<Record<ApplyField, string>> = {};
  const parsed = applyForm.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '') as ApplyField;
      if (field && !problems[field]) problems[field] = issue.message;
    }
  }
  if (!problems.idNumber && typeof values.idNumber === 'string') {
    const id = parseIdNumber(values.idNumber, today);
    if (!id.ok) problems.idNumber = id.message;
  }
  return problems;
}
