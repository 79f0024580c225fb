import { describe, expect, it } from 'vitest';
import { roleFromClaim } from './single-sign-on';

describe('roleFromClaim', () => {
  const roleMap = new Map([
    ['DAG-Laeser', 'reader'],
    ['DAG-Sekr', 'secretary'],
    ['DAG-Admin', 'administrator'],
  ] as const);

  it('maps one value or a list, taking the role that may do most', () => {
    expect(roleFromClaim('DAG-Sekr', roleMap, undefined)).toBe('secretary');
    expect(roleFromClaim(['DAG-Laeser', 'Andet', 'DAG-Admin'], roleMap, undefined)).toBe(
      'administrator',
    );
  });

  it('falls back to the default role, or to none', () => {
    expect(roleFromClaim(['Andet'], roleMap, 'reader')).toBe('reader');
    expect(roleFromClaim(undefined, roleMap, undefined)).toBeUndefined();
    expect(roleFromClaim([42, null], roleMap, undefined)).toBeUndefined();
  });
});
