import { HiddenCsrf, Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import { formatDateLong, formatTime } from '../../../platform/i18n/format';
import type { AgendaItemView, MeetingDetail, PlannedItem } from '../../meetings/index';
import { closureReasonSentence } from '../../meetings/index';
import { substituteLines, type AttendanceEntry } from '../attendance';
import type { FollowUpView } from '../follow-ups';
import type { MinutesDocument } from '../minutes-document';
import { itemMinutesAction } from '../policy';
import { Paragraphs } from './paragraphs';

const t = da.minutes;
type Item = PlannedItem<AgendaItemView>;
type IncompleteItem = { id: string; text: string };

const at = (date: Date) => `${formatDateLong(date)} kl. ${formatTime(date)}`;

function MeetingHeader({ detail }: { detail: MeetingDetail }) {
  const { meeting } = detail;
  return (
    <dl class="meeting-facts">
      <dt>{da.meetings.organization}</dt>
      <dd>{meeting.organizationName}</dd>
      <dt>{da.meetings.meetingDate}</dt>
      <dd>{formatDateLong(meeting.startsAt)}</dd>
      <dt>{da.meetings.meetingTime}</dt>
      <dd>{`Kl. ${formatTime(meeting.startsAt)} – ${formatTime(meeting.endsAt)}`}</dd>
      <dt>{da.meetings.meetingPlace}</dt>
      <dd>{meeting.locationDescription ?? '–'}</dd>
      <dt>{da.meetings.status}</dt>
      <dd>{da.meetingStatuses[meeting.status]}</dd>
    </dl>
  );
}

function FollowUpList(props: { followUps: readonly FollowUpView[]; showOrigin?: boolean }) {
  if (props.followUps.length === 0) return null;
  const f = t.followUps;
  return (
    <ul class="follow-up-list">
      {props.followUps.map((followUp) => (
        <li key={followUp.id}>
          <span class={`tag follow-up-${followUp.state}`}>{f.statuses[followUp.state]}</span>{' '}
          {`${followUp.text} (${f.owner}: ${followUp.ownerName}, ${f.dueDate}: ${formatDateLong(new Date(`${followUp.dueDate}T12:00:00Z`))})`}
          {props.showOrigin ? (
            <span class="follow-up-origin">
              {` – ${f.origin} `}
              <a href={`/moeder/${followUp.meetingId}/referat`}>
                {`${followUp.meetingTitle}, ${formatDateLong(followUp.meetingStartsAt)}`}
              </a>
              {`: ${followUp.itemTitle}`}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function AttendanceSummary(props: {
  attendance: readonly AttendanceEntry[];
  detail: MeetingDetail;
}) {
  const a = t.attendance;
  const names = (status: AttendanceEntry['status']) =>
    props.attendance.filter((entry) => entry.status === status);
  const numberOf = new Map(props.detail.plan.items.map((item) => [item.id, item.number]));
  const substitutes = substituteLines(props.attendance);
  const groups: Array<[string, AttendanceEntry[]]> = [
    [a.present, names('attending')],
    [a.regrets, names('sent_regrets')],
    [a.absentList, names('absent')],
    [a.guests, names('guest')],
  ];
  return (
    <section aria-labelledby="attendance-heading">
      <h2 id="attendance-heading">{a.title}</h2>
      {props.attendance.length === 0 ? <p>{a.noMembers}</p> : null}
      <dl class="attendance-summary">
        {groups
          .filter(([, entries]) => entries.length > 0)
          .map(([label, entries]) => (
            <>
              <dt>{label}</dt>
              <dd>
                {entries
                  .map((entry) =>
                    entry.status === 'guest' && entry.itemIds.length > 0
                      ? `${entry.name} (punkt ${entry.itemIds.map((id) => numberOf.get(id) ?? '?').join(', ')})`
                      : entry.name,
                  )
                  .join(', ')}
              </dd>
            </>
          ))}
        {substitutes.length > 0 ? (
          <>
            <dt>{substitutes.length === 1 ? a.substitute : a.substitutes}</dt>
            <dd>{substitutes.join(', ')}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

function ItemMinutes(props: { doc: MinutesDocument; item: Item; base: string }) {
  const { doc, item, base } = props;
  const left = doc.leftByItem.get(item.id) ?? [];
  const addenda = doc.addendaByItem.get(item.id) ?? [];
  const followUps = item.followUps;
  const Heading = item.depth === 0 ? 'h2' : 'h3';
  const action = itemMinutesAction(doc.detail.meeting, item);
  return (
    <section class="minutes-item" id={`punkt-${item.id}`}>
      <Heading>{t.heading(item.number, item.title, item.durationMinutes)}</Heading>
      {item.isRedacted ? <p>{da.items.closed}</p> : null}
      {closureReasonSentence(item) ? (
        <p class="closure-reason">{closureReasonSentence(item)}</p>
      ) : null}
      {left.map((name) => (
        <p key={name} class="minutes-left">
          {t.item.left(name)}
        </p>
      ))}
      {item.isPostponed ? <p>{t.item.postponed}</p> : null}
      <Paragraphs text={item.minutesText} />
      {item.standingKind === 'minutes_approval' && doc.previousMeeting ? (
        <p>
          {`${t.item.previousMinutes}: `}
          <a href={`/moeder/${doc.previousMeeting.id}/referat`}>
            {`${doc.previousMeeting.title}, ${formatDateLong(doc.previousMeeting.startsAt)}`}
          </a>
        </p>
      ) : null}
      {item.standingKind === 'follow_ups' ? (
        <>
          <h4>{t.followUps.fromMeetings}</h4>
          {doc.meetingFollowUps.length === 0 ? <p>{t.followUps.none}</p> : null}
          <FollowUpList followUps={doc.meetingFollowUps} showOrigin />
        </>
      ) : null}
      {item.decision ? (
        <div class="minutes-decision">
          <h4>{t.decisionHeading}</h4>
          <Paragraphs text={item.decision} />
        </div>
      ) : null}
      {followUps.length > 0 ? (
        <>
          <h4>{t.followUps.title}</h4>
          <ul class="follow-up-list">
            {followUps.map((followUp) => (
              <li key={followUp.id}>
                {`${followUp.text} (${t.followUps.owner}: ${followUp.ownerName}, ${t.followUps.dueDate}: ${formatDateLong(new Date(`${followUp.dueDate}T12:00:00Z`))})`}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {addenda.map((addendum) => (
        <div class="minutes-addendum" key={addendum.id}>
          <h4>{t.item.addendum}</h4>
          <Paragraphs text={addendum.text} />
          <p class="form-hint">{t.item.addendumBy(addendum.authorName, at(addendum.createdAt))}</p>
        </div>
      ))}
      {doc.mayConduct && !item.isRedacted ? (
        <p class="no-print">
          <a
            class="button button-tertiary"
            href={`${base}/punkter/${item.id}/referat`}
            aria-label={t.item.actionLabels[action](item.title)}
          >
            {t.item.actions[action]}
          </a>
        </p>
      ) : null}
    </section>
  );
}

/** The release's confirm step: the items still empty, each linked to its minutes. */
function ConfirmIncompleteRelease(props: {
  ctx: PageContext;
  base: string;
  items: readonly IncompleteItem[];
}) {
  const r = t.release;
  return (
    <div class="alert alert-warning no-print" role="alert" id="udsend-referat">
      <div class="alert-body">
        <h2 class="alert-heading">{r.confirmHeading}</h2>
        <p class="alert-text">{r.confirmText}</p>
        <ul>
          {props.items.map((item) => (
            <li key={item.id}>
              <a href={`#punkt-${item.id}`}>{item.text}</a>
            </li>
          ))}
        </ul>
        <form method="post" action={`${props.base}/udsend-referat`}>
          <HiddenCsrf token={props.ctx.csrfToken} />
          <input type="hidden" name="confirmIncomplete" value="1" />
          <p class="button-row">
            <button type="submit" class="button button-primary">
              {r.confirm}
            </button>
            <a class="button button-secondary" href={`${props.base}/afvikling`}>
              {r.cancel}
            </a>
          </p>
        </form>
      </div>
    </div>
  );
}

/** Referat in the seed's layout: "Punkt 1: Dagsorden" followed by what was said and decided. */
export function MinutesPage(props: {
  ctx: PageContext;
  doc: MinutesDocument;
  abilities: { maySign: boolean };
  /** Set when a release was refused: the items without minutes, for the confirm step. */
  incomplete?: readonly IncompleteItem[];
}) {
  const { ctx, doc } = props;
  const { maySign } = props.abilities;
  const { meeting } = doc.detail;
  const base = `/moeder/${meeting.id}`;
  return (
    <Layout ctx={ctx} title={t.pageTitle(meeting.title)}>
      <p class="no-print">
        <a href={base}>{`← ${meeting.title}`}</a>
      </p>
      <h1>{t.pageTitle(meeting.title)}</h1>
      {props.incomplete ? (
        <ConfirmIncompleteRelease ctx={ctx} base={base} items={props.incomplete} />
      ) : null}
      <MeetingHeader detail={doc.detail} />
      {!doc.isReadable ? <p>{t.notReleasedYet}</p> : null}
      {doc.isReadable ? (
        <>
          {doc.approvedAt ? (
            <p class="minutes-approved">
              <a href={`/moeder/${doc.approvedAt.meetingId}/referat`}>
                {t.approvedBy(
                  `${doc.approvedAt.meetingTitle}, ${formatDateLong(doc.approvedAt.meetingStartsAt)}`,
                )}
              </a>
            </p>
          ) : null}
          <p class="button-row no-print">
            <a class="button button-secondary" href={`${base}/referat.pdf`}>
              {t.downloadPdf}
            </a>
            <a class="button button-secondary" href={`${base}/referat.docx`}>
              {t.downloadDocx}
            </a>
          </p>
          <AttendanceSummary attendance={doc.attendance} detail={doc.detail} />
          {doc.detail.plan.items.map((item) => (
            <ItemMinutes key={item.id} doc={doc} item={item} base={base} />
          ))}
          <section aria-labelledby="sign-off-heading" class="minutes-sign-offs">
            <h2 id="sign-off-heading">{t.signOff.title}</h2>
            {doc.signOffs.length === 0 ? <p>{t.signOff.none}</p> : null}
            <ul>
              {doc.signOffs.map((signOff) => (
                <li key={signOff.personId}>
                  {t.signOff.signed(signOff.personName, at(signOff.signedAt))}
                </li>
              ))}
            </ul>
            {maySign ? (
              <form method="post" action={`${base}/referat/godkend`} class="no-print">
                <HiddenCsrf token={ctx.csrfToken} />
                <button type="submit" class="button button-primary">
                  {t.signOff.button}
                </button>
              </form>
            ) : null}
          </section>
          {doc.mayConduct && meeting.status === 'held' && !props.incomplete ? (
            <form method="post" action={`${base}/udsend-referat`} class="no-print">
              <HiddenCsrf token={ctx.csrfToken} />
              <button type="submit" class="button button-primary">
                {t.releaseMinutes}
              </button>
              <a class="button button-secondary" href={`${base}/udsend-referat/forhaandsvisning`}>
                {da.releasePreview.link}
              </a>
            </form>
          ) : null}
        </>
      ) : null}
    </Layout>
  );
}
