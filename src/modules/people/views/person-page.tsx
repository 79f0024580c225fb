import { ActionBar } from '../../../platform/http/components/action-bar';
import { DataTable, type Column } from '../../../platform/http/components/data-table';
import { EmptyState } from '../../../platform/http/components/empty-state';
import { HiddenCsrf, Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import { formatDateLong } from '../../../platform/i18n/format';
import type { PersonOverview } from '../person-overview';

const t = da.persons;

/** A date column's "2024-01-31" as "31. januar 2024". */
const longDay = (day: string) => formatDateLong(new Date(`${day}T12:00:00Z`));

function period(startDate: string | null, endDate: string | null): string {
  return `${startDate ? longDay(startDate) : '…'} – ${endDate ? longDay(endDate) : t.openEnded}`;
}

type Row<Key extends 'memberships' | 'meetings' | 'followUps'> = PersonOverview[Key][number];

const membershipColumns: ReadonlyArray<Column<Row<'memberships'>>> = [
  {
    header: t.organization,
    cell: (membership) => (
      <a href={`/moeder?organisation=${membership.organizationId}`}>
        {membership.organizationName}
      </a>
    ),
  },
  { header: t.role, cell: (membership) => da.membershipRoles[membership.role] },
  { header: t.period, cell: (membership) => period(membership.startDate, membership.endDate) },
];

const meetingColumns: ReadonlyArray<Column<Row<'meetings'>>> = [
  { header: t.date, cell: ({ meeting }) => formatDateLong(meeting.startsAt) },
  {
    header: t.meeting,
    cell: ({ meeting, organizationName }) => (
      <>
        <a href={`/moeder/${meeting.id}`}>{meeting.title}</a>
        <br />
        <span class="small-text">{organizationName}</span>
      </>
    ),
  },
  {
    header: t.attendance,
    cell: ({ attendance }) =>
      attendance ? t.attendanceStatuses[attendance] : t.attendanceNotRecorded,
  },
];

const followUpColumns: ReadonlyArray<Column<Row<'followUps'>>> = [
  { header: t.followUp, cell: (followUp) => followUp.text },
  {
    header: t.meeting,
    cell: (followUp) => <a href={`/moeder/${followUp.meetingId}`}>{followUp.meetingTitle}</a>,
  },
  { header: t.due, cell: (followUp) => longDay(followUp.dueDate) },
];

/** /admin/personer/:id: details, memberships, meetings with attendance and follow-ups. */
export function PersonPage(props: {
  ctx: PageContext;
  overview: PersonOverview;
  canManage: boolean;
  /** Administrators see the person's logins. */
  canManageUsers: boolean;
  saved: boolean;
}) {
  const { person, memberships, meetings, followUps, users } = props.overview;
  const details: Array<[string, string | null]> = [
    [t.title, person.title],
    [t.unit, person.unit],
    [t.email, person.email],
    [t.phone, person.phone],
    [t.party, person.party],
    [t.external, person.isExternal ? 'Ja' : 'Nej'],
    [
      t.status,
      person.deactivatedAt ? t.deactivatedOn(formatDateLong(person.deactivatedAt)) : t.active,
    ],
  ];
  return (
    <Layout ctx={props.ctx} title={person.name}>
      <p>
        <a href="/admin/personer">{t.back}</a>
      </p>
      <h1>{person.name}</h1>
      {props.saved ? (
        <div class="alert alert-success" role="status">
          <div class="alert-body">
            <p class="alert-text">{t.saved}</p>
          </div>
        </div>
      ) : null}
      <h2>{t.details}</h2>
      <dl>
        {details
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd class="break-word">{value}</dd>
            </div>
          ))}
      </dl>
      {props.canManage ? (
        <ActionBar>
          <a class="button button-secondary" href={`/admin/personer/${person.id}/rediger`}>
            {t.edit}
          </a>
          <form
            method="post"
            action={`/admin/personer/${person.id}/${person.deactivatedAt ? 'genaktiver' : 'deaktiver'}`}
          >
            <HiddenCsrf token={props.ctx.csrfToken} />
            <button type="submit" class="button button-tertiary">
              {person.deactivatedAt ? t.reactivate : t.deactivate}
            </button>
          </form>
        </ActionBar>
      ) : null}
      {props.canManage && !person.deactivatedAt ? (
        <p class="form-hint">{t.deactivateHint}</p>
      ) : null}

      <h2>{t.memberships}</h2>
      {memberships.length === 0 ? (
        <EmptyState message={t.noMemberships} />
      ) : (
        <DataTable
          caption={t.memberships}
          columns={membershipColumns}
          rows={memberships}
          rowKey={(membership) => membership.id}
          isCompact
        />
      )}

      <h2>{t.meetings}</h2>
      <p>{t.meetingsIntro}</p>
      {meetings.length === 0 ? (
        <EmptyState message={t.noMeetings} />
      ) : (
        <DataTable
          caption={t.meetings}
          columns={meetingColumns}
          rows={meetings}
          rowKey={(row) => row.meeting.id}
          isCompact
        />
      )}

      <h2>{t.followUps}</h2>
      {followUps.length === 0 ? (
        <EmptyState message={t.noFollowUps} />
      ) : (
        <DataTable
          caption={t.followUps}
          columns={followUpColumns}
          rows={followUps}
          rowKey={(followUp) => followUp.id}
          isCompact
        />
      )}

      {props.canManageUsers ? (
        <>
          <h2>{t.users}</h2>
          {users.length === 0 ? (
            <EmptyState message={t.noUsers} />
          ) : (
            <ul>
              {users.map((user) => (
                <li key={user.id}>
                  <a href={`/admin/brugere/${user.id}`} class="break-word">
                    {user.email}
                  </a>{' '}
                  ({da.roles[user.role]}
                  {user.deactivatedAt ? `, ${da.userAdmin.deactivated.toLowerCase()}` : ''})
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </Layout>
  );
}
