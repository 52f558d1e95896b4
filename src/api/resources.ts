/** The kinds of data an operation can change on the server. The catalogue declares, per
 *  operation, which of them it changes; the UI refreshes exactly the views that show them. */
export const RESOURCES = [
  'goals',
  'calls',
  'inbox',
  'credits',
  'receptionist',
  'phoneNumbers',
  'email',
  'channels',
  'outreach',
  'actions',
  'account',
  'conversations',
] as const;
export type Resource = (typeof RESOURCES)[number];

/** The `type` values of POST /v1/goals/estimate (contract §5.11). */
export const ESTIMATE_TYPES = ['call', 'email', 'search', 'booking', 'ride', 'food', 'errand'] as const;
export type EstimateType = (typeof ESTIMATE_TYPES)[number];

/** The keys of GET /v1/credits/costs (contract §5.12), and `email_draft` (a reply KallyAI writes),
 *  which the sandbox lists and a service may. */
export const COST_KEYS = [
  'call',
  'search',
  'email_send',
  'email_draft',
  'booking',
  'bill_analysis',
  'ride',
  'food',
  'errand',
] as const;
export type CostKey = (typeof COST_KEYS)[number];
