import { z } from 'zod';
import { formList, formValue } from '../../platform/http/form';

/** One entry per non-empty line of a textarea. */
const lines = formValue.transform((value) =>
  value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean),
);

/** The letterhead form, shaped as the API's body so the same schema validates both. */
export const paperFormFields = z
  .object({
    kind: formValue,
    title: formValue,
    organizationId: formValue,
    senderUnitId: formValue,
    addressee: formValue,
    paperDate: formValue,
    caseNumber: formValue,
    caseOfficers: lines,
    phone: formValue,
    email: formValue,
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
  .object({ heading: formList, html: formList })
  .transform((form) => ({
    sections: form.heading.map((heading, index) => ({ heading, html: form.html[index] ?? '' })),
  }));

export const coverFormFields = z
  .object({
    purpose: formValue,
    keyMessages: formList,
    implications: formValue,
    requestedAction: formValue,
  })
  .transform((form) => ({
    purpose: form.purpose,
    keyMessages: form.keyMessages.map((message) => message.trim()).filter(Boolean),
    implications: form.implications,
    requestedAction: form.requestedAction || null,
  }));

export type FormBody = Record<string, string | string[] | undefined>;
