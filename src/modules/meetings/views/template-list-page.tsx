import { Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import type { TemplateWithItems } from '../templates';

const t = da.templates;

export function TemplateListPage(props: {
  ctx: PageContext;
  templates: TemplateWithItems[];
  abilities: { mayManage: boolean };
}) {
  const { mayManage } = props.abilities;
  return (
    <Layout ctx={props.ctx} title={t.title}>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {mayManage ? (
        <p>
          <a class="button button-primary" href="/skabeloner/ny">
            {t.create}
          </a>
        </p>
      ) : null}
      {props.templates.length === 0 ? <p>{t.none}</p> : null}
      {props.templates.map((template) => (
        <section key={template.id}>
          <h2>{`${template.organizationName}: ${template.name}`}</h2>
          <p>
            {t.defaults(
              template.defaultStartTime.slice(0, 5).replace(':', '.'),
              template.defaultDurationMinutes,
            )}
          </p>
          <table class="table table--compact">
            <caption class="sr-only">{`${t.items}: ${template.name}`}</caption>
            <thead>
              <tr>
                <th scope="col">{da.items.number}</th>
                <th scope="col">{da.items.title}</th>
                <th scope="col">{da.items.durationShort}</th>
                <th scope="col">{da.items.method}</th>
              </tr>
            </thead>
            <tbody>
              {template.items.map((item) => (
                <tr key={item.id}>
                  <td>{`${item.position}.`}</td>
                  <td>{item.title}</td>
                  <td>{`${item.durationMinutes} min.`}</td>
                  <td>{item.method ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {mayManage ? (
            <p>
              <a
                class="button button-secondary"
                href={`/skabeloner/${template.id}/rediger`}
                aria-label={t.editLabel(template.name)}
              >
                {t.edit}
              </a>
            </p>
          ) : null}
        </section>
      ))}
    </Layout>
  );
}
