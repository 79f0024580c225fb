import { Layout, type PageContext } from '../../platform/http/layout';
import { da } from '../../platform/i18n/da';

const t = da.auth.apiHelp;

/** The API explained in Danish: how a program signs in, and where the (English) docs are. */
export function ApiHelpPage(props: { ctx: PageContext }) {
  return (
    <Layout ctx={props.ctx} title={t.title}>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <h2>{t.tokensHeading}</h2>
      <p>{t.tokensText}</p>
      <p>
        <a href="/konto/tokens">{t.tokensLink}</a>
      </p>
      <h2>{t.docsHeading}</h2>
      <p>{t.docsText}</p>
      <ul>
        <li>
          <a href="/api/v1/docs">{t.docsLink}</a>
        </li>
        <li>
          <a href="/api/v1/openapi.json">{t.specLink}</a>
        </li>
      </ul>
      <h2>{t.oparlHeading}</h2>
      <p>{t.oparlText}</p>
      <p>
        <a href="/oparl/v1.1/system">{t.oparlLink}</a>
      </p>
    </Layout>
  );
}
