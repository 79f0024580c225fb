import { EmptyState } from '../../../platform/http/components/empty-state';
import type { MeetingAbilities } from '../../meetings/index';
import type { FieldErrors } from '../../../platform/http/form';
import { ErrorSummary, HiddenCsrf, Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import type { CaseToCouncilRow } from '../repository';
import { formatIsoDate, type MeetingTopics } from '../topics';
import { CasesTable } from './cases-table';
import { monthName, yearPlanHref } from './shared';

const a = da.annualPlan;

/** A meeting's planned topics for its month, and the cases on their way to the council. */
export function MeetingTopicsPage(props: {
  ctx: PageContext;
  result: MeetingTopics;
  cases: readonly CaseToCouncilRow[];
  casesItem: { id: string; title: string } | undefined;
  errors: FieldErrors;
  abilities: MeetingAbilities;
}) {
  const { ctx, result, cases, casesItem } = props;
  const { meeting } = result.detail;
  const base = `/moeder/${meeting.id}`;
  const mayWrite = props.abilities.mayEditAgenda;
  const heading = a.plannedTopicsHeading(`${monthName(result.month)} ${result.year}`);
  return (
    <Layout ctx={ctx} title={heading}>
      <h1>{heading}</h1>
      <p>
        <a href={base}>{`${a.backToMeeting}: ${meeting.title}`}</a>
      </p>
      <ErrorSummary messages={Object.values(props.errors)} />
      <p>{a.plannedTopicsIntro(meeting.organizationName)}</p>
      {result.topics.length === 0 ? <EmptyState message={a.noPlannedTopics} /> : null}
      {result.topics.length > 0 ? (
        <ul>
          {result.topics.map((topic) => (
            <li key={topic.id}>
              <strong>{topic.title}</strong>
              {topic.responsible ? ` (${topic.responsible})` : null}
              {mayWrite ? (
                <form method="post" action={`${base}/planlagte-emner/${topic.id}`}>
                  <HiddenCsrf token={ctx.csrfToken} />
                  <button
                    type="submit"
                    class="button button-secondary"
                    aria-label={a.addToAgendaLabel(topic.title)}
                  >
                    {a.addToAgenda}
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        <a href={yearPlanHref(meeting.organizationId, result.year)}>{a.title}</a>
      </p>
      <h2>{a.casesToCouncilTitle}</h2>
      <p>{a.casesToCouncilIntro(formatIsoDate(result.meetingDate))}</p>
      {cases.length === 0 ? (
        <EmptyState message={a.noCases} />
      ) : (
        <CasesTable cases={cases} caption={a.casesToCouncilTitle} />
      )}
      {mayWrite && casesItem ? (
        <form method="post" action={`${base}/sager-paa-vej`}>
          <HiddenCsrf token={ctx.csrfToken} />
          <p class="form-hint">{a.fillHint}</p>
          <button type="submit" class="button button-primary">
            {a.fillStandingItem(casesItem.title)}
          </button>
        </form>
      ) : null}
    </Layout>
  );
}
