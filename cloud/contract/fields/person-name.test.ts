import { MIDDLE_DOT, parsePersonName } from './person-name';

describe('parsePersonName', () => {
  it.each([
    ['王芳', '王芳'],
    ['  欧阳 娜娜 ', '欧阳 娜娜'],
    ['阿依古丽·买买提', '阿依古丽·买买提'],
    ['阿依古丽•买买提', `阿依古丽${MIDDLE_DOT}买买提`],
    ['阿依古丽 ・ 买买提', `阿依古丽${MIDDLE_DOT}买买提`],
    ['Li Lei', 'Li Lei'],
    ['㐀㐁', '㐀㐁'],
  ])('accepts %j as %j', (raw, value) => {
    expect(parsePersonName(raw)).toEqual({ ok: true, value });
  });

  it('counts characters, not UTF-16 units: 2 to 30', () => {
    expect(parsePersonName('王').ok).toBe(false);
    expect(parsePersonName('王'.repeat(30)).ok).toBe(true);
    expect(parsePersonName('王'.repeat(31))).toMatchObject({ ok: false, message: '姓名最多 30 个字' });
  });

  it.each(['王1', '王芳!', '<script>', '·王芳', '王芳·', '王··芳', '王_芳'])('refuses %j', (raw) => {
    expect(parsePersonName(raw).ok).toBe(false);
  });
});
