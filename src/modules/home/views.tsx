import type { ComponentChildren } from 'preact';
import { Layout, type PageContext } from '../../platform/http/layout';
import { da } from '../../platform/i18n/da';
import { formatDateLong, formatDayLong, formatTime } from '../../platform/i18n/format';
import type { StartPage } from './start-page';

const t = da.home;

const when = (date: Date) => `${formatDateLong(date)} kl. ${formatTime(date)}`;

function Section(props: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={props.id} class="start-section">
      <h2 id={props.id}>{props.title}</h2>
      {props.children}
    </section>
  );
}

function Meetings(props: { meetings: StartPage['nextMeetings']; empty: string }) {
  if (props.meetings.length === 0) return <p>{props.empty}</p>;
  return (
    <ul>
      {props.meetings.map((meeting) => (
        <li key={meeting.id}>
          <a href={`/moeder/${meeting.id}`}>{meeting.title}</a>, {meeting.organizationName},{' '}
          {when(meeting.startsAt)} ({da.meetingStatuses[meeting.status]})
        </li>
      ))}
    </ul>
  );
}

/** The start page: what the signed-in user's role has to do and what changed in their meetings. */
export function StartPageView(props: { ctx: PageContext; page: StartPage; name: string }) {
  const { page } = props;
  const secretariat = page.secretariat;
  return (
    <Layout ctx={props.ctx} title={t.title}>
      <h1>{t.greeting(props.name)}</h1>
      <Section id="start-next" title={t.nextMeetings}>
        <Meetings meetings={page.nextMeetings} empty={t.noNextMeetings} />
        <p>
          <a href="/moeder">{t.allMeetings}</a>
        </p>
      </Section>
      <Section id="start-changes" title={t.changes}>
        <p>{page.since ? t.changesSince(when(page.since)) : t.changesFirstVisit}</p>
        {page.changes.length === 0 ? (
          <p>{t.noChanges}</p>
        ) : (
          <ul>
            {page.changes.map((change) => (
              <li key={`${change.meeting.id}-${change.kind}-${change.at.getTime()}`}>
                {t.changeKinds[change.kind]}:{' '}
                <a href={`/moeder/${change.meeting.id}`}>{change.meeting.title}</a>,{' '}
                {change.meeting.organizationName}, {formatDateLong(change.meeting.startsAt)} (
                {when(change.at)}){change.note ? ` – ${change.note}` : null}
              </li>
            ))}
          </ul>
        )}
      </Section>
      {secretariat ? (
        <>
          <Section id="start-submissions" title={t.waitingSubmissions}>
            {secretariat.waitingSubmissions.length === 0 ? (
              <p>{t.noWaitingSubmissions}</p>
            ) : (
              <ul>
                {secretariat.waitingSubmissions.map((submission) => (
                  <li key={submission.submissionId}>
                    <a href={`/moeder/${submission.meeting.id}/indsendelser`}>
                      {submission.paperTitle}
                    </a>{' '}
                    – {submission.meeting.title}, {formatDateLong(submission.meeting.startsAt)}
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section id="start-packages" title={t.packageProblems}>
            {secretariat.packageProblems.length === 0 ? (
              <p>{t.noPackageProblems}</p>
            ) : (
              <ul>
                {secretariat.packageProblems.map(({ meeting, kind }) => (
                  <li key={meeting.id}>
                    <a href={`/moeder/${meeting.id}/pakke`}>{meeting.title}</a>,{' '}
                    {meeting.organizationName}, {formatDateLong(meeting.startsAt)} (
                    {t.packageProblemKinds[kind]})
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section id="start-minutes" title={t.minutesToRelease}>
            {secretariat.minutesToRelease.length === 0 ? (
              <p>{t.noMinutesToRelease}</p>
            ) : (
              <ul>
                {secretariat.minutesToRelease.map((meeting) => (
                  <li key={meeting.id}>
                    <a href={`/moeder/${meeting.id}/referat`}>{meeting.title}</a>,{' '}
                    {meeting.organizationName}, {formatDateLong(meeting.startsAt)}
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </>
      ) : null}
      {page.myPapers ? (
        <Section id="start-papers" title={t.myPapers}>
          {page.myPapers.length === 0 ? (
            <p>{t.noMyPapers}</p>
          ) : (
            <ul>
              {page.myPapers.map((paper) => (
                <li key={paper.id}>
                  <a href={`/sager/${paper.id}`}>{paper.title}</a>, {paper.organizationName} (
                  {da.papers.statuses[paper.status]})
                </li>
              ))}
            </ul>
          )}
          <p>
            <a href="/sager/ny">{t.newPaper}</a>
          </p>
        </Section>
      ) : null}
      <Section id="start-follow-ups" title={t.followUps}>
        {page.followUps.length === 0 ? (
          <p>{t.noFollowUps}</p>
        ) : (
          <ul>
            {page.followUps.map((followUp) => (
              <li key={followUp.id}>
                {followUp.text} –{' '}
                <a href={`/moeder/${followUp.meetingId}`}>{followUp.meetingTitle}</a> (
                {t.dueDate(formatDayLong(followUp.dueDate))},{' '}
                {da.minutes.followUps.statuses[followUp.state]})
              </li>
            ))}
          </ul>
        )}
        <p>
          <a href="/opfoelgninger">{t.allFollowUps}</a>
        </p>
      </Section>
      <p>
        <a href="/offentlig">{t.publicPortal}</a>
      </p>
    </Layout>
  );
}
