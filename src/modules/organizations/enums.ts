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
