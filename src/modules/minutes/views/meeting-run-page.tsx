import { Select, TextField, type FieldErrors } from '../../../platform/http/form';
import { ErrorSummary, HiddenCsrf, Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import { formatDayLong, formatTime } from '../../../platform/i18n/format';
import type { AgendaItemView, PlannedItem } from '../../meetings/index';
import { formatDuration } from '../duration';
import type { LiveView } from '../live-view';
import type { PhraseList } from '../minutes';
import type { MinutesDocument } from '../minutes-document';
import { itemMinutesAbilities } from '../policy';
import { MinutesFields, type MinutesFormValues } from './minutes-fields';
import { Paragraphs } from './paragraphs';

const t = da.minutes;
const r = t.run;
type Item = PlannedItem<AgendaItemView>;
type Option = { value: string; label: string };

/**
 * Mødeafvikling: the secretary's one screen during the meeting. The items with the clock, and for
 * the current item its indstilling, the minutes and decision (saved as you go by meeting-run.js;
 * without JavaScript by the buttons), fremmøde and follow-ups, and "next item", which saves and
 * starts the next item.
 */
export function MeetingRunPage(props: {
  ctx: PageContext;
  view: LiveView;
  doc: MinutesDocument;
  item: Item | undefined;
  nextItemId: string | null;
  recommendation: string | null;
  phrases: PhraseList;
  values: MinutesFormValues;
  errors: FieldErrors;
  conflict?: { minutes: string | null; decision: string | null };
  persons: readonly Option[];
  followUpErrors?: FieldErrors;
  now: Date;
}) {
  const { ctx, view, doc, item } = props;
  const meeting = doc.detail.meeting;
  const base = `/moeder/${meeting.id}`;
  const isOpen = meeting.status === 'in_progress';
  const live = item ? view.byItemId.get(item.id) : undefined;
  const abilities = itemMinutesAbilities(meeting);
  const present = doc.attendance.filter((entry) => entry.status === 'attending').length;
  const regrets = doc.attendance.filter((entry) => entry.status === 'sent_regrets').length;
  return (
    <Layout ctx={ctx} title={r.title(meeting.title)} scripts={['/static/app/meeting-run.js']}>
      <p>
        <a href={base}>{`← ${meeting.title}`}</a>
      </p>
      <h1>{r.title(meeting.title)}</h1>
      <dl class="live-summary" aria-label={r.clock}>
        <dt>{da.meetings.status}</dt>
        <dd>{da.meetingStatuses[meeting.status]}</dd>
        <dt>{r.elapsed}</dt>
        <dd>
          {meeting.startedAt
            ? formatDuration(
                ((meeting.endedAt ?? props.now).getTime() - meeting.startedAt.getTime()) / 60_000,
              )
            : r.notStarted}
        </dd>
        <dt>{r.delay}</dt>
        <dd class={`live-delay${view.status.delayMinutes > 0 ? ' live-delay--behind' : ''}`}>
          {view.delayText}
        </dd>
        <dt>{t.live.projectedEnd}</dt>
        <dd>{formatTime(view.status.projectedEnd)}</dd>
      </dl>
      <p class="button-row">
        {meeting.status === 'agenda_released' ? (
          <form method="post" action={`${base}/start`}>
            <HiddenCsrf token={ctx.csrfToken} />
            <input type="hidden" name="tilbage" value="afvikling" />
            <button type="submit" class="button button-primary">
              {t.startMeeting}
            </button>
          </form>
        ) : null}
        {isOpen ? (
          <form method="post" action={`${base}/afslut`}>
            <HiddenCsrf token={ctx.csrfToken} />
            <input type="hidden" name="tilbage" value="afvikling" />
            <button type="submit" class="button button-secondary">
              {t.endMeeting}
            </button>
          </form>
        ) : null}
        <a class="button button-tertiary" href={`${base}/live`}>
          {t.liveLink}
        </a>
        <a class="button button-tertiary" href={`${base}/referat`}>
          {t.link}
        </a>
      </p>
      <div class="meeting-run">
        <nav class="meeting-run-items" aria-labelledby="run-items-heading">
          <h2 id="run-items-heading">{r.items}</h2>
          {doc.detail.plan.items.length === 0 ? <p>{r.noItems}</p> : null}
          <ol class="meeting-run-list">
            {doc.detail.plan.items.map((candidate) => {
              const state = view.byItemId.get(candidate.id)?.state ?? 'pending';
              return (
                <li key={candidate.id}>
                  <a
                    href={`${base}/afvikling?punkt=${candidate.id}`}
                    aria-current={candidate.id === item?.id ? 'true' : undefined}
                  >
                    {`${candidate.label} ${candidate.title}`}
                  </a>{' '}
                  <span class={`tag meeting-run-state meeting-run-state--${state}`}>
                    {candidate.isPostponed ? t.item.postponed : t.live.states[state]}
                  </span>
                </li>
              );
            })}
          </ol>
        </nav>
        {item ? (
          <section class="meeting-run-item" aria-labelledby="run-item-heading">
            <h2 id="run-item-heading">{t.item.editTitle(item.number, item.title)}</h2>
            <p>
              {`${t.live.states[live?.state ?? 'pending']}`}
              {live?.elapsedMinutes !== null && live?.elapsedMinutes !== undefined
                ? ` · ${r.itemElapsed} ${formatDuration(live.elapsedMinutes)} / ${formatDuration(live.plannedMinutes)}`
                : ''}
            </p>
            {isOpen && live?.state === 'pending' ? (
              <form method="post" action={`${base}/punkter/${item.id}/start`}>
                <HiddenCsrf token={ctx.csrfToken} />
                <input type="hidden" name="tilbage" value="afvikling" />
                <button type="submit" class="button button-secondary">
                  {r.startItem}
                </button>
              </form>
            ) : null}
            <h3>{r.recommendation}</h3>
            {props.recommendation ? (
              <div class="meeting-run-recommendation">
                <Paragraphs text={props.recommendation} />
              </div>
            ) : (
              <p>{r.noRecommendation}</p>
            )}
            {item.paperId ? (
              <p>
                <a href={`/sager/${item.paperId}`}>{r.memo}</a>
              </p>
            ) : null}

            <h3>{r.minutesHeading}</h3>
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
              <ErrorSummary messages={Object.values(props.errors)} />
            )}
            {abilities.mayEditText ? (
              <form method="post" action={`${base}/afvikling`} data-autosave="">
                <HiddenCsrf token={ctx.csrfToken} />
                <input type="hidden" name="itemId" value={item.id} />
                <MinutesFields
                  organizationId={meeting.organizationId}
                  isMinutesApproval={item.standingKind === 'minutes_approval'}
                  previousMeeting={doc.previousMeeting}
                  phrases={props.phrases}
                  values={props.values}
                  errors={props.errors}
                  mayEditDecision={abilities.mayEditDecision}
                  decision={item.decision}
                />
                <p class="button-row">
                  <button type="submit" class="button button-secondary">
                    {r.save}
                  </button>
                  {props.nextItemId ? (
                    <button
                      type="submit"
                      name="next"
                      value="1"
                      class="button button-primary"
                      aria-keyshortcuts="Alt+N"
                      data-next-item=""
                    >
                      {r.next}
                    </button>
                  ) : null}
                </p>
                <p class="form-hint" role="status" data-save-status="">
                  {props.nextItemId ? r.shortcut : r.last}
                </p>
              </form>
            ) : (
              <>
                <p>{t.item.addendumHint}</p>
                <Paragraphs text={item.minutesText} />
                {item.decision ? <p>{`${t.decisionHeading}: ${item.decision}`}</p> : null}
                <p>
                  <a href={`${base}/punkter/${item.id}/referat`}>{t.item.actions.addendum}</a>
                </p>
              </>
            )}

            <h3>{r.attendance}</h3>
            <p>
              {r.attendanceSummary(present, regrets)}{' '}
              <a href={`${base}/fremmoede`}>{r.attendanceEdit}</a>
            </p>

            <h3>{t.followUps.title}</h3>
            {item.followUps.length === 0 ? <p>{t.followUps.none}</p> : null}
            <ul class="follow-up-list">
              {item.followUps.map((followUp) => (
                <li key={followUp.id}>
                  {`${followUp.text} (${t.followUps.owner}: ${followUp.ownerName}, ${t.followUps.dueDate}: ${formatDayLong(followUp.dueDate)})`}
                </li>
              ))}
            </ul>
            <form method="post" action={`${base}/punkter/${item.id}/opfoelgninger`}>
              <HiddenCsrf token={ctx.csrfToken} />
              <input type="hidden" name="tilbage" value="afvikling" />
              <TextField
                id="follow-up-text"
                name="text"
                label={t.followUps.text}
                value=""
                errors={props.followUpErrors ?? {}}
              />
              <Select
                name="ownerPersonId"
                label={t.followUps.owner}
                value=""
                options={[{ value: '', label: '' }, ...props.persons]}
                errors={props.followUpErrors ?? {}}
              />
              <TextField
                name="dueDate"
                type="date"
                label={t.followUps.dueDate}
                value=""
                errors={props.followUpErrors ?? {}}
              />
              <button type="submit" class="button button-secondary">
                {t.followUps.create}
              </button>
            </form>
          </section>
        ) : null}
      </div>
    </Layout>
  );
}
