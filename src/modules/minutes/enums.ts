// The values of the minutes module's database enums, for its db-schema, its zod schemas and
// other modules.

export const attendanceStatuses = ['attending', 'sent_regrets', 'absent', 'guest'] as const;
