import { can, type Actor } from '../auth/policy';

/**
 * What the menu offers the signed-in actor, decided by the policy where the page is rendered
 * (pageContext), so the layout only reads data, as every view does with its abilities.
 */
export type NavigationAbilities = {
  mayCreateMeeting: boolean;
  mayReadPapers: boolean;
  /** A person's own follow-ups: a user tied to a person. */
  hasOwnFollowUps: boolean;
  mayReadAnnualPlan: boolean;
  mayReadTemplates: boolean;
  mayUseCalendarFeed: boolean;
  mayReadAudit: boolean;
  mayImport: boolean;
  mayManageMemberships: boolean;
  mayReadPersons: boolean;
  mayManageUsers: boolean;
  mayConfigureOrganizations: boolean;
  mayManagePrivacy: boolean;
  /**
   * The "API" entry: administrators set up integrations (calendars, intranet, case systems).
   * Every signed-in user may make a personal token, and finds the same help page from
   * "Min konto" → API-tokens, without a menu entry they would rarely use.
   */
  usesApi: boolean;
};

export function navigationAbilities(actor: Actor): NavigationAbilities {
  return {
    mayCreateMeeting: can(actor, 'meeting.create'),
    mayReadPapers: can(actor, 'paper.read'),
    hasOwnFollowUps: actor.kind === 'user' && actor.personId !== null,
    mayReadAnnualPlan: can(actor, 'annualPlan.read'),
    mayReadTemplates: can(actor, 'template.read'),
    mayUseCalendarFeed: can(actor, 'calendarFeed.createOwn'),
    mayReadAudit: can(actor, 'audit.read'),
    mayImport: can(actor, 'import.run'),
    mayManageMemberships: can(actor, 'membership.manage'),
    mayReadPersons: can(actor, 'person.read'),
    mayManageUsers: can(actor, 'user.manage'),
    mayConfigureOrganizations: can(actor, 'organization.configure'),
    mayManagePrivacy: can(actor, 'privacy.manage'),
    usesApi: actor.kind === 'user' && actor.role === 'administrator',
  };
}
