import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, verifyPassword } from './password';

describe('passwords', () => {
  it('hashes with argon2id and a per-hash salt', async () => {
    const first = await hashPassword('korrekt-hest-batteri');
    const second = await hashPassword('korrekt-hest-batteri');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(first).not.toBe(second);
  });

  it('verifies the right password only, and never throws on a malformed hash', async () => {
    const hash = await hashPassword('korrekt-hest-batteri');
    expect(await verifyPassword(hash, 'korrekt-hest-batteri')).toBe(true);
    expect(await verifyPassword(hash, 'forkert')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });

  it('generates 20-character passwords without look-alike characters', () => {
    const passwords = Array.from({ length: 50 }, generatePassword);
    for (const password of passwords) expect(password).toMatch(/^[a-hjkmnp-zA-HJ-NP-Z2-9]{20}$/);
    expect(new Set(passwords).size).toBe(50);
  });
});
