import { Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import { formatDayLong } from '../../../platform/i18n/format';
import type { PaperSummaryRow } from '../rows';

const t = da.papers;

export function PaperListPage(props: {
  ctx: PageContext;
  papers: PaperSummaryRow[];
  abilities: { mayWrite: boolean; mayReadTemplates: boolean };
}) {
  const { mayWrite, mayReadTemplates } = props.abilities;
  return (
    <Layout ctx={props.ctx} title={t.listTitle}>
      <h1>{t.listTitle}</h1>
      <p class="button-row">
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
      </p>
      {props.papers.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <table class="table table--compact">
          <caption class="sr-only">{t.listTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{t.title}</th>
              <th scope="col">{t.kind}</th>
              <th scope="col">{t.organization}</th>
              <th scope="col">{t.paperDate}</th>
              <th scope="col">{t.caseNumber}</th>
              <th scope="col">{t.status}</th>
            </tr>
          </thead>
          <tbody>
            {props.papers.map((paper) => (
              <tr key={paper.id}>
                <td>
                  <a href={`/sager/${paper.id}`}>{paper.title}</a>
                </td>
                <td>{t.kinds[paper.kind]}</td>
                <td>{paper.organizationName}</td>
                <td>{formatDayLong(paper.paperDate)}</td>
                <td>{paper.caseNumber ?? ''}</td>
                <td>{t.statuses[paper.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
