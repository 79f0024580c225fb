import { can, visibleOrganizationIds, type Actor } from '../../platform/auth/policy';
import type { SearchAccess } from './repository';

/** What a search may find for an actor: the pages' rules, as the SQL access filter needs them. */
export function searchAccessOf(actor: Actor): SearchAccess {
  return {
    organizationIds: visibleOrganizationIds(actor),
    readsClosed: can(actor, 'agendaItem.readClosed'),
    personId: actor.kind === 'user' ? actor.personId : null,
    readsDrafts: can(actor, 'paper.readDraft'),
    readsUnreleasedMinutes: can(actor, 'meeting.conduct'),
    readsUnreleasedItems: can(actor, 'agendaItem.write'),
  };
}
