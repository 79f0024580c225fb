import { Fragment, type ComponentChildren } from 'preact';
import { da } from '../../platform/i18n/da';
import { formatDateLong, formatTime, formatWeekdayDate } from '../../platform/i18n/format';
import type { Crumb } from '../../platform/http/breadcrumbs';
import { Layout, type PageContext } from '../../platform/http/layout';
import { attendanceGroups } from '../minutes/index';
import { sanitizeRichText } from '../papers/index';
import type { PublicItem, PublicMeeting } from '../publishing/index';
import { SearchFormView, SearchResultsView, type SearchPageState } from '../search/index';
import type { PublicOrganization } from './service';

const t = da.portal;

export const portalPaths = {
  home: '/offentlig',
  search: '/offentlig/soeg',
  calendar: '/offentlig/kalender.ics',
  organization: (id: string, year?: number) =>
    `/offentlig/organisationer/${id}${year === undefined ? '' : `?aar=${year}`}`,
  rss: (organizationId: string) => `/offentlig/organisationer/${organizationId}/rss.xml`,
  /** A meeting by its id or its readable slug ("2023-11-15-oekonomiudvalget"). */
  meeting: (ref: string) => `/offentlig/moeder/${ref}`,
  document: (ref: string, kind: 'agenda' | 'minutes') =>
    `/offentlig/moeder/${ref}/${kind === 'agenda' ? 'dagsorden' : 'referat'}.pdf`,
  /** An item under its meeting's id or readable slug. */
  item: (meetingRef: string, itemId: string) => `/offentlig/moeder/${meetingRef}/punkter/${itemId}`,
  attachment: (id: string) => `/offentlig/bilag/${id}`,
};

/**
 * A portal page: DKFDS breadcrumbs ending with the title, the canonical address under
 * PUBLIC_BASE_URL, and a discreet way in for staff and members at the foot.
 */
function PortalPage(props: {
  ctx: PageContext;
  title: string;
  crumbs?: Crumb[];
  canonicalUrl?: string;
  children: ComponentChildren;
}) {
  return (
    <Layout
      ctx={props.ctx}
      title={props.title}
      breadcrumbs={props.crumbs}
      canonicalUrl={props.canonicalUrl}
    >
      {props.children}
      <p class="portal-login">
        <a href="/login">{t.staffLogin}</a>
      </p>
    </Layout>
  );
}

function SearchForm(props: { query?: string }) {
  return (
    <form method="get" action={portalPaths.search} role="search">
      <div class="form-group">
        <label class="form-label" for="portal-q">
          {t.searchLabel}
        </label>
        <input class="form-input" id="portal-q" name="q" type="search" value={props.query ?? ''} />
      </div>
      <button type="submit" class="button button-primary">
        {t.searchButton}
      </button>
    </form>
  );
}

function slotText(item: { start: string | null; end: string | null }): string | null {
  if (!item.start || !item.end) return null;
  return `${formatTime(new Date(item.start))} – ${formatTime(new Date(item.end))}`;
}

function meetingTimes(meeting: PublicMeeting): string {
  return `${formatTime(new Date(meeting.start))} – ${formatTime(new Date(meeting.end))}`;
}

function meetingLinkText(meeting: PublicMeeting): string {
  return `${meeting.title}, ${formatDateLong(new Date(meeting.start))}`;
}

export function PortalHomePage(props: {
  ctx: PageContext;
  organizations: PublicOrganization[];
  canonicalUrl: string;
}) {
  return (
    <PortalPage ctx={props.ctx} title={t.title} canonicalUrl={props.canonicalUrl}>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <h2>{t.organizations}</h2>
      {props.organizations.length === 0 ? (
        <p>{t.noOrganizations}</p>
      ) : (
        <ul>
          {props.organizations.map((organization) => (
            <li key={organization.id}>
              <a href={portalPaths.organization(organization.id)}>{organization.name}</a> (
              {t.meetingCount(organization.meetingCount)})
            </li>
          ))}
        </ul>
      )}
      <h2>{t.searchHeading}</h2>
      <SearchForm />
      <p>
        <a href={portalPaths.calendar}>{t.calendar}</a>
      </p>
    </PortalPage>
  );
}

export function PortalOrganizationPage(props: {
  ctx: PageContext;
  organization: { id: string; name: string };
  years: number[];
  year: number;
  meetings: PublicMeeting[];
  /** The meetings' readable addresses by id. */
  slugs: ReadonlyMap<string, string>;
}) {
  const { organization, year } = props;
  return (
    <PortalPage
      ctx={props.ctx}
      title={organization.name}
      crumbs={[{ href: portalPaths.home, label: t.allOrganizations }]}
    >
      <h1>{organization.name}</h1>
      <nav aria-label={t.years}>
        <h2>{t.years}</h2>
        <ul class="nobullet-list">
          {props.years.map((candidate) => (
            <li key={candidate}>
              <a
                href={portalPaths.organization(organization.id, candidate)}
                aria-current={candidate === year ? 'page' : undefined}
              >
                {candidate}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h2>{t.meetingsOf(year)}</h2>
      {props.meetings.length === 0 ? (
        <p>{t.noMeetingsInYear}</p>
      ) : (
        <ul>
          {props.meetings.map((meeting) => (
            <li key={meeting.meetingId}>
              <a
                href={portalPaths.meeting(props.slugs.get(meeting.meetingId) ?? meeting.meetingId)}
              >
                {meetingLinkText(meeting)}
              </a>{' '}
              ({t.kindOf[meeting.kind]})
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={portalPaths.rss(organization.id)} type="application/rss+xml">
          {t.rss}
        </a>
      </p>
    </PortalPage>
  );
}

function ClosedTag() {
  return <span class="badge">{t.closedItem}</span>;
}

export function PortalMeetingPage(props: {
  ctx: PageContext;
  meeting: PublicMeeting;
  /** The readable address: PUBLIC_BASE_URL and the slug. */
  permalink: string;
  slug: string;
  /** The documents published, each offered as PDF. */
  documentKinds: Array<'agenda' | 'minutes'>;
}) {
  const { meeting } = props;
  const isMinutes = meeting.kind === 'minutes';
  const title = `${t.kindOf[meeting.kind]}: ${meeting.title}`;
  return (
    <PortalPage
      ctx={props.ctx}
      title={title}
      canonicalUrl={props.permalink}
      crumbs={[
        { href: portalPaths.home, label: t.allOrganizations },
        {
          href: portalPaths.organization(meeting.organization.id),
          label: meeting.organization.name,
        },
      ]}
    >
      <h1>{title}</h1>
      {props.documentKinds.length > 0 ? (
        <>
          <h2>{t.documents}</h2>
          <ul>
            {props.documentKinds.map((kind) => (
              <li key={kind}>
                <a href={portalPaths.document(props.slug, kind)} type="application/pdf">
                  {t.documentPdf(t.kindOf[kind])}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t.facts}</h2>
      <dl>
        <dt>{t.organization}</dt>
        <dd>{meeting.organization.name}</dd>
        <dt>{t.date}</dt>
        <dd>{formatWeekdayDate(new Date(meeting.start))}</dd>
        <dt>{t.time}</dt>
        <dd>{meetingTimes(meeting)}</dd>
        {meeting.location ? (
          <>
            <dt>{t.location}</dt>
            <dd>{meeting.location}</dd>
          </>
        ) : null}
        <dt>{t.permalink}</dt>
        <dd class="break-word">
          <a href={props.permalink}>{props.permalink}</a>
        </dd>
      </dl>
      {isMinutes ? <Attendance meeting={meeting} /> : null}
      <h2>{t.items}</h2>
      {meeting.items.length === 0 ? <p>{t.noItems}</p> : null}
      <ol class="unstyled-list">
        {meeting.items.map((item) => (
          <li key={item.id} class="portal-item">
            <h3>
              {item.isPublic ? (
                <a href={portalPaths.item(props.slug, item.id)}>
                  {t.itemTitle(item.number, item.title)}
                </a>
              ) : (
                <>
                  {t.itemTitle(item.number, item.title)} <ClosedTag />
                </>
              )}
            </h3>
            {slotText(item) ? <p>{slotText(item)}</p> : null}
            {isMinutes ? <ItemOutcome item={item} headingLevel={4} /> : null}
          </li>
        ))}
      </ol>
    </PortalPage>
  );
}

/** Who was present and absent, as the published minutes say (older publications do not). */
function Attendance(props: { meeting: PublicMeeting }) {
  const attendance = props.meeting.attendance;
  const groups = attendance ? attendanceGroups(attendance) : [];
  return (
    <section aria-labelledby="portal-attendance">
      <h2 id="portal-attendance">{t.attendance}</h2>
      {groups.length === 0 ? (
        <p>{t.attendanceNone}</p>
      ) : (
        <dl>
          {groups.map((group) => (
            <Fragment key={group.label}>
              <dt>{group.label}</dt>
              <dd>{group.names.join(', ')}</dd>
            </Fragment>
          ))}
        </dl>
      )}
    </section>
  );
}

function ItemOutcome(props: { item: PublicItem; headingLevel: 2 | 4 }) {
  const Heading = props.headingLevel === 2 ? 'h2' : 'h4';
  return (
    <>
      {props.item.minutes ? (
        <>
          <Heading>{t.itemMinutes}</Heading>
          <p class="minutes-text">{props.item.minutes}</p>
        </>
      ) : null}
      {props.item.decision ? (
        <>
          <Heading>{t.decision}</Heading>
          <p class="minutes-text">{props.item.decision}</p>
        </>
      ) : null}
    </>
  );
}

export function PortalItemPage(props: {
  ctx: PageContext;
  meeting: PublicMeeting;
  /** The meeting's readable address (its slug). */
  meetingRef: string;
  item: PublicItem;
  canonicalUrl: string;
}) {
  const { meeting, item } = props;
  const title = t.itemTitle(item.number, item.title);
  return (
    <PortalPage
      ctx={props.ctx}
      title={title}
      canonicalUrl={props.canonicalUrl}
      crumbs={[
        { href: portalPaths.home, label: t.allOrganizations },
        {
          href: portalPaths.organization(meeting.organization.id),
          label: meeting.organization.name,
        },
        { href: portalPaths.meeting(props.meetingRef), label: meetingLinkText(meeting) },
      ]}
    >
      <h1>{title}</h1>
      {slotText(item) ? <p>{slotText(item)}</p> : null}
      <dl>
        {item.purpose ? (
          <>
            <dt>{t.purpose}</dt>
            <dd class="minutes-text">{item.purpose}</dd>
          </>
        ) : null}
        {item.method ? (
          <>
            <dt>{t.method}</dt>
            <dd class="minutes-text">{item.method}</dd>
          </>
        ) : null}
        {item.responsible.length > 0 ? (
          <>
            <dt>{t.responsible}</dt>
            <dd>{item.responsible.join(', ')}</dd>
          </>
        ) : null}
      </dl>
      {item.paper ? (
        <section aria-labelledby="portal-memo">
          <h2 id="portal-memo">
            {t.memo}: {item.paper.title}
          </h2>
          {item.paper.sections.map((section, index) => (
            <section key={index}>
              <h3>{section.heading}</h3>
              <div dangerouslySetInnerHTML={{ __html: sanitizeRichText(section.html) }} />
            </section>
          ))}
        </section>
      ) : null}
      <ItemOutcome item={item} headingLevel={2} />
      <h2>{t.attachments}</h2>
      {item.attachments.length === 0 ? (
        <p>{t.noAttachments}</p>
      ) : (
        <ul>
          {item.attachments.map((attachment) => (
            <li key={attachment.id}>
              {attachment.sha256 ? (
                <a href={portalPaths.attachment(attachment.id)}>{attachment.label}</a>
              ) : (
                attachment.label
              )}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={portalPaths.meeting(props.meetingRef)}>{t.backToMeeting}</a>
      </p>
    </PortalPage>
  );
}

export function PortalSearchPage(props: { ctx: PageContext; state: SearchPageState }) {
  const { state } = props;
  return (
    <PortalPage
      ctx={props.ctx}
      title={t.searchTitle}
      crumbs={[{ href: portalPaths.home, label: t.allOrganizations }]}
    >
      <h1>{t.searchTitle}</h1>
      <SearchFormView
        path={portalPaths.search}
        params={state.params}
        errors={state.errors}
        withDates={false}
      />
      {state.results ? (
        <SearchResultsView
          path={portalPaths.search}
          params={state.params}
          results={state.results}
        />
      ) : (
        <p>{t.searchEmpty}</p>
      )}
    </PortalPage>
  );
}
