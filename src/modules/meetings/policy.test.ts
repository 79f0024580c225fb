import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/policy';
import type { Role } from '../../platform/auth/roles';
import { isMeetingLocked, mayReadItemContent, mayReadMinutes, meetingAbilities } from './policy';

function user(role: Role, personId: string | null = null): Actor {
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

const closedItem = { isPublic: false, disqualifiedPersonIds: ['person-inhabil'] };

const meetingA = { organizationId: 'org-a', id: 'm-a' };

describe('meetings policy', () => {
  it('shows an open item to everyone and a closed one to those who read closed items', () => {
    expect(mayReadItemContent(user('reader'), { ...closedItem, isPublic: true }, meetingA)).toBe(
      true,
    );
    expect(mayReadItemContent(user('reader'), closedItem, meetingA)).toBe(false);
    expect(mayReadItemContent(user('participant'), closedItem, meetingA)).toBe(true);
    expect(
      mayReadItemContent(user('participant'), closedItem, { organizationId: 'org-b', id: 'm-b' }),
    ).toBe(false);
  });

  it('hides a closed item from a member who is inhabil in it', () => {
    expect(mayReadItemContent(user('participant', 'person-inhabil'), closedItem, meetingA)).toBe(
      false,
    );
    expect(mayReadItemContent(user('secretary', 'person-other'), closedItem, meetingA)).toBe(true);
  });

  it('keeps minutes with the secretariat until they are released', () => {
    const held = { organizationId: 'org-a', status: 'held' } as const;
    expect(mayReadMinutes(user('participant'), held)).toBe(false);
    expect(mayReadMinutes(user('secretary'), held)).toBe(true);
    expect(mayReadMinutes(user('reader'), { ...held, status: 'minutes_released' })).toBe(true);
  });

  it('offers conducting and editing the agenda to the secretariat only', () => {
    const meeting = { organizationId: 'org-a', status: 'agenda_released' } as const;
    expect(meetingAbilities(user('secretary'), meeting)).toEqual({
      mayConduct: true,
      mayEditAgenda: true,
      isLocked: false,
      maySendRegrets: false,
    });
    expect(meetingAbilities(user('participant'), meeting)).toEqual({
      mayConduct: false,
      mayEditAgenda: false,
      isLocked: false,
      maySendRegrets: false,
    });
  });

  it('offers afbud to a member of the organization until the meeting is held', () => {
    const member = user('participant', 'person-1');
    const coming = { organizationId: 'org-a', status: 'agenda_released' } as const;
    expect(meetingAbilities(member, coming).maySendRegrets).toBe(true);
    expect(meetingAbilities(member, { ...coming, organizationId: 'org-b' }).maySendRegrets).toBe(
      false,
    );
    expect(meetingAbilities(member, { ...coming, status: 'held' }).maySendRegrets).toBe(false);
    expect(meetingAbilities(user('participant'), coming).maySendRegrets).toBe(false);
  });

  it('locks the agenda from "afholdt" on, for the secretariat too', () => {
    for (const status of ['held', 'minutes_released', 'minutes_approved'] as const) {
      expect(meetingAbilities(user('secretary'), { organizationId: 'org-a', status })).toEqual({
        mayConduct: true,
        mayEditAgenda: false,
        isLocked: true,
        maySendRegrets: false,
      });
    }
    for (const status of ['planned', 'agenda_released', 'in_progress'] as const) {
      expect(isMeetingLocked({ status })).toBe(false);
    }
  });
});
