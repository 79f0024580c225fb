// The values of the papers module's database enums, for its db-schema, its zod schemas and other
// modules.

export const paperKinds = ['indstilling', 'notat', 'orientering', 'skriftlig_orientering'] as const;

export const paperStatuses = [
  'draft',
  'submitted',
  'returned',
  'approved',
  'on_agenda',
  'treated',
] as const;

export const addressees = ['raadmanden', 'direktionen', 'udvalget'] as const;

export const requestedActions = ['beslutning', 'droeftelse', 'orientering'] as const;
