import type { ComponentChildren } from 'preact';
import { z } from 'zod';
import { AppError } from '../errors';
import { da } from '../i18n/da';

/** Field name → Danish message, for re-rendering a form next to what was wrong. */
export type FieldErrors = Record<string, string>;

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Validates a posted form with a zod schema; errors are keyed by the form's field names. */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.output<S>> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.join('.') || 'form';
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/** Errors a service reported (validation, conflicting times) as field errors, mapped to form names. */
export function fieldErrorsFrom(
  error: unknown,
  fieldMap: Record<string, string> = {},
): FieldErrors {
  if (!(error instanceof AppError) || error.status !== 400) throw error;
  const errors: FieldErrors = {};
  for (const detail of error.details)
    errors[fieldMap[detail.field] ?? detail.field] ??= detail.message;
  if (Object.keys(errors).length === 0) errors.form = error.message;
  return errors;
}

/**
 * The error summary's lines, each naming its field by its label, so several errors are told
 * apart: "Titel skal udfyldes." instead of "Skal udfyldes.", otherwise "Dato: Skal være …".
 * A field without a label (errors of the whole form) keeps its message as it is.
 */
export function summaryMessages(errors: FieldErrors, labels: Record<string, string>): string[] {
  return Object.entries(errors).map(([field, message]) => {
    const label = labels[field];
    if (!label) return message;
    if (message === da.validation.required) return `${label} skal udfyldes.`;
    return `${label}: ${message}`;
  });
}

type FieldProps = {
  name: string;
  label: string;
  hint?: string;
  errors: FieldErrors;
  /** Needed when several inputs share a name (a list of inputs); defaults to the name. */
  id?: string;
  /** Where this field's message is in `errors`; defaults to the name. */
  errorKey?: string;
};

const fieldId = (props: FieldProps) => props.id ?? props.name;
const fieldError = (props: FieldProps) => props.errors[props.errorKey ?? props.name];

function describedBy(id: string, hint: string | undefined, error: string | undefined) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function FieldFrame(props: FieldProps & { children: ComponentChildren }) {
  const error = fieldError(props);
  const id = fieldId(props);
  return (
    <div class={error ? 'form-group form-error' : 'form-group'}>
      <label class="form-label" for={id}>
        {props.label}
      </label>
      {props.hint ? (
        <span class="form-hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      {error ? (
        <span class="form-error-message" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
      {props.children}
    </div>
  );
}

/** A file input; the form around it needs enctype="multipart/form-data". */
export function FileField(props: FieldProps & { accept?: string; multiple?: boolean }) {
  const error = fieldError(props);
  const id = fieldId(props);
  return (
    <FieldFrame {...props}>
      <input
        class="form-input"
        type="file"
        id={id}
        name={props.name}
        accept={props.accept}
        multiple={props.multiple}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, error)}
      />
    </FieldFrame>
  );
}

export function TextField(
  props: FieldProps & {
    value: string | number | null | undefined;
    type?: 'text' | 'email' | 'password' | 'date' | 'time' | 'number';
    required?: boolean;
    autocomplete?: string;
    list?: string;
    inputMode?: 'numeric';
    width?: 'xs' | 's' | 'm' | 'l' | 'xl';
  },
) {
  const error = fieldError(props);
  const id = fieldId(props);
  // Built as a plain object: preact's input typings tie `list` to specific `type` values.
  const attributes: Record<string, unknown> = {
    class: `form-input${props.width ? ` input-width-${props.width}` : ''}`,
    id,
    name: props.name,
    type: props.type ?? 'text',
    value: props.value ?? '',
    required: props.required,
    autoComplete: props.autocomplete,
    list: props.list,
    inputMode: props.inputMode,
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': describedBy(id, props.hint, error),
  };
  return (
    <FieldFrame {...props}>
      <input {...attributes} />
    </FieldFrame>
  );
}

export function TextArea(
  props: FieldProps & {
    value: string | null | undefined;
    rows?: number;
    /** Holds rich-text HTML: the editor script turns it into a WYSIWYG field. */
    richText?: boolean;
  },
) {
  const error = fieldError(props);
  const id = fieldId(props);
  return (
    <FieldFrame {...props}>
      <textarea
        class="form-input"
        id={id}
        name={props.name}
        rows={props.rows ?? 4}
        data-rich-text={props.richText ? '' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, error)}
      >
        {props.value ?? ''}
      </textarea>
    </FieldFrame>
  );
}

export function Select(
  props: FieldProps & {
    value: string | null | undefined;
    options: ReadonlyArray<{ value: string; label: string }>;
    required?: boolean;
  },
) {
  const error = fieldError(props);
  const id = fieldId(props);
  return (
    <FieldFrame {...props}>
      <select
        class="form-select"
        id={id}
        name={props.name}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, error)}
      >
        {props.options.map((option) => (
          <option
            key={option.value}
            value={option.value}
            selected={option.value === (props.value ?? '')}
          >
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function Checkbox(props: FieldProps & { checked: boolean }) {
  const id = fieldId(props);
  // DKFDS draws the box on the label, positioned within .form-group-checkbox.
  return (
    <div class="form-group">
      <div class="form-group-checkbox">
        <input
          id={id}
          name={props.name}
          type="checkbox"
          class="form-checkbox"
          value="on"
          checked={props.checked}
          aria-describedby={props.hint ? `${id}-hint` : undefined}
        />
        <label class="form-label" for={id}>
          {props.label}
        </label>
      </div>
      {props.hint ? (
        <span class="form-hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      ) : null}
    </div>
  );
}

/** A form field sent once or several times (a list or table of inputs), as an array. */
export const formList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]));

/** A form field as one string ('' when absent; the first when sent several times). */
export const formValue = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')));

const idParam = z.object({ id: z.uuid() });

/** The `:id` of a page's URL; a malformed id is a page that does not exist. */
export function pathId(params: unknown, name = 'id'): string {
  const parsed = idParam.safeParse({ id: (params as Record<string, unknown> | undefined)?.[name] });
  if (!parsed.success) throw new AppError('NOT_FOUND');
  return parsed.data.id;
}
