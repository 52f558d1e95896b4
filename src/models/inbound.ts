/** How the extension reads what the receptionist handled (contract §5.3): who called (a contact's
 *  name when known, else the number as people read it), whether KallyAI is on the call right now,
 *  how it ended, its action items; voicemails and whether they were heard; call-handling rules in
 *  words. Shared by the Receptionist view, its pages, its commands and chat. No `vscode`. */
import type * as z from 'zod/mini';
import type {
  ActionItem,
  Contact as ContactSchema,
  InboundCall as InboundCallSchema,
  Rule as RuleSchema,
  Voicemail as VoicemailSchema,
} from '../api/schemas/inbound';
import { codeLabel, formatDuration, humanize, oneLine, phoneForPeople, shortDate, t } from '../format';

export type InboundCall = z.infer<typeof InboundCallSchema>;
export type Voicemail = z.infer<typeof VoicemailSchema>;
export type Rule = z.infer<typeof RuleSchema>;
export type Contact = z.infer<typeof ContactSchema>;

/** Statuses the Receptionist view can be filtered by (undefined: every call). */
export const INBOUND_FILTERS = ['completed', 'missed', 'rejected'] as const;
export type InboundFilter = (typeof INBOUND_FILTERS)[number];

const LIVE = new Set(['active', 'in_progress', 'ringing', 'live', 'answering']);

/** The call is going on right now (KallyAI answering it, or you on it after taking it over). */
export const isLive = (c: InboundCall) => LIVE.has(String(c.status ?? '').toLowerCase());

/** KallyAI itself is answering this call now: it can be taken over. */
export const isAnswering = (c: InboundCall) => isLive(c) && c.taken_over !== true;

/** A number reduced to its digits (to match "+1 201 555 0130" with "+12015550130"). */
const digits = (n: string | null | undefined) => (n ?? '').replace(/\D/g, '');

export function contactFor(number: string | null | undefined, contacts: readonly Contact[] = []): Contact | undefined {
  const d = digits(number);
  return d ? contacts.find((c) => digits(c.phone_number) === d) : undefined;
}

/** The caller's name: the call's own, else the contact's with that number. */
export function callerName(
  c: { caller_name?: string | null; caller_number?: string | null },
  contacts: readonly Contact[] = [],
): string | undefined {
  return c.caller_name?.trim() || contactFor(c.caller_number, contacts)?.name?.trim() || undefined;
}

/** "Alex Rivera", else "+1 201 555 0130", else "Unknown caller". Never an id. */
export function callerLabel(
  c: { caller_name?: string | null; caller_number?: string | null },
  contacts: readonly Contact[] = [],
): string {
  return callerName(c, contacts) ?? (c.caller_number ? phoneForPeople(c.caller_number) : t('Unknown caller'));
}

/** "Alex Rivera (+1 201 555 0130)" — what a consent names. */
export function callerWithNumber(
  c: { caller_name?: string | null; caller_number?: string | null },
  contacts: readonly Contact[] = [],
): string {
  const name = callerName(c, contacts);
  const number = c.caller_number ? phoneForPeople(c.caller_number) : undefined;
  return name && number ? t('{0} ({1})', name, number) : (name ?? number ?? t('an unknown caller'));
}

export function isVipCaller(c: InboundCall, contacts: readonly Contact[] = []): boolean {
  return c.is_vip === true || contactFor(c.caller_number, contacts)?.is_vip === true;
}

/** The status in a word or two: "Live", "Completed", "Missed", "Rejected". */
export function inboundStatusLabel(c: InboundCall): string {
  if (isLive(c)) return c.taken_over ? t('You are on the call') : t('Live');
  const status = String(c.status ?? '').toLowerCase();
  if (status === 'completed' && c.transferred_to) return codeLabel('inboundStatus', 'transferred');
  if (status === 'completed' && c.taken_over) return codeLabel('inboundStatus', 'taken_over');
  return codeLabel('inboundStatus', status || 'unknown');
}

/** How long the call has lasted (a live one: so far). */
export function callDuration(c: InboundCall, now = Date.now()): string | undefined {
  if (isLive(c) && c.created_at) {
    const started = Date.parse(c.created_at);
    if (Number.isFinite(started)) return formatDuration(Math.max(0, (now - started) / 1000));
  }
  return c.duration_seconds ? formatDuration(c.duration_seconds) : undefined;
}

/** A transcript and a recording exist once someone spoke. */
export const hasConversation = (c: InboundCall) =>
  !isLive(c) && String(c.status ?? '') !== 'missed' && (c.duration_seconds ?? 0) > 0;

export interface ActionItemView {
  readonly index: number;
  readonly text: string;
  readonly done: boolean;
  readonly status?: string;
}

export function actionItemsOf(c: InboundCall): ActionItemView[] {
  return (c.action_items ?? [])
    .map((item: z.infer<typeof ActionItem>, i): ActionItemView => {
      if (typeof item === 'string') return { index: i, text: item, done: false };
      const status = item.status ?? undefined;
      return {
        index: typeof item.index === 'number' ? item.index : i,
        text: item.description ?? item.text ?? '',
        done: status === 'completed' || status === 'done' || status === 'dismissed',
        status,
      };
    })
    .filter((a) => a.text);
}

/** "Alex Rivera — call, Nov 29": a tab title. */
export function inboundTabTitle(c: InboundCall, what: string, contacts: readonly Contact[] = []): string {
  const day = shortDate(c.created_at);
  return day
    ? t('{0} — {1}, {2}', callerLabel(c, contacts), what, day)
    : t('{0} — {1}', callerLabel(c, contacts), what);
}

// ---------- voicemails ----------

/** Not heard yet (every way a server says so). */
export function isNewVoicemail(v: Voicemail): boolean {
  if (v.unread === true) return true;
  if (v.listened === false || v.is_read === false || v.read === false) return true;
  if (v.listened === true || v.is_read === true || v.read === true || v.unread === false) return false;
  return String(v.status ?? '').toLowerCase() === 'new' || String(v.status ?? '').toLowerCase() === 'unread';
}

export const voicemailText = (v: Voicemail) => v.transcription ?? v.transcript ?? undefined;

export function voicemailPreview(v: Voicemail): string | undefined {
  const text = voicemailText(v);
  return text ? oneLine(text, 80) : undefined;
}

// ---------- rules ----------

const ACTION_LABELS: Record<string, () => string> = {
  transfer: () => t('Transfer the call'),
  forward: () => t('Transfer the call'),
  take_message: () => t('Take a message'),
  voicemail: () => t('Send to voicemail'),
  reject: () => t('Reject the call'),
  block: () => t('Reject the call'),
  answer: () => t('Answer with KallyAI'),
  notify: () => t('Answer and notify me'),
};

/** The rule actions the editor offers (the contract's set is open: others are kept as they are). */
export const RULE_ACTIONS = ['transfer', 'take_message', 'voicemail', 'reject', 'notify'] as const;

export function ruleActionLabel(action: string | null | undefined): string {
  const known = action ? ACTION_LABELS[action.toLowerCase()] : undefined;
  return known ? known() : humanize(action ?? 'unknown');
}

/** The action with its target: "Transfer the call to +1 201 555 0177". */
export function ruleActionText(rule: Rule): string {
  const target = ruleTarget(rule);
  return target ? t('{0} to {1}', ruleActionLabel(rule.action), phoneForPeople(target)) : ruleActionLabel(rule.action);
}

export function ruleTarget(rule: Rule): string | undefined {
  const config = rule.action_config ?? {};
  const target = config.target ?? config.target_number ?? config.forward_to ?? config.phone_number;
  return typeof target === 'string' && target ? target : undefined;
}

/** The conditions in words: "VIP callers; mentions offer, solar". Empty: every call. */
export function ruleConditionsText(conditions: Record<string, unknown> | null | undefined): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(conditions ?? {})) {
    if (value === null || value === undefined || value === false || (Array.isArray(value) && value.length === 0))
      continue;
    switch (key) {
      case 'caller_vip':
      case 'vip':
      case 'is_vip':
        parts.push(value === true ? t('VIP callers') : t('callers who are not VIPs'));
        break;
      case 'unknown_caller':
      case 'unknown_callers':
        parts.push(t('unknown callers'));
        break;
      case 'known_caller':
      case 'in_contacts':
        parts.push(t('callers in your contacts'));
        break;
      case 'keywords':
        parts.push(t('mentions {0}', (Array.isArray(value) ? value : [value]).map(String).join(', ')));
        break;
      case 'caller_number':
      case 'caller_numbers':
        parts.push(
          t(
            'calls from {0}',
            (Array.isArray(value) ? value : [value]).map((n) => phoneForPeople(String(n))).join(', '),
          ),
        );
        break;
      case 'time_range':
      case 'hours':
        parts.push(
          t(
            'during {0}',
            typeof value === 'object'
              ? Object.values(value as object)
                  .map(String)
                  .join('–')
              : String(value),
          ),
        );
        break;
      default:
        parts.push(
          typeof value === 'boolean'
            ? humanize(key)
            : `${humanize(key)}: ${Array.isArray(value) ? value.map(String).join(', ') : typeof value === 'object' ? JSON.stringify(value) : String(value)}`,
        );
    }
  }
  return parts.length ? parts.join('; ') : t('every call');
}

/** "When: VIP callers → Transfer the call to +1 201 555 0177". */
export function ruleSummary(rule: Rule): string {
  return t('{0} → {1}', ruleConditionsText(rule.conditions), ruleActionText(rule));
}

export const ruleName = (rule: Rule) => rule.name?.trim() || t('Unnamed rule');

export function sortRules(rules: readonly Rule[]): Rule[] {
  return [...rules].sort((a, b) => (a.priority ?? 1e9) - (b.priority ?? 1e9));
}

// ---------- contacts ----------

export const contactName = (c: Contact) =>
  c.name?.trim() || (c.phone_number ? phoneForPeople(c.phone_number) : t('Unnamed contact'));

export function sortContacts(contacts: readonly Contact[]): Contact[] {
  return [...contacts].sort(
    (a, b) => Number(b.is_vip === true) - Number(a.is_vip === true) || contactName(a).localeCompare(contactName(b)),
  );
}
