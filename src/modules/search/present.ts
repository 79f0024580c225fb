import type { SearchResults } from './service';
import type { SearchResponse } from './schemas';
import { snippetHtml } from './snippet';

/** The API's answer: snippets as escaped HTML with <mark>. */
export function presentSearch(results: SearchResults): SearchResponse {
  return {
    total: results.total,
    estimated: results.estimated,
    page: results.page,
    pageSize: results.pageSize,
    results: results.hits.map((hit) => ({
      type: hit.type,
      title: hit.title,
      url: hit.url,
      snippet: hit.snippet === null ? null : snippetHtml(hit.snippet),
      meeting: hit.meeting,
      itemNumber: hit.itemNumber,
      score: hit.score,
    })),
    facets: results.facets,
  };
}
