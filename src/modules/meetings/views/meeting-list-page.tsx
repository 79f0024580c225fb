import { Select } from '../../../platform/http/form';
import { Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import { formatDateLong, formatTime } from '../../../platform/i18n/format';
import type { MeetingSummaryRow } from '../repository';

const t = da.meetings;

type Option = { value: string; label: string };

export function MeetingListPage(props: {
  ctx: PageContext;
  meetings: MeetingSummaryRow[];
  organizations: Option[];
  selectedOrganizationId: string | undefined;
  abilities: { mayCreate: boolean };
}) {
  const groups = new Map<string, MeetingSummaryRow[]>();
  for (const meeting of props.meetings) {
    const list = groups.get(meeting.organizationName) ?? [];
    list.push(meeting);
    groups.set(meeting.organizationName, list);
  }
  const organizationIdOf = new Map(
    props.meetings.map((meeting) => [meeting.organizationName, meeting.organizationId]),
  );
  const collator = new Intl.Collator('da');
  const names = [...groups.keys()].sort(collator.compare);
  return (
    <Layout ctx={props.ctx} title={t.listTitle}>
      <h1>{t.listTitle}</h1>
      <form method="get" action="/moeder" class="no-print">
        <Select
          name="organisation"
          label={t.organization}
          errors={{}}
          value={props.selectedOrganizationId ?? ''}
          options={[{ value: '', label: t.allOrganizations }, ...props.organizations]}
        />
        <button type="submit" class="button button-secondary">
          {t.filter}
        </button>
      </form>
      {props.abilities.mayCreate ? (
        <p class="no-print">
          <a class="button button-primary" href="/moeder/ny">
            {da.layout.newMeeting}
          </a>{' '}
          <a class="button button-secondary" href="/moeder/moedeplan">
            {da.meetingSeries.link}
          </a>
        </p>
      ) : null}
      {names.length === 0 ? <p>{t.noMeetings}</p> : null}
      {names.map((name) => (
        <section key={name}>
          <h2>{name}</h2>
          <p class="no-print">
            <a href={`/organisationer/${organizationIdOf.get(name) ?? ''}/medlemmer`}>
              {t.membersOf(name)}
            </a>
          </p>
          <div class="table-scroll">
            <table class="table table--compact">
              <caption class="sr-only">{`${t.listTitle}: ${name}`}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.date}</th>
                  <th scope="col">{t.time}</th>
                  <th scope="col">{t.title}</th>
                  <th scope="col">{t.location}</th>
                  <th scope="col">{t.status}</th>
                </tr>
              </thead>
              <tbody>
                {(groups.get(name) ?? []).map((meeting) => (
                  <tr key={meeting.id}>
                    <td>{formatDateLong(meeting.startsAt)}</td>
                    <td class="agenda-slot">{`${formatTime(meeting.startsAt)} – ${formatTime(meeting.endsAt)}`}</td>
                    <td>
                      <a href={`/moeder/${meeting.id}`}>{meeting.title}</a>
                    </td>
                    <td>{meeting.locationDescription ?? ''}</td>
                    <td>{da.meetingStatuses[meeting.status]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </Layout>
  );
}
