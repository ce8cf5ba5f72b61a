import { maskPhone, parsePhone } from './phone';

describe('parsePhone', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['0086-19912345678', '19912345678'],
  ])('accepts %s', (raw, value) => expect(parsePhone(raw)).toEqual({ ok: true, value }));

  it.each(['12812345678', '1381234567', '138123456789', '23812345678', 'abc'])('refuses %s', (raw) => {
    expect(parsePhone(raw).ok).toBe(false);
  });

  it('masks as 138****5678', () => expect(maskPhone('13812345678')).toBe('138****5678'));
});
