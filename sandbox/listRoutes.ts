/** The sandbox routes that answer a list, the key the list is documented under (contract §6), and
 *  the name of each route's resource, which a variant is scoped by (variants.ts: `envelope.calls=items`).
 *  Used to serve the list envelope variants centrally; a unit test keeps this table equal to the
 *  client's list operations. Keys are `METHOD /path` with `{}` for each parameter. */
export const LIST_ROUTES: Readonly<Record<string, string>> = {
  'GET /v1/coordination/conversations': 'conversations',
  'GET /v1/coordination/goals': 'goals',
  'GET /v1/calls': 'calls',
  'GET /v1/calls/{}/transcript': 'entries',
  'GET /v1/inbound/calls': 'calls',
  'GET /v1/inbound/calls/{}/transcript': 'entries',
  'GET /v1/inbound/rules': 'rules',
  'GET /v1/inbound/voicemails': 'voicemails',
  'GET /v1/inbound/contacts': 'contacts',
  'GET /v1/inbound/events': 'events',
  'GET /v1/phone-numbers': 'phone_numbers',
  'POST /v1/actions/bookings/restaurants/search': 'results',
  'GET /v1/actions/email/outbox': 'emails',
  'GET /v1/actions/email/{}/replies': 'replies',
  'GET /v1/actions/log': 'actions',
  'GET /v1/messages/inbox': 'messages',
  'GET /v1/messages/conversation/{}': 'messages',
  'POST /v1/search': 'results',
  'POST /v1/search/quick': 'results',
  'GET /v1/search/history': 'searches',
  'GET /v1/search/sources': 'sources',
  'GET /v1/email/accounts': 'accounts',
  'GET /v1/email/messages': 'messages',
  'GET /v1/channels/email/list': 'emails',
  'GET /v1/outreach/tasks': 'tasks',
  'GET /v1/goals/{}/cost-breakdown': 'items',
  'GET /v1/credits/history': 'entries',
  'GET /v1/credits/breakdown': 'items',
  'GET /v1/referrals/history': 'referrals',
};

/** `/v1/calls/{call_id}/transcript` (or a route key, `GET /v1/calls/{}/transcript`) → `calls.transcript`:
 *  the path after /v1/ with its parameters left out, segments joined by dots. Every method on
 *  those paths shares the name (`calls` is GET and POST /v1/calls and GET /v1/calls/{call_id}). */
export function resourceOf(pattern: string): string {
  const path = pattern.slice(pattern.indexOf('/')).replace(/^\/v1\//, '');
  return path
    .split('/')
    .filter((s) => s !== '' && !/^\{[^}]*\}$/.test(s))
    .join('.');
}

/** Each list route by its resource name: `calls.transcript` → `GET /v1/calls/{}/transcript`. */
export const LIST_RESOURCES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.keys(LIST_ROUTES).map((key) => [resourceOf(key), key]),
);

/** `GET /v1/calls/{call_id}/transcript` → `GET /v1/calls/{}/transcript`. */
export function routeKey(method: string, pattern: string): string {
  return `${method} ${pattern.replace(/\{[^{}]+\}/g, '{}')}`;
}
