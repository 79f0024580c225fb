import { DataTable, type Column } from '../../../platform/http/components/data-table';
import { Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import type { OrganizationRow } from '../repository';

const t = da.memberships;

export const membersHref = (organizationId: string) =>
  `/organisationer/${organizationId}/medlemmer`;

const columns: ReadonlyArray<Column<OrganizationRow>> = [
  {
    header: t.organization,
    cell: (organization) => <a href={membersHref(organization.id)}>{organization.name}</a>,
  },
  {
    header: t.classification,
    cell: (organization) => da.organizationClassifications[organization.classification],
  },
];

/** /organisationer: every organization the actor sees, each with a link to its members. */
export function OrganizationListPage(props: {
  ctx: PageContext;
  organizations: OrganizationRow[];
}) {
  return (
    <Layout ctx={props.ctx} title={t.organizationsTitle}>
      <h1>{t.organizationsTitle}</h1>
      <p>{t.organizationsIntro}</p>
      <DataTable
        caption={t.organizationsTitle}
        columns={columns}
        rows={props.organizations}
        rowKey={(organization) => organization.id}
        isCompact
      />
    </Layout>
  );
}
