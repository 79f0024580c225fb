import { HiddenCsrf, Layout, type PageContext } from '../../platform/http/layout';
import { da } from '../../platform/i18n/da';
import { formatDateLong, formatTime } from '../../platform/i18n/format';
import { isKeptCurrent } from './db-schema';
import type { ListedBuild } from './jobs';
import { audiences, type Audience } from './service';

const t = da.packages;

type MeetingFacts = { id: string; title: string; startsAt: Date };

function when(date: Date): string {
  return `${formatDateLong(date)} kl. ${formatTime(date)}`;
}

function BuildStatus(props: { build: ListedBuild | undefined; isAwaitingFirstBuild?: boolean }) {
  const { build } = props;
  if (!build) return <p>{props.isAwaitingFirstBuild ? t.awaitingFirstBuild : t.none}</p>;
  const label = `${t.statuses[build.status]} (${t.requested} ${when(build.requestedAt)})`;
  if (build.status === 'queued' || build.status === 'running') {
    return (
      <p>
        <label for={`progress-${build.id}`}>{label}</label>{' '}
        <progress
          id={`progress-${build.id}`}
          max={100}
          value={build.progress}
          data-build-id={build.id}
        >{`${build.progress} %`}</progress>
      </p>
    );
  }
  if (build.status === 'failed') return <p>{`${label}: ${build.error ?? ''}`}</p>;
  const status =
    build.freshness === 'stale'
      ? `${t.staleOnly} (${t.requested} ${when(build.requestedAt)})`
      : label;
  return (
    <p>{`${status}. ${t.pages(build.pageCount ?? 0)}, ${t.finished} ${build.finishedAt ? when(build.finishedAt) : ''}.`}</p>
  );
}

/**
 * Said of a finished package that no longer matches its agenda, memos and bilag: it is rebuilt
 * by itself while a build waits or runs, or while the worker keeps the meeting's packages
 * current; else the secretariat builds it again.
 */
function StaleNotice(props: { isRebuilding: boolean }) {
  return (
    <div class="alert alert-warning" role="status">
      <div class="alert-body">
        <p class="alert-heading">{props.isRebuilding ? t.stale : t.staleOnly}</p>
        <p class="alert-text">{props.isRebuilding ? t.staleRebuilding : t.staleBuildAgain}</p>
      </div>
    </div>
  );
}

/** The meeting's packages per audience: status, progress, download, and (secretariat) build. */
export function PackagePage(props: {
  ctx: PageContext;
  meeting: MeetingFacts;
  builds: ListedBuild[];
  /** A released agenda's packages are queued by the worker moments after the release. */
  isAgendaReleased: boolean;
  mayBuild: boolean;
  /** Names of the members with their own package (inhabil in an item). */
  memberNames: ReadonlyMap<string, string>;
}) {
  const { meeting } = props;
  const base = `/moeder/${meeting.id}/pakke`;
  // The secretariat sees the shared packages here and the members' own ones below; a member
  // who is inhabil is only shown their own, which the download then serves.
  const shared = props.mayBuild
    ? props.builds.filter((build) => build.forPersonId === null)
    : props.builds;
  const isOwnPackage = !props.mayBuild && props.builds.some((build) => build.forPersonId !== null);
  const latest = (audience: Audience) => shared.find((build) => build.audience === audience);
  const lastDone = (audience: Audience) =>
    shared.find((build) => build.audience === audience && build.status === 'done');
  const memberBuilds = props.mayBuild
    ? [...new Set(props.builds.flatMap((build) => (build.forPersonId ? [build.forPersonId] : [])))]
        .map((personId) => ({
          personId,
          name: props.memberNames.get(personId) ?? personId,
          build: props.builds.find((build) => build.forPersonId === personId),
        }))
        .sort((a, b) => a.name.localeCompare(b.name, 'da'))
    : [];
  const isMeetingKeptCurrent = isKeptCurrent(meeting.startsAt);
  const visible = audiences.filter(
    (audience) => props.mayBuild || props.builds.some((build) => build.audience === audience),
  );
  // Right after a release the worker has not queued the first packages yet: say they are on
  // their way (and follow them) rather than "not built", which reads as if nothing will happen.
  const isAwaitingFirstBuild =
    props.isAgendaReleased &&
    isMeetingKeptCurrent &&
    visible.some((audience) => !shared.some((build) => build.audience === audience));
  const isBusy =
    isAwaitingFirstBuild ||
    props.builds.some((build) => build.status === 'queued' || build.status === 'running');
  return (
    <Layout
      ctx={props.ctx}
      title={`${t.title}: ${meeting.title}`}
      scripts={isBusy ? ['/static/app/package-status.js'] : []}
    >
      <p>
        <a href={`/moeder/${meeting.id}`}>{`← ${meeting.title}`}</a>
      </p>
      <h1>{`${t.title}: ${meeting.title} ${formatDateLong(meeting.startsAt)}`}</h1>
      <p>{t.intro}</p>
      <p>
        <a href={`/moeder/${meeting.id}/dagsorden.docx`}>{t.agendaDocx}</a>
      </p>
      {visible.map((audience) => {
        const done = lastDone(audience);
        const newest = latest(audience);
        const isWaiting = newest?.status === 'queued' || newest?.status === 'running';
        return (
          <section key={audience} aria-labelledby={`package-${audience}`}>
            <h2 id={`package-${audience}`}>{t.audiences[audience]}</h2>
            {audience === 'full' && isOwnPackage ? <p>{t.ownPackage}</p> : null}
            {done?.freshness === 'stale' ? (
              <StaleNotice isRebuilding={isWaiting || isMeetingKeptCurrent} />
            ) : null}
            <BuildStatus build={newest} isAwaitingFirstBuild={isAwaitingFirstBuild} />
            {done ? (
              <p>
                <a class="button button-primary" href={`${base}/${audience}.pdf`}>
                  {t.open(t.audiences[audience])}
                </a>{' '}
                <a href={`${base}/${audience}.pdf?download=1`} download>
                  {t.download(t.audiences[audience])}
                </a>
              </p>
            ) : null}
            {props.mayBuild ? (
              <form method="post" action={base}>
                <HiddenCsrf token={props.ctx.csrfToken} />
                <input type="hidden" name="audience" value={audience} />
                <button type="submit" class="button button-secondary">
                  {t.build(t.audiences[audience])}
                </button>
              </form>
            ) : null}
          </section>
        );
      })}
      {memberBuilds.length > 0 ? (
        <section aria-labelledby="package-members">
          <h2 id="package-members">{t.memberPackages}</h2>
          <p>{t.memberPackagesIntro}</p>
          <ul>
            {memberBuilds.map((entry) => (
              <li key={entry.personId}>
                <strong>{entry.name}</strong>
                <BuildStatus build={entry.build} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {isBusy ? (
        <p>
          <a
            href={base}
            data-meeting-id={meeting.id}
            data-build-count={String(props.builds.length)}
            id="package-refresh"
          >
            {t.refresh}
          </a>
        </p>
      ) : null}
    </Layout>
  );
}
