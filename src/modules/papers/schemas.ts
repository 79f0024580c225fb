import { z } from 'zod';
import { da } from '../../platform/i18n/da';
import { isValidIsoDate } from '../../platform/i18n/format';
import { addressees, paperKinds, paperStatuses, requestedActions } from './enums';
import { coverLimits } from './rules';

const v = da.validation;

const requiredText = (max: number) =>
  z
    .string({ error: v.required })
    .trim()
    .min(1, { error: v.required })
    .max(max, { error: v.tooLong(max) });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: v.tooLong(max) })
    .nullish()
    .transform((value) => (value ? value : null));

export const paperHeaderFields = z.object({
  kind: z.enum(paperKinds).default('indstilling'),
  title: requiredText(300),
  senderUnitId: z
    .uuid({ error: v.uuid })
    .nullish()
    .transform((value) => value ?? null),
  addressee: z.enum(addressees).default('raadmanden'),
  paperDate: z.string({ error: v.date }).refine(isValidIsoDate, { error: v.date }),
  // Checked against the receiving organization's pattern by the service.
  caseNumber: optionalText(40),
  caseOfficers: z.array(requiredText(200)).max(10).default([]),
  phone: optionalText(40),
  email: z
    .email({ error: v.email })
    .nullish()
    .or(z.literal(''))
    .transform((value) => (value ? value : null)),
});

export const paperCreateBody = paperHeaderFields.extend({
  organizationId: z.uuid({ error: v.uuid }),
});
export const paperUpdateBody = paperHeaderFields.partial();

export const sectionsBody = z.object({
  sections: z
    .array(
      z.object({
        heading: requiredText(100),
        html: z.string().max(200_000, { error: v.tooLong(200_000) }),
      }),
    )
    .max(30),
});

export const coverBody = z.object({
  purpose: optionalText(5_000),
  keyMessages: z
    .array(
      z
        .string()
        .trim()
        .max(1_000, { error: v.tooLong(1_000) }),
    )
    .max(coverLimits.maxKeyMessages, {
      error: da.papers.tooManyKeyMessages(coverLimits.maxKeyMessages),
    })
    .default([])
    .transform((messages) => messages.filter(Boolean)),
  implications: optionalText(5_000),
  requestedAction: z
    .enum(requestedActions)
    .nullish()
    .transform((value) => value ?? null),
});

export type PaperCreateInput = z.output<typeof paperCreateBody>;
export type PaperUpdateInput = z.output<typeof paperUpdateBody>;
export type SectionsInput = z.output<typeof sectionsBody>['sections'];
export type CoverInput = z.output<typeof coverBody>;

const readabilityResponse = z.object({
  lix: z.number().int(),
  band: z.string(),
  words: z.number().int(),
  sentences: z.number().int(),
  longSentences: z.array(z.object({ text: z.string(), words: z.number().int() })),
});

export const paperAttachmentResponse = z.object({
  id: z.uuid(),
  number: z.number().int(),
  title: z.string(),
  label: z.string().meta({ description: 'Fx "Bilag 1: Sammen om Opgaven"' }),
  fileName: z.string(),
  mediaType: z.string(),
  byteSize: z.number().int(),
  pageCount: z.number().int().nullable(),
  sha256: z.string(),
  url: z.string().meta({ description: 'Hent filen (samme adgang som sagen)' }),
});

export const attachmentUpdateBody = z
  .object({
    title: requiredText(300).optional(),
    move: z.enum(['up', 'down']).optional(),
  })
  // An empty change is a mistake, not a successful no-op.
  .refine((body) => body.title !== undefined || body.move !== undefined, {
    message: 'Angiv title eller move.',
  });

export const paperResponse = z.object({
  id: z.uuid(),
  kind: z.enum(paperKinds),
  title: z.string(),
  status: z.enum(paperStatuses),
  organization: z.object({ id: z.uuid(), name: z.string() }),
  senderUnitId: z.uuid().nullable(),
  addressee: z.enum(addressees),
  paperDate: z.string(),
  caseNumber: z.string().nullable(),
  caseOfficers: z.array(z.string()),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  sections: z.array(
    z.object({
      heading: z.string(),
      html: z.string(),
      lix: z.number().int(),
      readability: readabilityResponse,
    }),
  ),
  cover: z.object({
    purpose: z.string().nullable(),
    keyMessages: z.array(z.string()),
    implications: z.string().nullable(),
    requestedAction: z.enum(requestedActions).nullable(),
    words: z.number().int(),
    lix: z.number().int(),
    readability: readabilityResponse,
  }),
  attachments: z.array(paperAttachmentResponse),
  approvedVersion: z
    .number()
    .int()
    .nullable()
    .meta({ description: 'Den version, sekretariatet har godkendt på en dagsorden' }),
});

export const paperSummaryResponse = paperResponse.pick({
  id: true,
  kind: true,
  title: true,
  status: true,
  organization: true,
  paperDate: true,
  caseNumber: true,
});

export const coverDraftResponse = z.object({
  source: z.enum(['rules', 'llm']).meta({
    description: 'rules: regelbaseret (TextRank); llm: skrevet af den konfigurerede sprogmodel',
  }),
  purpose: z.string().nullable(),
  keyMessages: z.array(z.string()),
  implications: z.string().nullable(),
  requestedAction: z.enum(requestedActions).nullable(),
  explanation: z.object({
    purpose: z.string(),
    requestedAction: z.string(),
    keyMessages: z.array(
      z.object({ sentence: z.string(), heading: z.string(), score: z.number() }),
    ),
    implications: z.string(),
  }),
});

export const sectionTemplateBody = z.object({
  headings: z.array(requiredText(100)).min(1, { error: v.required }).max(30),
});

export const sectionTemplateResponse = z.object({
  organizationId: z.uuid(),
  headings: z.array(z.string()),
  isDefault: z.boolean(),
});

export const paperRulesBody = z.object({
  coverMaxWords: z.coerce.number({ error: v.invalidValue }).int().min(20).max(1000),
  keyMessageMaxWords: z.coerce.number({ error: v.invalidValue }).int().min(5).max(200),
  coverRequired: z.boolean(),
  caseNumberPattern: requiredText(200),
  caseNumberExample: requiredText(40),
  submissionDeadlineWorkingDays: z.coerce.number({ error: v.invalidValue }).int().min(0).max(30),
});

export const paperRulesResponse = paperRulesBody.extend({
  organizationId: z.uuid(),
  isDefault: z.boolean(),
});

export const wordImportResponse = z.object({
  title: z.string().nullable(),
  caseNumber: z.string().nullable(),
  sections: z.array(z.object({ heading: z.string(), html: z.string() })),
  unmapped: z
    .array(z.object({ heading: z.string().nullable(), html: z.string() }))
    .meta({ description: 'Tekst, der ikke passede til noget afsnit; den skal vises for brugeren' }),
  warnings: z.array(z.string()),
});
