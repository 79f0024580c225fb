import { can, type Actor } from '../../platform/auth/policy';
import type { Db } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { parseSearchQuery } from './query-parser';
import { searchAccessOf } from './policy';
import * as repo from './repository';
import { pageSize, type SearchQuery } from './schemas';
import { snippetParts, type SnippetPart } from './snippet';

export type SearchHit = {
  type: repo.SearchEntityType;
  entityId: string;
  title: string;
  url: string;
  /** Null when the actor may see only a closed item's neutral title. */
  snippet: SnippetPart[] | null;
  meeting: { id: string; title: string; date: string | null } | null;
  /** An agenda item's number as the agenda prints it ("4", "4.A"). */
  itemNumber: string | null;
  score: number;
};

export type SearchResults = {
  total: number;
  /** Total and facet counts are estimated from a sample (more than 10,000 matches). */
  estimated: boolean;
  page: number;
  pageSize: number;
  hits: SearchHit[];
  facets: {
    organization: Array<{ id: string; name: string; count: number }>;
    year: Array<{ year: number; count: number }>;
    type: Array<{ type: repo.SearchEntityType; count: number }>;
  };
};

/** Whose person hits open the person's page: those who may read the register (person.read). */
function internalUrl(row: repo.SearchRow, seesPersonPages: boolean): string {
  switch (row.entityType) {
    case 'meeting':
      return `/moeder/${row.entityId}`;
    case 'item':
      return `/moeder/${row.meetingId ?? ''}#punkt-${row.entityId}`;
    case 'minutes':
      return `/moeder/${row.meetingId ?? ''}/punkter/${row.entityId}/referat`;
    case 'paper':
      return `/sager/${row.entityId}`;
    case 'attachment':
      // A bilag uploaded straight to an item is listed on the item's page.
      return row.agendaItemId === null
        ? `/bilag/${row.entityId}`
        : `/moeder/${row.meetingId ?? ''}/punkter/${row.agendaItemId}`;
    case 'person':
      // Without access to the register, the name finds what the person is named in.
      return seesPersonPages
        ? `/admin/personer/${row.entityId}`
        : `/soeg?q=${encodeURIComponent(`"${row.title}"`)}`;
    case 'organization':
      return `/moeder?organisation=${row.entityId}`;
  }
}

function publicUrl(row: repo.SearchRow): string {
  // A closed item has no public page of its own; its meeting shows the neutral title.
  return row.entityType === 'item' && !row.isClosed
    ? `/offentlig/moeder/${row.meetingId ?? ''}/punkter/${row.entityId}`
    : `/offentlig/moeder/${row.meetingId ?? row.entityId}`;
}

/** Tests set when counts become estimates; see repo.Sampling. */
export type SearchOptions = { sampling?: repo.Sampling };

async function runSearch(
  tx: Db,
  access: repo.SearchAccess,
  query: SearchQuery,
  options: SearchOptions,
  seesPersonPages = false,
): Promise<SearchResults> {
  const parsed = parseSearchQuery(query.q);
  if (parsed.tsquery === undefined) {
    throw new AppError('VALIDATION_FAILED', {
      details: [{ field: 'q', message: da.search.nothingToSearch }],
    });
  }
  const found = await repo.selectSearch(tx, {
    tsquery: parsed.tsquery,
    indexTsquery: parsed.indexTsquery,
    phrases: parsed.phrases,
    identifiers: parsed.identifiers,
    itemNumbers: parsed.itemNumbers,
    itemRestTsquery: parsed.itemRestTsquery,
    nameText: parsed.nameText,
    access,
    filter: {
      organizationId: query.organization,
      from: query.from,
      to: query.to,
      type: query.type,
    },
    limit: pageSize,
    offset: (query.page - 1) * pageSize,
    sampling: options.sampling,
  });
  const urlOf =
    access === 'public' ? publicUrl : (row: repo.SearchRow) => internalUrl(row, seesPersonPages);
  return {
    total: found.total,
    estimated: found.estimated,
    page: query.page,
    pageSize,
    hits: found.rows.map((row) => ({
      type: row.entityType,
      entityId: row.entityId,
      title: row.title || da.search.closedItem,
      url: urlOf(row),
      snippet: row.snippet === null ? null : snippetParts(row.snippet),
      meeting:
        row.meetingId !== null && row.meetingTitle !== null && row.entityType !== 'meeting'
          ? { id: row.meetingId, title: row.meetingTitle, date: row.meetingDay }
          : null,
      itemNumber: row.itemNumber === null ? null : row.itemNumber.toLocaleUpperCase('da'),
      score: Number(row.score),
    })),
    facets: { organization: found.organizations, year: found.years, type: found.types },
  };
}

/** Searches everything the actor may see, filtered by the same policy as the pages. */
export async function search(
  { actor, tx }: { actor: Actor; tx: Db },
  query: SearchQuery,
  options: SearchOptions = {},
): Promise<SearchResults> {
  if (!can(actor, 'meeting.read')) throw new AppError('FORBIDDEN');
  return runSearch(tx, searchAccessOf(actor), query, options, can(actor, 'person.read'));
}

/** Searches the published snapshots only: what the public portal may show. */
export async function searchPublished(
  tx: Db,
  query: SearchQuery,
  options: SearchOptions = {},
): Promise<SearchResults> {
  return runSearch(tx, 'public', query, options);
}
