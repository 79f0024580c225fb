import { ConfirmButton } from '../../../platform/http/components/confirm-button';
import { Select, summaryMessages, TextField, type FieldErrors } from '../../../platform/http/form';
import { ErrorSummary, HiddenCsrf, Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import type { TemplateWithItems } from '../templates';
import { LocationField, OrganizationAndTemplateFields } from './meeting-fields';

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

/** New meeting (with organization and template) or edit of an existing one. */
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
      scripts={props.mode === 'create' ? ['/static/app/meeting-form.js'] : []}
    >
      <h1>{heading}</h1>
      <ErrorSummary messages={summaryMessages(errors, meetingFieldLabels)} />
      <form method="post" action={props.action} novalidate>
        <HiddenCsrf token={props.ctx.csrfToken} />
        {props.mode === 'create' ? (
          <OrganizationAndTemplateFields
            values={values}
            errors={errors}
            organizations={props.organizations}
            templates={props.templates}
          />
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
        <LocationField value={values.location} errors={errors} locations={props.locations} />
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
        <ConfirmButton
          action={props.deleteAction}
          csrfToken={props.ctx.csrfToken}
          label={t.delete}
          question={t.deleteConfirm}
          confirmLabel={da.confirmButtons.deleteMeeting}
          isDanger
        />
      ) : null}
    </Layout>
  );
}
