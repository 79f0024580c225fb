import { Select, TextField, type FieldErrors } from '../../../platform/http/form';
import { ErrorSummary, HiddenCsrf, Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import type { MeetingDetail } from '../../meetings/index';
import type { AttendanceEntry } from '../attendance';

const t = da.minutes;
type Option = { value: string; label: string };

/**
 * Fremmøde: a status per member (afbud with its reason and a stedfortræder), and guests for
 * named items. Once the meeting is held it is shown, not edited (a correction is an addendum).
 */
export function AttendancePage(props: {
  ctx: PageContext;
  detail: MeetingDetail;
  entries: readonly AttendanceEntry[];
  persons: readonly Option[];
  /** Whom a stedfortræder may be: the organization's substitutes first. */
  candidates: readonly Option[];
  isLocked: boolean;
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
  const members = entries.filter((entry) => entry.isMember && !entry.substituteFor);
  const guests = entries.filter((entry) => !entry.isMember && !entry.substituteFor);
  if (props.isLocked) {
    return (
      <Layout ctx={ctx} title={`${a.title}: ${detail.meeting.title}`}>
        <p>
          <a href={base}>{`← ${detail.meeting.title}`}</a>
        </p>
        <h1>{`${a.title}: ${detail.meeting.title}`}</h1>
        <p>{a.locked}</p>
        <ul class="attendance-list">
          {entries.map((entry) => (
            <li key={entry.personId}>
              <AttendanceLine entry={entry} />
            </li>
          ))}
        </ul>
      </Layout>
    );
  }
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
            <legend class="h4">
              {entry.role && entry.role !== 'member'
                ? `${entry.name} (${da.membershipRoles[entry.role]})`
                : entry.name}
            </legend>
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
            <TextField
              id={`reason-${index}`}
              name="reason"
              label={a.reason}
              hint={a.reasonHint}
              value={entry.reason}
              errors={{}}
            />
            <Select
              id={`substitute-${index}`}
              name="substitute"
              label={a.substitute}
              hint={a.substituteHint}
              value={entry.substitute?.personId ?? ''}
              options={[{ value: '', label: a.noneChosen }, ...props.candidates]}
              errors={{}}
            />
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
            <input type="hidden" name="reason" value="" />
            <input type="hidden" name="substitute" value="" />
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
          <input type="hidden" name="reason" value="" />
          <input type="hidden" name="substitute" value="" />
        </fieldset>
        <button type="submit" class="button button-primary">
          {a.save}
        </button>
      </form>
    </Layout>
  );
}

/** "Bo Medlem: Afbud (syg) – stedfortræder: Sara Suppleant", as the locked page lists it. */
function AttendanceLine({ entry }: { entry: AttendanceEntry }) {
  const a = t.attendance;
  const parts = [`${entry.name}: ${a.statuses[entry.status]}`];
  if (entry.reason) parts[0] += ` (${entry.reason})`;
  if (entry.substitute) parts.push(`${a.substitute.toLowerCase()}: ${entry.substitute.name}`);
  if (entry.substituteFor) parts.push(a.substituteFor(entry.substituteFor.name));
  return <>{parts.join(' – ')}</>;
}
