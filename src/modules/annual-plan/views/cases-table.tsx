import { DataTable, type Column } from '../../../platform/http/components/data-table';
import { da } from '../../../platform/i18n/da';
import type { CaseToCouncilRow } from '../repository';
import { formatIsoDate } from '../topics';

const a = da.annualPlan;

const columns: ReadonlyArray<Column<CaseToCouncilRow>> = [
  { header: a.treatmentDate, cell: (row) => formatIsoDate(row.plannedDate) },
  { header: a.treatmentBody, cell: (row) => row.organizationName },
  { header: a.paper, cell: (row) => <a href={`/sager/${row.paperId}`}>{row.paperTitle}</a> },
  { header: a.caseNumber, cell: (row) => row.paperCaseNumber ?? '–' },
];

/** "Sager på vej til byrådet" as a table, on a meeting's planned topics and on /sager-paa-vej. */
export function CasesTable(props: { cases: readonly CaseToCouncilRow[]; caption: string }) {
  return (
    <DataTable
      caption={props.caption}
      columns={columns}
      rows={props.cases}
      rowKey={(row) => row.id}
      isCompact
    />
  );
}
