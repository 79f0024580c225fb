import { can, type Action, type Actor } from '../../platform/auth/policy';
import type { ClosedItemReader, PaperRow } from './repository';

/**
 * Who may read and move papers, beyond the role table in platform/auth/policy.ts: the rules that
 * depend on a paper's status and on the closed items that treat it.
 */

/** Statuses in which a paper is visible beyond the people who write and review it. */
export const releasedStatuses = ['approved', 'on_agenda', 'treated'] as const;

const isReleased = (paper: PaperRow) =>
  (releasedStatuses as readonly string[]).includes(paper.status);

/** Readers see released papers, and the approved version of one its author is correcting. */
export function mayReadPaper(actor: Actor, paper: PaperRow): boolean {
  if (can(actor, 'paper.readDraft', { organizationId: paper.organizationId })) return true;
  return (
    can(actor, 'paper.read', { organizationId: paper.organizationId }) &&
    (isReleased(paper) || paper.approvedVersion !== null)
  );
}

/** Whether the actor reads the approved version instead of the author's current draft. */
export function readsApprovedVersion(actor: Actor, paper: PaperRow): boolean {
  return (
    !isReleased(paper) &&
    paper.approvedVersion !== null &&
    !can(actor, 'paper.readDraft', { organizationId: paper.organizationId })
  );
}

/**
 * Whether getPaper shows the actor the paper as stored after mayReadPaper alone: no closed-item
 * check (users only) and no approved version to read. Such papers can be loaded together.
 */
export function readsStoredPaper(actor: Actor, paper: PaperRow): boolean {
  return actor.kind !== 'user' && mayReadPaper(actor, paper) && !readsApprovedVersion(actor, paper);
}

/** The actor as a reader of papers that closed agenda items treat. */
export function closedItemReader(actor: Actor): ClosedItemReader {
  return {
    readsClosedItems: can(actor, 'agendaItem.readClosed'),
    personId: actor.kind === 'user' ? actor.personId : null,
    userId: actor.kind === 'user' ? actor.userId : null,
  };
}

/** Who may move a paper from one status to another (the submission workflow's steps). */
export const statusTransitions: Record<
  PaperRow['status'],
  Partial<Record<PaperRow['status'], Action>>
> = {
  draft: { submitted: 'paper.write' },
  returned: { submitted: 'paper.write' },
  submitted: { returned: 'agendaItem.write', on_agenda: 'agendaItem.write' },
  approved: { on_agenda: 'agendaItem.write' },
  // Back to draft: the author corrects an approved paper; the approved version stays on the agenda.
  on_agenda: { treated: 'agendaItem.write', draft: 'paper.write' },
  treated: {},
};
