/** Search (contract §5.7): a search or a quick answer opens the search page (every result with
 *  Call This Business and Ask KallyAI About It); past searches run again; the sources it uses. */
import { ops } from '../api/catalogue';
import { blocks, humanize, md, shortDateTime, t, table, count } from '../format';
import { keepSearch, quickAnswer, readHit } from '../models/search';
import { present, type Presentation } from './entry';

const quoted = (q: string | undefined) => (q ?? '').trim();

export const searchPresentations: Presentation[] = [
  present(ops.search.run, {
    command: {
      id: 'kallyai.search.run',
      title: 'Search…',
      cli: ['kallyai search run'],
      icon: 'search',
      menus: [{ view: 'activity', group: 'title', order: 1 }],
    },
    fields: {
      query: { label: 'What to search for', placeholder: 'e.g. emergency plumber open on Sunday' },
      location: { label: 'Where', placeholder: 'e.g. Hoboken, NJ', help: 'leave empty to search anywhere' },
    },
    ask: ['location'],
    consent: {
      question: ({ input }) =>
        input.body?.location
          ? t('Search for "{0}" near {1}?', quoted(input.body?.query), input.body.location)
          : t('Search for "{0}"?', quoted(input.body?.query)),
      what: () => t('KallyAI searches businesses and the web and shows what it finds. Nobody is contacted.'),
      confirm: 'Search',
      decline: 'Not Now',
    },
    progress: 'Searching…',
    result: {
      kind: 'page',
      page: 'search',
      // The answer is kept under the page's key: the page shows it (and again, without a second search).
      id: ({ input, data }) =>
        keepSearch({
          kind: 'search',
          query: input.body?.query ?? '',
          location: input.body?.location,
          hits: data.results.map(readHit),
          creditsUsed: data.credits_used ?? undefined,
          at: Date.now(),
        }),
    },
  }),
  present(ops.search.quick, {
    command: {
      id: 'kallyai.search.quick',
      title: 'Quick Search…',
      cli: ['kallyai search quick'],
      icon: 'zap',
      menus: [{ view: 'activity', group: 'titleMenu', order: 1 }],
    },
    fields: { query: { label: 'Your question', placeholder: 'e.g. pharmacy open now near Penn Station' } },
    consent: {
      question: ({ input }) => t('Get a quick answer to "{0}"?', quoted(input.body?.query)),
      what: () => t('KallyAI answers in a few words, with the best result. Nobody is contacted.'),
      confirm: 'Search',
      decline: 'Not Now',
    },
    progress: 'Searching…',
    result: {
      kind: 'page',
      page: 'search',
      id: ({ input, data }) =>
        keepSearch({
          kind: 'quick',
          query: input.body?.query ?? '',
          answer: quickAnswer(data),
          hits: data.results.map(readHit),
          creditsUsed: data.credits_used ?? undefined,
          at: Date.now(),
        }),
    },
  }),
  present(ops.search.history, {
    command: {
      id: 'kallyai.search.history',
      title: 'Search History…',
      cli: ['kallyai search history'],
      icon: 'history',
      menus: [{ view: 'activity', group: 'titleMenu', order: 2 }],
    },
    progress: 'Loading your searches…',
    result: {
      kind: 'pick',
      placeholder: 'Pick a search to run it again',
      empty: 'No searches yet. Run "KallyAI: Search…" to start one.',
      items: ({ data }) =>
        data.searches
          .filter((s) => s.query)
          .map((s) => ({
            label: s.query!,
            description: [
              s.location,
              s.result_count != null ? count(s.result_count, '{0} result', '{0} results') : undefined,
              shortDateTime(s.created_at),
            ]
              .filter(Boolean)
              .join(' · '),
            detail: t('Search again (asks first: a search costs credits)'),
            icon: 'history',
            run: {
              title: t('Search Again'),
              command: 'kallyai.search.run',
              args: [{ body: { query: s.query, ...(s.location ? { location: s.location } : {}) } }],
            },
          })),
    },
  }),
  present(ops.search.sources, {
    command: {
      id: 'kallyai.search.sources',
      title: 'Search Sources',
      cli: ['kallyai search sources'],
      icon: 'database',
      menus: [{ view: 'activity', group: 'titleMenu', order: 3 }],
    },
    progress: 'Loading the search sources…',
    result: {
      kind: 'document',
      path: () => 'search',
      title: () => t('KallyAI search sources'),
      markdown: ({ data }) => {
        const rows = data.sources.map((s) => {
          if (typeof s === 'string') return [s, '', ''];
          const o = (s ?? {}) as Record<string, unknown>;
          const name = String(o.name ?? o.title ?? o.id ?? '?');
          const on = o.enabled === undefined ? '' : o.enabled ? t('yes') : t('no');
          return [name, on, String(o.description ?? (o.id && o.id !== o.name ? humanize(String(o.id)) : '') ?? '')];
        });
        return blocks(
          md`# ${t('KallyAI search sources')}`,
          md`${t('Where "KallyAI: Search…" looks for businesses and answers.')}`,
          rows.length
            ? table([t('Source'), t('In use'), t('About')], rows)
            : md`_${t('KallyAI did not list its sources.')}_`,
        );
      },
    },
  }),
];
