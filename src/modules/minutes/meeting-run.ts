import { isAppError } from '../../platform/errors';
import { getPaper, richTextToPlain } from '../papers/index';
import type { ServiceContext } from '../../platform/service-context';
import type { LiveView } from './live-view';

/** The item the meeting-run screen shows: the one asked for, else the running one, else the first pending. */
export function currentRunItemId(view: LiveView, requested: string | undefined): string | null {
  const items = view.detail.plan.items.filter((item) => !item.isRedacted);
  if (requested && items.some((item) => item.id === requested)) return requested;
  if (view.status.currentItemId) return view.status.currentItemId;
  const pending = items.find(
    (item) => !item.isPostponed && view.byItemId.get(item.id)?.state === 'pending',
  );
  return pending?.id ?? items[0]?.id ?? null;
}

/** The item after this one that the meeting treats (postponed and unreadable items skipped). */
export function nextRunItemId(view: LiveView, itemId: string): string | null {
  const items = view.detail.plan.items;
  const index = items.findIndex((item) => item.id === itemId);
  const next = items.slice(index + 1).find((item) => !item.isPostponed && !item.isRedacted);
  return next?.id ?? null;
}

/**
 * The indstilling of the memo an item treats, as plain text: its section headed "Indstilling"
 * (the seed's heading), through the papers module's own read (and access check).
 */
export async function readRecommendation({
  paperId,
  ...ctx
}: ServiceContext & { paperId: string | null }): Promise<string | null> {
  if (paperId === null) return null;
  try {
    const paper = await getPaper({ ...ctx, paperId });
    const section = paper.sections.find((candidate) =>
      /^indstilling/iu.test(candidate.heading.trim()),
    );
    return section ? richTextToPlain(section.html).trim() || null : null;
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}
