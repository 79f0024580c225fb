import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/policy';
import type { Role } from '../../platform/auth/roles';
import { itemMinutesAbilities, maySetFollowUpStatus } from './policy';

function user(role: Role, personId: string | null): Actor {
  return {
    kind: 'user',
    userId: `user-${role}`,
    email: `${role}@example.dk`,
    name: role,
    role,
    personId,
    organizationIds: ['org-a'],
  };
}

describe('minutes policy', () => {
  it('lets a follow-up be marked by its owner or by the secretariat', () => {
    const followUp = { ownerPersonId: 'person-owner', organizationId: 'org-a' };
    expect(maySetFollowUpStatus(user('reader', 'person-owner'), followUp)).toBe(true);
    expect(maySetFollowUpStatus(user('reader', 'person-other'), followUp)).toBe(false);
    expect(maySetFollowUpStatus(user('case_officer', null), followUp)).toBe(false);
    expect(maySetFollowUpStatus(user('secretary', null), followUp)).toBe(true);
  });

  it('offers the decision until the meeting is held, the text until release, the addendum from held', () => {
    const offered = (status: Parameters<typeof itemMinutesAbilities>[0]['status']) =>
      itemMinutesAbilities({ status });
    expect(offered('in_progress')).toEqual({
      mayEditText: true,
      mayEditDecision: true,
      mayAddAddendum: false,
    });
    expect(offered('held')).toEqual({
      mayEditText: true,
      mayEditDecision: false,
      mayAddAddendum: true,
    });
    for (const status of ['minutes_released', 'minutes_approved'] as const) {
      expect(offered(status)).toEqual({
        mayEditText: false,
        mayEditDecision: false,
        mayAddAddendum: true,
      });
    }
  });
});
