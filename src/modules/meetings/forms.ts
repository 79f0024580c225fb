import { z } from 'zod';
import { formList } from '../../platform/http/form';
import { da } from '../../platform/i18n/da';
import { fromLocalDateTime } from '../../platform/i18n/format';
import {
  clockTimeField,
  durationField,
  localDateField,
  titleField,
  meetingSeriesBody,
  type ItemCreateInput,
  type MeetingCreateInput,
  type MeetingSeriesInput,
} from './schemas';

const v = da.validation;

/** An empty form field means "not given". */
const optionalString = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: v.tooLong(max) })
    .optional()
    .transform((value) => (value ? value : null));

const optionalId = z
  .string()
  .optional()
  .transform((value) => (value ? value : null))
  .pipe(z.uuid({ error: v.uuid }).nullable());

/** One entry per non-empty line of a textarea. */
const lines = (maxLength: number, maxCount: number) =>
  z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().max(maxLength, { error: v.tooLong(maxLength) })).max(maxCount));

/** The organization a new meeting belongs to: chosen, never assumed. */
const organizationChoiceField = z
  .string({ error: da.meetings.organizationRequired })
  .min(1, { error: da.meetings.organizationRequired })
  .pipe(z.uuid({ error: v.unknownOrganization }));

export const meetingFormSchema = z
  .object({
    organizationId: organizationChoiceField,
    templateId: optionalId,
    title: titleField,
    date: localDateField,
    startTime: clockTimeField,
    endTime: clockTimeField,
    location: optionalString(200),
    caseNumber: optionalString(50),
    secretariatContactId: optionalId,
  })
  .transform((form): MeetingCreateInput => ({
    organizationId: form.organizationId,
    templateId: form.templateId ?? undefined,
    title: form.title,
    start: fromLocalDateTime(form.date, form.startTime),
    end: fromLocalDateTime(form.date, form.endTime),
    location: form.location,
    caseNumber: form.caseNumber,
    secretariatContactId: form.secretariatContactId,
  }));

/** The edit form has no organization or template: those are fixed once a meeting exists. */
export const meetingEditFormSchema = z
  .object({
    title: titleField,
    date: localDateField,
    startTime: clockTimeField,
    endTime: clockTimeField,
    location: optionalString(200),
    caseNumber: optionalString(50),
    secretariatContactId: optionalId,
  })
  .transform((form) => ({
    title: form.title,
    start: fromLocalDateTime(form.date, form.startTime),
    end: fromLocalDateTime(form.date, form.endTime),
    location: form.location,
    caseNumber: form.caseNumber,
    secretariatContactId: form.secretariatContactId,
  }));

/** A whole number typed into a form, NaN when it is none (the API schema then says what is wrong). */
function wholeNumber(value: string | undefined): number {
  const trimmed = (value ?? '').trim();
  return /^\d{1,5}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/**
 * The mødeplan form, to the API's body. "Vis datoer" previews every date of the rule; "Opret"
 * creates the ticked ones (`dates`), none ticked being an error rather than all.
 */
export const meetingSeriesFormSchema = z
  .object({
    organizationId: organizationChoiceField,
    templateId: optionalId,
    title: z.string().optional(),
    firstDate: z.string().optional(),
    lastDate: z.string().optional(),
    everyWeeks: z.string().optional(),
    startTime: z.string().optional(),
    durationMinutes: z.string().optional(),
    location: z.string().optional(),
    dates: formList,
    handling: z.string().optional(),
  })
  .transform((form): z.input<typeof meetingSeriesBody> => ({
    organizationId: form.organizationId,
    ...(form.templateId ? { templateId: form.templateId } : {}),
    title: form.title ?? '',
    firstDate: form.firstDate ?? '',
    lastDate: form.lastDate ?? '',
    everyWeeks: wholeNumber(form.everyWeeks),
    startTime: form.startTime ?? '',
    durationMinutes: wholeNumber(form.durationMinutes),
    location: form.location,
    ...(form.handling === 'opret' ? { dates: form.dates } : {}),
    dryRun: form.handling !== 'opret',
  }))
  .pipe(meetingSeriesBody) satisfies z.ZodType<MeetingSeriesInput>;

/** The clock time a meeting of the given length starting at `start` ("18:15") ends at. */
export function endTimeAfter(start: string, minutes: number): string {
  const [hours, mins] = start.split(/[:.]/).map(Number);
  const total = (((hours! * 60 + mins! + minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** Service errors name API fields; the forms call them differently. */
export const meetingFieldMap = { start: 'startTime', end: 'endTime' };

export const itemFormSchema = z
  .object({
    title: titleField,
    durationMinutes: z
      .string()
      .trim()
      .regex(/^\d{1,4}$/, { error: v.duration })
      .transform(Number)
      .pipe(durationField),
    purpose: optionalString(10_000),
    method: optionalString(500),
    responsible: lines(200, 20),
    attachments: lines(300, 100),
    isPublic: z
      .literal('on')
      .optional()
      .transform((value) => value === 'on'),
    publicTitle: optionalString(300),
    /** '' follows the organization's setting; 'ja' or 'nej' decides for this item. */
    publishClosedDecision: z
      .enum(['', 'ja', 'nej'])
      .optional()
      .transform((value) => (value === 'ja' ? true : value === 'nej' ? false : null)),
    note: optionalString(2_000),
    parentId: optionalId,
    closedReasonCode: optionalString(40),
    closedReasonText: optionalString(2_000),
  })
  // Linking a paper happens through the submission workflow, not this form.
  .transform((form): ItemCreateInput => ({
    ...form,
    paperId: null,
    // No choice leaves a closed item's reason as it is (closing still needs one); the
    // addition goes with a chosen reason.
    closedReasonCode: form.closedReasonCode ?? undefined,
    closedReasonText: form.closedReasonCode ? form.closedReasonText : undefined,
  }));

function minutes(value: string | undefined): number {
  const trimmed = (value ?? '').trim();
  return /^\d{1,4}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/**
 * The template form: a row of inputs per standing item (itemTitle, itemDuration, itemMethod,
 * itemPlacement formList). Rows left completely empty are ignored, so the form can offer spare rows.
 */
export const templateFormSchema = z
  .object({
    organizationId: z.string().optional(),
    name: z.string().optional(),
    defaultStartTime: z.string().optional(),
    defaultDurationMinutes: z.string().optional(),
    defaultLocation: z.string().optional(),
    itemTitle: formList,
    itemDuration: formList,
    itemMethod: formList,
    itemPlacement: formList,
  })
  .transform((form) => ({
    organizationId: form.organizationId ?? '',
    name: form.name ?? '',
    defaultStartTime: form.defaultStartTime ?? '',
    defaultDurationMinutes: minutes(form.defaultDurationMinutes),
    defaultLocation: form.defaultLocation,
    items: form.itemTitle
      .map((title, index) => ({
        title,
        duration: form.itemDuration[index] ?? '',
        method: form.itemMethod[index] ?? '',
        placement: form.itemPlacement[index] ?? '',
      }))
      .filter((row) => [row.title, row.duration, row.method].some((value) => value.trim() !== ''))
      .map((row) => ({
        title: row.title,
        durationMinutes: minutes(row.duration),
        method: row.method,
        purpose: null,
        // The API's enum rejects anything but 'opening' and 'closing' with a Danish message.
        placement: row.placement || undefined,
      })),
  }));

export type TemplateFormRow = {
  title: string;
  durationMinutes: string;
  method: string;
  placement: string;
};

export const moveFormSchema = z.object({
  position: z
    .string()
    .regex(/^\d{1,4}$/, { error: v.position })
    .transform(Number)
    .pipe(z.number().int().min(1, { error: v.position })),
});
