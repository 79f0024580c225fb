import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import type { Db } from '../../platform/db/client';
import { readMeetingRules } from '../organizations/index';
import type { AgendaItemRow } from './repository';

/** The stored reason of a closed item (styrelsesloven § 10). */
export type ClosureReasonFields = Pick<
  AgendaItemRow,
  'closedReasonCode' | 'closedReasonLabel' | 'closedReasonText'
>;

const none: ClosureReasonFields = {
  closedReasonCode: null,
  closedReasonLabel: null,
  closedReasonText: null,
};

const required = (message: string) =>
  new AppError('CLOSED_REASON_REQUIRED', {
    message: da.errors.CLOSED_REASON_REQUIRED,
    details: [{ field: 'closedReasonCode', message }],
  });

/**
 * What an item's reason becomes after a create or an edit. An open item has none. Closing an
 * item (creating it closed, or closing an open one) needs a code from the organization's list;
 * an item already closed keeps what it has unless the request names a reason, so closed items
 * stored before the rule (demo, imports) stay valid until someone sets one. A code dropped from
 * the list since stays valid on the items that have it, with the label they were given.
 */
export async function resolveClosureReason({
  tx,
  organizationId,
  isPublic,
  before,
  code,
  text,
}: {
  tx: Db;
  organizationId: string;
  isPublic: boolean;
  /** The item as it is, or undefined when it is being created. */
  before: (ClosureReasonFields & { isPublic: boolean }) | undefined;
  /** undefined: not named in the request; null or '': named as none. */
  code: string | null | undefined;
  text: string | null | undefined;
}): Promise<ClosureReasonFields> {
  if (isPublic) return none;
  const isClosing = before === undefined || before.isPublic;
  if (!isClosing && code === undefined) {
    if (text === undefined) return pick(before);
    if (!before.closedReasonCode) throw required(da.law.closure.unknownReason);
    return { ...pick(before), closedReasonText: text || null };
  }
  const chosen = code ?? undefined;
  if (!chosen) throw required(da.law.closure.unknownReason);
  const kept =
    before && !before.isPublic && before.closedReasonCode === chosen ? pick(before) : undefined;
  const listed = (await readMeetingRules({ tx }, organizationId)).closureReasons.find(
    (reason) => reason.code === chosen,
  );
  if (!listed && !kept) throw required(da.law.closure.unknownReason);
  return {
    closedReasonCode: chosen,
    closedReasonLabel: kept?.closedReasonLabel ?? listed!.label,
    closedReasonText: text === undefined ? (kept?.closedReasonText ?? null) : text || null,
  };
}

function pick(item: ClosureReasonFields): ClosureReasonFields {
  return {
    closedReasonCode: item.closedReasonCode,
    closedReasonLabel: item.closedReasonLabel,
    closedReasonText: item.closedReasonText,
  };
}

/**
 * "Lukket: Personsag. Uddybning …" for a closed item whose content the reader may see; null for
 * an open item and a redacted one (whose reason meeting-detail.ts has blanked anyway).
 */
export function closureReasonSentence(
  item: ClosureReasonFields & { isPublic: boolean; isRedacted: boolean },
): string | null {
  if (item.isPublic || item.isRedacted) return null;
  const tc = da.law.closure;
  if (!item.closedReasonCode) return tc.noReason;
  const label = tc.shown(item.closedReasonLabel ?? item.closedReasonCode);
  return item.closedReasonText ? `${label}. ${item.closedReasonText}` : label;
}
