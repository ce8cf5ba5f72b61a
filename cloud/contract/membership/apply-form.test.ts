/** The join form's schema: one set of rules and messages for the page and the host. */
import { buildIdNumber } from '../../contract/fields/id-number';
import { validationError } from '../../functions/registry';
import { applyForm, applyInput, checkApplyForm } from './apply-form';
import { RETENTION_YEARS } from './lifecycle.labels';
import { CONSENT_PARAGRAPHS, CONSENT_VERSION } from './labels';

const TODAY = '2026-11-25';
const ID = buildIdNumber({ area: '330106', birthDate: '1991-07-15', sequence: 31 });

function form(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: '王芳', idNumber: ID, phone: '13900001234', ethnicity: '汉族', education: '高中', politicalStatus: '群众', job: '厨师', householdType: '非农业户口', unitId: 'u1', ...overrides };
}

describe('checkApplyForm', () => {
  it('passes a complete form', () => {
    expect(checkApplyForm(form(), TODAY)).toEqual({});
    expect(checkApplyForm(form({ idNumber: ID.toLowerCase(), phone: '+86 139-0000-1234', name: '阿依古丽·买买提' }), TODAY)).toEqual({});
  });

  it('gives one message per field, in Chinese', () => {
    expect(checkApplyForm(form({ name: '', idNumber: '123', phone: '110', ethnicity: '', education: '博士', job: ' ' }), TODAY)).toEqual({
      name: '请填写姓名',
      idNumber: '身份证号应为 18 位，最后一位可以是 X',
      phone: '请输入 11 位大陆手机号',
      ethnicity: '请选择民族',
      education: '请选择学历',
      job: '请填写岗位',
    });
  });

  it('catches a birth date after the given day, which the shared schema leaves to the host\'s clock', () => {
    const tomorrow = buildIdNumber({ area: '330106', birthDate: '2026-11-26', sequence: 2 });
    expect(applyForm.safeParse(form({ idNumber: tomorrow })).success).toBe(true);
    expect(checkApplyForm(form({ idNumber: tomorrow }), TODAY)).toEqual({ idNumber: '身份证号中的出生日期不能晚于今天' });
  });

  it('refuses both a listed unit and a typed one', () => {
    expect(checkApplyForm(form({ unitName: '别家店' }), TODAY)).toEqual({ unitName: '选择了单位就不用再填写单位名称' });
  });
});

describe('consent text (个人信息授权说明)', () => {
  it('states the retention rule the host carries out: anonymised RETENTION_YEARS after leaving, deletion on request', () => {
    const howLong = CONSENT_PARAGRAPHS.find((p) => p.startsWith('保存多久'));
    expect(howLong).toContain(`满 ${RETENTION_YEARS} 年后`);
    expect(howLong).toContain('匿名化');
    expect(howLong).toContain('申请注销删除');
    expect(howLong).not.toContain('按工会档案管理规定');
    expect(CONSENT_VERSION).toBe('join-consent-2026-11-v2');
  });
});

describe('applyInput on the host', () => {
  const input = (overrides: Record<string, unknown> = {}) => ({ token: 't', consentVersion: CONSENT_VERSION, ...form(), ...overrides });

  it('takes the current consent version only, and no unknown field', () => {
    expect(applyInput.safeParse(input()).success).toBe(true);
    const old = applyInput.safeParse(input({ consentVersion: 'v0' }));
    expect(old.success).toBe(false);
    // The v1 text said only "按工会档案管理规定": an application under it is no longer accepted.
    expect(applyInput.safeParse(input({ consentVersion: 'join-consent-2026-11-v1' })).success).toBe(false);
    const extra = applyInput.safeParse(input({ gender: 'female' }));
    expect(extra.success).toBe(false);
  });

  it('names invalid_id_number or invalid_phone when that is the only problem, else validation_error', () => {
    const wrongCheck = ID.slice(0, 17) + (ID[17] === '1' ? '2' : '1');
    const only = applyInput.safeParse(input({ idNumber: wrongCheck }));
    if (only.success) throw new Error('expected a refusal');
    expect(validationError(only.error).toBody()).toEqual({
      code: 40010,
      reason: 'invalid_id_number',
      error: '身份证号校验位不正确，请核对',
      fields: [{ path: 'idNumber', message: '身份证号校验位不正确，请核对' }],
    });
    const phone = applyInput.safeParse(input({ phone: '12345' }));
    if (phone.success) throw new Error('expected a refusal');
    expect(validationError(phone.error).reason).toBe('invalid_phone');
    const both = applyInput.safeParse(input({ idNumber: wrongCheck, name: '' }));
    if (both.success) throw new Error('expected a refusal');
    expect(validationError(both.error).reason).toBe('validation_error');
    expect(validationError(both.error).fields?.map((f) => f.path).sort()).toEqual(['idNumber', 'name']);
  });
});
