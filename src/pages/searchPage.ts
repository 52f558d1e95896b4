/** The search page: what was asked, a quick answer when there is one, and every result as a
 *  business a person can act on — its name, phone number as people read it, address, rating,
 *  price and source — with Call This Business (the call wizard, the number and name filled in),
 *  Ask KallyAI About It, and for a restaurant Book a Table. Search Again runs the search once more
 *  (it costs credits: the pipeline asks first).
 *
 *  A page rather than a quick pick: a search costs credits, so its results stay open beside the
 *  work, side by side with other searches, and a result has more than one thing to do with it. */
import { ops } from '../api/catalogue';
import { count, creditsLabel, html, oneLine, phoneForPeople, shortDateTime, t, textBlock, type Html } from '../format';
import {
  callCategoryOf,
  hitFacts,
  keptSearch,
  parseSearchKey,
  type SearchEntry,
  type SearchHit,
  type SearchQuery,
} from '../models/search';
import type { Pipeline } from '../pipeline/pipeline';
import type { PageActions, PageController, PageState, PageView } from './pageController';
import { actionBar, actionButton, icon, loadFailed } from './pageParts';

export interface SearchPageDeps {
  readonly pipeline: Pipeline;
  runCommand(id: string, ...args: unknown[]): Promise<unknown>;
  /** "Ask KallyAI About It": the Ask box, prefilled with the business. */
  askAbout(hit: SearchHit, query: SearchQuery): Promise<unknown>;
}

export class SearchPage implements PageController {
  constructor(
    readonly state: PageState,
    private readonly deps: SearchPageDeps,
  ) {}

  async render(): Promise<PageView> {
    const entry = keptSearch(this.state.id);
    const query: SearchQuery | undefined = entry ?? parseSearchKey(this.state.id);
    if (!query) return loadFailed(t('Search'), new Error(t('This search is not known.')));

    const actions: PageActions = {
      again: async () => this.searchAgain(query),
      newSearch: async () =>
        this.deps.runCommand(query.kind === 'restaurants' ? 'kallyai.actions.searchRestaurants' : 'kallyai.search.run'),
      history: async () => this.deps.runCommand('kallyai.search.history'),
    };
    const hits = entry?.hits ?? [];
    const hitAt = (arg: string | undefined) =>
      arg !== undefined && /^\d{1,4}$/.test(arg) ? hits[Number(arg)] : undefined;
    actions.call = async ({ arg }) => {
      const hit = hitAt(arg);
      if (!hit?.phone) return undefined;
      return this.deps.runCommand('kallyai.makeCall', {
        prefill: { phone: hit.phone, businessName: hit.name.slice(0, 200), category: callCategoryOf(query, hit) },
      });
    };
    actions.ask = async ({ arg }) => {
      const hit = hitAt(arg);
      return hit ? this.deps.askAbout(hit, query) : undefined;
    };
    actions.book = async ({ arg }) => {
      const hit = hitAt(arg);
      if (!hit?.restaurantId) return undefined;
      return this.deps.runCommand('kallyai.actions.book', {
        type: 'restaurant',
        restaurantId: hit.restaurantId,
        restaurantName: hit.name,
        ...(hit.address ? { restaurantAddress: hit.address } : {}),
        ...(query.partySize ? { partySize: query.partySize } : {}),
        ...(query.date ? { date: query.date } : {}),
        ...(query.time ? { time: query.time } : {}),
      });
    };

    return {
      title:
        query.kind === 'restaurants'
          ? t('"{0}" — restaurants', oneLine(query.query, 40))
          : t('"{0}" — search', oneLine(query.query, 40)),
      actions,
      body: html` <h1>${heading(query)}</h1>
        <p class="subtitle">${subtitle(query, entry)}</p>
        ${entry ? '' : html`<p class="callout">${t('These results were shown before VS Code reloaded. Search again to see them: it costs credits, and KallyAI asks first.')}</p>`}
        ${entry?.answer ? html`<div class="callout">${textBlock(entry.answer)}</div>` : ''}
        ${entry && hits.length === 0 ? html`<p class="muted">${t('Nothing found. Try other words or another place.')}</p>` : ''}
        ${hits.map((hit, i) => result(hit, i, query))}
        ${actionBar([
          actionButton('again', t('Search Again'), 'refresh', entry ? 'secondary' : 'primary'),
          actionButton(
            'newSearch',
            query.kind === 'restaurants' ? t('Find Another Restaurant…') : t('New Search…'),
            'search',
          ),
          actionButton('history', t('Search History…'), 'history'),
        ])}`,
    };
  }

  private searchAgain(q: SearchQuery): Promise<unknown> {
    const { pipeline } = this.deps;
    if (q.kind === 'quick') return pipeline.run(ops.search.quick, { input: { body: { query: q.query } } });
    if (q.kind === 'restaurants') {
      return pipeline.run(ops.actions.searchRestaurants, {
        input: {
          body: {
            query: q.query,
            ...(q.location ? { location: q.location } : {}),
            ...(q.partySize ? { party_size: q.partySize } : {}),
            ...(q.date ? { date: q.date } : {}),
            ...(q.time ? { time: q.time } : {}),
          },
        },
      });
    }
    return pipeline.run(ops.search.run, {
      input: { body: { query: q.query, ...(q.location ? { location: q.location } : {}) } },
    });
  }
}

function heading(q: SearchQuery): string {
  if (q.kind === 'quick') return t('Quick answer: {0}', q.query);
  if (q.kind === 'restaurants') return t('Restaurants: {0}', q.query);
  return q.query;
}

function subtitle(q: SearchQuery, entry: SearchEntry | undefined): Html {
  const parts = [
    q.location ? t('near {0}', q.location) : undefined,
    q.partySize ? t('for {0}', q.partySize) : undefined,
    [q.date, q.time].filter(Boolean).join(' ') || undefined,
    entry ? count(entry.hits.length, '{0} result', '{0} results') : undefined,
    entry?.creditsUsed !== undefined ? t('{0} used', creditsLabel(entry.creditsUsed)) : undefined,
    entry ? shortDateTime(new Date(entry.at).toISOString()) : undefined,
  ].filter(Boolean);
  return html`${icon('search')} ${parts.join(' · ')}`;
}

function result(hit: SearchHit, index: number, q: SearchQuery): Html {
  const arg = String(index);
  const facts = [...hitFacts(hit), hit.source ? t('source: {0}', hit.source) : undefined].filter(Boolean);
  const reach = [hit.phone ? phoneForPeople(hit.phone) : undefined, hit.address].filter(Boolean);
  return html` <h2>${hit.name}</h2>
    ${facts.length ? html`<p class="subtitle">${facts.join(' · ')}</p>` : ''}
    ${hit.description ? html`<p>${hit.description}</p>` : ''}
    ${reach.length ? html`<p>${hit.phone ? icon('call-outgoing') : icon('location')} ${reach.join(' · ')}</p>` : ''}
    ${hit.availability?.length ? html`<p class="muted">${t('Free tables: {0}', hit.availability.join(', '))}</p>` : ''}
    <div class="actions">
      ${hit.phone ? actionButton('call', t('Call This Business'), 'call-outgoing', 'primary', arg) : ''}
      ${q.kind === 'restaurants' && hit.restaurantId ? actionButton('book', t('Book a Table'), 'bookmark', 'secondary', arg) : ''}
      ${actionButton('ask', t('Ask KallyAI About It'), 'sparkle', 'secondary', arg)}
    </div>`;
}
