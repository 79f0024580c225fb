import { can } from '../../platform/auth/policy';
import { Checkbox, Select, TextArea, TextField, type FieldErrors } from '../../platform/http/form';
import type { PageContext } from '../../platform/http/layout';
import { ErrorSummary, HiddenCsrf, Layout } from '../../platform/http/layout';
import { da } from '../../platform/i18n/da';
import { formatDateLong, formatSlot, formatTime } from '../../platform/i18n/format';
import type { AgendaItemView, MeetingDetail, PlannedItem } from '../meetings/index';
import type { AttendanceEntry } from './attendance';
import type { HistoryEntry } from './carry-over';
import type { FollowUpView } from './follow-ups';
import type { LiveView } from './live-view';
import type { MinutesDocument } from './minutes-document';

const t = da.minutes;
type Item = PlannedItem<AgendaItemView>;
type Option = { value: string; label: string };

const at = (date: Date) => `${formatDateLong(date)} kl. ${formatTime(date)}`;

/** Plain text with blank lines between paragraphs, as the seed's minutes are written. */
function Paragraphs(props: { text: string | null }) {
  if (!props.text) return null;
  return (
    <>
      {props.text
        .split(/\n\s*\n/)
        .map((paragraph) => paragraph.trim())
        .filter(Boolean)
        .map((paragraph, index) => (
          <p key={index} class="minutes-text">
            {paragraph}
          </p>
        ))}
    </>
  );
}

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
  return (
    <section class="minutes-item" id={`punkt-${item.id}`}>
      <Heading>{t.heading(item.number, item.title, item.durationMinutes)}</Heading>
      {item.isRedacted ? <p>{da.items.closed}</p> : null}
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
            aria-label={t.item.editLabel(item.title)}
          >
            {doc.detail.meeting.status === 'minutes_approved' ? t.item.addendum : t.item.edit}
          </a>
        </p>
      ) : null}
    </section>
  );
}

/** Referat in the seed's layout: "Punkt 1: Dagsorden" followed by what was said and decided. */
export function MinutesPage(props: { ctx: PageContext; doc: MinutesDocument }) {
  const { ctx, doc } = props;
  const { meeting } = doc.detail;
  const base = `/moeder/${meeting.id}`;
  const personId = ctx.actor?.kind === 'user' ? ctx.actor.personId : null;
  const hasSigned = doc.signOffs.some((signOff) => signOff.personId === personId);
  const maySign =
    ctx.actor !== undefined &&
    personId !== null &&
    !hasSigned &&
    can(ctx.actor, 'minutes.signOff', { organizationId: meeting.organizationId }) &&
    (meeting.status === 'minutes_released' || meeting.status === 'minutes_approved') &&
    doc.attendance.some((entry) => entry.personId === personId && entry.status === 'attending');
  return (
    <Layout ctx={ctx} title={t.pageTitle(meeting.title)}>
      <p class="no-print">
        <a href={base}>{`← ${meeting.title}`}</a>
      </p>
      <h1>{t.pageTitle(meeting.title)}</h1>
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
          {doc.mayConduct && meeting.status === 'held' ? (
            <form method="post" action={`${base}/udsend-referat`} class="no-print">
              <HiddenCsrf token={ctx.csrfToken} />
              <button type="submit" class="button button-primary">
                {t.releaseMinutes}
              </button>
            </form>
          ) : null}
        </>
      ) : null}
    </Layout>
  );
}

export type MinutesFormValues = {
  minutes: string;
  decision: string;
  revision: string;
  approvesPrevious: boolean;
};

/** The secretary's form for one item: minutes, decision, follow-ups, carry-over, history. */
export function ItemMinutesPage(props: {
  ctx: PageContext;
  doc: MinutesDocument;
  item: Item;
  phrases: readonly string[];
  values: MinutesFormValues;
  errors: FieldErrors;
  /** Set after a conflicting save: what is saved now, shown beside what the user wrote. */
  conflict?: { minutes: string | null; decision: string | null };
  history: readonly HistoryEntry[];
  persons: readonly Option[];
  laterMeetings: readonly Option[];
  followUpErrors?: FieldErrors;
}) {
  const { ctx, doc, item, values, errors } = props;
  const meeting = doc.detail.meeting;
  const base = `/moeder/${meeting.id}`;
  const itemBase = `${base}/punkter/${item.id}`;
  const isLocked = meeting.status === 'minutes_approved';
  const f = t.followUps;
  const messages = Object.values(errors);
  return (
    <Layout ctx={ctx} title={t.item.editTitle(item.label, item.title)}>
      <p>
        <a href={`${base}/referat`}>{`← ${t.pageTitle(meeting.title)}`}</a>
      </p>
      <h1>{t.item.editTitle(item.number, item.title)}</h1>
      {props.conflict ? (
        <div class="alert alert-error" role="alert">
          <div class="alert-body">
            <p class="alert-heading">{da.errors.MINUTES_CONFLICT}</p>
            <p class="alert-text">{`${t.item.savedNow}:`}</p>
            <Paragraphs text={props.conflict.minutes} />
            {props.conflict.decision ? (
              <p class="alert-text">{`${t.decisionHeading}: ${props.conflict.decision}`}</p>
            ) : null}
          </div>
        </div>
      ) : (
        <ErrorSummary messages={messages} />
      )}
      {isLocked ? (
        <>
          <p>{t.item.addendumHint}</p>
          <Paragraphs text={item.minutesText} />
          {item.decision ? <p>{`${t.decisionHeading}: ${item.decision}`}</p> : null}
          <form method="post" action={`${itemBase}/tilfoejelser`}>
            <HiddenCsrf token={ctx.csrfToken} />
            <TextArea name="text" label={t.item.addendum} value="" errors={errors} rows={4} />
            <button type="submit" class="button button-primary">
              {t.item.addAddendum}
            </button>
          </form>
        </>
      ) : (
        <form method="post" action={`${itemBase}/referat`}>
          <HiddenCsrf token={ctx.csrfToken} />
          <input type="hidden" name="revision" value={values.revision} />
          <TextArea
            name="minutes"
            label={t.item.text}
            hint={t.item.textHint}
            value={values.minutes}
            errors={errors}
            rows={8}
          />
          <TextField
            name="decision"
            label={t.item.decision}
            hint={t.item.decisionHint}
            value={values.decision}
            errors={errors}
            list="decision-phrases"
          />
          <p class="form-hint">
            <a href={`/referat/formuleringer/${meeting.organizationId}`}>{t.phrasesEdit}</a>
          </p>
          <datalist id="decision-phrases">
            {props.phrases.map((phrase) => (
              <option key={phrase} value={phrase} />
            ))}
          </datalist>
          {item.standingKind === 'minutes_approval' && doc.previousMeeting ? (
            <Checkbox
              name="approvesPrevious"
              label={t.item.approvesPrevious}
              hint={`${t.item.previousMinutes}: ${doc.previousMeeting.title}, ${formatDateLong(doc.previousMeeting.startsAt)} (${da.meetingStatuses[doc.previousMeeting.status]})`}
              checked={values.approvesPrevious}
              errors={errors}
            />
          ) : null}
          <button type="submit" class="button button-primary">
            {t.item.save}
          </button>
        </form>
      )}

      <h2>{f.title}</h2>
      {item.followUps.length === 0 ? <p>{f.none}</p> : null}
      <ul class="follow-up-list">
        {item.followUps.map((followUp) => (
          <li
            key={followUp.id}
          >{`${followUp.text} (${f.owner}: ${followUp.ownerName}, ${f.dueDate}: ${followUp.dueDate})`}</li>
        ))}
      </ul>
      <form method="post" action={`${itemBase}/opfoelgninger`}>
        <HiddenCsrf token={ctx.csrfToken} />
        <h3>{f.create}</h3>
        <TextField name="text" label={f.text} value="" errors={props.followUpErrors ?? {}} />
        <Select
          name="ownerPersonId"
          label={f.owner}
          value=""
          options={[{ value: '', label: '' }, ...props.persons]}
          errors={props.followUpErrors ?? {}}
        />
        <TextField
          name="dueDate"
          type="date"
          label={f.dueDate}
          value=""
          errors={props.followUpErrors ?? {}}
        />
        <button type="submit" class="button button-secondary">
          {f.create}
        </button>
      </form>

      {!isLocked ? (
        <>
          <h2>{t.carryOver.title}</h2>
          {props.laterMeetings.length === 0 ? (
            <p>{t.carryOver.noTargets}</p>
          ) : (
            <form method="post" action={`${itemBase}/videre`}>
              <HiddenCsrf token={ctx.csrfToken} />
              <Select
                name="targetMeetingId"
                label={t.carryOver.target}
                value=""
                options={props.laterMeetings}
                errors={{}}
              />
              <p class="button-row">
                <button type="submit" name="mode" value="postpone" class="button button-secondary">
                  {t.carryOver.postpone}
                </button>
                <button type="submit" name="mode" value="repeat" class="button button-secondary">
                  {t.carryOver.repeat}
                </button>
              </p>
            </form>
          )}
        </>
      ) : null}

      {props.history.length > 1 ? (
        <>
          <h2>{t.item.history}</h2>
          <ul>
            {props.history.map((entry) => (
              <li key={entry.itemId}>
                <a href={`/moeder/${entry.meetingId}/referat#punkt-${entry.itemId}`}>
                  {t.item.historyEntry(entry.meetingTitle, formatDateLong(entry.meetingStartsAt))}
                </a>
                {`: ${entry.title}`}
                {entry.isPostponed ? ` – ${t.item.postponed}` : ''}
                {entry.decision ? ` – ${entry.decision}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Layout>
  );
}

/** The live board: each item's planned and used time, the delay and the projected end. */
export function LiveBoard(props: { ctx: PageContext; view: LiveView; mayConduct: boolean }) {
  const { ctx, view, mayConduct } = props;
  const { detail, status } = view;
  const l = t.live;
  const base = `/moeder/${detail.meeting.id}`;
  const isOpen = detail.meeting.status === 'in_progress';
  const current = detail.plan.items.find((item) => item.id === status.currentItemId);
  return (
    <div id="live-board" aria-live="polite">
      <dl class="live-summary">
        <dt>{l.current}</dt>
        <dd>{current ? `${current.label} ${current.title}` : l.none}</dd>
        <dt>{da.meetings.status}</dt>
        <dd class={`live-delay${status.delayMinutes > 0 ? ' live-delay--behind' : ''}`}>
          {view.delayText}
        </dd>
        <dt>{l.plannedEnd}</dt>
        <dd>{formatTime(detail.plan.plannedEnd)}</dd>
        <dt>{l.projectedEnd}</dt>
        <dd>{formatTime(status.projectedEnd)}</dd>
      </dl>
      {!isOpen ? (
        <p>
          {detail.meeting.status === 'planned' || detail.meeting.status === 'agenda_released'
            ? l.notOpen
            : l.isOver}
        </p>
      ) : null}
      <table class="table live-table">
        <caption class="sr-only">{t.title}</caption>
        <thead>
          <tr>
            <th scope="col">{da.items.number}</th>
            <th scope="col">{da.items.title}</th>
            <th scope="col">{l.planned}</th>
            <th scope="col">{l.actual}</th>
            <th scope="col">{l.elapsed}</th>
            <th scope="col">{da.meetings.status}</th>
            {mayConduct && isOpen ? <th scope="col">{da.items.actions}</th> : null}
          </tr>
        </thead>
        <tbody>
          {detail.plan.items.map((item) => {
            const live = view.byItemId.get(item.id)!;
            return (
              <tr key={item.id} class={live.state === 'running' ? 'live-row--running' : undefined}>
                <td>{item.label}</td>
                <td>{item.title}</td>
                <td class="agenda-slot">
                  {item.slot
                    ? formatSlot(item.slot.start, item.slot.end, item.durationMinutes)
                    : ''}
                </td>
                <td class="agenda-slot">
                  {item.actualStart
                    ? `${formatTime(item.actualStart)} – ${item.actualEnd ? formatTime(item.actualEnd) : ''}`
                    : ''}
                </td>
                <td>
                  {live.elapsedMinutes === null
                    ? ''
                    : `${live.elapsedMinutes} / ${live.plannedMinutes} min`}
                  {live.overMinutes > 0 ? (
                    <strong>{` (${l.minutesOver(live.overMinutes)})`}</strong>
                  ) : null}
                </td>
                <td>{item.isPostponed ? t.item.postponed : l.states[live.state]}</td>
                {mayConduct && isOpen ? (
                  <td>
                    {live.state !== 'running' ? (
                      <form method="post" action={`${base}/punkter/${item.id}/start`}>
                        <HiddenCsrf token={ctx.csrfToken} />
                        <button
                          type="submit"
                          class="button button-tertiary"
                          aria-label={l.startLabel(item.title)}
                        >
                          {l.start}
                        </button>
                      </form>
                    ) : (
                      <form method="post" action={`${base}/punkter/${item.id}/afslut`}>
                        <HiddenCsrf token={ctx.csrfToken} />
                        <button
                          type="submit"
                          class="button button-tertiary"
                          aria-label={l.endLabel(item.title)}
                        >
                          {l.end}
                        </button>
                      </form>
                    )}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function LivePage(props: { ctx: PageContext; view: LiveView; mayConduct: boolean }) {
  const { detail } = props.view;
  const base = `/moeder/${detail.meeting.id}`;
  return (
    <Layout
      ctx={props.ctx}
      title={t.live.title(detail.meeting.title)}
      scripts={['/static/app/live.js']}
    >
      <p>
        <a href={base}>{`← ${detail.meeting.title}`}</a>
      </p>
      <h1>{t.live.title(detail.meeting.title)}</h1>
      <p
        class="form-hint"
        data-live-source={`${base}/live/events`}
        data-live-fragment={`${base}/live/tavle`}
      >
        {t.live.updates}
      </p>
      <LiveBoard {...props} />
      {props.mayConduct && detail.meeting.status === 'agenda_released' ? (
        <form method="post" action={`${base}/start`}>
          <HiddenCsrf token={props.ctx.csrfToken} />
          <button type="submit" class="button button-primary">
            {t.startMeeting}
          </button>
        </form>
      ) : null}
      {props.mayConduct && detail.meeting.status === 'in_progress' ? (
        <form method="post" action={`${base}/afslut`}>
          <HiddenCsrf token={props.ctx.csrfToken} />
          <button type="submit" class="button button-secondary">
            {t.endMeeting}
          </button>
        </form>
      ) : null}
    </Layout>
  );
}

/** Fremmøde: a status per member, and guests for named items. */
export function AttendancePage(props: {
  ctx: PageContext;
  detail: MeetingDetail;
  entries: readonly AttendanceEntry[];
  persons: readonly Option[];
  errors: FieldErrors;
}) {
  const { ctx, detail, entries } = props;
  const a = t.attendance;
  const base = `/moeder/${detail.meeting.id}`;
  const statusOptions = (['attending', 'sent_regrets', 'absent'] as const).map((value) => ({
    value,
    label: a.statuses[value],
  }));
  const itemOptions = detail.plan.items.map((item) => ({
    value: item.id,
    label: `${item.number}. ${item.title}`,
  }));
  const members = entries.filter((entry) => entry.isMember);
  const guests = entries.filter((entry) => !entry.isMember);
  return (
    <Layout ctx={ctx} title={`${a.title}: ${detail.meeting.title}`}>
      <p>
        <a href={base}>{`← ${detail.meeting.title}`}</a>
      </p>
      <h1>{`${a.title}: ${detail.meeting.title}`}</h1>
      <ErrorSummary messages={Object.values(props.errors)} />
      <form method="post" action={`${base}/fremmoede`}>
        <HiddenCsrf token={ctx.csrfToken} />
        {members.length === 0 ? <p>{a.noMembers}</p> : null}
        {members.map((entry, index) => (
          <fieldset key={entry.personId} class="attendance-row">
            <legend class="h4">{entry.name}</legend>
            <input type="hidden" name="personId" value={entry.personId} />
            <Select
              id={`status-${index}`}
              name="status"
              label={a.status}
              value={entry.status}
              options={statusOptions}
              errors={{}}
            />
            <input type="hidden" name="guestItems" value="" />
          </fieldset>
        ))}
        {guests.map((entry, index) => (
          <fieldset key={entry.personId} class="attendance-row">
            <legend class="h4">{`${entry.name} (${a.guest})`}</legend>
            <input type="hidden" name="personId" value={entry.personId} />
            <input type="hidden" name="status" value="guest" />
            <Select
              id={`guest-items-${index}`}
              name="guestItems"
              label={a.guestItems}
              value={entry.itemIds[0] ?? ''}
              options={[{ value: '', label: a.none }, ...itemOptions]}
              errors={{}}
            />
          </fieldset>
        ))}
        <fieldset class="attendance-row">
          <legend class="h4">{a.addGuest}</legend>
          <Select
            id="new-guest"
            name="personId"
            label={a.guest}
            value=""
            options={[{ value: '', label: a.none }, ...props.persons]}
            errors={{}}
          />
          <input type="hidden" name="status" value="guest" />
          <Select
            id="new-guest-items"
            name="guestItems"
            label={a.guestItems}
            value=""
            options={[{ value: '', label: a.none }, ...itemOptions]}
            errors={{}}
          />
        </fieldset>
        <button type="submit" class="button button-primary">
          {a.save}
        </button>
      </form>
    </Layout>
  );
}

/** Mine opfølgninger: open and overdue first, each with a button to mark it done. */
export function MyFollowUpsPage(props: {
  ctx: PageContext;
  followUps: readonly FollowUpView[];
  hasPerson: boolean;
}) {
  const f = t.followUps;
  return (
    <Layout ctx={props.ctx} title={f.mine}>
      <h1>{f.mine}</h1>
      {!props.hasPerson ? <p>{f.noPerson}</p> : null}
      {props.hasPerson && props.followUps.length === 0 ? <p>{f.none}</p> : null}
      {props.followUps.length > 0 ? (
        <table class="table">
          <caption class="sr-only">{f.mine}</caption>
          <thead>
            <tr>
              <th scope="col">{f.text}</th>
              <th scope="col">{f.dueDate}</th>
              <th scope="col">{f.status}</th>
              <th scope="col">{f.origin}</th>
              <th scope="col">{da.items.actions}</th>
            </tr>
          </thead>
          <tbody>
            {props.followUps.map((followUp) => (
              <tr key={followUp.id}>
                <td>{followUp.text}</td>
                <td>{formatDateLong(new Date(`${followUp.dueDate}T12:00:00Z`))}</td>
                <td>
                  <span class={`tag follow-up-${followUp.state}`}>
                    {f.statuses[followUp.state]}
                  </span>
                </td>
                <td>
                  <a href={`/moeder/${followUp.meetingId}/referat`}>
                    {`${followUp.meetingTitle}, ${formatDateLong(followUp.meetingStartsAt)}`}
                  </a>
                  {`: ${followUp.itemTitle}`}
                </td>
                <td>
                  <form method="post" action={`/opfoelgninger/${followUp.id}/status`}>
                    <HiddenCsrf token={props.ctx.csrfToken} />
                    <input
                      type="hidden"
                      name="status"
                      value={followUp.status === 'done' ? 'open' : 'done'}
                    />
                    <button
                      type="submit"
                      class="button button-tertiary"
                      aria-label={
                        followUp.status === 'done'
                          ? f.reopenLabel(followUp.text)
                          : f.markDoneLabel(followUp.text)
                      }
                    >
                      {followUp.status === 'done' ? f.reopen : f.markDone}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Layout>
  );
}

/** An organization's standard decision phrases, one per line. */
export function PhrasesPage(props: {
  ctx: PageContext;
  organization: { id: string; name: string };
  phrases: readonly string[];
  errors: FieldErrors;
  saved: boolean;
}) {
  const { ctx, organization } = props;
  return (
    <Layout ctx={ctx} title={`${t.phrasesTitle}: ${organization.name}`}>
      <h1>{`${t.phrasesTitle}: ${organization.name}`}</h1>
      {props.saved ? (
        <div class="alert alert-success" role="status">
          <div class="alert-body">
            <p class="alert-text">{t.phrasesSaved}</p>
          </div>
        </div>
      ) : null}
      <ErrorSummary messages={Object.values(props.errors)} />
      <form method="post" action={`/referat/formuleringer/${organization.id}`}>
        <HiddenCsrf token={ctx.csrfToken} />
        <TextArea
          name="phrases"
          label={t.phrasesLabel}
          hint={t.phrasesHint}
          value={props.phrases.join('\n')}
          errors={props.errors}
          rows={8}
        />
        <button type="submit" class="button button-primary">
          {da.meetings.save}
        </button>
      </form>
    </Layout>
  );
}
