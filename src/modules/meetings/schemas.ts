import { z } from 'zod';
import { meetingStatuses, standingItemKinds, standingPlacements } from './enums';
import { da } from '../../platform/i18n/da';
import { isValidClockTime, isValidIsoDate } from '../../platform/i18n/format';
import { maxSeriesMeetings } from './series-dates';

const v = da.validation;

// ---- Shared field rules: the API and the HTML forms validate with the same ones. ----

export const titleField = z
  .string({ error: v.required })
  .trim()
  .min(1, { error: v.required })
  .max(300, { error: v.tooLong(300) });

export const durationField = z
  .number({ error: v.duration })
  .int({ error: v.duration })
  .min(0, { error: v.duration })
  .max(600, { error: v.duration });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: v.tooLong(max) })
    .nullish()
    .transform((value) => (value ? value : null));

const idField = z.uuid({ error: v.uuid });

/** ISO 8601 with an offset ("2023-11-15T18:15:00+01:00") and a real calendar date. */
const instantField = z
  .string({ error: v.dateTime })
  .refine(
    (value) =>
      z.iso.datetime({ offset: true }).safeParse(value).success &&
      isValidIsoDate(value.slice(0, 10)),
    { error: v.dateTime },
  )
  .transform((value) => new Date(value));

export const localDateField = z.string({ error: v.date }).refine(isValidIsoDate, { error: v.date });

export const clockTimeField = z
  .string({ error: v.time })
  .refine(isValidClockTime, { error: v.time });

// ---- Meetings ----

export const meetingCreateBody = z.object({
  organizationId: idField,
  templateId: idField.optional(),
  title: titleField,
  start: instantField,
  end: instantField,
  location: optionalText(200),
  caseNumber: optionalText(50),
  secretariatContactId: idField.nullish(),
});

export const meetingUpdateBody = z
  .object({
    title: titleField,
    start: instantField,
    end: instantField,
    location: optionalText(200),
    caseNumber: optionalText(50),
    secretariatContactId: idField.nullable(),
  })
  .partial();

export const meetingListQuery = z.object({
  from: localDateField.optional(),
  to: localDateField.optional(),
  organization: idField.optional(),
});

export const idParams = z.object({ id: idField });
export const itemParams = z.object({ id: idField, itemId: idField });

// ---- Agenda items ----

const responsibleField = z
  .array(
    z
      .string()
      .trim()
      .min(1, { error: v.required })
      .max(200, { error: v.tooLong(200) }),
  )
  .max(20);

const attachmentsField = z
  .array(
    z
      .string()
      .trim()
      .min(1, { error: v.required })
      .max(300, { error: v.tooLong(300) }),
  )
  .max(100)
  .describe(
    'titles of the bilag listed by title only; bilag with a file keep their places (see …/items/{itemId}/attachments)',
  );

export const itemCreateBody = z.object({
  title: titleField,
  durationMinutes: durationField.default(0),
  purpose: optionalText(10_000),
  method: optionalText(500),
  responsible: responsibleField.default([]),
  isPublic: z.boolean().default(true),
  publicTitle: optionalText(300),
  note: optionalText(2_000),
  parentId: idField.nullish().transform((value) => value ?? null),
  attachments: attachmentsField.default([]),
  paperId: idField.nullish().transform((value) => value ?? null),
  standingKind: z
    .enum(standingItemKinds)
    .nullish()
    .describe('what a standing item is for; recognised from the title when left out'),
  placement: z
    .enum(standingPlacements)
    .nullish()
    .describe(
      'a standing item\'s place: "closing" keeps it after items added later; left out for ordinary items',
    ),
  closedReasonCode: z
    .string()
    .trim()
    .max(40, { error: v.tooLong(40) })
    .nullish()
    .describe(
      "why a closed item is closed (styrelsesloven § 10): a code from the organization's closureReasons; required when an item is created closed or closed",
    ),
  closedReasonText: z
    .string()
    .trim()
    .max(2_000, { error: v.tooLong(2_000) })
    .nullish()
    .describe('a free-text addition to the reason; never published'),
  publishClosedDecision: z
    .boolean()
    .nullish()
    .describe("a closed item's decision in public; null follows the organization's setting"),
});

export const itemUpdateBody = z
  .object({
    title: titleField,
    durationMinutes: durationField,
    purpose: optionalText(10_000),
    method: optionalText(500),
    responsible: responsibleField,
    isPublic: z.boolean(),
    publicTitle: optionalText(300),
    note: optionalText(2_000),
    attachments: attachmentsField,
    /** Members who are inhabil: their own meeting package leaves the item out. */
    disqualifiedPersonIds: z.array(idField).max(100),
    closedReasonCode: z
      .string()
      .trim()
      .max(40, { error: v.tooLong(40) })
      .nullish()
      .describe(
        "why a closed item is closed (styrelsesloven § 10): a code from the organization's closureReasons; required when an item is created closed or closed",
      ),
    closedReasonText: z
      .string()
      .trim()
      .max(2_000, { error: v.tooLong(2_000) })
      .nullish()
      .describe('a free-text addition to the reason; never published'),
    publishClosedDecision: z
      .boolean()
      .nullable()
      .describe("a closed item's decision in public; null follows the organization's setting"),
  })
  .partial();

export const itemMoveBody = z.object({
  /** 1-based position among the item's siblings. */
  position: z
    .number({ error: v.position })
    .int({ error: v.position })
    .min(1, { error: v.position }),
});

// ---- Meeting templates ----

const templateItemBody = z.object({
  title: titleField,
  durationMinutes: durationField,
  method: optionalText(500),
  purpose: optionalText(10_000),
  responsible: responsibleField.default([]),
  standingKind: z.enum(standingItemKinds).nullish(),
  placement: z
    .enum(standingPlacements, { error: v.invalidValue })
    .optional()
    .describe(
      'opening items lead the agenda, closing items ("Evt.") end it and stay after items added later; recognised from the title when left out',
    ),
});

export const templateUpdateBody = z.object({
  name: z
    .string({ error: v.required })
    .trim()
    .min(1, { error: v.required })
    .max(200, { error: v.tooLong(200) }),
  defaultStartTime: clockTimeField.transform((value) => value.replace('.', ':')),
  defaultDurationMinutes: z
    .number({ error: v.meetingLength })
    .int({ error: v.meetingLength })
    .min(1, { error: v.meetingLength })
    .max(1440, { error: v.meetingLength }),
  defaultLocation: optionalText(200).describe('where the meetings are usually held'),
  items: z.array(templateItemBody).max(50),
});

export const templateCreateBody = templateUpdateBody.extend({ organizationId: idField });

// ---- Mødeplan: a series of meetings ----

export const meetingSeriesBody = z.object({
  organizationId: idField,
  templateId: idField.optional(),
  title: titleField,
  firstDate: localDateField.describe("the first meeting's local date; its weekday is the series'"),
  lastDate: localDateField.describe('no meeting after this local date'),
  everyWeeks: z
    .number({ error: v.everyWeeks })
    .int({ error: v.everyWeeks })
    .min(1, { error: v.everyWeeks })
    .max(8, { error: v.everyWeeks }),
  startTime: clockTimeField.transform((value) => value.replace('.', ':')),
  durationMinutes: z
    .number({ error: v.meetingLength })
    .int({ error: v.meetingLength })
    .min(1, { error: v.meetingLength })
    .max(1440, { error: v.meetingLength }),
  location: optionalText(200),
  dates: z
    .array(localDateField)
    .max(maxSeriesMeetings)
    .optional()
    .describe('the dates of the series to create (the others are left out); all when left out'),
  dryRun: z
    .boolean()
    .default(false)
    .describe('only return the dates the series would have; nothing is created'),
});

export type MeetingSeriesInput = z.output<typeof meetingSeriesBody>;

export type MeetingCreateInput = z.output<typeof meetingCreateBody>;
export type MeetingUpdateInput = z.output<typeof meetingUpdateBody>;
export type ItemCreateInput = z.output<typeof itemCreateBody>;
export type ItemUpdateInput = z.output<typeof itemUpdateBody>;
export type TemplateCreateInput = z.output<typeof templateCreateBody>;
export type TemplateUpdateInput = z.output<typeof templateUpdateBody>;

// ---- Responses ----

const isoInstant = z.string().describe('ISO 8601 with offset, Europe/Copenhagen');

export const attachmentResponse = z.object({
  id: z.uuid(),
  number: z.number().int(),
  title: z.string(),
  label: z.string().describe('"Punkt 4, Bilag 1: Sammen om Opgaven"'),
  fileName: z.string().nullable().describe('null for a bilag listed by title only'),
  fromPaper: z
    .boolean()
    .describe("the linked paper's bilag (changed on the paper); the others are the item's own"),
  url: z.string().nullable().describe('where the file is fetched, when there is one'),
});

export const itemResponse = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  number: z.string().describe('"7" for an item, "7.A" for a sub-item'),
  title: z.string(),
  durationMinutes: z.number().int(),
  start: isoInstant.optional().describe('absent for 0-minute items'),
  end: isoInstant.optional(),
  purpose: z.string().nullable(),
  method: z.string().nullable(),
  responsible: z.array(z.string()),
  isPublic: z.boolean(),
  publicTitle: z.string().nullable(),
  closedReason: z
    .object({
      code: z.string(),
      label: z.string(),
      text: z.string().nullable(),
    })
    .nullable()
    .describe(
      'why a closed item is closed (§ 10); null for open items, closed items without one, and readers who may not read the item',
    ),
  note: z.string().nullable(),
  paperId: z.uuid().nullable(),
  attachments: z.array(attachmentResponse),
  disqualifiedPersonIds: z.array(z.uuid()).describe('members who are inhabil in the item'),
  standingKind: z.enum(standingItemKinds).nullable(),
  minutes: z.string().nullable().describe('what the minutes say of the item (plain text)'),
  decision: z.string().nullable(),
  minutesRevision: z
    .number()
    .int()
    .describe('send it back as expectedRevision when saving minutes (optimistic locking)'),
  actualStart: isoInstant.optional().describe('when the item was actually started'),
  actualEnd: isoInstant.optional(),
  isPostponed: z.boolean(),
  carriedFromItemId: z.uuid().nullable().describe('the earlier item this one continues'),
  followUps: z.array(
    z.object({
      id: z.uuid(),
      text: z.string(),
      owner: z.object({ id: z.uuid(), name: z.string() }),
      dueDate: z.string().describe('local date YYYY-MM-DD'),
      status: z.enum(['open', 'done', 'overdue']),
    }),
  ),
});

const organizationRef = z.object({ id: z.uuid(), name: z.string() });

export const meetingSummaryResponse = z.object({
  id: z.uuid(),
  title: z.string(),
  organization: organizationRef,
  start: isoInstant,
  end: isoInstant,
  location: z.string().nullable(),
  caseNumber: z.string().nullable(),
  status: z.enum(meetingStatuses),
});

export const meetingDetailResponse = meetingSummaryResponse.extend({
  secretariatContact: z
    .object({
      id: z.uuid(),
      name: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
    })
    .nullable(),
  plannedEnd: isoInstant,
  overrunMinutes: z.number().int(),
  items: z.array(itemResponse),
});

export const meetingListResponse = z.object({ data: z.array(meetingSummaryResponse) });

export const meetingSeriesResponse = z.object({
  dates: z.array(
    z.object({
      date: z.string().describe('local date YYYY-MM-DD'),
      start: isoInstant,
      end: isoInstant,
    }),
  ),
  skipped: z
    .array(
      z.object({
        date: z.string(),
        reason: z.string().describe('the holiday or closed day, e.g. "Kristi himmelfartsdag"'),
      }),
    )
    .describe('dates of the rule that fall on a public holiday or a day the offices close'),
  meetings: z.array(meetingSummaryResponse).describe('the meetings created; empty on a dry run'),
});

export const templateResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  organization: organizationRef,
  defaultStartTime: z.string(),
  defaultDurationMinutes: z.number().int(),
  defaultLocation: z.string().nullable(),
  items: z.array(
    z.object({
      title: z.string(),
      durationMinutes: z.number().int(),
      method: z.string().nullable(),
      purpose: z.string().nullable(),
      placement: z.enum(standingPlacements),
    }),
  ),
});
