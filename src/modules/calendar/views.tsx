import { EmptyState } from '../../platform/http/components/empty-state';
import { HiddenCsrf, Layout, type PageContext } from '../../platform/http/layout';
import { da } from '../../platform/i18n/da';
import { formatDateLong, formatTime } from '../../platform/i18n/format';
import type { FeedStatus } from './service';

const t = da.calendar;

const when = (date: Date) => `${formatDateLong(date)} kl. ${formatTime(date)}`;

/** webcal:// makes the browser hand the URL to the calendar app as a subscription. */
const webcal = (url: string) => url.replace(/^https?:\/\//, 'webcal://');

export function CalendarPage(props: {
  ctx: PageContext;
  status: FeedStatus | undefined;
  /** The full URL of a feed made in this request; it is never shown again. */
  newFeedUrl?: string;
}) {
  const { ctx, status, newFeedUrl } = props;
  return (
    <Layout ctx={ctx} title={t.title}>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {newFeedUrl ? (
        <div class="alert alert-success" role="status">
          <div class="alert-body">
            <h2 class="alert-heading">{t.newFeedHeading}</h2>
            <p class="alert-text">{t.newFeedShownOnce}</p>
            <div class="form-group">
              <label class="form-label" for="feed-url">
                {t.feedUrlLabel}
              </label>
              <input
                class="form-input input-width-xl"
                id="feed-url"
                type="text"
                readOnly
                value={newFeedUrl}
              />
            </div>
            <p>
              <a href={webcal(newFeedUrl)}>{t.subscribe}</a>
            </p>
          </div>
        </div>
      ) : null}
      <p>{t.secretWarning}</p>
      {status && !newFeedUrl ? (
        <p>
          {t.feedCreatedAt(when(status.createdAt))}{' '}
          {status.lastUsedAt ? t.feedLastUsedAt(when(status.lastUsedAt)) : null} {t.feedShownOnce}
        </p>
      ) : null}
      {!status && !newFeedUrl ? <EmptyState message={t.noFeed} /> : null}
      <form method="post" action="/kalender">
        <HiddenCsrf token={ctx.csrfToken} />
        {status || newFeedUrl ? <p class="form-hint">{t.regenerateHint}</p> : null}
        <button type="submit" class="button button-primary">
          {status || newFeedUrl ? t.regenerate : t.create}
        </button>
      </form>
    </Layout>
  );
}
