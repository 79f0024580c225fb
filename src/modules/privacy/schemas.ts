import { z } from 'zod';
import { da } from '../../platform/i18n/da';

/** The allowed range of each retention period; null (an empty field) keeps data for good. */
export const retentionLimits = {
  draftPaperMonths: { min: 1, max: 120 },
  departedPersonMonths: { min: 1, max: 240 },
  sessionAndMailDays: { min: 1, max: 3650 },
  auditEventYears: { min: 1, max: 100 },
} as const;

export type RetentionField = keyof typeof retentionLimits;
export const retentionFields = Object.keys(retentionLimits) as RetentionField[];

function period(field: RetentionField) {
  const { min, max } = retentionLimits[field];
  const error = da.privacy.range(min, max);
  return z.int({ error }).min(min, { error }).max(max, { error }).nullable();
}

/** PUT /api/v1/privacy/retention: every period, null for "keep". */
export const retentionSettingsBody = z.strictObject({
  draftPaperMonths: period('draftPaperMonths').describe('Kladder: måneder uden ændringer'),
  departedPersonMonths: period('departedPersonMonths').describe(
    'Tidligere medlemmer: måneder uden medlemskab og brugerkonto før anonymisering',
  ),
  sessionAndMailDays: period('sessionAndMailDays').describe(
    'Udløbne sessioner, loginforsøg og sendte mails: dage',
  ),
  auditEventYears: period('auditEventYears').describe('Hændelsesloggen: år'),
});

export type RetentionSettingsInput = z.output<typeof retentionSettingsBody>;

/** The settings form: an empty field is null, anything else must be a whole number. */
const formPeriod = (field: RetentionField) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : null),
    period(field),
  );

export const retentionSettingsForm = z.object({
  draftPaperMonths: formPeriod('draftPaperMonths'),
  departedPersonMonths: formPeriod('departedPersonMonths'),
  sessionAndMailDays: formPeriod('sessionAndMailDays'),
  auditEventYears: formPeriod('auditEventYears'),
});

export const retentionSettingsResponse = retentionSettingsBody.extend({
  updatedAt: z.string(),
  lastRunAt: z.string().nullable(),
});

const isoDateTime = z.string();

/** The export of everything held about one person (GET /api/v1/persons/:id/personal-data). */
export const personalDataResponse = z.object({
  beskrivelse: z.record(z.string(), z.string()),
  exportedAt: isoDateTime,
  exportedBy: z.string(),
  person: z.object({
    id: z.uuid(),
    name: z.string(),
    title: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    unit: z.string().nullable(),
    party: z.string().nullable(),
    isExternal: z.boolean(),
    deactivatedAt: isoDateTime.nullable(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  }),
  memberships: z.array(
    z.object({
      id: z.uuid(),
      organizationId: z.uuid(),
      organizationName: z.string(),
      role: z.string(),
      startDate: z.string().nullable(),
      endDate: z.string().nullable(),
    }),
  ),
  userAccounts: z.array(
    z.object({
      id: z.uuid(),
      email: z.string(),
      name: z.string(),
      role: z.string(),
      oidcSubject: z.string().nullable(),
      hasPassword: z.boolean(),
      mustChangePassword: z.boolean(),
      createdAt: isoDateTime,
      updatedAt: isoDateTime,
    }),
  ),
  sessionCount: z.number().int(),
  apiTokens: z.array(
    z.object({
      userId: z.uuid(),
      name: z.string(),
      createdAt: isoDateTime,
      lastUsedAt: isoDateTime.nullable(),
    }),
  ),
  calendarFeeds: z.array(
    z.object({ userId: z.uuid(), createdAt: isoDateTime, lastUsedAt: isoDateTime.nullable() }),
  ),
  attendance: z.array(
    z.object({
      meetingId: z.uuid(),
      meetingTitle: z.string(),
      startsAt: isoDateTime,
      status: z.string(),
      guestItemIds: z.array(z.string()),
    }),
  ),
  minutesSignOffs: z.array(
    z.object({
      meetingId: z.uuid(),
      meetingTitle: z.string(),
      startsAt: isoDateTime,
      signedAt: isoDateTime,
    }),
  ),
  followUps: z.array(
    z.object({
      id: z.uuid(),
      text: z.string(),
      dueDate: z.string(),
      status: z.string(),
      completedAt: isoDateTime.nullable(),
      agendaItemId: z.uuid(),
      agendaItemTitle: z.string(),
      meetingId: z.uuid(),
      meetingTitle: z.string(),
    }),
  ),
  disqualifications: z.array(
    z.object({
      agendaItemId: z.uuid(),
      agendaItemTitle: z.string(),
      meetingId: z.uuid(),
      meetingTitle: z.string(),
      startsAt: isoDateTime,
      registeredAt: isoDateTime,
    }),
  ),
  papersAsCaseOfficer: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      status: z.string(),
      caseNumber: z.string().nullable(),
      caseOfficers: z.array(z.string()),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      paperDate: z.string(),
    }),
  ),
  auditEvents: z.array(
    z.object({
      id: z.number().int(),
      at: isoDateTime,
      actor: z.string(),
      action: z.string(),
      entityType: z.string(),
      entityId: z.string(),
      before: z.unknown(),
      after: z.unknown(),
    }),
  ),
});

export type PersonalData = z.input<typeof personalDataResponse>;
