import { ActionBar } from '../../../platform/http/components/action-bar';
import { DataTable, type Column } from '../../../platform/http/components/data-table';
import { EmptyState } from '../../../platform/http/components/empty-state';
import { Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import { formatDayLong } from '../../../platform/i18n/format';
import type { PaperSummaryRow } from '../rows';
import { paperStatusTag } from './paper-status-tag';

const t = da.papers;

const columns: ReadonlyArray<Column<PaperSummaryRow>> = [
  {
    header: t.title,
    isRowHeader: true,
    cell: (paper) => <a href={`/sager/${paper.id}`}>{paper.title}</a>,
  },
  { header: t.kind, cell: (paper) => t.kinds[paper.kind] },
  { header: t.organization, cell: (paper) => paper.organizationName },
  { header: t.paperDate, cell: (paper) => formatDayLong(paper.paperDate) },
  { header: t.caseNumber, cell: (paper) => paper.caseNumber ?? '' },
  { header: t.status, cell: (paper) => paperStatusTag(paper.status) },
];

export function PaperListPage(props: {
  ctx: PageContext;
  papers: PaperSummaryRow[];
  abilities: { mayWrite: boolean; mayReadTemplates: boolean };
}) {
  const { mayWrite, mayReadTemplates } = props.abilities;
  return (
    <Layout ctx={props.ctx} title={t.listTitle}>
      <h1>{t.listTitle}</h1>
      <ActionBar>
        {mayWrite ? (
          <a class="button button-primary" href="/sager/ny">
            {t.create}
          </a>
        ) : null}
        {mayReadTemplates ? (
          <a class="button button-secondary" href="/sager/skabeloner">
            {t.templatesTitle}
          </a>
        ) : null}
      </ActionBar>
      {props.papers.length === 0 ? (
        <EmptyState message={t.none} />
      ) : (
        <DataTable
          caption={t.listTitle}
          columns={columns}
          rows={props.papers}
          rowKey={(paper) => paper.id}
          isCompact
        />
      )}
    </Layout>
  );
}
