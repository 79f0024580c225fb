import { z } from 'zod';
import { da } from '../../platform/i18n/da';
import { isValidIsoDate } from '../../platform/i18n/format';
import { organizationClassifications } from '../organizations/index';

const v = da.validation;
const a = da.annualPlan;

const titleField = z
  .string({ error: v.required })
  .trim()
  .min(1, { error: v.required })
  .max(300, { error: v.tooLong(300) });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: v.tooLong(max) })
    .nullish()
    .transform((value) => (value ? value : null));

export const monthField = z
  .number({ error: a.monthRange })
  .int({ error: a.monthRange })
  .min(1, { error: a.monthRange })
  .max(12, { error: a.monthRange });

export const yearField = z
  .number({ error: a.yearRange })
  .int({ error: a.yearRange })
  .min(2000, { error: a.yearRange })
  .max(2100, { error: a.yearRange });

const localDateField = z.string({ error: v.date }).refine(isValidIsoDate, { error: v.date });

export const idParams = z.object({ id: z.uuid() });
export const meetingTopicParams = z.object({ id: z.uuid(), topicId: z.uuid() });

export const yearQuery = z.object({
  year: z.coerce
    .number()
    .pipe(yearField)
    .optional()
    .describe('the calendar year; this year when left out'),
});

export const fromQuery = z.object({
  from: localDateField.optional().describe('first planned date (YYYY-MM-DD); today when left out'),
});

export const topicCreateBody = z.object({
  title: titleField,
  month: monthField.describe('1 = januar … 12 = december'),
  year: yearField.describe('the year, or the first year of a yearly topic'),
  recursYearly: z.boolean().default(false),
  responsible: optionalText(300).describe('person or unit, as free text'),
  note: optionalText(2_000),
});

export const topicUpdateBody = z
  .object({
    title: titleField,
    month: monthField,
    year: yearField,
    recursYearly: z.boolean(),
    responsible: optionalText(300),
    note: optionalText(2_000),
  })
  .partial();

export const treatmentCreateBody = z
  .object({
    organizationId: z.uuid({ error: v.uuid }).optional().describe('the body that treats the paper'),
    plannedDate: localDateField.optional(),
    meetingId: z
      .uuid({ error: v.uuid })
      .optional()
      .describe('a planned meeting instead: its organization and date are used'),
    note: optionalText(500),
  })
  .superRefine((value, context) => {
    if (value.meetingId !== undefined) return;
    if (value.organizationId === undefined)
      context.addIssue({ code: 'custom', path: ['organizationId'], message: a.bodyOrMeeting });
    if (value.plannedDate === undefined)
      context.addIssue({ code: 'custom', path: ['plannedDate'], message: a.dateOrMeeting });
  });

export type TopicCreateInput = z.output<typeof topicCreateBody>;
export type TopicUpdateInput = z.output<typeof topicUpdateBody>;
export type TreatmentCreateInput = z.output<typeof treatmentCreateBody>;

// ---- Responses ----

export const topicResponse = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  title: z.string(),
  month: z.number().int(),
  year: z.number().int(),
  recursYearly: z.boolean(),
  responsible: z.string().nullable(),
  note: z.string().nullable(),
});

export const annualPlanResponse = z.object({
  organization: z.object({ id: z.uuid(), name: z.string() }),
  year: z.number().int(),
  months: z.array(
    z.object({
      month: z.number().int(),
      name: z.string().describe('Danish month name'),
      topics: z.array(topicResponse),
    }),
  ),
});

export const treatmentResponse = z.object({
  id: z.uuid(),
  paperId: z.uuid(),
  organization: z.object({
    id: z.uuid(),
    name: z.string(),
    classification: z.enum(organizationClassifications),
  }),
  plannedDate: z.string().describe('YYYY-MM-DD'),
  note: z.string().nullable(),
});

export const caseToCouncilResponse = treatmentResponse.extend({
  paper: z.object({ id: z.uuid(), title: z.string(), caseNumber: z.string().nullable() }),
});
