import { Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import type { OrganizationRow } from '../repository';

const t = da.memberships;

export const membersHref = (organizationId: string) =>
  `/organisationer/${organizationId}/medlemmer`;

/** /organisationer: every organization the actor sees, each with a link to its members. */
export function OrganizationListPage(props: {
  ctx: PageContext;
  organizations: OrganizationRow[];
}) {
  return (
    <Layout ctx={props.ctx} title={t.organizationsTitle}>
      <h1>{t.organizationsTitle}</h1>
      <p>{t.organizationsIntro}</p>
      <table class="table table--compact">
        <caption class="sr-only">{t.organizationsTitle}</caption>
        <thead>
          <tr>
            <th scope="col">{t.organization}</th>
            <th scope="col">{t.classification}</th>
          </tr>
        </thead>
        <tbody>
          {props.organizations.map((organization) => (
            <tr key={organization.id}>
              <td>
                <a href={membersHref(organization.id)}>{organization.name}</a>
              </td>
              <td>{da.organizationClassifications[organization.classification]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
