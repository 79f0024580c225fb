import { da } from '../../platform/i18n/da';
import { membershipRoles } from './enums';

export type MembershipRole = (typeof membershipRoles)[number];

/** Roles in the order a member list shows them: the chair first, observers last. */
export const membershipRoleOrder = (role: MembershipRole): number => membershipRoles.indexOf(role);

/** The Danish names (and common variants) a committee list or an archive uses for each role. */
const danishNames: Record<string, MembershipRole> = {
  formand: 'chair',
  borgmester: 'chair',
  rådmand: 'chair',
  næstformand: 'vice_chair',
  '1. næstformand': 'vice_chair',
  viceborgmester: 'vice_chair',
  medlem: 'member',
  udvalgsmedlem: 'member',
  stedfortræder: 'substitute',
  suppleant: 'substitute',
  sekretær: 'secretary',
  udvalgssekretær: 'secretary',
  referent: 'secretary',
  observatør: 'observer',
  tilforordnet: 'observer',
};

/**
 * The role a text names: a Danish name from a committee list ("Formand", "suppleant"), the
 * Danish label, or the API value ("vice_chair"); null when it names none.
 */
export function membershipRoleFromText(text: string): MembershipRole | null {
  const key = text.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
  if ((membershipRoles as readonly string[]).includes(key)) return key as MembershipRole;
  const byLabel = membershipRoles.find((role) => da.membershipRoles[role].toLowerCase() === key);
  return byLabel ?? danishNames[key] ?? null;
}
