import { z } from 'zod';
import { da } from '../../platform/i18n/da';
import { importFormats } from './archive';

const t = da.imports;
const key = z.string().min(1);

const section = z.object({ heading: z.string(), html: z.string() });

const attachment = z.object({
  sourceKey: key,
  title: z.string(),
  isPublic: z.boolean(),
  fileName: z.string(),
  filePath: z.string().nullable(),
});

const item = z.object({
  sourceKey: key,
  number: z.string().trim().min(1),
  title: z.string().trim().min(1, { error: t.itemTitleMissing }).max(2000),
  neutralTitle: z.string().nullable(),
  isPublic: z.boolean(),
  caseNumber: z.string().nullable(),
  sections: z.array(section),
  decisions: z.array(section),
  attachments: z.array(attachment),
});

const validDate = z.date({ error: t.meetingDateInvalid });

/** A reader's output as the writer relies on it; readers are code, but their input is not. */
export const importedArchiveSchema = z.object({
  format: z.enum(importFormats),
  sourceSystem: key,
  meetings: z.array(
    z.object({
      sourceKey: key,
      organization: z.object({ sourceKey: key, name: z.string().trim().min(1) }),
      title: z.string().nullable(),
      startsAt: validDate,
      endsAt: validDate.nullable(),
      place: z.string().nullable(),
      documentKind: z.enum(['agenda', 'minutes']),
      isFinal: z.boolean(),
      members: z.array(
        z.object({ sourceKey: key, name: z.string().trim().min(1), email: z.string().nullable() }),
      ),
      items: z.array(item),
    }),
  ),
});

export const importFormatChoices = ['auto', ...importFormats] as const;

/** The upload form and the API take the same fields besides the file. */
export const importFields = z.object({
  format: z.enum(importFormatChoices).default('auto'),
  dryRun: z
    .enum(['true', 'false', 'on', '1', '0', ''])
    .optional()
    .transform((value) => value === 'true' || value === 'on' || value === '1'),
});

export const importSummaryResponse = z.object({
  format: z.enum(importFormats),
  meetings: z.number().int(),
  items: z.number().int(),
  files: z.number().int(),
  warnings: z.array(
    z.object({ code: z.string(), message: z.string(), where: z.string().optional() }),
  ),
  dryRun: z.boolean(),
});
