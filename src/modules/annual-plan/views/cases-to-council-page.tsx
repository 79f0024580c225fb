import { EmptyState } from '../../../platform/http/components/empty-state';
import { TextField } from '../../../platform/http/form';
import { Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import type { CaseToCouncilRow } from '../repository';
import { formatIsoDate } from '../topics';
import { CasesTable } from './cases-table';

const a = da.annualPlan;

/** "Sager på vej til byrådet" from a date. */
export function CasesToCouncilPage(props: {
  ctx: PageContext;
  from: string;
  cases: readonly CaseToCouncilRow[];
}) {
  const { ctx, from, cases } = props;
  return (
    <Layout ctx={ctx} title={a.casesToCouncilTitle}>
      <h1>{a.casesToCouncilTitle}</h1>
      <form method="get" action="/sager-paa-vej" class="no-print">
        <TextField name="fra" label={a.casesFrom} errors={{}} value={from} type="date" />
        <button type="submit" class="button button-secondary">
          {a.show}
        </button>
      </form>
      <p>{a.casesToCouncilIntro(formatIsoDate(from))}</p>
      {cases.length === 0 ? (
        <EmptyState message={a.noCases} />
      ) : (
        <CasesTable cases={cases} caption={a.casesToCouncilTitle} />
      )}
    </Layout>
  );
}
