import { da } from '../../../platform/i18n/da';
import type { CaseToCouncilRow } from '../repository';
import { formatIsoDate } from '../topics';

const a = da.annualPlan;

/** "Sager på vej til byrådet" as a table, on a meeting's planned topics and on /sager-paa-vej. */
export function CasesTable(props: { cases: readonly CaseToCouncilRow[]; caption: string }) {
  return (
    <table class="table table--compact">
      <caption class="sr-only">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{a.treatmentDate}</th>
          <th scope="col">{a.treatmentBody}</th>
          <th scope="col">{a.paper}</th>
          <th scope="col">{a.caseNumber}</th>
        </tr>
      </thead>
      <tbody>
        {props.cases.map((row) => (
          <tr key={row.id}>
            <td>{formatIsoDate(row.plannedDate)}</td>
            <td>{row.organizationName}</td>
            <td>
              <a href={`/sager/${row.paperId}`}>{row.paperTitle}</a>
            </td>
            <td>{row.paperCaseNumber ?? '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
