/** Web and local search (contract §5.7). Only `search run` has a documented answer; the others
 *  are read leniently (contract §12). */
import * as z from 'zod/mini';
import { bounded, loose, optStr, optNum, optId, listOf } from './common';

export const SearchBody = z.strictObject({ query: bounded(1, 500), location: z.optional(bounded(1, 200)) });
export const QuickSearchBody = z.strictObject({ query: bounded(1, 500) });
/** A result: REF-B's fields, and `name`/`source` when a server names them so. */
export const SearchResult = loose({
  title: optStr,
  name: optStr,
  description: optStr,
  phone: optStr,
  address: optStr,
  rating: optNum,
  price_range: optStr,
  url: optStr,
  source: optStr,
});
export type SearchResult = z.output<typeof SearchResult>;
export const SearchResults = listOf('results', SearchResult, { credits_used: optNum });
/** Quick search: the best results and, when the server words one, an answer in a sentence
 *  (`answer`, `response` or `summary`). */
export const QuickSearchResult = listOf('results', SearchResult, {
  query: optStr,
  answer: optStr,
  response: optStr,
  summary: optStr,
  credits_used: optNum,
});
export type QuickSearchResult = z.output<typeof QuickSearchResult>;

export const PastSearch = loose({
  id: optId,
  query: optStr,
  location: optStr,
  created_at: optStr,
  result_count: optNum,
  credits_used: optNum,
});
export type PastSearch = z.output<typeof PastSearch>;
export const SearchHistory = listOf('searches', PastSearch);
export const SearchSources = listOf('sources', z.unknown());
