import { ConfirmButton } from '../../../platform/http/components/confirm-button';
import { DataTable } from '../../../platform/http/components/data-table';
import { EmptyState } from '../../../platform/http/components/empty-state';
import { Select, TextField, type FieldErrors } from '../../../platform/http/form';
import { ErrorSummary, HiddenCsrf, Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import type { TreatmentView } from '../repository';
import { type PaperTreatments } from '../treatments';
import { formatIsoDate } from '../topics';

const a = da.annualPlan;
type Option = { value: string; label: string };

export type TreatmentFormValues = {
  organizationId?: string;
  plannedDate?: string;
  meetingId?: string;
  note?: string;
};

/** A paper's planned treatments, with a form to plan another for those who may. */
export function TreatmentsPage(props: {
  ctx: PageContext;
  result: PaperTreatments;
  mayPlan: boolean;
  organizations: Option[];
  /** Planned meetings from the paper's date on, to plan a treatment by meeting. */
  meetings: Option[];
  values: TreatmentFormValues;
  errors: FieldErrors;
}) {
  const { ctx, result, mayPlan, values, errors } = props;
  const { paper, treatments } = result;
  const heading = a.treatmentsHeading(paper.title);
  return (
    <Layout ctx={ctx} title={heading}>
      <h1>{heading}</h1>
      <p>
        <a href={`/sager/${paper.id}`}>{a.backToPaper}</a>
      </p>
      <p>{a.treatmentsIntro}</p>
      {treatments.length === 0 ? <EmptyState message={a.noTreatments} /> : null}
      {treatments.length > 0 ? (
        <DataTable
          caption={a.treatmentsTitle}
          columns={[
            { header: a.treatmentDate, cell: (treatment) => formatIsoDate(treatment.plannedDate) },
            {
              header: a.treatmentBody,
              cell: (treatment) =>
                `${treatment.organizationName} (${da.organizationClassifications[treatment.organizationClassification]})`,
            },
            { header: a.treatmentNote, cell: (treatment) => treatment.note ?? '' },
            ...(mayPlan
              ? [
                  {
                    header: da.items.actions,
                    cell: (treatment: TreatmentView) => (
                      <ConfirmButton
                        action={`/sager/${paper.id}/behandlinger/${treatment.id}/slet`}
                        csrfToken={ctx.csrfToken}
                        label={a.delete}
                        accessibleLabel={a.deleteTreatmentLabel(
                          treatment.organizationName,
                          formatIsoDate(treatment.plannedDate),
                        )}
                        question={a.deleteTreatmentConfirm}
                        confirmLabel={da.confirmButtons.deleteTreatment}
                        isDanger
                      />
                    ),
                  },
                ]
              : []),
          ]}
          rows={treatments}
          rowKey={(treatment) => treatment.id}
          isCompact
        />
      ) : null}
      {mayPlan ? (
        <section aria-labelledby="ny-behandling">
          <h2 id="ny-behandling">{a.addTreatment}</h2>
          <ErrorSummary messages={Object.values(errors)} />
          <form method="post" action={`/sager/${paper.id}/behandlinger`} novalidate>
            <HiddenCsrf token={ctx.csrfToken} />
            <Select
              name="organizationId"
              label={a.treatmentBody}
              errors={errors}
              value={values.organizationId}
              options={[{ value: '', label: a.chooseBody }, ...props.organizations]}
            />
            <TextField
              name="plannedDate"
              label={a.treatmentDate}
              errors={errors}
              value={values.plannedDate}
              type="date"
            />
            {props.meetings.length > 0 ? (
              <Select
                name="meetingId"
                label={a.treatmentMeeting}
                hint={a.treatmentMeetingHint}
                errors={errors}
                value={values.meetingId}
                options={[{ value: '', label: a.noMeeting }, ...props.meetings]}
              />
            ) : null}
            <TextField name="note" label={a.treatmentNote} errors={errors} value={values.note} />
            <button type="submit" class="button button-primary">
              {a.addTreatment}
            </button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}
