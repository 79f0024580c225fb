import { recordAudit } from '../../platform/audit/record-audit';
import { can } from '../../platform/auth/policy';
import { AppError, validationError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { readOrganization } from '../organizations/index';
import * as repo from './repository';
import { createMeeting } from './meeting-edits';
import { maxSeriesMeetings, seriesDates, type SeriesDate, type SkippedDate } from './series-dates';
import type { MeetingSeriesInput } from './schemas';
import type { ServiceContext, WriteContext } from '../../platform/service-context';

const t = da.meetingSeries;

export type SeriesPreview = {
  dates: SeriesDate[];
  skipped: SkippedDate[];
  /** The dates that will get a meeting: those asked for, else all. */
  chosen: SeriesDate[];
  organizationName: string;
};

/**
 * The dates a mødeplan gives, checked: the actor may create meetings for the organization, the
 * template belongs to it, the rule gives at least one and at most 60 dates, and every chosen
 * date is one of them.
 */
export async function previewMeetingSeries({
  actor,
  tx,
  input,
}: ServiceContext & { input: MeetingSeriesInput }): Promise<SeriesPreview> {
  const organization = await readOrganization({ tx }, input.organizationId);
  if (!organization) throw validationError('organizationId', da.validation.unknownOrganization);
  if (!can(actor, 'meeting.create', { organizationId: organization.id }))
    throw new AppError('FORBIDDEN');
  if (input.templateId) {
    const template = await repo.selectTemplate(tx, input.templateId);
    if (!template || template.organizationId !== organization.id)
      throw validationError('templateId', da.validation.unknownTemplate);
  }
  if (input.lastDate < input.firstDate) throw validationError('lastDate', t.lastBeforeFirst);
  const { dates, skipped } = seriesDates(input);
  if (dates.length === 0) throw validationError('lastDate', t.noDates);
  if (dates.length > maxSeriesMeetings)
    throw validationError('lastDate', t.tooMany(maxSeriesMeetings));
  if (input.dates === undefined)
    return { dates, skipped, chosen: dates, organizationName: organization.name };
  const unknown = input.dates.find((date) => !dates.some((candidate) => candidate.date === date));
  if (unknown !== undefined) throw validationError('dates', t.notInSeries(unknown));
  const chosen = dates.filter((candidate) => input.dates!.includes(candidate.date));
  if (chosen.length === 0) throw validationError('dates', t.noneChosen);
  return { dates, skipped, chosen, organizationName: organization.name };
}

/**
 * Creates a mødeplan's meetings, each from the template when one is given and each editable
 * afterwards like any other. All or nothing: the caller's transaction holds every meeting.
 */
export async function createMeetingSeries({
  input,
  ...ctx
}: WriteContext & { input: MeetingSeriesInput }): Promise<
  SeriesPreview & { meetings: repo.MeetingSummaryRow[] }
> {
  const preview = await previewMeetingSeries({ ...ctx, input });
  const meetings: repo.MeetingSummaryRow[] = [];
  for (const date of preview.chosen) {
    const meeting = await createMeeting({
      ...ctx,
      input: {
        organizationId: input.organizationId,
        templateId: input.templateId,
        title: input.title,
        start: date.start,
        end: date.end,
        location: input.location,
        caseNumber: null,
        secretariatContactId: null,
      },
    });
    meetings.push({
      ...meeting,
      organizationName: preview.organizationName,
      locationDescription: input.location,
    });
  }
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'meeting.series.create',
    entityType: 'organization',
    entityId: input.organizationId,
    after: {
      rule: {
        firstDate: input.firstDate,
        lastDate: input.lastDate,
        everyWeeks: input.everyWeeks,
        startTime: input.startTime,
        durationMinutes: input.durationMinutes,
        templateId: input.templateId ?? null,
      },
      meetingIds: meetings.map((meeting) => meeting.id),
      skipped: preview.skipped,
    },
  });
  return { ...preview, meetings };
}
