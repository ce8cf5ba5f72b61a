import { newActivitySecret, parseCheckInCode, stationCode, timeStep, verifyCheckInCode } from './checkin-code';

const secret = newActivitySecret();
const other = newActivitySecret();
// The start of a 15-second step, so "+14 s" stays in the same step.
const t0 = new Date(Math.ceil(Date.parse('2026-05-01T09:00:00Z') / 15000) * 15000);
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe('station code', () => {
  it('changes every 15 seconds and expires at the end of the next step', () => {
    const a = stationCode(secret, 'act_1', t0);
    expect(stationCode(secret, 'act_1', at(14)).code).toBe(a.code);
    expect(stationCode(secret, 'act_1', at(15)).code).not.toBe(a.code);
    expect(a.refreshAt.getTime() - t0.getTime()).toBe(15000);
    expect(a.expiresAt.getTime() - t0.getTime()).toBe(30000);
    expect(a.manualCode).toMatch(/^\d{6}$/);
    expect(a.code.startsWith('A1.act_1.')).toBe(true);
  });

  it('is accepted in its own step and the next one only, then reported expired', () => {
    const p = parseCheckInCode(stationCode(secret, 'act_1', t0).code)!;
    expect(verifyCheckInCode(secret, 'act_1', p, at(0))).toBe('ok');
    expect(verifyCheckInCode(secret, 'act_1', p, at(29))).toBe('ok');
    expect(verifyCheckInCode(secret, 'act_1', p, at(30))).toBe('expired');
    expect(verifyCheckInCode(secret, 'act_1', p, at(3600))).toBe('expired');
  });

  it('accepts the 6-digit code the same way', () => {
    const p = parseCheckInCode(stationCode(secret, 'act_1', t0).manualCode)!;
    expect(p.kind).toBe('manual');
    expect(verifyCheckInCode(secret, 'act_1', p, at(20))).toBe('ok');
    expect(verifyCheckInCode(secret, 'act_1', p, at(45))).toBe('expired');
  });

  it('refuses a forged code, another activity\'s code, another secret and a code from the future', () => {
    const good = stationCode(secret, 'act_1', t0).code;
    const forged = `${good.slice(0, -3)}${good.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    expect(verifyCheckInCode(secret, 'act_1', parseCheckInCode(forged)!, t0)).toBe('invalid');
    expect(verifyCheckInCode(secret, 'act_2', parseCheckInCode(good)!, t0)).toBe('invalid');
    expect(verifyCheckInCode(other, 'act_1', parseCheckInCode(good)!, t0)).toBe('invalid');
    const future = parseCheckInCode(stationCode(secret, 'act_1', at(60)).code)!;
    expect(verifyCheckInCode(secret, 'act_1', future, t0)).toBe('invalid');
  });

  it('reads the code from a link, with spaces in typed digits, and nothing else', () => {
    const { code } = stationCode(secret, 'act_1', t0);
    expect(parseCheckInCode(`https://union.example.cn/#/pages/activity-checkin/index?c=${encodeURIComponent(code)}`)).toEqual(parseCheckInCode(code));
    expect(parseCheckInCode(' 123 456 ')).toEqual({ kind: 'manual', digits: '123456' });
    expect(parseCheckInCode('12345')).toBeNull();
    expect(parseCheckInCode('hello')).toBeNull();
    expect(parseCheckInCode('A1.act_1.zz.short')).toBeNull();
  });

  it('numbers steps from the epoch', () => {
    expect(timeStep(new Date(15000 * 7 + 14999))).toBe(7);
  });
});
