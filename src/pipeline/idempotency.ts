/** A request whose answer was lost may have gone through: the Idempotency-Key of that attempt is
 *  kept for a while by operation and input, so that repeating the same request (Retry, the same
 *  call placed again, an agent invoking the same tool) sends the same key and the server answers
 *  with what it already did instead of doing it twice. Only for operations that create something
 *  (`op.creates`: the client sends a key with each of them). No `vscode`. */
import { randomUUID } from 'node:crypto';

const KEEP_MS = 30 * 60_000;

/** Codes that leave the outcome unknown: the request may have reached the server. */
export function mayHaveGoneThrough(code: string): boolean {
  return ['network_error', 'timeout', 'invalid_response', 'response_too_large', 'internal_error', 'bad_gateway', 'service_unavailable', 'gateway_timeout'].includes(code)
    || /^http_5\d\d$/.test(code);
}

export class IdempotencyKeys {
  private readonly keys = new Map<string, { key: string; at: number }>();

  /** The key of a lost attempt with this very input, else a new one. */
  keyFor(opId: string, input: unknown): { key: string; reused: boolean } {
    this.prune();
    const kept = this.keys.get(fingerprint(opId, input));
    return kept ? { key: kept.key, reused: true } : { key: randomUUID(), reused: false };
  }

  remember(opId: string, input: unknown, key: string): void {
    this.keys.set(fingerprint(opId, input), { key, at: Date.now() });
  }

  forget(opId: string, input: unknown): void {
    this.keys.delete(fingerprint(opId, input));
  }

  private prune(): void {
    const now = Date.now();
    for (const [k, v] of this.keys) if (now - v.at > KEEP_MS) this.keys.delete(k);
  }
}

function fingerprint(opId: string, input: unknown): string {
  return `${opId} ${JSON.stringify(input)}`;
}
