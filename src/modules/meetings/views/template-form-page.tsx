import { Select, TextField, type FieldErrors } from '../../../platform/http/form';
import { ErrorSummary, HiddenCsrf, Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import type { TemplateFormRow } from '../forms';

const t = da.templates;

export type TemplateFormValues = {
  organizationId?: string;
  name?: string;
  defaultStartTime?: string;
  defaultDurationMinutes?: string;
  defaultLocation?: string;
  rows: TemplateFormRow[];
};

/** Spare empty rows below the standing items, so items can be added without JavaScript. */
const spareRows = 3;

export function TemplateFormPage(props: {
  ctx: PageContext;
  mode: 'create' | 'edit';
  action: string;
  values: TemplateFormValues;
  errors: FieldErrors;
  organizations: Array<{ value: string; label: string }>;
}) {
  const { values, errors } = props;
  const heading = props.mode === 'create' ? t.create : t.edit;
  const rows = [
    ...values.rows,
    ...Array.from({ length: spareRows }, () => ({
      title: '',
      durationMinutes: '',
      method: '',
      placement: 'opening',
    })),
  ];
  return (
    <Layout ctx={props.ctx} title={heading}>
      <p>
        <a href="/skabeloner">{`← ${t.title}`}</a>
      </p>
      <h1>{heading}</h1>
      <ErrorSummary messages={Object.values(errors)} />
      <form method="post" action={props.action} novalidate>
        <HiddenCsrf token={props.ctx.csrfToken} />
        {props.mode === 'create' ? (
          <Select
            name="organizationId"
            label={da.meetings.organization}
            errors={errors}
            value={values.organizationId}
            options={props.organizations}
            required
          />
        ) : null}
        <TextField name="name" label={t.name} errors={errors} value={values.name} required />
        <TextField
          name="defaultStartTime"
          label={t.defaultStartTime}
          type="time"
          errors={errors}
          value={values.defaultStartTime}
          required
          width="s"
        />
        <TextField
          name="defaultDurationMinutes"
          label={t.defaultDuration}
          errors={errors}
          value={values.defaultDurationMinutes}
          inputMode="numeric"
          required
          width="xs"
        />
        <TextField
          name="defaultLocation"
          label={t.defaultLocation}
          errors={errors}
          value={values.defaultLocation}
        />
        <fieldset>
          <legend class="h3">{t.items}</legend>
          <p class="form-hint">{t.itemsHint}</p>
          <p class="form-hint">{t.placementHint}</p>
          <table class="table table--compact template-items">
            <thead>
              <tr>
                <th scope="col">{da.items.number}</th>
                <th scope="col">{da.items.title}</th>
                <th scope="col">{da.items.duration}</th>
                <th scope="col">{da.items.method}</th>
                <th scope="col">{t.placement}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <TemplateRow key={index} row={row} index={index} errors={errors} />
              ))}
            </tbody>
          </table>
        </fieldset>
        <div class="button-row">
          <button type="submit" class="button button-primary">
            {da.meetings.save}
          </button>
          <a class="button button-secondary" href="/skabeloner">
            {da.meetings.cancel}
          </a>
        </div>
      </form>
    </Layout>
  );
}

function TemplateRow(props: { row: TemplateFormRow; index: number; errors: FieldErrors }) {
  const { row, index, errors } = props;
  const number = index + 1;
  const error = (field: string) => errors[`items.${index}.${field}`];
  const cell = (
    field: 'title' | 'durationMinutes' | 'method',
    name: string,
    label: string,
    value: string,
  ) => {
    const id = `${name}-${index}`;
    const message = error(field);
    return (
      <td>
        <label class="sr-only" for={id}>
          {t.rowLabel(number, label)}
        </label>
        {message ? (
          <span class="form-error-message" id={`${id}-error`}>
            {message}
          </span>
        ) : null}
        <input
          class="form-input"
          id={id}
          name={name}
          value={value}
          inputMode={field === 'durationMinutes' ? 'numeric' : undefined}
          aria-invalid={message ? 'true' : undefined}
          aria-describedby={message ? `${id}-error` : undefined}
        />
      </td>
    );
  };
  return (
    <tr>
      <td>{`${number}.`}</td>
      {cell('title', 'itemTitle', da.items.title, row.title)}
      {cell('durationMinutes', 'itemDuration', da.items.duration, row.durationMinutes)}
      {cell('method', 'itemMethod', da.items.method, row.method)}
      <PlacementCell row={row} index={index} errors={errors} />
    </tr>
  );
}

function PlacementCell(props: { row: TemplateFormRow; index: number; errors: FieldErrors }) {
  const id = `itemPlacement-${props.index}`;
  const message = props.errors[`items.${props.index}.placement`];
  return (
    <td>
      <label class="sr-only" for={id}>
        {t.rowLabel(props.index + 1, t.placement)}
      </label>
      {message ? (
        <span class="form-error-message" id={`${id}-error`}>
          {message}
        </span>
      ) : null}
      <select
        class="form-select"
        id={id}
        name="itemPlacement"
        aria-invalid={message ? 'true' : undefined}
        aria-describedby={message ? `${id}-error` : undefined}
      >
        {(['opening', 'closing'] as const).map((placement) => (
          <option key={placement} value={placement} selected={props.row.placement === placement}>
            {t.placements[placement]}
          </option>
        ))}
      </select>
    </td>
  );
}
