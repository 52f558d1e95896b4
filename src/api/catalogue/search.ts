import { defineDomain } from '../operation';
import * as s from '../schemas/search';

/** Search (contract §5.7). A full search costs credits. */
export const search = defineDomain('search', {
  run: {
    method: 'POST',
    path: '/v1/search',
    body: s.SearchBody,
    response: s.SearchResults,
    costsCredits: true,
    changes: ['credits'],
    estimate: 'search',
    cost: 'search',
    summary: 'Search businesses and the web',
  },
  quick: {
    method: 'POST',
    path: '/v1/search/quick',
    body: s.QuickSearchBody,
    response: s.QuickSearchResult,
    costsCredits: true,
    changes: ['credits'],
    estimate: 'search',
    cost: 'search',
    summary: 'Quick search',
  },
  history: { method: 'GET', path: '/v1/search/history', response: s.SearchHistory, summary: 'Past searches' },
  sources: { method: 'GET', path: '/v1/search/sources', response: s.SearchSources, summary: 'Search sources' },
});
