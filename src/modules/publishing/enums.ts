// The values of the publishing module's database enums, for its db-schema and other modules.

export const publicationKinds = ['agenda', 'minutes'] as const;
