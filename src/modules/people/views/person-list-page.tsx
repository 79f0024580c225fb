import { TextField } from '../../../platform/http/form';
import { Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import type { PersonRow } from '../../organizations/index';

const t = da.persons;

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
        <p>
          <a class="button button-primary" href="/admin/personer/ny">
            {t.create}
          </a>
        </p>
      ) : null}
      <form method="get" action="/admin/personer" role="search">
        <TextField name="q" label={t.searchLabel} value={props.query} errors={{}} />
        <button type="submit" class="button button-secondary">
          {t.search}
        </button>
      </form>
      {props.persons.length === 0 ? <p>{t.none}</p> : null}
      {props.persons.length === props.limit ? <p>{t.showingFirst(props.limit)}</p> : null}
      {props.persons.length > 0 ? (
        <table class="table table--compact table--responsive-headers">
          <caption class="sr-only">{t.listTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{t.name}</th>
              <th scope="col">{t.title}</th>
              <th scope="col">{t.unit}</th>
              <th scope="col">{t.email}</th>
              <th scope="col">{t.status}</th>
            </tr>
          </thead>
          <tbody>
            {props.persons.map((person) => (
              <tr key={person.id}>
                <th scope="row" data-title={t.name}>
                  <a href={`/admin/personer/${person.id}`}>{person.name}</a>
                  {person.party ? ` (${person.party})` : ''}
                </th>
                <td data-title={t.title}>{person.title ?? ''}</td>
                <td data-title={t.unit}>
                  {[person.unit, person.isExternal ? t.external : null].filter(Boolean).join(', ')}
                </td>
                <td data-title={t.email} class="break-word">
                  {person.email ?? ''}
                </td>
                <td data-title={t.status}>{person.deactivatedAt ? t.deactivated : t.active}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Layout>
  );
}
