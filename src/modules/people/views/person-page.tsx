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
        <div class="button-row">
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
        </div>
      ) : null}
      {props.canManage && !person.deactivatedAt ? (
        <p class="form-hint">{t.deactivateHint}</p>
      ) : null}

      <h2>{t.memberships}</h2>
      {memberships.length === 0 ? (
        <p>{t.noMemberships}</p>
      ) : (
        <table class="table table--compact table--responsive-headers">
          <caption class="sr-only">{t.memberships}</caption>
          <thead>
            <tr>
              <th scope="col">{t.organization}</th>
              <th scope="col">{t.role}</th>
              <th scope="col">{t.period}</th>
            </tr>
          </thead>
          <tbody>
            {memberships.map((membership) => (
              <tr key={membership.id}>
                <td data-title={t.organization}>
                  <a href={`/moeder?organisation=${membership.organizationId}`}>
                    {membership.organizationName}
                  </a>
                </td>
                <td data-title={t.role}>{da.membershipRoles[membership.role]}</td>
                <td data-title={t.period}>{period(membership.startDate, membership.endDate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t.meetings}</h2>
      <p>{t.meetingsIntro}</p>
      {meetings.length === 0 ? (
        <p>{t.noMeetings}</p>
      ) : (
        <table class="table table--compact table--responsive-headers">
          <caption class="sr-only">{t.meetings}</caption>
          <thead>
            <tr>
              <th scope="col">{t.date}</th>
              <th scope="col">{t.meeting}</th>
              <th scope="col">{t.attendance}</th>
            </tr>
          </thead>
          <tbody>
            {meetings.map(({ meeting, organizationName, attendance }) => (
              <tr key={meeting.id}>
                <td data-title={t.date}>{formatDateLong(meeting.startsAt)}</td>
                <td data-title={t.meeting}>
                  <a href={`/moeder/${meeting.id}`}>{meeting.title}</a>
                  <br />
                  <span class="small-text">{organizationName}</span>
                </td>
                <td data-title={t.attendance}>
                  {attendance ? t.attendanceStatuses[attendance] : t.attendanceNotRecorded}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t.followUps}</h2>
      {followUps.length === 0 ? (
        <p>{t.noFollowUps}</p>
      ) : (
        <table class="table table--compact table--responsive-headers">
          <caption class="sr-only">{t.followUps}</caption>
          <thead>
            <tr>
              <th scope="col">{t.followUp}</th>
              <th scope="col">{t.meeting}</th>
              <th scope="col">{t.due}</th>
            </tr>
          </thead>
          <tbody>
            {followUps.map((followUp) => (
              <tr key={followUp.id}>
                <td data-title={t.followUp}>{followUp.text}</td>
                <td data-title={t.meeting}>
                  <a href={`/moeder/${followUp.meetingId}`}>{followUp.meetingTitle}</a>
                </td>
                <td data-title={t.due}>{longDay(followUp.dueDate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {props.canManageUsers ? (
        <>
          <h2>{t.users}</h2>
          {users.length === 0 ? (
            <p>{t.noUsers}</p>
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
