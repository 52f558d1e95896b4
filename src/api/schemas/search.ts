/** Web and local search (contract §5.7). */
import * as z from 'zod/mini';
import { bounded, loose, optStr, optNum, optId, listOf } from './common';

export const SearchBody = z.strictObject({ query: bounded(1, 500), location: z.optional(bounded(1, 200)) });
export const QuickSearchBody = z.strictObject({ query: bounded(1, 500) });
export const SearchResult = loose({ title: optStr, description: optStr, phone: optStr, address: optStr, rating: optNum, price_range: optStr, url: optStr });
export const SearchResults = listOf('results', SearchResult, { credits_used: optNum });
export const SearchHistory = listOf('searches', loose({ id: optId, query: optStr, created_at: optStr }));
export const SearchSources = listOf('sources', z.unknown());
