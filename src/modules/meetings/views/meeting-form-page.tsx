import { Select, summaryMessages, TextField, type FieldErrors } from '../../../platform/http/form';
import { ErrorSummary, HiddenCsrf, Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import type { TemplateWithItems } from '../templates';

const t = da.meetings;

type Option = { value: string; label: string };

export type MeetingFormValues = {
  organizationId?: string;
  templateId?: string;
  title?: string;
  date?: string;
  startTime?: string;
  endTime?: string;
  location?: string;
  caseNumber?: string;
  secretariatContactId?: string;
};

/** What the error summary calls each field. */
const meetingFieldLabels: Record<string, string> = {
  organizationId: t.organization,
  templateId: t.template,
  title: t.title,
  date: t.date,
  startTime: t.start,
  endTime: t.end,
  location: t.location,
  caseNumber: t.caseNumber,
  secretariatContactId: t.secretariatContact,
};

/**
 * New meeting (with organization and template) or edit of an existing one. "Brug skabelon"
 * posts the form back filled from the chosen template (meeting-form.js does it on change).
 * With several organizations to choose from, none is chosen for the user.
 */
export function MeetingFormPage(props: {
  ctx: PageContext;
  mode: 'create' | 'edit';
  action: string;
  cancelHref: string;
  values: MeetingFormValues;
  errors: FieldErrors;
  organizations: Option[];
  templates: TemplateWithItems[];
  persons: Option[];
  locations: string[];
  deleteAction?: string;
}) {
  const { values, errors } = props;
  const heading = props.mode === 'create' ? da.layout.newMeeting : t.edit;
  return (
    <Layout
      ctx={props.ctx}
      title={heading}
      scripts={
        props.deleteAction
          ? ['/static/app/agenda.js']
          : props.mode === 'create'
            ? ['/static/app/meeting-form.js']
            : []
      }
    >
      <h1>{heading}</h1>
      <ErrorSummary messages={summaryMessages(errors, meetingFieldLabels)} />
      <form method="post" action={props.action} novalidate>
        <HiddenCsrf token={props.ctx.csrfToken} />
        {props.mode === 'create' ? (
          <>
            <Select
              name="organizationId"
              label={t.organization}
              errors={errors}
              value={
                props.organizations.length === 1
                  ? props.organizations[0]!.value
                  : values.organizationId
              }
              options={
                props.organizations.length === 1
                  ? props.organizations
                  : [{ value: '', label: t.chooseOrganization }, ...props.organizations]
              }
              required
            />
            <Select
              name="templateId"
              label={t.template}
              hint={t.templateHint}
              errors={errors}
              value={values.templateId}
              options={[
                { value: '', label: t.noTemplate },
                ...props.templates.map((template) => ({
                  value: template.id,
                  label: `${template.organizationName}: ${template.name} (${template.items.length} stående punkter)`,
                })),
              ]}
            />
            <div class="form-group">
              <button
                type="submit"
                name="handling"
                value="skabelon"
                class="button button-secondary"
                data-apply-template=""
              >
                {t.useTemplate}
              </button>
            </div>
          </>
        ) : null}
        <TextField name="title" label={t.title} errors={errors} value={values.title} required />
        <TextField
          name="date"
          label={t.date}
          type="date"
          errors={errors}
          value={values.date}
          required
          width="m"
        />
        <TextField
          name="startTime"
          label={t.start}
          type="time"
          errors={errors}
          value={values.startTime}
          required
          width="s"
        />
        <TextField
          name="endTime"
          label={t.end}
          type="time"
          errors={errors}
          value={values.endTime}
          required
          width="s"
        />
        <TextField
          name="location"
          label={t.location}
          errors={errors}
          value={values.location}
          list="locations"
        />
        <datalist id="locations">
          {props.locations.map((location) => (
            <option key={location} value={location} />
          ))}
        </datalist>
        <TextField
          name="caseNumber"
          label={t.caseNumber}
          errors={errors}
          value={values.caseNumber}
          width="l"
        />
        <Select
          name="secretariatContactId"
          label={t.secretariatContact}
          errors={errors}
          value={values.secretariatContactId}
          options={[{ value: '', label: '–' }, ...props.persons]}
        />
        <div class="button-row">
          <button type="submit" class="button button-primary">
            {props.mode === 'create' ? t.create : t.save}
          </button>
          <a class="button button-secondary" href={props.cancelHref}>
            {t.cancel}
          </a>
        </div>
      </form>
      {props.deleteAction ? (
        <form
          method="post"
          action={props.deleteAction}
          class="button-row"
          data-confirm={t.deleteConfirm}
        >
          <HiddenCsrf token={props.ctx.csrfToken} />
          <button type="submit" class="button button-secondary">
            {t.delete}
          </button>
        </form>
      ) : null}
    </Layout>
  );
}
