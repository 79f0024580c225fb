import { TextArea, type FieldErrors } from '../../../platform/http/form';
import { da } from '../../../platform/i18n/da';
import { formatDateLong } from '../../../platform/i18n/format';
import type { MeetingRow } from '../../meetings/index';
import type { PhraseList } from '../minutes';

const t = da.minutes;

export type MinutesFormValues = { minutes: string; decision: string; revision: string };

/**
 * An item's minutes text and decision at full width, with the standard phrases as buttons: a
 * phrase submits the form with it as the decision (the meeting-run script puts it in the field
 * instead). On the "Referat" item the note says which phrase approves the previous minutes.
 */
export function MinutesFields(props: {
  organizationId: string;
  isMinutesApproval: boolean;
  previousMeeting: MeetingRow | undefined;
  phrases: PhraseList;
  values: MinutesFormValues;
  errors: FieldErrors;
  mayEditDecision: boolean;
  decision: string | null;
}) {
  const { values, errors, phrases } = props;
  return (
    <div class="minutes-fields">
      <input type="hidden" name="revision" value={values.revision} />
      <TextArea
        name="minutes"
        label={t.item.text}
        hint={t.item.textHint}
        value={values.minutes}
        errors={errors}
        rows={10}
      />
      {props.mayEditDecision ? (
        <>
          <TextArea
            name="decision"
            label={t.item.decision}
            hint={t.item.decisionHint}
            value={values.decision}
            errors={errors}
            rows={4}
          />
          {props.isMinutesApproval && props.previousMeeting && phrases.approvingPhrase ? (
            <p class="form-hint">
              {`${t.approvingPhraseNote(phrases.approvingPhrase)} ${t.item.previousMinutes}: ${props.previousMeeting.title}, ${formatDateLong(props.previousMeeting.startsAt)} (${da.meetingStatuses[props.previousMeeting.status]}).`}
            </p>
          ) : null}
          <fieldset class="phrase-buttons">
            <legend>{t.item.phrases}</legend>
            {phrases.phrases.map((phrase) => (
              <button
                key={phrase}
                type="submit"
                name="phrase"
                value={phrase}
                class="button button-tertiary"
                data-phrase={phrase}
              >
                {phrase}
              </button>
            ))}
            <p class="form-hint">
              <a href={`/referat/formuleringer/${props.organizationId}`}>{t.phrasesEdit}</a>
            </p>
          </fieldset>
        </>
      ) : (
        <>
          <p>{t.item.decisionLocked}</p>
          <p>{`${t.decisionHeading}: ${props.decision ?? t.item.empty}`}</p>
        </>
      )}
    </div>
  );
}
