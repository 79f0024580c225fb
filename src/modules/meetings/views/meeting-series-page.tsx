import { Select, summaryMessages, TextField, type FieldErrors } from '../../../platform/http/form';
import { ErrorSummary, HiddenCsrf, Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import { formatTime, formatWeekdayDate } from '../../../platform/i18n/format';
import type { SeriesPreview } from '../meeting-series';
import type { TemplateWithItems } from '../templates';
import { LocationField, OrganizationAndTemplateFields } from './meeting-fields';

const t = da.meetingSeries;
const tm = da.meetings;

export type MeetingSeriesFormValues = {
  organizationId?: string;
  templateId?: string;
  title?: string;
  firstDate?: string;
  lastDate?: string;
  everyWeeks?: string;
  startTime?: string;
  durationMinutes?: string;
  location?: string;
  /** The dates ticked in the preview. */
  dates?: string[];
};

const fieldLabels: Record<string, string> = {
  organizationId: tm.organization,
  templateId: tm.template,
  title: tm.title,
  firstDate: t.firstDate,
  lastDate: t.lastDate,
  everyWeeks: t.everyWeeks,
  startTime: tm.start,
  durationMinutes: t.duration,
  location: tm.location,
  dates: t.previewHeading,
};

/**
 * Mødeplan: the rule (template, first and last date, how often, time, length, place), then
 * "Vis datoer" lists the dates with a tick each, and "Opret N møder" creates the ticked ones.
 */
export function MeetingSeriesPage(props: {
  ctx: PageContext;
  values: MeetingSeriesFormValues;
  errors: FieldErrors;
  organizations: Array<{ value: string; label: string }>;
  templates: TemplateWithItems[];
  locations: string[];
  preview?: SeriesPreview;
}) {
  const { values, errors, preview } = props;
  const ticked = new Set(values.dates ?? preview?.chosen.map((date) => date.date) ?? []);
  return (
    <Layout ctx={props.ctx} title={t.title} scripts={['/static/app/meeting-form.js']}>
      <p>
        <a href="/moeder">{`← ${tm.listTitle}`}</a>
      </p>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <ErrorSummary messages={summaryMessages(errors, fieldLabels)} />
      <form method="post" action="/moeder/moedeplan" novalidate>
        <HiddenCsrf token={props.ctx.csrfToken} />
        <OrganizationAndTemplateFields
          values={values}
          errors={errors}
          organizations={props.organizations}
          templates={props.templates}
        />
        <TextField name="title" label={tm.title} errors={errors} value={values.title} required />
        <TextField
          name="firstDate"
          label={t.firstDate}
          hint={t.firstDateHint}
          type="date"
          errors={errors}
          value={values.firstDate}
          required
          width="m"
        />
        <TextField
          name="lastDate"
          label={t.lastDate}
          type="date"
          errors={errors}
          value={values.lastDate}
          required
          width="m"
        />
        <Select
          name="everyWeeks"
          label={t.everyWeeks}
          errors={errors}
          value={values.everyWeeks ?? '2'}
          options={[1, 2, 3, 4].map((weeks) => ({
            value: String(weeks),
            label: t.everyWeeksOptions(weeks),
          }))}
        />
        <TextField
          name="startTime"
          label={tm.start}
          type="time"
          errors={errors}
          value={values.startTime}
          required
          width="s"
        />
        <TextField
          name="durationMinutes"
          label={t.duration}
          errors={errors}
          value={values.durationMinutes}
          inputMode="numeric"
          required
          width="xs"
        />
        <LocationField value={values.location} errors={errors} locations={props.locations} />
        <div class="button-row">
          <button
            type="submit"
            name="handling"
            value="vis"
            class={preview ? 'button button-secondary' : 'button button-primary'}
          >
            {t.preview}
          </button>
          <a class="button button-secondary" href="/moeder">
            {tm.cancel}
          </a>
        </div>
        {preview ? (
          <>
            <fieldset class="form-group">
              <legend class="h2">{t.previewHeading}</legend>
              <span class="form-hint">{t.previewHint}</span>
              {preview.dates.map((date) => (
                <div key={date.date} class="form-group-checkbox">
                  <input
                    class="form-checkbox"
                    type="checkbox"
                    id={`date-${date.date}`}
                    name="dates"
                    value={date.date}
                    checked={ticked.has(date.date)}
                  />
                  <label for={`date-${date.date}`}>
                    {`${formatWeekdayDate(date.start)} kl. ${formatTime(date.start)}–${formatTime(date.end)}`}
                  </label>
                </div>
              ))}
            </fieldset>
            {preview.skipped.length > 0 ? (
              <>
                <h2 class="h3">{t.skippedHeading}</h2>
                <ul>
                  {preview.skipped.map((day) => (
                    <li key={day.date}>
                      {t.skipped(
                        formatWeekdayDate(new Date(`${day.date}T12:00:00Z`)),
                        t.reasons[day.reason],
                      )}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <div class="button-row">
              <button type="submit" name="handling" value="opret" class="button button-primary">
                {t.create}
              </button>
            </div>
          </>
        ) : null}
      </form>
    </Layout>
  );
}
