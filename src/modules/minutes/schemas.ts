import { z } from 'zod';
import { da } from '../../platform/i18n/da';
import { isValidIsoDate } from '../../platform/i18n/format';
import { followUpStatuses, meetingStatuses } from '../meetings/index';
import { attendanceStatuses } from './enums';

const v = da.validation;
const idField = z.uuid({ error: v.uuid });
const isoInstant = z.string().describe('ISO 8601 with offset, Europe/Copenhagen');

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: v.tooLong(max) })
    .nullish()
    .transform((value) => (value ? value : null));

const requiredText = (max: number) =>
  z
    .string({ error: v.required })
    .trim()
    .min(1, { error: v.required })
    .max(max, { error: v.tooLong(max) });

export const meetingParams = z.object({ id: idField });
export const itemParams = z.object({ id: idField, itemId: idField });
export const followUpParams = z.object({ id: idField });

export const releaseBody = z.object({
  changeNote: optionalText(2000),
  lateReason: optionalText(2000).describe(
    'why the release comes after its deadline (styrelsesloven § 8); required then, shown on the agenda',
  ),
});

export const releaseResponse = z.object({
  version: z.number().int(),
  changeNote: z.string().nullable(),
  releasedAt: isoInstant,
  dueAt: isoInstant
    .nullable()
    .describe(
      'the deadline the release was held to: the agenda’s for version 1, else the material’s',
    ),
  isLate: z.boolean(),
  lateReason: z.string().nullable(),
});

export const lifecycleResponse = z.object({
  id: z.uuid(),
  status: z.enum(meetingStatuses),
  startedAt: isoInstant.nullable(),
  endedAt: isoInstant.nullable(),
  minutesReleasedAt: isoInstant.nullable(),
  minutesApprovedAt: isoInstant.nullable(),
});

export const liveResponse = z.object({
  status: z.enum(meetingStatuses),
  currentItemId: z.uuid().nullable(),
  delayMinutes: z.number().int().describe('positive: behind the time plan; negative: ahead'),
  delayText: z
    .string()
    .describe('"12 min bagud", "2 t 5 min foran", "3 dage foran" or "Til tiden"'),
  plannedEnd: isoInstant,
  projectedEnd: isoInstant,
  items: z.array(
    z.object({
      id: z.uuid(),
      number: z.string(),
      title: z.string(),
      state: z.enum(['pending', 'running', 'done']),
      plannedMinutes: z.number().int(),
      elapsedMinutes: z.number().int().nullable(),
      overMinutes: z.number().int(),
    }),
  ),
});

export const minutesBody = z.object({
  minutes: optionalText(50_000),
  decision: optionalText(5000),
  expectedRevision: z.number().int().min(0).max(2_147_483_647),
  approvesPreviousMinutes: z.boolean().optional(),
});

export const addendumBody = z.object({ text: requiredText(5000) });

export const addendumResponse = z.object({
  id: z.uuid(),
  text: z.string(),
  authorName: z.string(),
  createdAt: isoInstant,
});

export const signOffsResponse = z.object({
  data: z.array(z.object({ personId: z.uuid(), name: z.string(), signedAt: isoInstant })),
});

export const attendanceEntry = z.object({
  personId: idField,
  status: z.enum(attendanceStatuses),
  itemIds: z.array(idField).default([]),
  reason: optionalText(500).describe('Begrundelse for afbud (kun ved sent_regrets; intern)'),
  substituteForPersonId: idField
    .nullish()
    .describe('På en stedfortræders række (attending): medlemmet med afbud, der stedfortrædes'),
});

export const attendanceBody = z.object({ data: z.array(attendanceEntry).max(500) });

const personRef = z.object({ personId: z.uuid(), name: z.string() });

export const attendanceResponse = z.object({
  data: z.array(
    z.object({
      personId: z.uuid(),
      name: z.string(),
      isMember: z.boolean(),
      status: z.enum(attendanceStatuses),
      itemIds: z.array(z.uuid()),
      reason: z.string().nullable(),
      substituteFor: personRef.nullable(),
      substitute: personRef.nullable(),
    }),
  ),
});

export const regretsBody = z.object({ reason: optionalText(500) });

export const attendanceEntryResponse = attendanceResponse.shape.data.element;

export const substituteBody = z.object({
  forPersonId: idField.describe('Medlemmet, der har meldt afbud'),
  personId: idField.describe('Stedfortræderen, der indkaldes'),
});

export const dueDateField = z.string({ error: v.date }).refine(isValidIsoDate, { error: v.date });

export const followUpBody = z.object({
  ownerPersonId: idField,
  dueDate: dueDateField,
  text: requiredText(2000),
});

export const followUpStatusBody = z.object({ status: z.enum(followUpStatuses) });

export const followUpResponse = z.object({
  id: z.uuid(),
  text: z.string(),
  owner: z.object({ id: z.uuid(), name: z.string() }),
  dueDate: z.string(),
  status: z.enum(['open', 'done', 'overdue']),
  completedAt: isoInstant.nullable(),
  meeting: z.object({ id: z.uuid(), title: z.string(), start: isoInstant }),
  item: z.object({ id: z.uuid(), title: z.string() }),
});

export const followUpListResponse = z.object({ data: z.array(followUpResponse) });

export const carryOverBody = z.object({
  targetMeetingId: idField,
  mode: z.enum(['postpone', 'repeat']),
});

export const carryOverResponse = z.object({ itemId: z.uuid(), meetingId: z.uuid() });

export const historyResponse = z.object({
  data: z.array(
    z.object({
      itemId: z.uuid(),
      meeting: z.object({ id: z.uuid(), title: z.string(), start: isoInstant }),
      title: z.string(),
      decision: z.string().nullable(),
      isPostponed: z.boolean(),
    }),
  ),
});

export const minutesReleaseBody = z
  .object({
    confirmIncomplete: z
      .boolean()
      .optional()
      .describe('release although some items have neither minutes text nor decision'),
  })
  .nullish();

export const phrasesBody = z.object({
  phrases: z.array(requiredText(500)).max(50),
  approvingPhrase: requiredText(500).nullable().optional(),
});
export const phrasesResponse = z.object({
  phrases: z.array(z.string()),
  approvingPhrase: z
    .string()
    .nullable()
    .describe('as the decision of the "Referat" item, approves the previous minutes'),
});
