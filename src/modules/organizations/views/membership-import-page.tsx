import { DataTable, type Column } from '../../../platform/http/components/data-table';
import { Checkbox, FileField, type FieldErrors } from '../../../platform/http/form';
import { ErrorSummary, HiddenCsrf, Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import type { ImportPlan, PlannedRow } from '../membership-import';
import type { OrganizationRow } from '../repository';
import { membersHref } from './organization-list-page';

const t = da.memberships.import;

export type ImportFormValues = { dryRun: boolean; endMissing: boolean };

const personText = (person: PlannedRow['person']) =>
  person.kind === 'new'
    ? t.personNew
    : person.kind === 'matched'
      ? person.by === 'email'
        ? t.personByEmail
        : t.personByName
      : '';

const planColumns: ReadonlyArray<Column<PlannedRow>> = [
  { header: t.line, cell: (row) => row.line },
  {
    header: t.personColumn,
    cell: (row) => (
      <>
        {row.name}
        {row.email ? <span class="member-period">{row.email}</span> : null}
        <span class="member-period">
          {[
            personText(row.person),
            row.role ? da.membershipRoles[row.role] : '',
            `${row.startDate ?? '…'} – ${row.endDate ?? ''}`,
          ]
            .filter((part) => part !== '')
            .join(', ')}
        </span>
      </>
    ),
  },
  {
    header: t.action,
    cell: (row) =>
      row.errors.length > 0 ? (
        <ul class="import-errors">
          {row.errors.map((message, index) => (
            <li key={index}>
              <strong>{t.errors}:</strong> {message}
            </li>
          ))}
        </ul>
      ) : row.action ? (
        t.actions[row.action]
      ) : (
        ''
      ),
  },
];

function PlanSummary(props: { plan: ImportPlan }) {
  const { plan } = props;
  const alert = plan.errorCount > 0 ? 'alert-error' : plan.dryRun ? 'alert-info' : 'alert-success';
  return (
    <section aria-labelledby="import-plan">
      <div class={`alert ${alert}`} role="status">
        <div class="alert-body">
          <p class="alert-heading" id="import-plan">
            {plan.errorCount > 0 ? t.hasErrors : plan.dryRun ? t.dryRunResult : t.done}
          </p>
          <p class="alert-text">
            {t.counts(
              plan.newPersons,
              plan.matchedPersons,
              plan.newMemberships,
              plan.endedMemberships.length,
            )}
          </p>
        </div>
      </div>
      <DataTable
        caption={t.file}
        columns={planColumns}
        rows={plan.rows}
        rowKey={(row) => String(row.line)}
        isCompact
      />
      {plan.endedMemberships.length > 0 ? (
        <>
          <h2>{t.endedTitle}</h2>
          <ul>
            {plan.endedMemberships.map((ended) => (
              <li key={ended.membershipId}>
                {`${ended.personName}, ${da.membershipRoles[ended.role]}: ${ended.endDate}`}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** /organisationer/:id/medlemmer/import: upload a committee list, see the plan, then apply. */
export function MembershipImportPage(props: {
  ctx: PageContext;
  organization: OrganizationRow;
  values: ImportFormValues;
  errors: FieldErrors;
  plan?: ImportPlan;
  maxKb: number;
}) {
  const base = membersHref(props.organization.id);
  const title = t.title(props.organization.name);
  return (
    <Layout ctx={props.ctx} title={title}>
      <h1>{title}</h1>
      <p>{t.intro}</p>
      <p>
        <a href={base}>{da.memberships.title(props.organization.name)}</a>
      </p>
      {props.plan ? <PlanSummary plan={props.plan} /> : null}
      <form method="post" action={`${base}/import`} enctype="multipart/form-data">
        <ErrorSummary messages={Object.values(props.errors)} />
        <HiddenCsrf token={props.ctx.csrfToken} />
        <FileField
          name="file"
          label={t.file}
          hint={t.fileHint(props.maxKb)}
          errors={props.errors}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        />
        <Checkbox
          name="endMissing"
          label={t.endMissing}
          hint={t.endMissingHint}
          errors={props.errors}
          checked={props.values.endMissing}
        />
        <Checkbox
          name="dryRun"
          label={t.dryRun}
          errors={props.errors}
          checked={props.values.dryRun}
        />
        <button type="submit" class="button button-primary">
          {t.submit}
        </button>
      </form>
    </Layout>
  );
}
