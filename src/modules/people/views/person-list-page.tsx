import { ActionBar } from '../../../platform/http/components/action-bar';
import { DataTable, type Column } from '../../../platform/http/components/data-table';
import { EmptyState } from '../../../platform/http/components/empty-state';
import { StatusTag } from '../../../platform/http/components/status-tag';
import { TextField } from '../../../platform/http/form';
import { Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import type { PersonRow } from '../../organizations/index';

const t = da.persons;

const columns: ReadonlyArray<Column<PersonRow>> = [
  {
    header: t.name,
    isRowHeader: true,
    cell: (person) => (
      <>
        <a href={`/admin/personer/${person.id}`}>{person.name}</a>
        {person.party ? ` (${person.party})` : ''}
      </>
    ),
  },
  { header: t.title, cell: (person) => person.title ?? '' },
  {
    header: t.unit,
    cell: (person) =>
      [person.unit, person.isExternal ? t.external : null].filter(Boolean).join(', '),
  },
  { header: t.email, cell: (person) => person.email ?? '', class: 'break-word' },
  {
    header: t.status,
    cell: (person) =>
      person.deactivatedAt ? (
        <StatusTag label={t.deactivated} />
      ) : (
        <StatusTag label={t.active} tone="success" />
      ),
  },
];

/** /admin/personer: the register, searchable; the secretariat and administrators. */
export function PersonListPage(props: {
  ctx: PageContext;
  persons: readonly PersonRow[];
  query: string;
  limit: number;
  canManage: boolean;
}) {
  return (
    <Layout ctx={props.ctx} title={t.listTitle}>
      <h1>{t.listTitle}</h1>
      <p>{t.intro}</p>
      {props.canManage ? (
        <ActionBar>
          <a class="button button-primary" href="/admin/personer/ny">
            {t.create}
          </a>
        </ActionBar>
      ) : null}
      <form method="get" action="/admin/personer" role="search">
        <TextField name="q" label={t.searchLabel} value={props.query} errors={{}} />
        <button type="submit" class="button button-secondary">
          {t.search}
        </button>
      </form>
      {props.persons.length === 0 ? <EmptyState message={t.none} /> : null}
      {props.persons.length === props.limit ? <p>{t.showingFirst(props.limit)}</p> : null}
      {props.persons.length > 0 ? (
        <DataTable
          caption={t.listTitle}
          columns={columns}
          rows={props.persons}
          rowKey={(person) => person.id}
          isCompact
        />
      ) : null}
    </Layout>
  );
}
