import { describe, expect, it } from 'vitest';
import {
  actorLabel,
  actorUserId,
  can,
  visibleOrganizationIds,
  type Action,
  type Actor,
} from './policy';
import { roles, type Role } from './roles';

function user(
  role: Role,
  organizationIds: readonly string[] = ['org-a'],
  meetingIds?: readonly string[],
): Actor {
  return {
    meetingIds,
    kind: 'user',
    userId: `user-${role}`,
    email: `${role}@example.dk`,
    name: role,
    role,
    personId: null,
    organizationIds,
  };
}

const system: Actor = { kind: 'system', label: 'cli' };

/**
 * The expected permission table, written out in full. Typed as Record<Action, Record<Role, …>>
 * so that adding an action or a role fails type checking until this table is updated, and
 * changing a cell in policy.ts fails the test below.
 */
const expected: Record<Action, Record<Role, boolean>> = {
  // prettier-ignore
  'meeting.read':          { administrator: true,  secretary: true,  case_officer: true,  participant: true,  reader: true  },
  // prettier-ignore
  'meeting.create':        { administrator: true,  secretary: true,  case_officer: false, participant: false, reader: false },
  // prettier-ignore
  'meeting.update':        { administrator: true,  secretary: true,  case_officer: false, participant: false, reader: false },
  // prettier-ignore
  'meeting.delete':        { administrator: true,  secretary: true,  case_officer: false, participant: false, reader: false },
  // prettier-ignore
  'agendaItem.readClosed': { administrator: true,  secretary: true,  case_officer: false, participant: true,  reader: false },
  // prettier-ignore
  'agendaItem.write':      { administrator: true,  secretary: true,  case_officer: false, participant: false, reader: false },
  // prettier-ignore
  'template.read':         { administrator: true,  secretary: true,  case_officer: false, participant: false, reader: false },
  // prettier-ignore
  'template.manage':       { administrator: true,  secretary: false, case_officer: false, participant: false, reader: false },
  // prettier-ignore
  'organization.read':     { administrator: true,  secretary: true,  case_officer: true,  participant: true,  reader: true  },
  // prettier-ignore
  'organization.manage':   { administrator: true,  secretary: false, case_officer: false, participant: false, reader: false },
  // prettier-ignore
  'membership.manage':     { administrator: true,  secretary: true,  case_officer: false, participant: false, reader: false },
  // prettier-ignore
  'organization.configure': { administrator: true,  secretary: true,  case_officer: false, participant: false, reader: false },
  // prettier-ignore
  'user.manage':           { administrator: true,  secretary: false, case_officer: false, participant: false, reader: false },
  // prettier-ignore
  'person.read':           { administrator: true,  secretary: true,  case_officer: false, participant: false, reader: false },
  // prettier-ignore
  'person.manage':         { administrator: true,  secretary: true,  case_officer: false, participant: false, reader: false },
  // prettier-ignore
  'audit.read':            { administrator: true,  secretary: false, case_officer: false, participant: false, reader: false },
  // prettier-ignore
  'token.createOwn':       { administrator: true,  secretary: true,  case_officer: true,  participant: true,  reader: true  },
  'paper.read': {
    administrator: true,
    secretary: true,
    case_officer: true,
    participant: true,
    reader: true,
  },
  'paper.readDraft': {
    administrator: true,
    secretary: true,
    case_officer: true,
    participant: false,
    reader: false,
  },
  'paper.write': {
    administrator: true,
    secretary: true,
    case_officer: true,
    participant: false,
    reader: false,
  },
  'meeting.conduct': {
    administrator: true,
    secretary: true,
    case_officer: false,
    participant: false,
    reader: false,
  },
  'minutes.signOff': {
    administrator: true,
    secretary: true,
    case_officer: false,
    participant: true,
    reader: false,
  },
  'followUp.write': {
    administrator: true,
    secretary: true,
    case_officer: false,
    participant: false,
    reader: false,
  },
  'followUp.readOwn': {
    administrator: true,
    secretary: true,
    case_officer: true,
    participant: true,
    reader: true,
  },
  'annualPlan.read': {
    administrator: true,
    secretary: true,
    case_officer: true,
    participant: true,
    reader: false,
  },
  'annualPlan.manage': {
    administrator: true,
    secretary: true,
    case_officer: false,
    participant: false,
    reader: false,
  },
  'calendarFeed.createOwn': {
    administrator: true,
    secretary: true,
    case_officer: true,
    participant: true,
    reader: true,
  },
  'import.run': {
    administrator: true,
    secretary: false,
    case_officer: false,
    participant: false,
    reader: false,
  },
  'privacy.manage': {
    administrator: true,
    secretary: false,
    case_officer: false,
    participant: false,
    reader: false,
  },
};

const actions = Object.keys(expected) as Action[];

const matrix = actions.flatMap((action) =>
  roles.map((role) => ({ action, role, allowed: expected[action][role] })),
);

describe('can: permission table', () => {
  it('covers every role in roles.ts', () => {
    for (const action of actions) {
      expect(Object.keys(expected[action]).sort()).toEqual([...roles].sort());
    }
  });

  it.each(matrix)('$role $action → $allowed', ({ action, role, allowed }) => {
    expect(can(user(role), action)).toBe(allowed);
  });

  it('denies agendaItem.readClosed to reader and case_officer', () => {
    expect(can(user('reader'), 'agendaItem.readClosed')).toBe(false);
    expect(can(user('case_officer'), 'agendaItem.readClosed')).toBe(false);
    expect(can(user('reader'), 'agendaItem.readClosed', { organizationId: 'org-a' })).toBe(false);
    expect(can(user('case_officer'), 'agendaItem.readClosed', { organizationId: 'org-a' })).toBe(
      false,
    );
  });
});

describe('can: system actor', () => {
  it.each(actions)('may %s', (action) => {
    expect(can(system, action)).toBe(true);
    expect(can(system, action, { organizationId: 'any-org' })).toBe(true);
  });
});

describe('can: resource check', () => {
  const own = { organizationId: 'org-a' };
  const other = { organizationId: 'org-b' };

  it.each(['participant', 'reader'] as const)(
    '%s sees only meetings of their own organizations',
    (role) => {
      const actor = user(role, ['org-a', 'org-c']);
      expect(can(actor, 'meeting.read', own)).toBe(true);
      expect(can(actor, 'meeting.read', { organizationId: 'org-c' })).toBe(true);
      expect(can(actor, 'meeting.read', other)).toBe(false);
    },
  );

  it.each(['participant', 'reader'] as const)(
    '%s with no organizations sees no meetings',
    (role) => {
      expect(can(user(role, []), 'meeting.read', own)).toBe(false);
    },
  );

  it.each(['administrator', 'secretary', 'case_officer'] as const)(
    '%s sees meetings of every organization',
    (role) => {
      const actor = user(role, []);
      expect(can(actor, 'meeting.read', own)).toBe(true);
      expect(can(actor, 'meeting.read', other)).toBe(true);
    },
  );

  it('checks the permission table before the organization', () => {
    // Member of the organization, but the role may not create meetings.
    expect(can(user('participant', ['org-a']), 'meeting.create', own)).toBe(false);
    expect(can(user('reader', ['org-a']), 'meeting.update', own)).toBe(false);
    // The role may, but not in another organization.
    expect(can(user('participant', ['org-a']), 'agendaItem.readClosed', own)).toBe(true);
    expect(can(user('participant', ['org-a']), 'agendaItem.readClosed', other)).toBe(false);
    // Allowed role, every organization.
    expect(can(user('secretary', []), 'meeting.update', other)).toBe(true);
  });

  it('lets a stedfortræder act as a member for the one meeting they are called in to', () => {
    const called = user('participant', [], ['meeting-1']);
    const meeting = { ...other, meetingId: 'meeting-1' };
    expect(can(called, 'meeting.read', meeting)).toBe(true);
    expect(can(called, 'agendaItem.readClosed', meeting)).toBe(true);
    expect(can(called, 'minutes.signOff', meeting)).toBe(true);
    // Not another meeting of that organization, nor the organization as such.
    expect(can(called, 'meeting.read', { ...other, meetingId: 'meeting-2' })).toBe(false);
    expect(can(called, 'meeting.read', other)).toBe(false);
    // The grant never lifts the role table.
    expect(can(called, 'agendaItem.write', meeting)).toBe(false);
    expect(can(user('reader', [], ['meeting-1']), 'minutes.signOff', meeting)).toBe(false);
  });
});

describe('visibleOrganizationIds', () => {
  it('is unrestricted for the system actor', () => {
    expect(visibleOrganizationIds(system)).toBeUndefined();
  });

  it.each(['administrator', 'secretary', 'case_officer'] as const)(
    'is unrestricted for %s',
    (role) => {
      expect(visibleOrganizationIds(user(role, ['org-a']))).toBeUndefined();
    },
  );

  it.each(['participant', 'reader'] as const)('is the own organizations for %s', (role) => {
    expect(visibleOrganizationIds(user(role, ['org-a', 'org-b']))).toEqual(['org-a', 'org-b']);
    expect(visibleOrganizationIds(user(role, []))).toEqual([]);
  });
});

describe('actorLabel and actorUserId', () => {
  it('name a user by email and id', () => {
    const actor = user('secretary');
    expect(actorLabel(actor)).toBe('secretary@example.dk');
    expect(actorUserId(actor)).toBe('user-secretary');
  });

  it('name the system by its label and no id', () => {
    expect(actorLabel(system)).toBe('cli');
    expect(actorUserId(system)).toBeNull();
  });
});
