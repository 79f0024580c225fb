import { HiddenCsrf } from '../layout';

/**
 * A button that posts a form only after a second, explicit click: the first opens a short
 * question with the real button (a <details>, so it works without JavaScript and cannot be
 * triggered by one stray click).
 */
export function ConfirmButton(props: {
  action: string;
  csrfToken: string;
  /** The button's text, e.g. "Slet". */
  label: string;
  /** Names what is acted on for screen readers, e.g. 'Slet mødet "Byråd 3. maj"'. */
  accessibleLabel?: string;
  /** The question asked before, e.g. "Vil du slette mødet? Det kan ikke fortrydes." */
  question: string;
  /** The confirming button's text, e.g. "Ja, slet mødet". */
  confirmLabel: string;
  /** Extra hidden fields sent with the form. */
  fields?: Readonly<Record<string, string>>;
  isDanger?: boolean;
}) {
  return (
    <details class="confirm-button">
      <summary
        class={`button ${props.isDanger ? 'button-secondary confirm-button-danger' : 'button-secondary'}`}
        aria-label={props.accessibleLabel}
      >
        {props.label}
      </summary>
      <form method="post" action={props.action} class="confirm-button-form">
        <HiddenCsrf token={props.csrfToken} />
        {Object.entries(props.fields ?? {}).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <p>{props.question}</p>
        <button type="submit" class="button button-primary">
          {props.confirmLabel}
        </button>
      </form>
    </details>
  );
}
