// The values of the organizations module's database enums, for its db-schema, its zod schemas
// and other modules.

export const organizationClassifications = [
  'raadmandskreds',
  'udvalg',
  'magistrat',
  'byraad',
  'direktion',
  'enhed',
] as const;

/**
 * A member's role in an organization (formand, næstformand, medlem, stedfortræder/suppleant,
 * sekretær, observatør). Only chair, vice_chair and member make a person a participant of the
 * organization's meetings by themselves; secretaries and observers are listed as such, and a
 * substitute takes part only when called in for one meeting.
 */
export const membershipRoles = [
  'chair',
  'vice_chair',
  'member',
  'substitute',
  'secretary',
  'observer',
] as const;
