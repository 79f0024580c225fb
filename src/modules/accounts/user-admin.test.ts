import { describe, expect, it } from 'vitest';
import { maskInvitationToken } from './user-admin';

describe('maskInvitationToken', () => {
  it('hides the token of an invitation link in a logged URL, and nothing else', () => {
    expect(maskInvitationToken('/invitation/abcDEF123_-xyz')).toBe('/invitation/…');
    expect(maskInvitationToken('/invitation/abcDEF123?x=1')).toBe('/invitation/…?x=1');
    expect(maskInvitationToken('/admin/brugere/invitation/abc')).toBe(
      '/admin/brugere/invitation/abc',
    );
    expect(maskInvitationToken('/moeder')).toBe('/moeder');
  });
});
