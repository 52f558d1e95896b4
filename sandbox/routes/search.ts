/** §5.7 Search: run (costs credits), quick, history, sources. While the run is hostile
 *  (hostileText.ts) every result, the quick answer and the source names are payloads. */
import { iso } from '../clock';
import { COSTS, requireCredits, spend } from '../credits';
import { bodyObject, fail, ok, str } from '../http';
import { newId } from '../ids';
import type { Router } from '../router';
import { HOSTILE_URLS, hostileOf, pick, wording } from '../hostileText';
import { hostileSearchResults, searchResults } from './searchData';

export function registerSearch(router: Router): void {
  router.post('/v1/search', (ctx) => {
    const b = bodyObject(ctx);
    const query = str(b.query);
    if (!query) fail(422, 'validation_error', 'query is required.', { details: { field: 'query' } });
    const cost = COSTS.search.per_query;
    requireCredits(ctx.sb, cost);
    const hostile = hostileOf(ctx.sb);
    const results = hostile ? hostileSearchResults(hostile) : searchResults(query as string, str(b.location));
    spend(ctx.sb, cost, 'search', `Search: ${query}`);
    ctx.sb.state.searches.unshift({
      id: newId(),
      query,
      location: str(b.location) ?? null,
      created_at: iso(),
      result_count: results.length,
      credits_used: cost,
    });
    return ok({ query, results, credits_used: cost });
  });
  router.post('/v1/search/quick', (ctx) => {
    const query = str(bodyObject(ctx).query);
    if (!query) fail(422, 'validation_error', 'query is required.', { details: { field: 'query' } });
    const cost = COSTS.search.per_query;
    requireCredits(ctx.sb, cost);
    const hostile = hostileOf(ctx.sb);
    if (hostile) {
      spend(ctx.sb, cost, 'search', `Quick search: ${query}`);
      return ok({
        query,
        answer: `${pick(hostile, 103)} [${pick(hostile, 104)}](${HOSTILE_URLS[0]})`,
        results: hostileSearchResults(hostile),
        credits_used: cost,
      });
    }
    const top = searchResults(query as string)[0];
    spend(ctx.sb, cost, 'search', `Quick search: ${query}`);
    return ok({
      query,
      answer: `${top.title}: ${top.description} Call ${top.phone}.`,
      results: [top],
      credits_used: cost,
    });
  });
  router.get('/v1/search/history', (ctx) => ok({ searches: ctx.sb.state.searches }));
  router.get('/v1/search/sources', (ctx) =>
    ok({
      sources: [
        { id: 'web', name: wording(ctx.sb, 105, 'Web search'), enabled: true },
        { id: 'maps', name: wording(ctx.sb, 106, 'Maps and local businesses'), enabled: true },
        { id: 'reviews', name: wording(ctx.sb, 107, 'Reviews'), enabled: true },
        { id: 'news', name: wording(ctx.sb, 108, 'News'), enabled: false },
      ],
    }),
  );
}
