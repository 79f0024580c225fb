import { Select, TextArea, TextField, type FieldErrors } from '../../../platform/http/form';
import { ErrorSummary, HiddenCsrf, Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import { formatDateLong } from '../../../platform/i18n/format';
import type { AgendaItemView, PlannedItem } from '../../meetings/index';
import type { HistoryEntry } from '../carry-over';
import type { MinutesDocument } from '../minutes-document';
import type { PhraseList } from '../minutes';
import { MinutesFields, type MinutesFormValues } from './minutes-fields';
import { Paragraphs } from './paragraphs';

const t = da.minutes;
type Item = PlannedItem<AgendaItemView>;
type Option = { value: string; label: string };

export type { MinutesFormValues };

/** What the item's form offers, by the meeting's state; the page receives it as data. */
export type ItemMinutesAbilities = {
  /** The minutes text is the secretariat's draft until the minutes are released. */
  mayEditText: boolean;
  /** The decision is the meeting's record: editable only until the meeting is held. */
  mayEditDecision: boolean;
  /** From "afholdt" on a correction of the record is an addendum. */
  mayAddAddendum: boolean;
};

/** The secretary's form for one item: minutes, decision, follow-ups, carry-over, history. */
export function ItemMinutesPage(props: {
  ctx: PageContext;
  abilities: ItemMinutesAbilities;
  doc: MinutesDocument;
  item: Item;
  phrases: PhraseList;
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
  const { mayEditText, mayEditDecision, mayAddAddendum } = props.abilities;
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
      {mayEditText ? (
        <form method="post" action={`${itemBase}/referat`}>
          <HiddenCsrf token={ctx.csrfToken} />
          <MinutesFields
            organizationId={meeting.organizationId}
            isMinutesApproval={item.standingKind === 'minutes_approval'}
            previousMeeting={doc.previousMeeting}
            phrases={props.phrases}
            values={values}
            errors={errors}
            mayEditDecision={mayEditDecision}
            decision={item.decision}
          />
          <button type="submit" class="button button-primary">
            {t.item.save}
          </button>
        </form>
      ) : (
        <>
          <p>{t.item.addendumHint}</p>
          <Paragraphs text={item.minutesText} />
          {item.decision ? <p>{`${t.decisionHeading}: ${item.decision}`}</p> : null}
        </>
      )}
      {mayAddAddendum ? (
        <form method="post" action={`${itemBase}/tilfoejelser`}>
          <HiddenCsrf token={ctx.csrfToken} />
          {/* Its own id: the follow-up form below has a field named "text" too. */}
          <TextArea
            id="addendum-text"
            name="text"
            label={t.item.addendum}
            value=""
            errors={errors}
            rows={4}
          />
          <button type="submit" class="button button-primary">
            {t.item.addAddendum}
          </button>
        </form>
      ) : null}

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

      {mayEditText ? (
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
