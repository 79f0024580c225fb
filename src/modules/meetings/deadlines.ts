import { weekdayDeadline } from '../../platform/calendar/danish-holidays';

/** The weekdays an organization gives the agenda and the material (see organizations' rules). */
export type DeadlineRules = { agendaDeadlineWeekdays: number; materialDeadlineWeekdays: number };

export type MeetingDeadlines = { agendaDueAt: Date; materialDueAt: Date };

/** Styrelsesloven § 8 for one meeting: the end of the due weekday for agenda and material. */
export function meetingDeadlines(startsAt: Date, rules: DeadlineRules): MeetingDeadlines {
  return {
    agendaDueAt: weekdayDeadline(startsAt, rules.agendaDeadlineWeekdays),
    materialDueAt: weekdayDeadline(startsAt, rules.materialDeadlineWeekdays),
  };
}

/**
 * The deadline a release is held to. The first release sends the agenda (with the material it
 * has), so it is due with the agenda; a later release sends changed or added material, which
 * the law lets follow until the material's deadline.
 */
export function releaseDueAt(version: number, deadlines: MeetingDeadlines): Date {
  return version === 1 ? deadlines.agendaDueAt : deadlines.materialDueAt;
}
