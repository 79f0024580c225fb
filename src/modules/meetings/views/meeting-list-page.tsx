import { Select } from '../../../platform/http/form';
import { ActionBar } from '../../../platform/http/components/action-bar';
import { DataTable, type Column } from '../../../platform/http/components/data-table';
import { EmptyState } from '../../../platform/http/components/empty-state';
import { statusTag, type StatusTone } from '../../../platform/http/components/status-tag';
import { Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import { formatDateLong, formatTime } from '../../../platform/i18n/format';
import type { MeetingSummaryRow } from '../repository';

const t = da.meetings;

type Option = { value: string; label: string };

const meetingStatusTones: Partial<Record<MeetingSummaryRow['status'], StatusTone>> = {
  agenda_released: 'info',
  in_progress: 'warning',
  minutes_approved: 'success',
};

const columns: ReadonlyArray<Column<MeetingSummaryRow>> = [
  { header: t.date, cell: (meeting) => formatDateLong(meeting.startsAt) },
  {
    header: t.time,
    cell: (meeting) => `${formatTime(meeting.startsAt)} – ${formatTime(meeting.endsAt)}`,
    class: 'agenda-slot',
  },
  {
    header: t.title,
    cell: (meeting) => <a href={`/moeder/${meeting.id}`}>{meeting.title}</a>,
  },
  { header: t.location, cell: (meeting) => meeting.locationDescription ?? '' },
  {
    header: t.status,
    cell: (meeting) => statusTag(meeting.status, da.meetingStatuses, meetingStatusTones),
  },
];

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
        <ActionBar>
          <a class="button button-primary" href="/moeder/ny">
            {da.layout.newMeeting}
          </a>{' '}
          <a class="button button-secondary" href="/moeder/moedeplan">
            {da.meetingSeries.link}
          </a>
        </ActionBar>
      ) : null}
      {names.length === 0 ? <EmptyState message={t.noMeetings} /> : null}
      {names.map((name) => (
        <section key={name}>
          <h2>{name}</h2>
          <p class="no-print">
            <a href={`/organisationer/${organizationIdOf.get(name) ?? ''}/medlemmer`}>
              {t.membersOf(name)}
            </a>
          </p>
          <DataTable
            caption={`${t.listTitle}: ${name}`}
            isCompact
            columns={columns}
            rows={groups.get(name) ?? []}
            rowKey={(meeting) => meeting.id}
          />
        </section>
      ))}
    </Layout>
  );
}
