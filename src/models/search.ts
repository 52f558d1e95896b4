/** How the extension reads a search answer (contract §5.7, §5.5 restaurant search): each result as
 *  a business a person can call or ask about — name, phone, address, rating, source — whatever
 *  the server named its fields; and the searches of this session, kept under a key so that their
 *  page shows them again without paying for the search twice. No `vscode`. */
import type { Restaurant } from '../api/schemas/actions';
import type { QuickSearchResult, SearchResult } from '../api/schemas/search';
import { oneLine, phoneForPeople, t } from '../format';
import { guessCallKind, type CallKind } from './callCategory';

export type SearchKind = 'search' | 'quick' | 'restaurants';

/** One result, read for people. */
export interface SearchHit {
  readonly name: string;
  readonly description?: string;
  /** As the server sent it (the call wizard normalises it). */
  readonly phone?: string;
  readonly address?: string;
  readonly rating?: number;
  readonly priceRange?: string;
  /** Where the result comes from: the server's `source`, else the host of its address. */
  readonly source?: string;
  readonly url?: string;
  readonly cuisine?: string;
  readonly availability?: readonly string[];
  /** A restaurant's id, for "Book a Table" (never shown). */
  readonly restaurantId?: string;
}

/** What was asked. */
export interface SearchQuery {
  readonly kind: SearchKind;
  readonly query: string;
  readonly location?: string;
  readonly partySize?: number;
  readonly date?: string;
  readonly time?: string;
}

export interface SearchEntry extends SearchQuery {
  readonly hits: readonly SearchHit[];
  /** A quick search's answer in words. */
  readonly answer?: string;
  readonly creditsUsed?: number;
  /** When it ran (ms). */
  readonly at: number;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return /^https?:$/.test(u.protocol) ? u.host.replace(/^www\./, '') : undefined;
  } catch {
    return undefined;
  }
}

/** A web or local result (title or name, phone, address, rating, price, address on the web). */
export function readHit(r: SearchResult): SearchHit {
  const raw = r as Record<string, unknown>;
  const url = text(r.url) && /^https?:\/\//i.test(r.url ?? '') ? r.url!.trim() : undefined;
  return {
    name: text(r.title) ?? text(r.name) ?? text(raw.business_name) ?? t('Unnamed result'),
    description: text(r.description) ?? text(raw.snippet),
    phone: text(r.phone) ?? text(raw.phone_number),
    address: text(r.address),
    rating: typeof r.rating === 'number' && Number.isFinite(r.rating) ? r.rating : undefined,
    priceRange: text(r.price_range),
    source: text(r.source) ?? hostOf(url),
    url,
  };
}

/** A restaurant of the restaurant search (name, cuisine, availability, and an id to book it by). */
export function readRestaurant(r: Restaurant): SearchHit {
  const availability = Array.isArray(r.availability)
    ? r.availability.map((a) => text(a)).filter((a): a is string => !!a)
    : text(r.availability)
      ? [text(r.availability)!]
      : undefined;
  return {
    name: text(r.name) ?? t('Unnamed restaurant'),
    phone: text(r.phone),
    address: text(r.address),
    rating: typeof r.rating === 'number' && Number.isFinite(r.rating) ? r.rating : undefined,
    priceRange: text(r.price_range),
    cuisine: text(r.cuisine),
    availability,
    source: text((r as Record<string, unknown>).source),
    restaurantId: r.id ?? undefined,
  };
}

/** A quick search's answer in words, whichever field it came in. */
export function quickAnswer(data: QuickSearchResult): string | undefined {
  return text(data.answer) ?? text(data.response) ?? text(data.summary);
}

/** "★ 4.7", "$$", "maps.example.com": the facts shown beside a result's name. */
export function hitFacts(hit: SearchHit): string[] {
  return [hit.rating !== undefined ? `★ ${hit.rating.toFixed(1)}` : undefined, hit.priceRange, hit.cuisine].filter(
    (x): x is string => !!x,
  );
}

/** The call wizard's kind of business for a result: a restaurant search's results are
 *  restaurants; another result's kind is read from its name and description, else from what was
 *  searched for ("dentist open on Saturday"), else general. */
export function callCategoryOf(query: SearchQuery, hit?: SearchHit): CallKind {
  if (query.kind === 'restaurants') return 'restaurant';
  return guessCallKind([hit?.name, hit?.cuisine, hit?.description].filter(Boolean).join(' '), query.query) ?? 'general';
}

/** The message "Ask KallyAI About It" starts from: the business and what it was found for. */
export function askAboutText(hit: SearchHit, query: SearchQuery): string {
  const where = [hit.address, hit.phone ? phoneForPeople(hit.phone) : undefined].filter(Boolean).join(', ');
  return where
    ? t('Tell me more about {0} ({1}), which I found searching for "{2}".', hit.name, where, oneLine(query.query, 120))
    : t('Tell me more about {0}, which I found searching for "{1}".', hit.name, oneLine(query.query, 120));
}

// ---------- the searches of this session ----------

const MAX_KEPT = 20;
const kept = new Map<string, SearchEntry>();

/** The page id of a search: what was asked (never shown; a page restored after a reload reads it back). */
export function searchKey(q: SearchQuery): string {
  return JSON.stringify([
    q.kind,
    q.query.trim(),
    q.location?.trim() ?? '',
    q.partySize ?? null,
    q.date ?? null,
    q.time ?? null,
  ]);
}

/** What a search key asked, or undefined for a key that is not one. */
export function parseSearchKey(key: string): SearchQuery | undefined {
  try {
    const v = JSON.parse(key) as unknown;
    if (!Array.isArray(v) || !['search', 'quick', 'restaurants'].includes(v[0]) || typeof v[1] !== 'string' || !v[1])
      return undefined;
    return {
      kind: v[0] as SearchKind,
      query: v[1],
      location: typeof v[2] === 'string' && v[2] ? v[2] : undefined,
      partySize: typeof v[3] === 'number' ? v[3] : undefined,
      date: typeof v[4] === 'string' ? v[4] : undefined,
      time: typeof v[5] === 'string' ? v[5] : undefined,
    };
  } catch {
    return undefined;
  }
}

/** Keeps a search's answer under its key (the newest twenty) and returns the key. */
export function keepSearch(entry: SearchEntry): string {
  const key = searchKey(entry);
  kept.delete(key);
  kept.set(key, entry);
  while (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value as string);
  return key;
}

export function keptSearch(key: string): SearchEntry | undefined {
  return kept.get(key);
}

/** The restaurants of this session's restaurant searches that can be booked (they have an id),
 *  newest search first, each once. */
export function keptRestaurants(): SearchHit[] {
  const seen = new Set<string>();
  const out: SearchHit[] = [];
  for (const entry of [...kept.values()].reverse()) {
    if (entry.kind !== 'restaurants') continue;
    for (const hit of entry.hits) {
      if (!hit.restaurantId || seen.has(hit.restaurantId)) continue;
      seen.add(hit.restaurantId);
      out.push(hit);
    }
  }
  return out;
}
