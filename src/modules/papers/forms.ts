import { z } from 'zod';

/** A form field that may be sent once or several times (a table or list of inputs). */
const repeated = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]));

const single = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')));

/** One entry per non-empty line of a textarea. */
const lines = single.transform((value) =>
  value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean),
);

/** The letterhead form, shaped as the API's body so the same schema validates both. */
export const paperFormFields = z
  .object({
    kind: single,
    title: single,
    organizationId: single,
    senderUnitId: single,
    addressee: single,
    paperDate: single,
    caseNumber: single,
    caseOfficers: lines,
    phone: single,
    email: single,
  })
  // An empty choice means "not given", so the API's defaults apply.
  .transform((form) => ({
    ...form,
    kind: form.kind || undefined,
    addressee: form.addressee || undefined,
    senderUnitId: form.senderUnitId || null,
  }));

/** Section headings and their HTML, one textarea per section. */
export const sectionsFormFields = z
  .object({ heading: repeated, html: repeated })
  .transform((form) => ({
    sections: form.heading.map((heading, index) => ({ heading, html: form.html[index] ?? '' })),
  }));

export const coverFormFields = z
  .object({ purpose: single, keyMessages: repeated, implications: single, requestedAction: single })
  .transform((form) => ({
    purpose: form.purpose,
    keyMessages: form.keyMessages.map((message) => message.trim()).filter(Boolean),
    implications: form.implications,
    requestedAction: form.requestedAction || null,
  }));

export type FormBody = Record<string, string | string[] | undefined>;
