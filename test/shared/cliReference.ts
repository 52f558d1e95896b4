/** Every subcommand of the `kallyai` CLI (KallyAI-CLI/2.0, contract §5 "cmd" column and the CLI's
 *  own parser) and its hidden legacy flags (contract §8), spelled as the CLI spells them. The
 *  README's "kallyai CLI" column is checked against this list.
 *  Checked against the CLI's parser (`build_parser` in kallyai.py, contract source CLI): billing is
 *  the subcommand `kallyai billing` — S0's `--billing` flag is gone from CLI 2.0 (contract §8 "no
 *  longer a flag"; its parser has no such argument), as are `--login`, `--logout`, `--auth-status`,
 *  so none of them is listed. `channels email-verify` is from S1 alone (contract §5.9); the parser
 *  has no such subcommand, but the contract's cmd column names it, so it stays. */
export const CLI_SUBCOMMANDS: readonly string[] = [
  'kallyai login', 'kallyai logout', 'kallyai auth-status', 'kallyai billing', 'kallyai ask',
  ...['message', 'history', 'conversations', 'new', 'goals', 'goal', 'goal-tree', 'cancel-goal', 'cascade-cancel', 'escalate', 'approve-step', 'accept', 'continue', 'archive', 'batch-archive', 'budget'].map((c) => `kallyai coord ${c}`),
  ...['make', 'history', 'info', 'transcript', 'recording', 'calendar', 'cancel', 'reschedule', 'stop'].map((c) => `kallyai calls ${c}`),
  ...['calendar create', 'calendar slots', 'calendar sync', 'calendar delete', 'restaurant search', 'booking create', 'booking cancel', 'bill analyze', 'bill dispute', 'ride', 'food', 'errand', 'email send', 'email approve', 'email cancel', 'email outbox', 'email replies', 'log', 'undo'].map((c) => `kallyai actions ${c}`),
  ...['inbox', 'read', 'thread', 'mark-read'].map((c) => `kallyai messages ${c}`),
  ...['run', 'quick', 'history', 'sources'].map((c) => `kallyai search ${c}`),
  ...['accounts', 'connect', 'disconnect', 'list', 'read', 'respond', 'voice-profile', 'train-voice'].map((c) => `kallyai email ${c}`),
  ...['estimate', 'approve', 'breakdown', 'ack-cap'].map((c) => `kallyai budget ${c}`),
  ...['balance', 'history', 'costs', 'breakdown', 'plans'].map((c) => `kallyai credits ${c}`),
  ...['calls', 'call', 'transcript', 'recording', 'summary', 'analytics', 'transfer', 'takeover', 'reject', 'rules', 'add-rule', 'update-rule', 'delete-rule', 'voicemails', 'voicemail', 'voicemail-playback', 'contacts', 'add-contact', 'update-contact', 'delete-contact', 'import-contacts', 'events'].map((c) => `kallyai inbound ${c}`),
  ...['list', 'info', 'countries', 'available', 'provision', 'forwarding', 'remove-forwarding', 'verify-start', 'verify-check', 'caller-id', 'release'].map((c) => `kallyai phone ${c}`),
  ...['status', 'email-add', 'email-list', 'email-update', 'email-delete', 'email-verify', 'mailbox', 'connect', 'test', 'disconnect'].map((c) => `kallyai channels ${c}`),
  ...['tasks', 'task', 'create', 'retry', 'cancel'].map((c) => `kallyai outreach ${c}`),
  ...['status', 'change-plan', 'cancel-change'].map((c) => `kallyai subscription ${c}`),
  ...['code', 'stats', 'history'].map((c) => `kallyai referrals ${c}`),
  'kallyai notifications pending',
  // Hidden legacy flags (contract §8).
  'kallyai -p/-t', 'kallyai --usage', 'kallyai --subscription', 'kallyai --history', 'kallyai --call-info', 'kallyai --transcript',
];
