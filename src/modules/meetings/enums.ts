// The values of the meetings module's database enums, for its db-schema, its zod schemas and
// other modules' forms.

export const meetingStatuses = [
  'planned',
  'agenda_released',
  'in_progress',
  'held',
  'minutes_released',
  'minutes_approved',
] as const;

/**
 * What a standing item is for, so the system can act on it: "Referat" links and approves the
 * previous meeting's minutes, "Opfølgning" lists the open follow-ups, "Sager på vej til byrådet"
 * lists papers planned for the magistrat or the city council.
 */
export const standingItemKinds = [
  'agenda_approval',
  'minutes_approval',
  'follow_ups',
  'cases_to_council',
] as const;

/**
 * Where a standing item sits: opening items ("Godkendelse af dagsorden") lead the agenda, closing
 * items ("Evt.") end it, and items added later go before the closing ones.
 */
export const standingPlacements = ['opening', 'closing'] as const;

export const followUpStatuses = ['open', 'done'] as const;
