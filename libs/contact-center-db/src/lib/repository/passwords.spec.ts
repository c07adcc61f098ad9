import { hashPassword, verifyPassword } from './passwords';

describe('scrypt password hashes', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('puente');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    await expect(verifyPassword('puente', hash)).resolves.toBe(true);
    await expect(verifyPassword('Puente', hash)).resolves.toBe(false);
  });

  it('salts every hash and refuses hashes it cannot read', async () => {
    expect(await hashPassword('x')).not.toBe(await hashPassword('x'));
    await expect(verifyPassword('x', 'plain')).resolves.toBe(false);
    await expect(verifyPassword('x', 'scrypt$0$8$1$a$b')).resolves.toBe(false);
  });
});
