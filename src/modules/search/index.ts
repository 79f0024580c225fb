export { parseSearchQuery, type ParsedQuery } from './query-parser';
export { search, searchPublished, type SearchHit, type SearchResults } from './service';
export { searchRoutes } from './routes';
export { searchPages, searchPublishedPage, type SearchPageState } from './pages';
export { SearchFormView, SearchResultsView } from './views';
