import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { policies } from '../../platform/auth/route-policy';
import { AppError } from '../../platform/errors';
import { Checkbox, pathId } from '../../platform/http/form';
import { redirectAfterPost, sendHtml } from '../../platform/http/html';
import { HiddenCsrf, Layout, pageContext, type PageContext } from '../../platform/http/layout';
import { da } from '../../platform/i18n/da';
import { formatDateLong, formatTime } from '../../platform/i18n/format';
import { readAs, writeAs } from '../../platform/http/service-call';
import { getMeetingDetail } from '../meetings/index';
import { publicationKinds } from './enums';
import type { PublicationKind } from './public-meeting';
import * as service from './service';

const t = da.publishing;
const at = (date: Date) => `${formatDateLong(date)} kl. ${formatTime(date)}`;
const isKind = (value: string): value is PublicationKind =>
  (publicationKinds as readonly string[]).includes(value);

type KindState = service.PublishingOverview['states'][number];

function PublishingPage(props: {
  ctx: PageContext;
  meeting: { id: string; title: string };
  states: KindState[];
  publishClosedDecisions: boolean;
  error?: string;
}) {
  const { ctx, meeting } = props;
  const base = `/moeder/${meeting.id}/offentliggoerelse`;
  return (
    <Layout ctx={ctx} title={`${t.title}: ${meeting.title}`}>
      <p>
        <a href={`/moeder/${meeting.id}`}>{`← ${meeting.title}`}</a>
      </p>
      <h1>{`${t.title}: ${meeting.title}`}</h1>
      {props.error ? (
        <div class="alert alert-error" role="alert">
          <div class="alert-body">
            <p class="alert-text">{props.error}</p>
          </div>
        </div>
      ) : null}
      <form method="post" action={`${base}/indstillinger`}>
        <HiddenCsrf token={ctx.csrfToken} />
        <Checkbox
          name="publishClosedDecisions"
          label={t.closedDecisions}
          hint={t.closedDecisionsHint}
          checked={props.publishClosedDecisions}
          errors={{}}
        />
        <button type="submit" class="button button-secondary">
          {t.saveSettings}
        </button>
      </form>
      <p>{t.cprIntro}</p>
      {props.states.map(({ kind, publication, hits, blocking, unchecked }) => {
        const label = t.kinds[kind];
        const isLive = publication !== undefined && publication.withdrawnAt === null;
        return (
          <section key={kind} aria-labelledby={`publish-${kind}`}>
            <h2 id={`publish-${kind}`}>{label}</h2>
            <p>
              {publication === undefined
                ? t.notPublished(label)
                : publication.withdrawnAt
                  ? t.withdrawn(label, at(publication.withdrawnAt))
                  : t.published(label, at(publication.publishedAt))}
            </p>
            <p>
              <a href={`${base}/forhaandsvisning?type=${kind}`}>{da.publicPreview.link(label)}</a>
            </p>
            <h3>{t.cprTitle}</h3>
            {hits.length === 0 ? <p>{t.cprNone}</p> : null}
            {unchecked.length > 0 ? (
              <div class="alert alert-warning">
                <div class="alert-body">
                  <p class="alert-text">{t.unchecked}</p>
                  <ul>
                    {unchecked.map((label) => (
                      <li key={label}>{label}</li>
                    ))}
                  </ul>
                </div>
              </div>
            ) : null}
            {hits.length > 0 ? (
              <table class="table">
                <caption class="sr-only">{`${t.cprTitle}: ${label}`}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.cprWhere}</th>
                    <th scope="col">{t.cprNumber}</th>
                    <th scope="col">{t.cprConfidence}</th>
                    <th scope="col">{da.items.actions}</th>
                  </tr>
                </thead>
                <tbody>
                  {hits.map((hit, index) => (
                    <tr key={`${hit.where}-${index}`}>
                      <td>{hit.where}</td>
                      <td>{hit.text}</td>
                      <td>
                        {hit.confidence === 'high' && !blocking.includes(hit)
                          ? t.cprCleared
                          : t.confidence[hit.confidence]}
                      </td>
                      <td>
                        {blocking.includes(hit) ? (
                          <form method="post" action={`${base}/cpr`}>
                            <HiddenCsrf token={ctx.csrfToken} />
                            <input type="hidden" name="digits" value={hit.digits} />
                            <button
                              type="submit"
                              class="button button-tertiary"
                              aria-label={t.clearLabel(hit.text)}
                            >
                              {t.clear}
                            </button>
                          </form>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            <div class="button-row">
              <form method="post" action={`${base}/${kind}`}>
                <HiddenCsrf token={ctx.csrfToken} />
                <button type="submit" class="button button-primary">
                  {isLive ? t.publishAgain(label) : t.publish(label)}
                </button>
              </form>
              {isLive ? (
                <form method="post" action={`${base}/${kind}/tilbagetraek`}>
                  <HiddenCsrf token={ctx.csrfToken} />
                  <button type="submit" class="button button-secondary">
                    {t.withdraw(label)}
                  </button>
                </form>
              ) : null}
            </div>
          </section>
        );
      })}
    </Layout>
  );
}

/** The secretariat's page for publishing a meeting's agenda and minutes. */
export async function publishingPages(app: FastifyInstance): Promise<void> {
  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: { error?: string; status?: number } = {},
  ) => {
    const meetingId = pathId(request.params);
    const overview = await service.getPublishingOverview({ ...readAs(request), meetingId });
    return sendHtml(
      reply,
      <PublishingPage
        ctx={pageContext(request, reply)}
        meeting={overview.meeting}
        states={overview.states}
        publishClosedDecisions={overview.publishClosedDecisions}
        error={options.error}
      />,
      options.status,
    );
  };

  app.get(
    '/moeder/:id/offentliggoerelse',
    { config: { policy: policies.staff } },
    (request, reply) => render(request, reply),
  );

  app.post(
    '/moeder/:id/offentliggoerelse/indstillinger',
    { config: { policy: policies.staff } },
    async (request, reply) => {
      const meetingId = pathId(request.params);
      const value = (request.body as { publishClosedDecisions?: unknown } | undefined)
        ?.publishClosedDecisions;
      await writeAs(request, async (ctx) => {
        const detail = await getMeetingDetail({ ...ctx, meetingId });
        await service.setPublishClosedDecisions({
          ...ctx,
          organizationId: detail.meeting.organizationId,
          value: value === 'on',
        });
      });
      return redirectAfterPost(reply, `/moeder/${meetingId}/offentliggoerelse`);
    },
  );

  app.post(
    '/moeder/:id/offentliggoerelse/cpr',
    { config: { policy: policies.staff } },
    async (request, reply) => {
      const meetingId = pathId(request.params);
      const digits = (request.body as { digits?: unknown } | undefined)?.digits;
      if (typeof digits !== 'string' || !/^\d{10}$/.test(digits)) {
        throw new AppError('VALIDATION_FAILED');
      }
      await writeAs(request, (ctx) => service.clearCprNumber({ ...ctx, meetingId, digits }));
      return redirectAfterPost(reply, `/moeder/${meetingId}/offentliggoerelse`);
    },
  );

  app.post(
    '/moeder/:id/offentliggoerelse/:kind',
    { config: { policy: policies.staff } },
    async (request, reply) => {
      const meetingId = pathId(request.params);
      const kind = (request.params as { kind: string }).kind;
      if (!isKind(kind)) throw new AppError('NOT_FOUND');
      try {
        await writeAs(request, (ctx) => {
          ctx.announce(service.publicationsTopic);
          return service.publishMeeting({ ...ctx, meetingId, kind });
        });
      } catch (error) {
        if (
          error instanceof AppError &&
          (error.code === 'CPR_NUMBER_FOUND' || error.code === 'MEETING_STATUS_INVALID')
        ) {
          return render(request, reply, { error: error.message, status: 409 });
        }
        throw error;
      }
      return redirectAfterPost(reply, `/moeder/${meetingId}/offentliggoerelse`);
    },
  );

  app.post(
    '/moeder/:id/offentliggoerelse/:kind/tilbagetraek',
    { config: { policy: policies.staff } },
    async (request, reply) => {
      const meetingId = pathId(request.params);
      const kind = (request.params as { kind: string }).kind;
      if (!isKind(kind)) throw new AppError('NOT_FOUND');
      await writeAs(request, (ctx) => {
        ctx.announce(service.publicationsTopic);
        return service.withdrawPublication({ ...ctx, meetingId, kind });
      });
      return redirectAfterPost(reply, `/moeder/${meetingId}/offentliggoerelse`);
    },
  );
}
