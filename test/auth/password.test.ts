import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, MIN_PASSWORD_LENGTH, needsRehash, passwordProblem, verifyPassword } from '../../lib/auth/password';

describe('password hashing (scrypt)', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^\$scrypt\$ln=15,r=8,p=3\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('salts every hash, so equal passwords do not give equal hashes', async () => {
    const [a, b] = await Promise.all([hashPassword('same password!'), hashPassword('same password!')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password!', b)).toBe(true);
  });

  it('treats Unicode spellings of the same text alike (NFKC)', async () => {
    const hash = await hashPassword('caf\u00e9-and-more-text');
    expect(await verifyPassword('cafe\u0301-and-more-text', hash)).toBe(true);
  });

  it('answers false, never throws, for malformed or absurd stored hashes', async () => {
    for (const bad of ['', 'plain', '$scrypt$ln=15,r=8,p=3$$', '$scrypt$ln=40,r=8,p=3$c2FsdA$aGFzaA', '$argon2id$v=19$m=1,t=1,p=1$c2FsdA$aGFzaA']) {
      expect(await verifyPassword('x', bad)).toBe(false);
    }
  });

  it('knows when a stored hash is weaker than today\'s parameters', async () => {
    expect(needsRehash(await hashPassword('a strong password'))).toBe(false);
    expect(needsRehash('$scrypt$ln=14,r=8,p=1$c2FsdHNhbHQ$aGFzaA')).toBe(true);
    expect(needsRehash('garbage')).toBe(true);
  });

  it('generates long random passwords from an unambiguous alphabet', () => {
    const passwords = new Set(Array.from({ length: 200 }, () => generatePassword()));
    expect(passwords.size).toBe(200);
    for (const p of passwords) {
      expect(p).toMatch(/^[A-HJ-NP-Za-km-z2-9]{20}$/);
      expect(passwordProblem(p)).toBeNull();
    }
  });

  it('names what is wrong with a chosen password', () => {
    expect(passwordProblem('short')).toBe(`must be at least ${MIN_PASSWORD_LENGTH} characters`);
    expect(passwordProblem('x'.repeat(2000))).toMatch(/at most/);
  });
});
