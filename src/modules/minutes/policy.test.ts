import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/policy';
import type { Role } from '../../platform/auth/roles';
import { itemMinutesAbilities, itemMinutesAction, maySetFollowUpStatus } from './policy';

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

  it('offers to write minutes only where none exist, else to correct them, and an addendum after release', () => {
    const empty = { minutesText: null, decision: '  ' };
    const written = { minutesText: 'Drøftet.', decision: null };
    const decided = { minutesText: null, decision: 'Godkendt.' };
    expect(itemMinutesAction({ status: 'in_progress' }, empty)).toBe('write');
    expect(itemMinutesAction({ status: 'in_progress' }, written)).toBe('correct');
    expect(itemMinutesAction({ status: 'held' }, decided)).toBe('correct');
    expect(itemMinutesAction({ status: 'minutes_released' }, written)).toBe('addendum');
    expect(itemMinutesAction({ status: 'minutes_approved' }, empty)).toBe('addendum');
  });
});
