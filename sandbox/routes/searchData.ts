/** Deterministic search results shaped after the query (no network); while the run is hostile
 *  (hostileText.ts), results whose every text is a payload and whose websites are links that must
 *  never be followed. */
import { type HostileText, hostileUrl, pick } from '../hostileText';

function words(query: string): string {
  return (
    query
      .replace(/\b(find|search|for|me|a|an|the|near|in|best)\b/gi, ' ')
      .replace(/\s+/g, ' ')
      .trim() || 'service'
  );
}

function cap(s: string): string {
  return s.replace(/\b\w/g, (c) => c.toUpperCase());
}

export function searchResults(query: string, location?: string) {
  const topic = cap(words(query));
  const where = location ?? 'New York';
  return ['Central', 'Riverside', 'Downtown'].map((prefix, i) => ({
    title: `${prefix} ${topic}`,
    description: `${prefix} ${topic.toLowerCase()} in ${where}, open today until ${6 + i}:00 PM.`,
    phone: `+1201555${String(2001 + i * 11).padStart(4, '0')}`,
    address: `${12 + i * 30} ${['Main Street', 'River Road', 'Market Square'][i]}, ${where}`,
    rating: [4.7, 4.4, 4.1][i],
    price_range: ['$$', '$', '$$$'][i],
    url: `https://example.com/${prefix.toLowerCase()}-${topic.toLowerCase().replace(/\W+/g, '-')}`,
  }));
}

export function restaurantsFor(query: string, location: string | undefined, partySize: number, time?: string) {
  const cuisine = cap(words(query).split(' ')[0] ?? 'Italian');
  return ["Luigi's Trattoria", 'The Green Fork', 'Casa Lucio'].map((name, i) => ({
    id: `rest-${name.toLowerCase().replace(/\W+/g, '-')}`,
    name,
    cuisine: i === 0 ? cuisine : ['Mediterranean', 'Spanish'][i - 1],
    rating: [4.6, 4.3, 4.5][i],
    price_range: ['$$', '$$', '$$$'][i],
    phone: `+1201555${String(3001 + i * 7).padStart(4, '0')}`,
    address: `${20 + i * 5} Restaurant Row, ${location ?? 'New York'}`,
    availability: [`${time ?? '19:30'} for ${partySize}`, `21:00 for ${partySize}`],
  }));
}

/** Search results while the run is hostile: title, name, description, address, source and price
 *  range are payloads; `url` and `website` are script, file, command and editor links (one
 *  result each); phone, rating stay usable. */
export function hostileSearchResults(h: HostileText) {
  return [0, 1, 2, 3].map((i) => ({
    title: pick(h, 60 + i),
    name: pick(h, 64 + i),
    description: pick(h, 68 + i),
    address: pick(h, 72 + i),
    phone: `+1201555${String(2101 + i * 11).padStart(4, '0')}`,
    rating: 4.5 - i / 10,
    price_range: pick(h, 76 + i),
    url: hostileUrl(i),
    website: hostileUrl(i + 1),
    source: pick(h, 80 + i),
  }));
}

/** Restaurants while the run is hostile: name, cuisine, address, price range and availability are
 *  payloads; the id (which a booking sends back) and the phone stay usable. */
export function hostileRestaurants(h: HostileText) {
  return [0, 1, 2].map((i) => ({
    id: `rest-hostile-${i + 1}`,
    name: pick(h, 84 + i),
    cuisine: pick(h, 87 + i),
    rating: 4.6 - i / 10,
    price_range: pick(h, 90 + i),
    phone: `+1201555${String(3101 + i * 7).padStart(4, '0')}`,
    address: pick(h, 93 + i),
    availability: [pick(h, 96 + i), pick(h, 99 + i)],
    website: hostileUrl(i),
  }));
}
