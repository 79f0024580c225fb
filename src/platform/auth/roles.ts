/** Roles in the order of how much they may do. UI names live in the i18n catalogue. */
export const roles = [
  'administrator',
  'secretary',
  'case_officer',
  'participant',
  'reader',
] as const;

export type Role = (typeof roles)[number];

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
