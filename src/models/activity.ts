/** How the extension reads the action log (contract §5.5) and outreach tasks (§5.10): what kind
 *  of action, what it made (the event, the booking), whether it can still be undone; who a task
 *  contacts, over which channel, and whether it can be retried or cancelled. No `vscode`. */
import { ACTION_TYPES, type ActionLogEntry } from '../api/schemas/actions';
import type { OutreachTask } from '../api/schemas/outreach';
import { codeLabel, humanize, oneLine, phoneForPeople, t } from '../format';

export type ActionType = (typeof ACTION_TYPES)[number];

export function actionTypeLabel(type: string | null | undefined): string {
  switch (type) {
    case 'calendar':
      return t('Calendar');
    case 'booking':
      return t('Booking');
    case 'bill':
      return t('Bill');
    case 'ride':
      return t('Ride');
    case 'food':
      return t('Food');
    case 'errand':
      return t('Errand');
    case 'email':
      return t('Email');
    default:
      return humanize(type) || t('Action');
  }
}

/** A codicon per kind of action. */
export function actionIcon(type: string | null | undefined): string {
  switch (type) {
    case 'calendar':
      return 'calendar';
    case 'booking':
      return 'bookmark';
    case 'bill':
      return 'law';
    case 'ride':
      return 'rocket';
    case 'food':
      return 'coffee';
    case 'errand':
      return 'checklist';
    case 'email':
      return 'mail';
    default:
      return 'zap';
  }
}

const FINISHED = new Set(['undone', 'cancelled', 'deleted', 'reverted', 'failed']);

/** The id of what the action made (its calendar event, its booking), when the log names it. */
export function actionTargetId(a: ActionLogEntry): string | undefined {
  return a.target_id ?? a.event_id ?? a.booking_id ?? undefined;
}

/** The server says it can be undone, and it was not undone (or deleted) since. */
export function isUndoable(a: ActionLogEntry): boolean {
  return a.undoable === true && !FINISHED.has(a.status ?? '');
}

/** A calendar event KallyAI added and that is still there, with its id. */
export function isLiveCalendarEvent(a: ActionLogEntry): boolean {
  return a.type === 'calendar' && !!actionTargetId(a) && !FINISHED.has(a.status ?? '');
}

/** A booking KallyAI made that is not cancelled, with its id. */
export function isLiveBooking(a: ActionLogEntry): boolean {
  return a.type === 'booking' && !!actionTargetId(a) && !FINISHED.has(a.status ?? '');
}

export function actionLabel(a: ActionLogEntry): string {
  return oneLine(a.description || actionTypeLabel(a.type), 80);
}

/** The context-value tokens of an action's tree item (package.json menus match them). */
export function actionContextValue(a: ActionLogEntry): string {
  return [
    'action',
    isUndoable(a) ? 'undoable' : '',
    isLiveCalendarEvent(a) ? 'calendarEvent' : '',
    isLiveBooking(a) ? 'liveBooking' : '',
  ]
    .filter(Boolean)
    .join(' ');
}

// ---------- outreach ----------

export function channelLabel(channel: string | null | undefined): string {
  switch (channel) {
    case 'call':
      return t('Call');
    case 'sms':
      return t('SMS');
    case 'email':
      return t('Email');
    case 'whatsapp':
      return 'WhatsApp';
    case 'telegram':
      return 'Telegram';
    default:
      return humanize(channel) || t('Best channel');
  }
}

export function channelIcon(channel: string | null | undefined): string {
  switch (channel) {
    case 'call':
      return 'call-outgoing';
    case 'email':
      return 'mail';
    case 'sms':
    case 'whatsapp':
    case 'telegram':
      return 'comment';
    default:
      return 'broadcast';
  }
}

export function outreachStatusLabel(status: string | null | undefined): string {
  return codeLabel('outreachStatus', status) || t('Unknown');
}

export function outreachStatusIcon(status: string | null | undefined): string {
  switch (status) {
    case 'pending':
      return 'clock';
    case 'in_progress':
      return 'sync~spin';
    case 'completed':
      return 'pass';
    case 'failed':
      return 'error';
    case 'cancelled':
      return 'circle-slash';
    default:
      return 'circle-outline';
  }
}

/** Who the task contacts: the name, else the number as people read it, else the address. Never the id. */
export function taskRecipient(task: OutreachTask): string {
  const id = task.recipient_identifier ?? undefined;
  return task.recipient_name || (id ? phoneForPeople(id) : '') || t('Someone');
}

export function taskLabel(task: OutreachTask): string {
  return oneLine(task.goal || taskRecipient(task), 80);
}

export const isRetryable = (task: OutreachTask) => task.status === 'failed' || task.status === 'cancelled';
export const isCancellable = (task: OutreachTask) => task.status === 'pending' || task.status === 'in_progress';

export function taskContextValue(task: OutreachTask): string {
  return ['outreachTask', isRetryable(task) ? 'retryable' : '', isCancellable(task) ? 'cancellable' : '']
    .filter(Boolean)
    .join(' ');
}

/** The channel a task went (or goes) over. */
export function taskChannel(task: OutreachTask): string | undefined {
  return task.completed_via_channel ?? task.selected_channel ?? task.attempts?.at(-1)?.channel ?? undefined;
}

/** The budget estimate type of a contact over a channel: a call, or a written message (priced as an email). */
export function estimateTypeOfChannel(channel: string | null | undefined, target?: string | null): 'call' | 'email' {
  if (channel) return channel === 'call' ? 'call' : 'email';
  return target?.includes('@') ? 'email' : 'call';
}
