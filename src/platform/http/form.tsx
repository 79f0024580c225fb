import { createContext, h, options, type ComponentChildren, type VNode } from 'preact';
import { z } from 'zod';
import { AppError } from '../errors';
import { da } from '../i18n/da';
import type { KeptValues } from './kept-input';

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

/**
 * A refused form on the page it went back to (form-refusal.ts): the layout provides it for the
 * page, each form narrows it to itself by its action, and the shared fields of the form that
 * was posted show what the user typed and the reasons that name them. As they render, those
 * fields note their labels and ids, so the error summary can name and link them.
 */
export type KeptForm = {
  /** The path the refused form posted to. */
  action: string;
  /** What was typed, by field name; absent when nothing could be kept (then fields show their own values). */
  values?: KeptValues;
  errors: FieldErrors;
  labels: Record<string, string>;
  ids: Record<string, string>;
  /** How many values of a name fields have shown: fields sharing a name take them in order, as they were sent. */
  shown: Record<string, number>;
};

/** The refused form of the page, for every form on it to compare its action with. */
export const PageKeptForm = createContext<KeptForm | undefined>(undefined);
/** The refused form, within that form only. */
const PostedForm = createContext<KeptForm | undefined>(undefined);

const actionPath = (action: string) => action.split(/[?#]/)[0]!;

function FormScope(
  props: { action: string; children?: ComponentChildren },
  kept: KeptForm | undefined,
) {
  if (kept === undefined || actionPath(props.action) !== kept.action) return props.children;
  return h(PostedForm, { value: kept }, props.children);
}
FormScope.contextType = PageKeptForm;

/**
 * Every <form action> scopes its contents to itself, so that the fields of the posted form,
 * and not a same-named field of another form on the page, get the input back. Views write
 * plain <form> elements; preact's vnode hook (public API) is where all of them pass. Evaluated
 * again (a test's fresh module registry), this replaces its own earlier hook instead of
 * chaining a second one.
 */
type VnodeHook = (vnode: VNode) => void;
const installedHook = Symbol.for('dagsorden.formScope');
const hookOptions = options as { vnode?: VnodeHook; [installedHook]?: VnodeHook | undefined };
const previousVnodeHook =
  installedHook in hookOptions ? hookOptions[installedHook] : hookOptions.vnode;
hookOptions[installedHook] = previousVnodeHook;
hookOptions.vnode = (vnode) => {
  if (vnode.type === 'form') {
    const props = vnode.props as { action?: unknown; children?: ComponentChildren };
    if (typeof props.action === 'string' && props.children !== undefined)
      props.children = h(FormScope, { action: props.action }, props.children);
  }
  previousVnodeHook?.(vnode);
};

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
const errorKeyOf = (props: FieldProps) => props.errorKey ?? props.name;

/** Notes a field of the posted form, for the error summary to name and link. */
function noteField(props: FieldProps, kept: KeptForm | undefined): void {
  if (kept === undefined) return;
  const key = errorKeyOf(props);
  kept.labels[key] ??= props.label;
  kept.ids[key] ??= fieldId(props);
}

/** The field's message: the page's own, else the refusal's. */
function fieldError(props: FieldProps, kept: KeptForm | undefined): string | undefined {
  noteField(props, kept);
  const key = errorKeyOf(props);
  return props.errors[key] ?? kept?.errors[key];
}

/** What the user typed into this field of the posted form, if it was kept. */
function keptValue(props: FieldProps, kept: KeptForm | undefined): string | undefined {
  const values = kept?.values?.[props.name];
  if (kept === undefined || values === undefined) return undefined;
  const index = kept.shown[props.name] ?? 0;
  kept.shown[props.name] = index + 1;
  return values[index];
}

function describedBy(id: string, hint: string | undefined, error: string | undefined) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function FieldFrame(
  props: FieldProps & { error: string | undefined; children: ComponentChildren },
) {
  const { error } = props;
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

/** A file input; the form around it needs enctype="multipart/form-data". A file is never kept. */
export function FileField(
  props: FieldProps & { accept?: string; multiple?: boolean },
  kept?: KeptForm,
) {
  const error = fieldError(props, kept);
  const id = fieldId(props);
  return (
    <FieldFrame {...props} error={error}>
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
FileField.contextType = PostedForm;

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
  kept?: KeptForm,
) {
  const error = fieldError(props, kept);
  const id = fieldId(props);
  // A password is never written into a page (nor kept: see kept-input.ts).
  const typed = props.type === 'password' ? undefined : keptValue(props, kept);
  // Built as a plain object: preact's input typings tie `list` to specific `type` values.
  const attributes: Record<string, unknown> = {
    class: `form-input${props.width ? ` input-width-${props.width}` : ''}`,
    id,
    name: props.name,
    type: props.type ?? 'text',
    value: typed ?? props.value ?? '',
    required: props.required,
    autoComplete: props.autocomplete,
    list: props.list,
    inputMode: props.inputMode,
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': describedBy(id, props.hint, error),
  };
  return (
    <FieldFrame {...props} error={error}>
      <input {...attributes} />
    </FieldFrame>
  );
}
TextField.contextType = PostedForm;

export function TextArea(
  props: FieldProps & {
    value: string | null | undefined;
    rows?: number;
    /** Holds rich-text HTML: the editor script turns it into a WYSIWYG field. */
    richText?: boolean;
  },
  kept?: KeptForm,
) {
  const error = fieldError(props, kept);
  const id = fieldId(props);
  return (
    <FieldFrame {...props} error={error}>
      <textarea
        class="form-input"
        id={id}
        name={props.name}
        rows={props.rows ?? 4}
        data-rich-text={props.richText ? '' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, error)}
      >
        {keptValue(props, kept) ?? props.value ?? ''}
      </textarea>
    </FieldFrame>
  );
}
TextArea.contextType = PostedForm;

export function Select(
  props: FieldProps & {
    value: string | null | undefined;
    options: ReadonlyArray<{ value: string; label: string }>;
    required?: boolean;
  },
  kept?: KeptForm,
) {
  const error = fieldError(props, kept);
  const id = fieldId(props);
  const value = keptValue(props, kept) ?? props.value ?? '';
  return (
    <FieldFrame {...props} error={error}>
      <select
        class="form-select"
        id={id}
        name={props.name}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, error)}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value} selected={option.value === value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
Select.contextType = PostedForm;

export function Checkbox(props: FieldProps & { checked: boolean }, kept?: KeptForm) {
  const id = fieldId(props);
  noteField(props, kept);
  // An unticked box is not sent: in a posted form whose input was kept, absent means unticked.
  const checked = kept?.values ? (kept.values[props.name] ?? []).includes('on') : props.checked;
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
          checked={checked}
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
Checkbox.contextType = PostedForm;

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
