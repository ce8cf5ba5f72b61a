import { hashPassword, passwordProblem, verifyPassword } from './password';

describe('staff passwords', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const h = await hashPassword('Correct-horse-42');
    expect(h.startsWith('scrypt$16384$8$1$')).toBe(true);
    expect(await hashPassword('Correct-horse-42')).not.toBe(h);
    expect(await verifyPassword('Correct-horse-42', h)).toBe(true);
    expect(await verifyPassword('correct-horse-42', h)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });

  it('asks for 10+ characters with letters and digits', () => {
    expect(passwordProblem('short1')).toBe('密码至少 10 位');
    expect(passwordProblem('onlyletters')).toBe('密码须同时包含字母和数字');
    expect(passwordProblem('letters1234')).toBeNull();
  });
});
