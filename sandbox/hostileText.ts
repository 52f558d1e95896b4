/** The run's hostile mode: once POST /sandbox/seed-hostile has run (until POST /sandbox/reset),
 *  every answer the sandbox writes itself — search results, restaurants, plan names, coordination
 *  replies, channel account names, the outcome of a call that ends — carries the seeded payloads
 *  instead of its usual words, so that a test can walk every surface with text nobody trusts.
 *  What the answers keep: their shape (the extension's schemas read them), their ids, numbers,
 *  dates and phone numbers (a surface may act on them), so only the text is hostile. */
import type { Sandbox } from './context';

export interface HostileText {
  /** As posted to /sandbox/seed-hostile (never empty). */
  readonly payloads: readonly string[];
  /** Every payload, joined by a space: for fields that hold a long text (a summary, a transcription). */
  readonly all: string;
}

/** Link targets that must never be followed, served as the websites of hostile search results
 *  (and wherever else an answer has a URL): script, local file, command and editor links. The
 *  command is the canary of test/shared/hostileText.json, which a host test registers to prove
 *  that it never runs. */
export const HOSTILE_URLS: readonly string[] = [
  'javascript:alert(document.domain)',
  'file:///etc/passwd',
  'command:kallyai.test.canary',
  'vscode://settings',
];

export function hostileText(payloads: readonly string[]): HostileText {
  return { payloads, all: payloads.join(' ') };
}

/** The payloads while the run is hostile, else undefined. */
export function hostileOf(sb: Sandbox): HostileText | undefined {
  return sb.hostile;
}

/** The payload at `i`, cycling (any whole number picks one). */
export function pick(h: HostileText, i: number): string {
  const n = h.payloads.length;
  return h.payloads[((i % n) + n) % n];
}

/** The hostile URL at `i`, cycling. */
export function hostileUrl(i: number): string {
  return HOSTILE_URLS[i % HOSTILE_URLS.length];
}

/** `text` as the sandbox words it, or while the run is hostile the payload at `i`. */
export function wording(sb: Sandbox, i: number, text: string): string {
  return sb.hostile ? pick(sb.hostile, i) : text;
}

/** An answer's `message` (a success sentence the extension may show), hostile while the run is. */
export function hostileMessage<T>(sb: Sandbox, i: number, body: T): T {
  if (!sb.hostile || !body || typeof body !== 'object' || typeof (body as { message?: unknown }).message !== 'string')
    return body;
  return { ...body, message: pick(sb.hostile, i) };
}
