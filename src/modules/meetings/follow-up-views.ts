import type { Actor } from '../../platform/auth/policy';
import { da } from '../../platform/i18n/da';
import { toLocalDate } from '../../platform/i18n/format';
import type { FollowUpListed, FollowUpRow } from './repository';
import { mayReadItemContent } from './policy';

export type FollowUpState = 'open' | 'done' | 'overdue';

export type FollowUpView = FollowUpListed & { state: FollowUpState };

/** Open follow-ups past their due date (a local date) are overdue. */
export function followUpState(
  followUp: Pick<FollowUpRow, 'status' | 'dueDate'>,
  today: string,
): FollowUpState {
  if (followUp.status === 'done') return 'done';
  return followUp.dueDate < today ? 'overdue' : 'open';
}

/**
 * Follow-ups as the actor may see them, with their state at `now`. One from a closed item shows
 * only the item's neutral title to those who may not read it (inhabil members too), and not its text.
 */
export function followUpViews(
  actor: Actor,
  rows: readonly FollowUpListed[],
  now: Date,
): FollowUpView[] {
  const today = toLocalDate(now);
  return rows.map((row) => {
    const view = { ...row, state: followUpState(row, today) };
    const item = {
      isPublic: row.itemIsPublic,
      disqualifiedPersonIds: row.itemDisqualifiedPersonIds,
    };
    return mayReadItemContent(actor, item, {
      organizationId: row.organizationId,
      id: row.meetingId,
    })
      ? view
      : { ...view, itemTitle: row.itemPublicTitle ?? da.items.closed, text: da.items.closed };
  });
}
