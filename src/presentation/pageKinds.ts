/** The kinds of page KallyAI opens in an editor tab (webviews, src/pages/): what a presentation's
 *  result may open. No `vscode`. */
export type PageKind =
  | 'goal'
  | 'call'
  | 'conversation'
  | 'search'
  | 'draft'
  | 'mail'
  | 'compose'
  | 'channels'
  | 'inboundCall'
  | 'player'
  | 'receptionistAnalytics';
export const PAGE_KINDS: readonly PageKind[] = [
  'goal',
  'call',
  'conversation',
  'search',
  'draft',
  'mail',
  'compose',
  'channels',
  'inboundCall',
  'player',
  'receptionistAnalytics',
];
