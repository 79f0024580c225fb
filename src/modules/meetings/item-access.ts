import { can, type Actor } from '../../platform/auth/policy';

/**
 * Whether the actor may read an item's content: an open item, or a closed one for those who read
 * closed items, unless they are inhabil in it. Everything that shows item content checks this.
 */
export function mayReadItemContent(
  actor: Actor,
  item: { isPublic: boolean; disqualifiedPersonIds: readonly string[] },
  organizationId: string,
): boolean {
  if (item.isPublic) return true;
  if (!can(actor, 'agendaItem.readClosed', { organizationId })) return false;
  const personId = actor.kind === 'user' ? actor.personId : null;
  return personId === null || !item.disqualifiedPersonIds.includes(personId);
}
