import { da } from '../../platform/i18n/da';
import { formatDateLong, startOfLocalDay } from '../../platform/i18n/format';
import type { FieldErrors } from '../../platform/http/form';
import type { SearchResults } from './service';
import { maxPage } from './schemas';
import type { SnippetPart } from './snippet';

const t = da.search;

/** The query as given, to build links that change one part of it. */
export type SearchParams = Partial<Record<'q' | 'organization' | 'from' | 'to' | 'type', string>>;

function linkTo(path: string, params: SearchParams, change: Record<string, string | undefined>) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...params, page: undefined, ...change })) {
    if (value !== undefined && value !== '') query.set(key, value);
  }
  return `${path}?${query.toString()}`;
}

/** The search form: a labelled field with its hint and error; works without JavaScript. */
export function SearchFormView(props: {
  path: string;
  params: SearchParams;
  errors: FieldErrors;
  /** The portal has no filters but the facets. */
  withDates: boolean;
}) {
  const error = props.errors.q ?? props.errors.form;
  const dateError = props.errors.from ?? props.errors.to;
  return (
    <form method="get" action={props.path} role="search" class="search-form">
      <div class={error ? 'form-group form-error' : 'form-group'}>
        <label class="form-label" for="search-q">
          {t.label}
        </label>
        <span class="form-hint" id="search-q-hint">
          {t.hint}
        </span>
        {error ? (
          <span class="form-error-message" id="search-q-error">
            {error}
          </span>
        ) : null}
        <input
          class="form-input"
          id="search-q"
          name="q"
          type="search"
          maxLength={500}
          value={props.params.q ?? ''}
          aria-describedby={error ? 'search-q-hint search-q-error' : 'search-q-hint'}
        />
      </div>
      {props.withDates ? (
        <div class={dateError ? 'form-group form-error' : 'form-group'}>
          {dateError ? <span class="form-error-message">{dateError}</span> : null}
          <label class="form-label" for="search-from">
            {t.from}
          </label>
          <input
            class="form-input"
            id="search-from"
            name="from"
            type="date"
            value={props.params.from ?? ''}
          />
          <label class="form-label" for="search-to">
            {t.to}
          </label>
          <input
            class="form-input"
            id="search-to"
            name="to"
            type="date"
            value={props.params.to ?? ''}
          />
        </div>
      ) : null}
      {props.params.organization ? (
        <input type="hidden" name="organization" value={props.params.organization} />
      ) : null}
      {props.params.type ? <input type="hidden" name="type" value={props.params.type} /> : null}
      <button type="submit" class="button button-primary">
        {t.button}
      </button>
    </form>
  );
}

function Snippet(props: { parts: SnippetPart[] }) {
  return (
    <p class="search-snippet">
      {props.parts.map((part, index) =>
        part.isMatch ? <mark key={index}>{part.text}</mark> : part.text,
      )}
    </p>
  );
}

function FacetList<K extends string | number>(props: {
  heading: string;
  path: string;
  params: SearchParams;
  field: 'organization' | 'year' | 'type';
  selected: string | undefined;
  estimated: boolean;
  entries: Array<{ key: K; label: string; count: number; change: Record<string, string> }>;
}) {
  if (props.entries.length === 0) return null;
  return (
    <>
      <h3>{props.heading}</h3>
      <ul class="nobullet-list">
        {props.entries.map((entry) => (
          <li key={entry.key}>
            <a href={linkTo(props.path, props.params, entry.change)}>
              {entry.label} ({t.count(entry.count, props.estimated)})
            </a>
          </li>
        ))}
        {props.selected !== undefined ? (
          <li>
            <a
              href={linkTo(
                props.path,
                props.params,
                props.field === 'year'
                  ? { from: undefined, to: undefined }
                  : { [props.field]: undefined },
              )}
            >
              {t.removeFilter}
            </a>
          </li>
        ) : null}
      </ul>
    </>
  );
}

/** Results with highlighted snippets, facets as links and pages; the same for /soeg and the portal. */
export function SearchResultsView(props: {
  path: string;
  params: SearchParams;
  results: SearchResults;
}) {
  const { results, params, path } = props;
  const pages = Math.min(maxPage, Math.max(1, Math.ceil(results.total / results.pageSize)));
  const selectedYear =
    params.from?.endsWith('-01-01') && params.to === `${params.from.slice(0, 4)}-12-31`
      ? params.from.slice(0, 4)
      : undefined;
  return (
    <div class="row">
      <div class="col-12 col-lg-4">
        <h2>{t.filters}</h2>
        <FacetList
          heading={t.organization}
          path={path}
          params={params}
          field="organization"
          selected={params.organization}
          estimated={results.estimated}
          entries={results.facets.organization.map((facet) => ({
            key: facet.id,
            label: facet.name,
            count: facet.count,
            change: { organization: facet.id },
          }))}
        />
        <FacetList
          heading={t.year}
          path={path}
          params={params}
          field="year"
          selected={selectedYear}
          estimated={results.estimated}
          entries={results.facets.year.map((facet) => ({
            key: facet.year,
            label: String(facet.year),
            count: facet.count,
            change: { from: `${facet.year}-01-01`, to: `${facet.year}-12-31` },
          }))}
        />
        <FacetList
          heading={t.type}
          path={path}
          params={params}
          field="type"
          selected={params.type}
          estimated={results.estimated}
          entries={results.facets.type.map((facet) => ({
            key: facet.type,
            label: t.types[facet.type],
            count: facet.count,
            change: { type: facet.type },
          }))}
        />
      </div>
      <div class="col-12 col-lg-8">
        <h2 aria-live="polite">{t.results(results.total, results.estimated)}</h2>
        {results.estimated ? <p>{t.estimatedCounts}</p> : null}
        {results.total === 0 ? <p>{t.none}</p> : null}
        <ol class="nobullet-list search-results" start={(results.page - 1) * results.pageSize + 1}>
          {results.hits.map((hit) => (
            <li key={`${hit.type}-${hit.entityId}`} class="mb-6">
              <h3 class="h4 mb-2">
                <a href={hit.url}>{hit.title}</a>
              </h3>
              <p class="form-hint mt-0">
                {t.types[hit.type]}
                {hit.itemNumber ? ` ${t.itemNumber(hit.itemNumber)}` : ''}
                {hit.meeting
                  ? ` · ${hit.meeting.title}${
                      hit.meeting.date
                        ? `, ${formatDateLong(startOfLocalDay(hit.meeting.date))}`
                        : ''
                    }`
                  : ''}
              </p>
              {hit.snippet && hit.snippet.length > 0 ? <Snippet parts={hit.snippet} /> : null}
            </li>
          ))}
        </ol>
        {pages > 1 ? (
          <nav aria-label={t.pagination}>
            <p>{t.pageOf(results.page, pages)}</p>
            <ul class="nobullet-list">
              {results.page > 1 ? (
                <li>
                  <a rel="prev" href={linkTo(path, params, { page: String(results.page - 1) })}>
                    {t.previous}
                  </a>
                </li>
              ) : null}
              {results.page < pages ? (
                <li>
                  <a rel="next" href={linkTo(path, params, { page: String(results.page + 1) })}>
                    {t.next}
                  </a>
                </li>
              ) : null}
            </ul>
          </nav>
        ) : null}
      </div>
    </div>
  );
}
