/** What a tool answers a model: a few lines of plain text — a lead sentence, then the answer's
 *  fields as indented `key: value` lines, long lists cut short — with no secrets and, unless the
 *  user asked for them, no full phone numbers. Errors and refusals are text the model can act on,
 *  never exceptions. No `vscode` import. */
import type { UserActionKind } from '../api/errorCodes';
import { maskPhoneNumbers, redactSecrets } from '../api/redact';
import { visibleText } from '../format/sinks';

const MAX_CHARS = 8_000;
const MAX_ITEMS = 25;
const MAX_DEPTH = 5;
const MAX_VALUE = 1_500;
/** Fields never shown to a model. */
const HIDDEN_KEY = /token|secret|password|signature|api_?key|credential/i;

export interface ModelTextOptions {
  /** The user asked for phone numbers in full. */
  readonly fullNumbers?: boolean;
}

export function modelText(lead: string | undefined, data: unknown, options: ModelTextOptions = {}): string {
  const lines: string[] = [];
  if (lead) lines.push(lead);
  if (data !== undefined && data !== null && !(typeof data === 'object' && Object.keys(data).length === 0))
    write(lines, data, 0, '');
  else if (!lead) lines.push('Done.');
  let text = lines.join('\n');
  if (text.length > MAX_CHARS) text = `${text.slice(0, MAX_CHARS)}\n… (cut short; ask for fewer items)`;
  return clean(text, options);
}

/** Secrets removed; invisible characters dropped (a bidi control or a tag character can hide words
 *  from the person who reads the tool's answer beside the model); phone numbers masked unless asked. */
export function clean(text: string, options: ModelTextOptions = {}): string {
  const safe = redactSecrets(visibleText(text));
  return options.fullNumbers ? safe : maskPhoneNumbers(safe);
}

function scalar(value: unknown): string {
  const text = String(value).replace(/\s+/g, ' ').trim();
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text;
}

function isScalar(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function write(lines: string[], value: unknown, depth: number, indent: string): void {
  if (depth > MAX_DEPTH) {
    lines.push(`${indent}…`);
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      lines.push(`${indent}(none)`);
      return;
    }
    for (const item of value.slice(0, MAX_ITEMS)) {
      if (isScalar(item)) {
        lines.push(`${indent}- ${scalar(item)}`);
        continue;
      }
      const inner: string[] = [];
      write(inner, item, depth + 1, `${indent}  `);
      if (inner.length) lines.push(`${indent}- ${inner[0].trimStart()}`, ...inner.slice(1));
    }
    if (value.length > MAX_ITEMS) lines.push(`${indent}… and ${value.length - MAX_ITEMS} more`);
    return;
  }
  if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (HIDDEN_KEY.test(key) || v === undefined || v === null || v === '') continue;
      if (isScalar(v)) {
        lines.push(`${indent}${key}: ${scalar(v)}`);
      } else if (Array.isArray(v) && v.length === 0) {
        lines.push(`${indent}${key}: (none)`);
      } else {
        lines.push(`${indent}${key}:`);
        write(lines, v, depth + 1, `${indent}  `);
      }
    }
    return;
  }
  if (value !== undefined) lines.push(`${indent}${scalar(value)}`);
}

const NEXT_STEP: Partial<Record<UserActionKind, string>> = {
  signIn: 'The user must sign in to KallyAI first (command "KallyAI: Sign In"). Ask them to, then try again.',
  openPricing: 'The user needs more credits or another plan. Tell them; do not retry.',
  openCheckout: 'The user must finish the checkout of their plan first. Tell them.',
  approveBudget: "The goal's budget needs the user's approval (Goals view or the goal page). Tell them.",
  acknowledgeSoftCap: 'The goal reached its spending cap; the user must acknowledge it. Tell them.',
  connectEmail: 'The user must connect an email account first ("KallyAI: Connect Email"). Tell them.',
  provisionNumber: 'The user needs a KallyAI phone number first. Tell them.',
  chooseAnotherNumber: 'This number cannot be called. Ask the user for another number.',
  editRequest: 'Fix the input as the message says and try again, or ask the user for what is missing.',
  retry: 'A temporary problem: try again in a moment, once.',
  cancelPendingChange: 'The user already has a plan change pending. Tell them.',
  contactSupport: "An unexpected problem on KallyAI's side. Tell the user; do not retry.",
};

export function errorText(
  error: { code: string; sentence: string; action: UserActionKind },
  options: ModelTextOptions = {},
): string {
  const next = NEXT_STEP[error.action];
  return clean(`Not done: ${error.sentence} (error code: ${error.code})${next ? `\n${next}` : ''}`, options);
}

export function declinedText(question: string): string {
  return clean(
    `The user declined ("${question}"): nothing was done and nothing was sent. Do not try again unless the user asks.`,
  );
}

export function unavailableText(reason: string): string {
  return clean(`Not done: ${reason}`);
}
