import { Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import { formatDateLong, formatTime } from '../../../platform/i18n/format';
import type { AgendaItemView, MeetingDetail } from '../meeting-detail';
import type { PlannedItem } from '../time-plan';
import {
  AttachmentLink,
  ItemTitleLink,
  ClosureReasonNote,
  LateReleaseNotes,
  PlanStatus,
  StandingFollowUps,
  slotText,
} from './agenda-parts';

const t = da.meetings;
const ti = da.items;

/** The agenda in the seed's committee layout: short agenda, then per item its fields. */
export function PrintableAgendaPage(props: { ctx: PageContext; detail: MeetingDetail }) {
  const { meeting, plan, secretariatContact } = props.detail;
  const topLevel = plan.items.filter((item) => item.depth === 0);
  return (
    <Layout ctx={props.ctx} title={`${t.agenda}: ${meeting.title}`}>
      <article class="printable-agenda">
        <p class="no-print">
          <a href={`/moeder/${meeting.id}`}>{`← ${meeting.title}`}</a>
        </p>
        <h1>{`${t.agenda}: ${meeting.title}`}</h1>
        <dl>
          <dt>{`${t.subject}:`}</dt>
          <dd>{meeting.title}</dd>
          <dt>{`${t.meetingDate}:`}</dt>
          <dd>{formatDateLong(meeting.startsAt)}</dd>
          <dt>{`${t.meetingTime}:`}</dt>
          <dd>{`Kl. ${formatTime(meeting.startsAt)} – ${formatTime(meeting.endsAt)}`}</dd>
          <dt>{`${t.meetingPlace}:`}</dt>
          <dd>{meeting.locationDescription ?? ''}</dd>
          {meeting.caseNumber ? (
            <>
              <dt>Sag:</dt>
              <dd>{meeting.caseNumber}</dd>
            </>
          ) : null}
          {secretariatContact ? (
            <>
              <dt>Sagsbehandler:</dt>
              <dd>
                {[secretariatContact.name, secretariatContact.phone, secretariatContact.email]
                  .filter(Boolean)
                  .join(', ')}
              </dd>
            </>
          ) : null}
        </dl>
        <LateReleaseNotes releases={props.detail.releases} />
        <h2>{`${t.agendaShort}:`}</h2>
        <ol class="agenda-short">
          {topLevel.map((item) => (
            <li key={item.id}>
              <ItemTitleLink item={item} />
            </li>
          ))}
        </ol>
        <PlanStatus detail={props.detail} />
        {plan.items.map((item) =>
          item.depth === 0 ? (
            <section class="item" key={item.id}>
              <h2>
                {`${item.label} `}
                <ItemTitleLink item={item} />
              </h2>
              <ItemFields item={item} />
              {item.standingKind === 'follow_ups' ? (
                <StandingFollowUps followUps={props.detail.standingFollowUps} />
              ) : null}
            </section>
          ) : (
            <section class="item" key={item.id}>
              <h3>
                {`${item.label} `}
                <ItemTitleLink item={item} />
              </h3>
              <ItemFields item={item} />
              {item.standingKind === 'follow_ups' ? (
                <StandingFollowUps followUps={props.detail.standingFollowUps} />
              ) : null}
            </section>
          ),
        )}
      </article>
    </Layout>
  );
}

function ItemFields({ item }: { item: PlannedItem<AgendaItemView> }) {
  if (item.isRedacted) return <p>{ti.closed}</p>;
  return (
    <>
      <ClosureReasonNote item={item} />
      <dl>
        <dt>{`${ti.purpose}:`}</dt>
        <dd>
          {(item.purpose ?? '').split(/\n{2,}/).map((paragraph, index) => (
            <p key={index}>{paragraph}</p>
          ))}
          {item.note ? <p>{item.note}</p> : null}
        </dd>
        {item.method ? (
          <>
            <dt>{`${ti.method}:`}</dt>
            <dd>{item.method}</dd>
          </>
        ) : null}
        {item.responsible.length > 0 ? (
          <>
            <dt>{`${ti.responsible}:`}</dt>
            <dd>{item.responsible.join('/')}</dd>
          </>
        ) : null}
        {item.slot ? (
          <>
            <dt>{`${ti.slot}:`}</dt>
            <dd class="agenda-slot">{slotText(item)}</dd>
          </>
        ) : null}
        <dt>{`${ti.attachments}:`}</dt>
        <dd>
          {item.attachments.length > 0 ? (
            <ul>
              {item.attachments.map((attachment) => (
                <li key={attachment.id}>
                  <AttachmentLink item={item} attachment={attachment} text={attachment.title} />
                </li>
              ))}
            </ul>
          ) : null}
        </dd>
      </dl>
    </>
  );
}
